// The pre-send hook's front end: `replylint sendmail` and `replylint install-hook`. The logic
// (recipients, lint, pipe to the real sendmail) is in src/hook/; this file owns the exit codes.
#include "cli/hook_commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "hook/install.hpp"
#include "hook/process.hpp"
#include "hook/sendmail.hpp"
#include "report/render.hpp"
#include "util/error.hpp"

namespace replylint::cli {
namespace {

constexpr int k_ex_oserr = 71;
constexpr int k_ex_ioerr = 74;

void print_warning(const std::string& message) {
  std::cerr << "replylint: warning: " << message << '\n';
}

// Hands `bytes` to the real command unchanged and returns its status.
int send(const std::vector<std::string>& command, std::string_view bytes) {
  std::cerr.flush();
  try {
    return hook::run_with_input(command, bytes);
  } catch (const hook::StartError& e) {
    print_error(fmt::format("{}: cannot run: {}; nothing sent", e.program, e.code().message()));
    return e.code().value() == ENOENT ? 127 : 126;  // as sh reports a command it cannot run
  } catch (const std::system_error& e) {
    print_error(
        fmt::format("{}: {}; the message may not have been sent", command.front(), e.what()));
    return k_ex_oserr;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

}  // namespace

SendmailSplit split_sendmail_command(int argc, char** argv) {
  SendmailSplit split;
  split.argc = argc;
  int i = 1;
  // Global options come before the subcommand; --rules-dir is the one that takes a value.
  while (i < argc && argv[i][0] == '-' && std::string_view(argv[i]) != "--") {
    if (std::string_view(argv[i]) == "--rules-dir") ++i;
    ++i;
  }
  if (i >= argc || std::string_view(argv[i]) != "sendmail") return split;
  split.sendmail = true;
  for (int j = i + 1; j < argc; ++j) {
    if (std::string_view(argv[j]) == "--") {
      split.argc = j;
      split.command.assign(argv + j + 1, argv + argc);
      break;
    }
  }
  return split;
}

int run_sendmail(const CommonOptions& common, const SendmailOptions& options) {
  if (options.command.empty()) {
    print_error(
        "sendmail: no real command given: replylint sendmail [options] -- /usr/sbin/sendmail "
        "ARGS...");
    return hook::k_ex_usage;
  }
  const char* skip = std::getenv("REPLYLINT_SKIP");
  if (options.no_verify || (skip && std::string_view(skip) == "1")) {
    std::string bytes;
    try {
      bytes = hook::read_all(STDIN_FILENO);
    } catch (const std::system_error& e) {
      print_error(fmt::format("-: cannot read the message: {}; nothing sent", e.what()));
      return k_ex_ioerr;
    }
    print_warning(fmt::format("sending without linting ({})",
                              options.no_verify ? "--no-verify" : "REPLYLINT_SKIP=1"));
    return send(options.command, bytes);
  }

  hook::LintSettings settings;
  settings.rules_dir = common.rules_dir;
  settings.engine = {options.config_file, options.language, options.dict_dir, std::nullopt};
  settings.engine.limits.max_size = options.max_size;
  settings.engine.max_size_given = options.max_size_given;
  // Set up before reading: the limit that applies bounds the read, so an endless stdin costs
  // the limit + 1 byte of memory, as in `check -`.
  hook::OutgoingLinter linter(std::move(settings));
  const std::uint64_t limit = linter.limits().max_size;
  std::string bytes;
  try {
    bytes = hook::read_up_to(STDIN_FILENO, limit == 0 ? UINT64_MAX : limit + 1);
    if (limit > 0 && bytes.size() > limit) {
      const std::string problem = linter.over_limit_problem();
      if (options.on_error != "send") {
        print_error(
            fmt::format("cannot check the message, nothing sent: {} (--on-error=send sends "
                        "unchecked)",
                        problem));
        return hook::k_ex_software;
      }
      // The user chose to send what cannot be checked: the rest is read so that it goes whole.
      bytes += hook::read_all(STDIN_FILENO);
      print_warning(fmt::format(
          "cannot check the message: {}; sending it unchecked (--on-error=send)", problem));
      return send(options.command, bytes);
    }
  } catch (const std::system_error& e) {
    print_error(fmt::format("-: cannot read the message: {}; nothing sent", e.what()));
    return k_ex_ioerr;
  }
  const hook::OutgoingLint lint = linter.lint(bytes, options.command);

  report::Report report;
  report.files.push_back(lint.file);
  const auto threshold =
      report::parse_severity(options.fail_on).value_or(report::Severity::warning);
  if (report.fails(threshold)) {
    std::cerr << report::render_text(report, {.color = false});
    for (const std::string& problem : lint.problems) print_warning(problem);
    std::cerr << "replylint: nothing sent: the message fails the lint (--no-verify or "
                 "REPLYLINT_SKIP=1 sends it anyway)\n";
    // A refusal whose report could not be written leaves the user nothing to fix: that is
    // replylint failing (nothing was sent either way).
    if (!std::cerr) return hook::k_ex_software;
    return hook::k_ex_dataerr;
  }
  for (const std::string& warning : lint.file.warnings)
    print_warning(fmt::format("{}: {}", lint.file.path, warning));
  if (!lint.complete()) {
    if (options.on_error != "send") {
      print_error(
          fmt::format("cannot check the message, nothing sent: {} (--on-error=send sends "
                      "unchecked)",
                      join(lint.problems, "; ")));
      return hook::k_ex_software;
    }
    print_warning(
        fmt::format("cannot check the message: {}; sending it unchecked (--on-error=send)",
                    join(lint.problems, "; ")));
  }
  return send(options.command, bytes);
}

int run_install_hook(const InstallHookOptions& options) {
  try {
    const auto hooks = hook::git_hooks_dir();
    const auto exe = hook::self_executable();
    const auto path = hook::install_sendemail_validate(hooks, exe, options.force);
    std::cout << fmt::format(
        "replylint: installed {} (git send-email now runs '{} check' on "
        "each email before sending)\n",
        path.string(), exe);
    return k_exit_clean;
  } catch (const InputError& e) {
    print_error(e.describe());
  } catch (const std::system_error& e) {
    print_error(e.what());
  }
  return k_exit_error;
}

}  // namespace replylint::cli
