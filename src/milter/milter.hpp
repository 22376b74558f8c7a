#pragma once

#include <filesystem>
#include <string>

namespace replylint::milter {

/// How `replylint milter` was started.
struct ServeOptions {
  std::filesystem::path config_file;  // --config: the lint settings and the [milter] section
  std::string socket;                 // --socket: replaces [milter] socket when set
  std::string language;               // --lang
  std::filesystem::path dict_dir;     // --dict-dir
  std::string rules_dir;              // --rules-dir
};

/// Serves the milter protocol on the configured socket until SIGTERM, SIGINT or SIGHUP (libmilter
/// handles them), one thread per mail server connection, all sharing one engine. Prints one line
/// per message decided to stderr (queue id, sender, action, rule ids: never message text).
/// Returns the exit status: 0 after a signal, 1 when the socket cannot be opened or the rule data
/// and dictionaries cannot be loaded, 2 for a bad config (printed as "path:line: message").
int serve(const ServeOptions& options);

}  // namespace replylint::milter
