#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"
#include "spell/spell.hpp"

namespace replylint::test {

/// Settings a test may give a rule.
struct LintSettings {
  /// Option values as a config writes them ("3", "true", "text"), converted to the type of the
  /// option's default; an option the rule does not declare fails the test. A list option takes
  /// one value per entry: give it several times for several values.
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> org_domains;
  std::vector<std::string> words;
  std::string language;                  // forces every paragraph ("" detects)
  spell::SpellService* spell = nullptr;  // nullptr: one service shared by the process's tests
};

/// Parses `text` as a draft named `path` (any input kind), runs only `rule_id` on it and returns
/// the resolved findings, sorted. Uses the real rules/ data and dictionaries.
std::vector<report::Finding> lint_findings(std::string_view rule_id, std::string text,
                                           const LintSettings& settings = {},
                                           std::string path = "test.txt");

/// The diagnostics of lint_findings.
std::vector<report::Diagnostic> lint(std::string_view rule_id, std::string text,
                                     const LintSettings& settings = {},
                                     std::string path = "test.txt");

/// The `[rules.<rule_id>]` options of a config's TOML text, as LintSettings::options (a list
/// gives one entry per value). Fails the test when the text does not parse.
std::vector<std::pair<std::string, std::string>> options_from_toml(std::string_view rule_id,
                                                                   const std::string& toml_text);

/// One line per finding, as in .expected files: "4:10-4:37 warning shouting: message".
std::string expected_line(const report::Diagnostic& d);

/// Reads a whole file as bytes; fails the test when it cannot.
std::string read_file(const std::string& path);

}  // namespace replylint::test
