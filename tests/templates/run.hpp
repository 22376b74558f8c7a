// Runs the built replylint (or any command) through the shell and captures what it did.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace replylint::test {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A fresh folder under the system temp folder, unique to this process and `name`.
inline std::filesystem::path temp_folder(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("replylint-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs `command` with `sh -c` in `cwd`, stdin from `stdin_text`; NO_COLOR is set.
inline Run run_shell(const std::string& command, const std::filesystem::path& cwd,
                     const std::string& stdin_text = "") {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("replylint-run-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string id = std::to_string(counter++);
  const auto in = dir / ("in" + id), out = dir / ("out" + id), err = dir / ("err" + id);
  std::ofstream(in, std::ios::binary) << stdin_text;
  // Braces keep the command's own redirections ("> report.sarif") its own.
  const std::string full = "export NO_COLOR=1; cd " + quote(cwd.string()) + " && { " + command +
                           "\n} <" + quote(in.string()) + " >" + quote(out.string()) + " 2>" +
                           quote(err.string());
  const int raw = std::system(full.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

/// Runs `replylint ARGS` in `cwd`.
inline Run replylint(const std::string& args, const std::filesystem::path& cwd,
                     const std::string& stdin_text = "") {
  return run_shell(quote(REPLYLINT_BINARY) + " " + args, cwd, stdin_text);
}

/// The template repository fixture.
inline std::filesystem::path template_repo() {
  return std::filesystem::path(REPLYLINT_TESTS_DIR) / "templates" / "repo";
}

/// The source tree's top folder.
inline std::filesystem::path source_dir() {
  return std::filesystem::path(REPLYLINT_EXAMPLES_DIR).parent_path();
}

}  // namespace replylint::test
