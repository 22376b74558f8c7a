#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace replylint::engine {

/// One input to check, after folders are expanded.
struct Input {
  std::string path;   // a file path as the user will see it, or "-" for stdin
  std::string error;  // set when the path cannot be used (missing, empty folder, …)
  std::optional<std::string> bytes;   // the content, when it is not read from `path` (stdin)
  std::filesystem::path config_path;  // for `bytes`: config and overrides apply as for this name
  bool maildir = false;  // `path` is a Maildir folder named on the command line (docs/mailbox.md)
};

/// The include globs a folder walk uses when the config sets none.
const std::vector<std::string>& default_include();

/// Returns the config that governs the files of `folder` (walk-up or --config). May throw
/// InputError for a config that cannot be loaded.
using ConfigLookup =
    std::function<std::shared_ptr<const config::Config>(const std::filesystem::path& folder)>;

/// Expands PATH arguments:
/// - "-" stays as it is (stdin); a file named explicitly is always kept, whatever the globs say;
/// - a folder is walked recursively. A file is kept when it matches one of the governing
///   config's `include` globs (default_include() when it has none) and none of its `exclude`
///   globs; a folder matching an `exclude` glob is not entered. Globs match the path relative
///   to the config file's folder (relative to the walked argument when the config has no file
///   or the path lies outside its folder).
/// - Hidden files and folders (".git", ".cache", ".x.txt") are skipped below the argument;
///   symbolic links are followed, but a folder already walked (by its canonical path) is never
///   entered again, so link loops end.
/// - Each argument's files come sorted by path; a file found twice is kept once.
/// A missing path, an unreadable folder or a folder with no matching file becomes an Input with
/// `error` set. A config that cannot be loaded keeps the file (with the default globs) so that
/// checking it reports the config error.
/// With `force_exclude`, a file named explicitly is left out too when its config's `exclude`
/// globs match it (for pre-commit and editors, which name every file themselves).
std::vector<Input> expand_inputs(const std::vector<std::string>& paths,
                                 const ConfigLookup& config_for, bool force_exclude = false);

}  // namespace replylint::engine
