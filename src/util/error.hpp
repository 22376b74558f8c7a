#pragma once

#include <stdexcept>
#include <string>

namespace replylint {

/// Thrown by loaders (message, config, rule data) for input that cannot be used at all.
/// `line` is 0 when the problem has no line. The driver prints it as one line:
/// `replylint: error: PATH[:LINE]: MESSAGE` and goes on with the next input.
struct InputError : std::runtime_error {
  InputError(std::string path_, int line_, const std::string& message)
      : std::runtime_error(message), path(std::move(path_)), line(line_) {}
  std::string path;
  int line = 0;

  /// "path:line: message" (or "path: message" without a line).
  std::string describe() const {
    return line > 0 ? path + ":" + std::to_string(line) + ": " + what() : path + ": " + what();
  }
};

}  // namespace replylint
