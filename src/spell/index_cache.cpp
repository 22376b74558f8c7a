#include "spell/index_cache.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/notice.hpp"

namespace replylint::spell {

namespace fs = std::filesystem;

std::string prepare_cache_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string reason;
  if (ec) {
    reason = ec.message();
  } else if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0) {
    reason = std::strerror(errno);
  } else {
    return "";
  }
  // Said once, not once per dictionary: without it every run would compile the indexes again
  // (seconds and 150 MB each time) and never say why it is slow.
  util::notice_once(fmt::format(
      "cannot write to the word index cache {}: {}; checking with Hunspell directly, which is "
      "slower (set REPLYLINT_CACHE_DIR to a writable folder)",
      dir.string(), reason));
  return fmt::format("cannot write to the word index cache {}: {}", dir.string(), reason);
}

int remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  int removed = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.find(".idx.tmp") == std::string::npos) continue;
    std::error_code entry_ec;
    const auto written = fs::last_write_time(it->path(), entry_ec);
    if (entry_ec || now - written < k_stale_temporary_age) continue;
    if (fs::remove(it->path(), entry_ec)) ++removed;
  }
  return removed;
}

}  // namespace replylint::spell
