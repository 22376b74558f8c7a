#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "report/diagnostic.hpp"
#include "rules/rule.hpp"

namespace replylint::config {

/// Settings of one rule in a config table ([rules.<id>]).
struct RuleSettings {
  std::optional<bool> enabled;
  std::optional<report::Severity> severity;
  std::vector<std::pair<std::string, std::string>> options;  // scalar options, as text
  std::vector<std::pair<std::string, std::vector<std::string>>> list_options;
};

/// One [[overrides]] entry: settings that apply to files matching any of `files` (globs, `**`
/// allowed, relative to the config file's folder).
struct Override {
  std::vector<std::string> files;
  std::map<std::string, RuleSettings> rules;
  std::vector<std::string> words;
  std::string language;
};

/// A parsed .replylint.toml. Example:
///   language = "es"                  # optional: force a language
///   org-domains = ["tiendaverde.es"]
///   words = ["Tiendaverde"]
///   include = ["**/*.eml", "**/*.txt"]
///   exclude = ["drafts/old/**"]
///   placeholders = ["\\[\\[[A-Z_]+\\]\\]"]
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
  std::string language;
  std::vector<std::string> org_domains;
  std::vector<std::string> words;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::vector<std::string> placeholders;
  std::map<std::string, RuleSettings> rules;
  std::vector<Override> overrides;
};

/// Reads and validates `path`. Throws InputError with file:line for a TOML syntax error, an
/// unknown key (with a "did you mean" hint), a wrong type, an unknown rule id, a bad severity
/// or a rule option of the wrong type (checked against the rule's OptionInfo).
Config load_config(const std::filesystem::path& path);

/// Walks up from `start` (a file or folder) to the filesystem root and returns the first
/// .replylint.toml found, or nullopt.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

/// The settings that apply to `file`: the base config with every matching override applied.
struct Effective {
  std::string language;
  std::vector<std::string> org_domains;
  std::vector<std::string> words;
  std::map<std::string, RuleSettings> rules;
  /// Is rule `id` on, at which severity, built with which options.
  bool enabled(const rules::RuleInfo& info) const;
  report::Severity severity(const rules::RuleInfo& info) const;
  rules::RuleOptions options(const rules::RuleInfo& info) const;
};
Effective resolve(const Config& config, const std::filesystem::path& file);

/// Glob match with `*`, `?`, `**` (any number of folders) and `[...]`, on '/'-separated paths.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace replylint::config
