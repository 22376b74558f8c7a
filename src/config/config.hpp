#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "rules/rule.hpp"

namespace replylint::config {

/// Settings of one rule in a config table ([rules.<id>]).
struct RuleSettings {
  std::optional<bool> enabled;
  std::optional<core::Severity> severity;
  /// Options as set, in order (later wins), converted to the type of their OptionInfo default.
  std::vector<std::pair<std::string, rules::OptionValue>> options;
};

/// One [[overrides]] entry: settings that apply to files matching any of `files` (globs, `**`
/// allowed, relative to the config file's folder).
struct Override {
  std::vector<std::string> files;
  std::map<std::string, RuleSettings> rules;
  std::vector<std::string> words;
  std::vector<std::string> placeholders;  // extra placeholder patterns for these files
  std::string language;
};

/// A parsed .replylint.toml. Example:
///   language = "es"                  # optional: force a language
///   org-domains = ["tiendaverde.es"]
///   words = ["Tiendaverde"]
///   include = ["**/*.eml", "**/*.txt"]
///   exclude = ["drafts/old/**"]
///   placeholders = ["\\[\\[[A-Z_]+\\]\\]"]
///   max-size = "5MB"                 # largest input checked (bytes, or KB/MB/GB; 0: no limit)
///   [rules.shouting]
///   severity = "error"
///   min-words = 4
///   [rules.missing-quote]
///   enabled = false
///   [[overrides]]
///   files = ["templates/legal/**"]
///   rules.shouting.enabled = false
struct Config {
  std::filesystem::path source;  // the file it was read from; empty for the built-in default
  std::string language;          // "es", "el", "en"; "" (also for "auto") lets the draft decide
  std::vector<std::string> org_domains;  // lowercase, without a leading '@'
  std::vector<std::string> words;
  std::vector<std::string> include;       // globs of files a folder walk checks; empty: defaults
  std::vector<std::string> exclude;       // globs of files and folders a folder walk skips
  std::vector<std::string> placeholders;  // ICU regexes, case-insensitive (draft::Options)
  std::optional<std::uint64_t> max_size;  // bytes; 0: no limit; unset: --max-size's default
  std::map<std::string, RuleSettings> rules;
  std::vector<Override> overrides;
};

/// "25MB", "512 KB", "1GiB", "300" (bytes): a size as `max-size` takes it, 1 KB = 1024 bytes.
/// nullopt for anything else (a fraction, a negative, an unknown unit, an overflow).
std::optional<std::uint64_t> parse_size(std::string_view text);

/// Reads and validates `path`. Throws InputError with file:line for a TOML syntax error, an
/// unknown key (with a "did you mean" hint), a wrong type, an unknown rule id, a bad severity
/// or a rule option of the wrong type (checked against the rule's OptionInfo).
/// Rule ids and options are checked against rules::registry().
Config load_config(const std::filesystem::path& path);

/// The same, checked against `known_rules` instead of the registry (for tests and tools).
/// Error messages (each as InputError{path, line, message}):
///   invalid TOML: <toml++ description>
///   unknown key 'sevrity' (did you mean 'severity'?)            top level
///   unknown key 'file' in [[overrides]] (did you mean 'files'?)
///   unknown key 'min-word' in [rules.shouting] (did you mean 'min-words'?)
///   unknown rule 'shoutting' (did you mean 'shouting'?)
///   unknown severity 'warn' (expected 'error', 'warning' or 'info')
///   unknown language 'fr' (expected 'es', 'el', 'en' or 'auto')
///   'rules.shouting.min-words' must be an integer, found string
///   'words' must be an array of strings, found string
///   [[overrides]] entry has no 'files'
///   pattern does not compile: '<regex>' (U_REGEX_...)
///   placeholder pattern matches empty text: '<regex>'
///   placeholder pattern has a named group: '<regex>' (use (?:...))
///   '<text>' is not a domain name
///   'max-size' must be a size such as "25MB" or a number of bytes, found '<text>'
Config load_config(const std::filesystem::path& path,
                   const std::vector<const rules::RuleInfo*>& known_rules);

/// Walks up from `start` (a file or folder) to the filesystem root and returns the first
/// .replylint.toml found that may be trusted (config_trust_problem), or nullopt. One that may
/// not is passed over with a notice on stderr naming it and why (once per run), and the walk
/// goes on upwards. Anything there but a folder counts: a FIFO is returned, and load_config()
/// refuses it by name.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

/// Why a config found by walking up must not be trusted, or "" when it may be, as git's
/// safe.directory does for repositories: anyone who can write it could turn every rule off.
/// Trusted owners are the effective user and root. Untrusted: a file owned by anyone else, or
/// writable by every user, or by a group other than its owner's private group (named after the
/// owner, its primary group, no other member); the same for the folder holding it, except that a
/// folder with the sticky bit (/tmp) may be writable by others, since there only the file's and
/// the folder's owners can replace the file. $REPLYLINT_SAFE_CONFIG_DIRS, a ':'-separated list of
/// folders, trusts every config in or below them ('*': all). A config named with --config is
/// never checked here: the user chose it.
std::string config_trust_problem(const std::filesystem::path& file);

/// The settings that apply to `file`: the base config with every matching override applied, in
/// order (later ones win; options, words and placeholders accumulate). Override globs match
/// `file`'s path relative to the config file's folder (both made absolute first); a file outside
/// that folder gets no overrides. With an empty `config.source`, globs match `file` as given.
struct Effective {
  std::string language;
  std::vector<std::string> org_domains;
  std::vector<std::string> words;
  std::vector<std::string> placeholders;  // the config's, then each matching override's
  std::optional<std::uint64_t> max_size;  // the config's max-size, if it sets one
  std::string max_size_setting;           // "max-size in <config path>" when it does
  std::map<std::string, RuleSettings> rules;
  /// Is rule `id` on (the setting, else on: every rule defaults to on), at which severity (the
  /// setting, else info.default_severity), built with which options (every option of
  /// info.options at its default, replaced by the configured values in order, later wins).
  bool enabled(const rules::RuleInfo& info) const;
  core::Severity severity(const rules::RuleInfo& info) const;
  rules::RuleOptions options(const rules::RuleInfo& info) const;
};
Effective resolve(const Config& config, const std::filesystem::path& file);

/// Glob match with `*`, `?`, `**` (any number of folders) and `[...]`, on '/'-separated paths.
/// `*`, `?` and `[...]` never match '/'; a whole-segment `**` matches zero or more folders; a
/// pattern ending in '/' matches everything below that folder; a leading "./" is ignored. The
/// pattern must match the whole path ("*.eml" matches "a.eml", not "x/a.eml": write "**/*.eml").
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace replylint::config
