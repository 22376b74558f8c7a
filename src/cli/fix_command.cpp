#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/commands.hpp"
#include "engine/engine.hpp"
#include "fix/fix.hpp"
#include "report/render.hpp"
#include "util/error.hpp"

namespace replylint::cli {

namespace fs = std::filesystem;

namespace {

// Reads `path` whole, as the engine would (a regular file, within the size limit).
std::string read_file(engine::Engine& engine, const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path, 0, "no such file");
  if (!fs::is_regular_file(path, ec)) throw InputError(path, 0, "not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  const message::Limits limits = engine.limits_for(path);
  return message::read_bounded(in, path, limits.max_size, limits.max_size_setting);
}

// Replaces the file at `path` with `bytes`: a temporary file in the same folder, the old
// file's mode, fsync, rename over it. Returns "" or why it could not. A symbolic link keeps
// pointing at its (rewritten) target.
std::string write_atomically(const std::string& path, const std::string& bytes) {
  std::error_code ec;
  fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : fs::path(path);
  if (ec) return ec.message();
  struct stat old {};
  if (::stat(target.c_str(), &old) != 0) return std::strerror(errno);
  std::string temp =
      (target.parent_path() / ("." + target.filename().string() + ".replylint-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return std::string("cannot create a temporary file: ") + std::strerror(errno);
  auto give_up = [&](const char* what) {
    const std::string why = std::string(what) + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(temp.c_str());
    return why;
  };
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return give_up("cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, old.st_mode & 07777) != 0) return give_up("cannot keep the mode");
  if (::fsync(fd) != 0) return give_up("cannot sync");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return std::string("cannot close: ") + std::strerror(errno);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const std::string why = std::string("cannot replace the file: ") + std::strerror(errno);
    ::unlink(temp.c_str());
    return why;
  }
  return "";
}

}  // namespace

int run_fix(engine::Engine& engine, const std::vector<engine::Input>& inputs,
            const CheckOptions& options) {
  const core::Applicability minimum =
      options.unsafe_fixes ? core::Applicability::unsafe : core::Applicability::safe;
  report::Report report;
  bool stdin_fixed = false;
  bool would_change = false;
  int would_fix = 0;
  for (const engine::Input& input : inputs) {
    fix::Result result;
    if (!input.error.empty()) {
      result.report.path = input.path;
      result.report.error = input.error;
    } else {
      try {
        std::string bytes = input.bytes ? *input.bytes : read_file(engine, input.path);
        result = fix::fix_bytes(engine, input.path, std::move(bytes),
                                input.bytes ? fs::path(input.config_path) : fs::path(input.path),
                                minimum);
      } catch (const InputError& e) {
        result.report.path = input.path;
        result.report.error = e.path == input.path ? e.what() : e.describe();
      }
    }
    if (options.diff) {
      if (result.changed()) {
        would_change = true;
        would_fix += static_cast<int>(result.applied.size());
        std::cout << fix::unified_diff(input.path, result.original, result.fixed);
      }
    } else if (input.bytes) {
      // stdin: the draft goes to stdout, fixed, unchanged or (when it cannot be read as a
      // draft) as it came, so a pipe never loses it.
      stdin_fixed = true;
      std::cout << result.fixed;
    } else if (result.changed()) {
      if (const std::string why = write_atomically(input.path, result.fixed); !why.empty()) {
        result.report.findings.clear();
        result.report.fixed = -1;
        result.report.error = "not fixed: " + why;
      }
    }
    report.files.push_back(std::move(result.report));
  }

  for (const report::FileReport& file : report.files)
    if (!file.error.empty()) print_error(fmt::format("{}: {}", file.path, file.error));
  for (const std::string& warning : engine.warnings())
    std::cerr << "replylint: warning: " << warning << '\n';

  if (options.diff) {
    // ruff's --diff: the diff alone on stdout, a count on stderr, exit 1 when there is one.
    if (would_fix > 0)
      std::cerr << fmt::format("{} fix{} would be applied\n", would_fix,
                               would_fix == 1 ? "" : "es");
    if (report.has_errors_reading()) return k_exit_error;
    return would_change ? k_exit_findings : k_exit_clean;
  }
  // With a draft on stdout, the report goes to stderr.
  (stdin_fixed ? std::cerr : std::cout) << render_report(report, options);
  if (report.has_errors_reading()) return k_exit_error;
  const auto threshold =
      report::parse_severity(options.fail_on).value_or(report::Severity::warning);
  if (!options.exit_zero && report.fails(threshold)) return k_exit_findings;
  return k_exit_clean;
}

}  // namespace replylint::cli
