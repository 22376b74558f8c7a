#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace replylint::cli {

struct SendmailOptions {
  std::vector<std::string> command;  // the real sendmail and its arguments, after the first "--"
  std::string config_file;
  std::string language;
  std::string dict_dir;
  std::string fail_on = "warning";
  std::string on_error = "refuse";  // or "send"
  bool no_verify = false;
  std::uint64_t max_size = 25ull * 1024 * 1024;  // --max-size (0: no limit)
  bool max_size_given = false;  // --max-size was on the command line (else a config may set it)
};

struct InstallHookOptions {
  std::string kind;  // "git-send-email"
  bool force = false;
};

/// Where `replylint ... sendmail [options] -- COMMAND...` splits: the argc to give CLI11 (the
/// arguments before the first "--" after the sendmail subcommand) and the real command after it.
/// For any other command line, `argc` is unchanged and `sendmail` is false.
struct SendmailSplit {
  int argc = 0;
  bool sendmail = false;  // the subcommand is `sendmail`
  std::vector<std::string> command;
};
SendmailSplit split_sendmail_command(int argc, char** argv);

/// Lints stdin and, when it passes, pipes exactly those bytes to the real command and returns
/// its status; else 65 (lint failed) or 70 (replylint failed), nothing sent (README "sendmail").
int run_sendmail(const CommonOptions& common, const SendmailOptions& options);

/// Writes the git send-email validate hook into the current repository's hooks folder.
int run_install_hook(const InstallHookOptions& options);

}  // namespace replylint::cli
