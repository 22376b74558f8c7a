// fork/exec plumbing for the pre-send hook: the message goes to the real sendmail through an
// anonymous memory file (or a pipe where there is no memfd), never through a temporary file, so
// nothing of it is left on disk.
#include "hook/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <stdexcept>

namespace replylint::hook {
namespace {

std::system_error os_error(const char* what) {
  return std::system_error(errno, std::generic_category(), what);
}

int decode_status(int raw) {
  if (WIFEXITED(raw)) return WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
  return 1;
}

int wait_for(pid_t pid) {
  int raw = 0;
  while (::waitpid(pid, &raw, 0) < 0) {
    if (errno != EINTR) throw os_error("waitpid");
  }
  return decode_status(raw);
}

void close_quietly(int fd) {
  if (fd >= 0) ::close(fd);
}

// Forks and execs `argv` with `stdin_fd`, `stdout_fd` and `stderr_fd` (-1: inherit) as its
// stdin, stdout and stderr.
// A close-on-exec pipe carries the exec's errno back, so a command that cannot start is told
// apart from one that starts and fails.
pid_t spawn(const std::vector<std::string>& argv, int stdin_fd, int stdout_fd, int stderr_fd,
            const std::vector<int>& close_in_child) {
  if (argv.empty()) throw std::invalid_argument("empty command");
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) throw os_error("pipe");
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) {
    close_quietly(report[0]);
    close_quietly(report[1]);
    throw os_error("fork");
  }
  if (pid == 0) {
    ::close(report[0]);
    for (int fd : close_in_child) ::close(fd);
    if (stdin_fd >= 0 && stdin_fd != STDIN_FILENO) ::dup2(stdin_fd, STDIN_FILENO);
    if (stdout_fd >= 0 && stdout_fd != STDOUT_FILENO) ::dup2(stdout_fd, STDOUT_FILENO);
    if (stderr_fd >= 0) ::dup2(stderr_fd, STDERR_FILENO);
    ::signal(SIGPIPE, SIG_DFL);
    ::execvp(args[0], args.data());
    const int err = errno;
    [[maybe_unused]] const auto n = ::write(report[1], &err, sizeof err);
    ::_exit(127);
  }
  ::close(report[1]);
  int err = 0;
  ssize_t got;
  do {
    got = ::read(report[0], &err, sizeof err);
  } while (got < 0 && errno == EINTR);
  ::close(report[0]);
  if (got == static_cast<ssize_t>(sizeof err)) {
    wait_for(pid);
    throw StartError(argv[0], std::error_code(err, std::generic_category()));
  }
  return pid;
}

}  // namespace

std::string read_all(int fd) { return read_up_to(fd, UINT64_MAX); }

std::string read_up_to(int fd, std::uint64_t max_bytes) {
  std::string out;
  char buffer[65536];
  while (out.size() < max_bytes) {
    const auto want =
        static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buffer, max_bytes - out.size()));
    const ssize_t n = ::read(fd, buffer, want);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      return out;
    } else if (errno != EINTR) {
      throw os_error("read");
    }
  }
  return out;
}

// The whole of `input` in an anonymous in-memory file (memfd: never on disk), positioned at its
// start; -1 when the kernel has no memfd_create.
int memory_file(std::string_view input) {
  const int fd = ::memfd_create("replylint-message", MFD_CLOEXEC);
  if (fd < 0) return -1;
  std::size_t done = 0;
  while (done < input.size()) {
    const ssize_t n = ::write(fd, input.data() + done, input.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (!(n < 0 && errno == EINTR)) {
      ::close(fd);
      return -1;
    }
  }
  if (::lseek(fd, 0, SEEK_SET) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

int run_with_input(const std::vector<std::string>& argv, std::string_view input) {
  // The command gets the whole message before it starts: if replylint is killed while the real
  // sendmail runs, that sendmail still reads every byte, never a truncated message.
  if (const int fd = memory_file(input); fd >= 0) {
    pid_t pid;
    try {
      pid = spawn(argv, fd, -1, -1, {});
    } catch (...) {
      ::close(fd);
      throw;
    }
    ::close(fd);
    return wait_for(pid);
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw os_error("pipe");
  pid_t pid;
  try {
    pid = spawn(argv, pipe_fds[0], -1, -1, {pipe_fds[1]});
  } catch (...) {
    close_quietly(pipe_fds[0]);
    close_quietly(pipe_fds[1]);
    throw;
  }
  ::close(pipe_fds[0]);
  // A command that exits early must not kill us with SIGPIPE: its status is what we report.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  std::size_t done = 0;
  while (done < input.size()) {
    const ssize_t n = ::write(pipe_fds[1], input.data() + done, input.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EPIPE: the command closed its stdin
    }
  }
  ::close(pipe_fds[1]);
  ::sigaction(SIGPIPE, &previous, nullptr);
  return wait_for(pid);
}

Captured capture_output(const std::vector<std::string>& argv) {
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) throw os_error("/dev/null");
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    ::close(null_fd);
    throw os_error("pipe");
  }
  pid_t pid;
  try {
    pid = spawn(argv, null_fd, pipe_fds[1], null_fd, {pipe_fds[0]});
  } catch (...) {
    close_quietly(null_fd);
    close_quietly(pipe_fds[0]);
    close_quietly(pipe_fds[1]);
    throw;
  }
  ::close(null_fd);
  ::close(pipe_fds[1]);
  Captured out;
  try {
    out.out = read_all(pipe_fds[0]);
  } catch (...) {
    ::close(pipe_fds[0]);
    wait_for(pid);
    throw;
  }
  ::close(pipe_fds[0]);
  out.status = wait_for(pid);
  return out;
}

std::string self_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::system_error(ec, "/proc/self/exe");
  return path.string();
}

}  // namespace replylint::hook
