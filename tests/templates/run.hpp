// Helpers for the template-repository tests, on top of the shared runner in tests/cli/run.hpp.
#pragma once

#include <filesystem>
#include <string>

#include "cli/run.hpp"

namespace replylint::test {

/// A fresh folder under the system temp folder, unique to this process and `name`.
inline std::filesystem::path temp_folder(const std::string& name) { return scratch_dir(name); }

/// `s` quoted for sh.
inline std::string quote(const std::string& s) { return shell_quote(s); }

/// Runs `command` with sh in `cwd`, stdin from `stdin_text`, NO_COLOR exported to everything
/// it starts (pre-commit, pipelines).
inline Run run_in(const std::string& command, const std::filesystem::path& cwd,
                  const std::string& stdin_text = "") {
  return run_shell(std::string("export NO_COLOR=1; ") + command, stdin_text, cwd);
}

/// Runs `replylint ARGS` in `cwd`.
inline Run replylint(const std::string& args, const std::filesystem::path& cwd,
                     const std::string& stdin_text = "") {
  return run_replylint(args, stdin_text, cwd);
}

/// The template repository fixture.
inline std::filesystem::path template_repo() {
  return std::filesystem::path(REPLYLINT_TESTS_DIR) / "templates" / "repo";
}

/// The source tree's top folder.
inline std::filesystem::path source_dir() { return project_dir(); }

}  // namespace replylint::test
