#include "engine/inputs.hpp"

#include <algorithm>
#include <set>
#include <system_error>

#include "message/mbox.hpp"
#include "util/error.hpp"

namespace replylint::engine {
namespace {

namespace fs = std::filesystem;

bool is_hidden(const fs::path& name) {
  const std::string s = name.string();
  return s.size() > 1 && s[0] == '.' && s != "..";
}

// One argument's walk.
class Walker {
 public:
  Walker(const fs::path& root, const ConfigLookup& config_for)
      : m_root(root), m_config_for(config_for) {}

  std::vector<std::string> files;
  std::vector<Input> errors;

  // True when the config governing `file`'s folder excludes it.
  bool excluded_file(const fs::path& file) {
    const Globs globs = globs_for(m_root);
    return excluded(globs, relative(globs, file), false);
  }

  void walk(const fs::path& folder) {
    std::error_code ec;
    const fs::path real = fs::canonical(folder, ec);
    if (!ec && !m_visited.insert(real).second) return;  // a link back to a folder already walked
    std::vector<fs::directory_entry> entries;
    fs::directory_iterator it(folder, ec), end;
    for (; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) {
      errors.push_back({folder.string(), "cannot read folder: " + ec.message(), {}, {}});
      return;
    }
    // Entries share their folder, so comparing whole paths as strings orders them as comparing
    // their names, as path's component-wise comparison does, without splitting each path.
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) {
                return a.path().native() < b.path().native();
              });
    const Globs globs = globs_for(folder);
    // Every entry's glob path is this folder's plus its name: worked out once per folder.
    const Relative base = relative_folder(globs, folder);
    for (const fs::directory_entry& entry : entries) {
      const fs::path name = entry.path().filename();
      if (is_hidden(name)) continue;
      std::error_code entry_ec;
      // The type read with the folder listing, except for links (followed) and unknown types.
      fs::file_type type = entry.symlink_status(entry_ec).type();
      if (!entry_ec && (type == fs::file_type::symlink || type == fs::file_type::unknown))
        type = fs::status(entry.path(), entry_ec).type();
      if (entry_ec) continue;  // a dangling link
      const std::string rel = base.join(name.string());
      if (type == fs::file_type::directory) {
        if (!excluded(globs, rel, true)) walk(entry.path());
      } else if (type == fs::file_type::regular) {
        // A file's own folder decides its config; that is `folder` here.
        if (included(globs, rel) && !excluded(globs, rel, false))
          files.push_back(shown(entry.path()));
      }
    }
  }

 private:
  struct Globs {
    std::shared_ptr<const config::Config> config;
  };

  Globs globs_for(const fs::path& folder) {
    try {
      return {m_config_for(folder)};
    } catch (const InputError&) {
      return {nullptr};  // checking the files reports the broken config
    }
  }

  // `path` relative to the config's folder, else to the walked argument, '/'-separated.
  std::string relative(const Globs& globs, const fs::path& path) const {
    std::error_code ec;
    const fs::path target = fs::absolute(path, ec).lexically_normal();
    if (globs.config && !globs.config->source.empty()) {
      const fs::path base = fs::absolute(globs.config->source, ec).parent_path().lexically_normal();
      const fs::path rel = target.lexically_relative(base);
      if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
    }
    const fs::path base = fs::absolute(m_root, ec).lexically_normal();
    return target.lexically_relative(base).generic_string();
  }

  // A folder's relative path (as relative() gives it), to which its entries' names are joined:
  // relative(folder / name) is relative(folder) + "/" + name, or name when the folder is the
  // base itself (".").
  struct Relative {
    std::string folder;
    std::string join(const std::string& name) const {
      return folder.empty() || folder == "." ? name : folder + "/" + name;
    }
  };
  Relative relative_folder(const Globs& globs, const fs::path& folder) const {
    return {relative(globs, folder)};
  }

  bool included(const Globs& globs, const std::string& rel) const {
    const std::vector<std::string>& patterns =
        globs.config && !globs.config->include.empty() ? globs.config->include : default_include();
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& glob) { return config::glob_match(glob, rel); });
  }

  bool excluded(const Globs& globs, const std::string& rel, bool folder) const {
    if (!globs.config) return false;
    return std::any_of(
        globs.config->exclude.begin(), globs.config->exclude.end(), [&](const std::string& glob) {
          return config::glob_match(glob, rel) || (folder && config::glob_match(glob, rel + "/"));
        });
  }

  // "./a.txt" for a walk of "." reads better as "a.txt".
  static std::string shown(const fs::path& path) {
    std::string s = path.string();
    while (s.size() > 2 && s[0] == '.' && s[1] == '/') s.erase(0, 2);
    return s;
  }

  fs::path m_root;
  const ConfigLookup& m_config_for;
  std::set<fs::path> m_visited;
};

}  // namespace

const std::vector<std::string>& default_include() {
  static const std::vector<std::string> globs = {"**/*.eml", "**/*.txt"};
  return globs;
}

std::vector<Input> expand_inputs(const std::vector<std::string>& paths,
                                 const ConfigLookup& config_for, bool force_exclude) {
  std::vector<Input> out;
  std::set<std::string> seen;
  // A path with no "." or ".." component and no doubled '/' is already lexically normal (what a
  // folder walk gives): only the others are normalised for the duplicate check.
  auto normal_key = [](const std::string& path) {
    const bool plain =
        path != "." && path != ".." && path.rfind("./", 0) != 0 && path.rfind("../", 0) != 0 &&
        path.find("//") == std::string::npos && path.find("/./") == std::string::npos &&
        path.find("/../") == std::string::npos && !path.ends_with("/.") && !path.ends_with("/..");
    return plain ? path : fs::path(path).lexically_normal().string();
  };
  auto add = [&](std::string path) {
    const std::string key = normal_key(path);
    if (seen.insert(key).second) out.push_back({std::move(path), {}, {}, {}});
  };
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back({path, {}, {}, {}});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.push_back({path, "no such file or folder", {}, {}});
      continue;
    }
    if (!fs::is_directory(status)) {
      fs::path folder = fs::path(path).parent_path();
      if (folder.empty()) folder = ".";
      if (!force_exclude || !Walker(folder, config_for).excluded_file(path)) add(path);
      continue;
    }
    // A Maildir is a mailbox, not a folder of drafts: its messages are checked as one input.
    if (message::is_maildir(path)) {
      if (seen.insert(normal_key(path)).second) out.push_back({path, {}, {}, {}, true});
      continue;
    }
    Walker walker(path, config_for);
    walker.walk(path);
    std::sort(walker.files.begin(), walker.files.end());
    if (walker.files.empty() && walker.errors.empty()) {
      out.push_back(
          {path,
           "folder holds no drafts matching the include globs (default: **/*.eml, **/*.txt)",
           {},
           {}});
      continue;
    }
    for (std::string& f : walker.files) add(std::move(f));
    for (Input& e : walker.errors) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace replylint::engine
