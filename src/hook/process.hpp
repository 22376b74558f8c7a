#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace replylint::hook {

/// Reads `fd` to end of file, byte for byte. Throws std::system_error when a read fails.
std::string read_all(int fd);

/// Reads `fd` to end of file or until `max_bytes` bytes are read, whichever comes first: an
/// endless input costs `max_bytes` of memory, no more. Throws std::system_error when a read fails.
std::string read_up_to(int fd, std::uint64_t max_bytes);

/// Thrown by run_with_input() and capture_output() when the command cannot be started at all
/// (not found, not executable). `code` holds the errno of the failed exec.
struct StartError : std::system_error {
  StartError(std::string program_, std::error_code code)
      : std::system_error(code, "cannot run '" + program_ + "'"), program(std::move(program_)) {}
  std::string program;
};

/// Runs `argv` (argv[0] searched in PATH when it has no '/'), with exactly `input` written to
/// its stdin (an anonymous memory file holding all of `input` before the command starts, or a pipe
/// where memfd_create is missing) and this process's stdout and stderr. Returns its exit status, or
/// 128 + the signal number when a signal ended it. If the command exits without reading all of
/// `input`, the rest is dropped and its status is still returned. Throws StartError when it
/// cannot be started; std::invalid_argument for an empty `argv`.
int run_with_input(const std::vector<std::string>& argv, std::string_view input);

/// The status and standard output of `argv`, run with stdin and stderr on /dev/null.
struct Captured {
  int status = -1;  // as run_with_input() returns it
  std::string out;
};

/// Runs `argv` and collects its stdout. Throws StartError when it cannot be started.
Captured capture_output(const std::vector<std::string>& argv);

/// Absolute path of the running executable (/proc/self/exe). Throws std::system_error.
std::string self_executable();

}  // namespace replylint::hook
