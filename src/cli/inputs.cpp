#include "cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace replylint::cli {

namespace fs = std::filesystem;

std::vector<Input> expand_inputs(const std::vector<std::string>& paths,
                                 const std::vector<std::string>& extensions) {
  std::vector<Input> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back({path, {}});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.push_back({path, "no such file or folder"});
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back({path, {}});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code entry_ec;
      if (!it->is_regular_file(entry_ec)) continue;
      const std::string ext = it->path().extension().string();
      if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end())
        found.push_back(it->path().string());
    }
    if (ec) {
      out.push_back({path, "cannot read folder: " + ec.message()});
      continue;
    }
    if (found.empty()) {
      out.push_back({path, "folder holds no drafts (*.eml, *.txt)"});
      continue;
    }
    std::sort(found.begin(), found.end());
    for (std::string& f : found) out.push_back({std::move(f), {}});
  }
  return out;
}

}  // namespace replylint::cli
