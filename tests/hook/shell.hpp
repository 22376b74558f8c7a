#pragma once
// Runs shell scripts for the pre-send hook's end-to-end tests: real programs, real pipes, a
// throwaway folder and a HOME of its own so no user or system configuration leaks in.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace replylint::test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

/// A fresh folder under the system temp folder, removed at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("replylint-hook-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

struct Shell {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs `script` with /bin/sh in `dir`, HOME=`dir`, git's system config off, no colour, and
/// $REPLYLINT the built binary; `input` on stdin.
inline Shell sh(const fs::path& dir, const std::string& script, const std::string& input = "") {
  static int counter = 0;
  const std::string id = std::to_string(counter++);
  const fs::path in = dir / (".in" + id), out = dir / (".out" + id), err = dir / (".err" + id),
                 file = dir / (".script" + id);
  spit(in, input);
  spit(file, script);
  const std::string command =
      "cd '" + dir.string() + "' && HOME='" + dir.string() + "' XDG_CONFIG_HOME='" + dir.string() +
      "' GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 REPLYLINT='" REPLYLINT_BINARY "' /bin/sh '" +
      file.string() + "' <'" + in.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());
  Shell r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  fs::remove(in);
  fs::remove(out);
  fs::remove(err);
  fs::remove(file);
  return r;
}

/// True when `program` is on PATH.
inline bool have(const std::string& program) {
  return std::system(("command -v '" + program + "' >/dev/null 2>&1").c_str()) == 0;
}

/// A stand-in for /usr/sbin/sendmail: stores its arguments (one a line) in NAME.args and its
/// stdin in NAME.out, then exits with $FAKE_STATUS (default 0).
inline fs::path fake_sendmail(const fs::path& dir, const std::string& name = "fake-sendmail") {
  const fs::path path = dir / name;
  spit(
      path,
      "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.args\"\ncat > \"$0.out\"\nexit ${FAKE_STATUS:-0}\n");
  fs::permissions(path, fs::perms::owner_all);
  return path;
}

/// `record FILE COMMAND...`: saves its stdin in FILE, then runs COMMAND with it, so a test can
/// compare what a mail program gave replylint with what the real sendmail received.
inline fs::path recorder(const fs::path& dir) {
  const fs::path path = dir / "record";
  spit(path, "#!/bin/sh\nf=$1; shift\ncat > \"$f\"\nexec \"$@\" < \"$f\"\n");
  fs::permissions(path, fs::perms::owner_all);
  return path;
}

}  // namespace replylint::test
