#pragma once
// Runs programs as a user or a script does, for tests at the level of the built binary: a shell
// command with its stdin from a string, stdout and stderr captured, in a chosen folder.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace replylint::test {

namespace fs = std::filesystem;

/// Debian's interpreter, where python3-jsonschema is installed; a python3 earlier on PATH (pyenv,
/// a virtualenv) may lack it or carry another version.
inline constexpr const char* k_debian_python = "/usr/bin/python3";

struct Run {
  int status = -1;  // exit status, -1 when killed by a signal
  std::string out;
  std::string err;
};

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The source tree's top folder.
inline fs::path project_dir() { return fs::path(REPLYLINT_EXAMPLES_DIR).parent_path(); }

/// A fresh folder under the system temp folder, unique to this process and `name`.
inline fs::path scratch_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("replylint-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// `text` quoted for sh.
inline std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs `command` with sh in `cwd`, `stdin_text` on its stdin.
inline Run run_shell(const std::string& command, const std::string& stdin_text = "",
                     const fs::path& cwd = project_dir()) {
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path() / ("replylint-run-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string id = std::to_string(counter++);
  const fs::path in = dir / ("in" + id), out = dir / ("out" + id), err = dir / ("err" + id);
  std::ofstream(in, std::ios::binary) << stdin_text;
  const std::string full = "cd " + shell_quote(cwd.string()) + " && (" + command + ") <" +
                           shell_quote(in.string()) + " >" + shell_quote(out.string()) + " 2>" +
                           shell_quote(err.string());
  const int raw = std::system(full.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

/// Runs the built `replylint ARGS` (NO_COLOR set) in `cwd`.
inline Run run_replylint(const std::string& args, const std::string& stdin_text = "",
                         const fs::path& cwd = project_dir()) {
  return run_shell("NO_COLOR=1 " + shell_quote(REPLYLINT_BINARY) + " " + args, stdin_text, cwd);
}

}  // namespace replylint::test
