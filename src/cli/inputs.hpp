#pragma once

#include <string>
#include <vector>

namespace replylint::cli {

/// One input named on the command line, after directories are expanded.
struct Input {
  std::string path;    // a file path, or "-" for stdin
  std::string error;   // set when the path cannot be used (missing, empty folder, …)
};

/// Expands PATH arguments: files as given, "-" as stdin, folders walked recursively for files
/// ending in one of `extensions` (sorted, so output is deterministic). A missing path or a
/// folder with no drafts becomes an Input with `error` set.
std::vector<Input> expand_inputs(const std::vector<std::string>& paths,
                                 const std::vector<std::string>& extensions = {".eml", ".txt"});

}  // namespace replylint::cli
