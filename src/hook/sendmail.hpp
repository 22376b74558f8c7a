#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "data/data.hpp"
#include "engine/engine.hpp"
#include "message/message.hpp"
#include "report/report.hpp"

namespace replylint::hook {

/// Exit statuses of `replylint sendmail` (sysexits.h). Never 75 (EX_TEMPFAIL): that tells a mail
/// system to retry, and a draft that fails the lint fails again.
inline constexpr int k_ex_usage = 64;     // the command line is wrong
inline constexpr int k_ex_dataerr = 65;   // the lint failed: nothing was sent
inline constexpr int k_ex_software = 70;  // replylint itself failed: nothing was sent

/// The recipient addresses on a sendmail command line. `args` are the real command's arguments
/// (without the program). After a "--" every argument is a recipient. Before it, an argument
/// starting with '-' is an option, and the options that take a value (-f -F -r -N -R -V -B -O
/// -X -L -C -h -p) take the next argument when written apart ("-f ana@x.es"); any other
/// argument is a recipient. An argument may hold "a@x.es", "Ana <a@x.es>" or "a@x.es, b@y.es".
/// Returns bare addresses, in order.
std::vector<std::string> recipients_from_args(const std::vector<std::string>& args);

/// Adds to `message.bcc` each of `recipients` that is in none of To, Cc and Bcc (compared
/// case-insensitively): mutt and aerc name Bcc recipients only on the command line. Returns the
/// addresses added.
std::vector<std::string> add_hidden_recipients(message::Message& message,
                                               const std::vector<std::string>& recipients);

/// What replylint needs to lint an outgoing message.
struct LintSettings {
  std::string rules_dir;              // --rules-dir ("" for the bundled rules/)
  engine::Options engine;             // --config, --lang, --dict-dir
  std::string display_path = "-";     // the name reports give the message
  std::filesystem::path config_path;  // the config is found from here ("" = working folder)
};

/// The outcome of linting one outgoing message.
struct OutgoingLint {
  report::FileReport file;            // findings; empty when replylint failed before linting
  std::vector<std::string> problems;  // replylint's own failures (bad config, rule data or
                                      // dictionary missing, unreadable message), one line each
  std::vector<std::string> hidden;    // recipients added as Bcc
  /// True when the lint ran completely: no problem of replylint's own.
  bool complete() const { return problems.empty(); }
};

/// The hook's linter, set up before the message is read: the size limit that applies
/// (--max-size, else the config's `max-size`) then bounds how much of stdin is read at all.
class OutgoingLinter {
 public:
  /// Loads the rule data and finds the config. Never throws: a failure is kept and lint()
  /// reports it as a problem; limits() are then the command line's.
  explicit OutgoingLinter(LintSettings settings);
  ~OutgoingLinter();
  OutgoingLinter(const OutgoingLinter&) = delete;
  OutgoingLinter& operator=(const OutgoingLinter&) = delete;

  /// The input limits for the message: max_size (0: no limit) and where it was set.
  const message::Limits& limits() const { return m_limits; }

  /// "-: over the size limit of 25 MB (--max-size); not checked", as check names it.
  std::string over_limit_problem() const;

  /// Lints `bytes` (a copy: the caller keeps the original to send) as the message the sendmail
  /// command `command` (program and arguments) would send: the recipients on its command line
  /// that are not in To/Cc count as Bcc. A missing dictionary is a problem here, not a warning:
  /// half a lint must not pass for a whole one. Never throws.
  OutgoingLint lint(std::string bytes, const std::vector<std::string>& command);

 private:
  LintSettings m_settings;
  std::unique_ptr<data::DataSet> m_data;
  std::unique_ptr<engine::Engine> m_engine;
  message::Limits m_limits;
  std::vector<std::string> m_setup_problems;  // why the linter could not be set up
};

/// OutgoingLinter(settings).lint(bytes, command).
OutgoingLint lint_outgoing(std::string bytes, const std::vector<std::string>& command,
                           const LintSettings& settings);

}  // namespace replylint::hook
