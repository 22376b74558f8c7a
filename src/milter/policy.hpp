#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "report/report.hpp"

namespace replylint::milter {

/// What the milter does with an outgoing message from a sender.
enum class Action {
  reject,  // a finding at or above fail-on: 550 5.7.1 naming the findings; else accept
  tag,     // accept with X-Replylint headers (a verdict and the findings)
  hold,    // a finding: the milter quarantine (Postfix's hold queue), with the headers; else accept
  pass,    // accept without linting
};

/// What happens to a message replylint could not check (its own failure, over the time limit,
/// or, with `oversize = "fail"`, over the size limit).
enum class FailPolicy {
  tempfail,  // 451 4.7.1: the message waits in the client's or the server's queue
  accept,    // delivered unchecked, with an X-Replylint: unchecked header
  reject,    // 550 5.7.1
};

/// "reject", "tag", "hold", "pass" (and back); nullopt for anything else.
std::optional<Action> parse_action(std::string_view text);
std::string_view to_string(Action action);
std::optional<FailPolicy> parse_fail_policy(std::string_view text);
std::string_view to_string(FailPolicy policy);

/// "10s", "500ms", "2m" or a bare number of seconds; nullopt for anything else (and for 0).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// The [milter] section of a config file. Example:
///   org-domains = ["tiendaverde.es"]      # top level; [milter] may set its own
///   [milter]
///   socket = "unix:/run/replylint/milter.sock"   # or "inet:8890@127.0.0.1"
///   action = "tag"                        # default action for the organisation's senders
///   fail-on = "warning"                   # lowest severity that counts as a finding
///   on-error = "tempfail"                 # or "accept", "reject"
///   max-size = "10MB"                     # larger messages are not linted
///   oversize = "fail"                     # over max-size: on-error's policy, or "pass"
///   time-limit = "20s"                    # per message; over it: on-error's policy
///   tag-clean = true                      # tag a clean message "X-Replylint: pass"
///   [milter.senders]                      # per address or domain, the most specific wins
///   "ventas.tiendaverde.es" = "reject"
///   "bot@tiendaverde.es" = "hold"
struct Settings {
  std::string socket = "unix:/run/replylint/milter.sock";
  Action action = Action::tag;
  core::Severity fail_on = core::Severity::warning;
  FailPolicy on_error = FailPolicy::tempfail;
  std::uint64_t max_size = 25ull * 1024 * 1024;  // bytes of header and body; 0: no limit
  bool oversize_fails = true;                    // false: an oversized message passes unchecked
  std::chrono::milliseconds time_limit{20000};
  bool tag_clean = true;
  std::vector<std::string> org_domains;  // lowercase, no '@'
  /// Lowercase address ("bot@x.es") or domain ("x.es") → action, each listed once.
  std::vector<std::pair<std::string, Action>> senders;
};

/// Reads the [milter] section (and the top-level org-domains) of the config at `path`; defaults
/// for a file without one. Throws InputError{path, line, message} with one line per problem:
///   unknown key 'acton' in [milter] (did you mean 'action'?)
///   unknown action 'drop' (expected 'reject', 'tag', 'hold' or 'pass')
///   unknown on-error 'bounce' (expected 'tempfail', 'accept' or 'reject')
///   unknown oversize 'skip' (expected 'fail' or 'pass')
///   'milter.time-limit' must be a duration such as "20s" or "500ms", found '<text>'
///   'milter.socket' must be "unix:PATH", "local:PATH" or "inet:PORT@HOST", found '<text>'
///   '<text>' in [milter.senders] is not an address or a domain name
///   and config.hpp's errors for max-size, fail-on and domains.
Settings load_settings(const std::filesystem::path& path);

/// The lowercase domain of an address ("Ana <ana@X.es>" → "x.es"), "" when it has none.
std::string domain_of(std::string_view address);

/// The bare lowercase address in "<ana@x.es>", "Ana <Ana@x.es>" or "ana@x.es"; "" for "<>".
std::string bare_address(std::string_view text);

/// True when `domain` is one of the organisation's domains or below one ("mx.x.es" of "x.es").
bool in_organisation(const Settings& settings, std::string_view domain);

/// The action for mail from `sender` (a bare address): the entry for the address, else for its
/// domain or the nearest parent domain listed, else the default. Action::pass for a sender
/// outside the organisation (incoming mail, or mail relayed for others) and for an empty one.
Action action_for(const Settings& settings, std::string_view sender);

/// What the milter answers Postfix at the end of a message.
struct Decision {
  enum class Kind { accept, reject, tempfail, hold } kind = Kind::accept;
  std::vector<std::pair<std::string, std::string>> headers;  // added, in order (name, value)
  std::string code;                // "550" or "451" for reject and tempfail
  std::string extended;            // "5.7.1" or "4.7.1"
  std::vector<std::string> reply;  // reply lines (printable ASCII, at most k_max_reply_lines)
  std::string reason;              // why: the quarantine reason, and the log line
};

/// At most this many reply lines (libmilter's smfi_setmlreply takes up to 32).
inline constexpr std::size_t k_max_reply_lines = 12;

/// The decision for a message linted completely under `action` (never Action::pass): findings
/// at or above settings.fail_on make a reject (550 5.7.1, a line per finding: "rule-id: message
/// (line L)", masked values stay masked) or a hold, or a tag "X-Replylint: fail"; a clean
/// message is accepted, tagged "X-Replylint: pass" under tag (when tag_clean) and hold.
Decision decide(const Settings& settings, Action action, const report::FileReport& file);

/// The decision when replylint could not check the message (`why`: one line, e.g. "over the
/// time limit of 20s"), by settings.on_error.
Decision decide_failure(const Settings& settings, std::string_view why);

/// `text` as it may stand in an SMTP reply or header: printable ASCII, each other UTF-8
/// sequence or control byte a '?', runs of white space one space, cut to `max` bytes with "...".
std::string printable_ascii(std::string_view text, std::size_t max);

}  // namespace replylint::milter
