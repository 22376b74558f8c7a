#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "report/report.hpp"

namespace replylint::report {

struct TextStyle {
  bool color = false;  // ANSI colours (the CLI decides: terminal, NO_COLOR, --color)
};

/// Compiler-style text: `path:line:col: severity[rule]: message`, the source line, a caret
/// underline measured in display cells, help and suggestions, then a summary line.
std::string render_text(const Report& report, const TextStyle& style);

/// The JSON report, contract version 1 (DESIGN.md "The JSON report").
nlohmann::json to_json(const Report& report);

/// A fix as the JSON report writes it (docs/report-contract.md "Fixes"): title, applicability
/// and its edits with their origin, byte offsets into the origin's decoded text and, for body
/// and subject edits, line and column; `part` is the finding's MIME part ("" when in the file).
nlohmann::json fix_json(const core::Fix& fix, const std::string& part);

/// to_json(report).dump(2) (with invalid UTF-8 replaced by U+FFFD, as dump's `replace` handler
/// does), byte for byte, written directly rather than through nlohmann::json objects, with the
/// files rendered on up to `jobs` threads (0: every core): what `check --format json` prints.
std::string render_json(const Report& report, unsigned jobs = 0);

/// What SARIF says about one rule (the CLI fills it from rules::registry(); a renderer never
/// looks rules up itself).
struct RuleDoc {
  std::string id;
  std::string summary;  // one line
  std::string docs;     // Markdown: "## What it flags", "## Why", "## Example", ...
  Severity default_severity = Severity::warning;
};

struct SarifOptions {
  std::string tool_version;        // runs[0].tool.driver.version
  std::string information_uri;     // runs[0].tool.driver.informationUri; omitted if empty
  std::filesystem::path base_dir;  // %SRCROOT%: report paths are made relative to it
};

/// A SARIF 2.1.0 log: one run whose driver lists `rules` (with help text and markdown from the
/// docs), one result per finding (ruleId, ruleIndex, level error/warning/note, message, a
/// region in 1-based lines and code-point columns, run.columnKind "unicodeCodePoints",
/// partialFingerprints), and the inputs that could not be read as tool execution
/// notifications (then invocations[0].executionSuccessful is false). Paths under `base_dir`
/// become relative URIs against %SRCROOT%, others absolute file: URIs.
nlohmann::json to_sarif(const Report& report, const std::vector<RuleDoc>& rules,
                        const SarifOptions& options);

/// GitHub Actions workflow commands, one per finding:
///   ::warning file=a.eml,line=3,col=1,endLine=3,endColumn=35,title=replylint shouting::message
/// (info findings become ::notice), one ::error per unreadable input, then the summary line.
/// Data escapes %, CR and LF; property values also escape ':' and ','.
std::string render_github(const Report& report);

/// Escaping of workflow commands: `github_escape_data` for the message, `github_escape_property`
/// for property values.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

/// The summary line: "2 files checked: 1 error, 3 warnings, 0 infos", in English and in the
/// active catalog's language.
core::i18n::Fragment summary_line(const Report& report);

/// Width of `text` in terminal cells: wide (East Asian Wide/Fullwidth) characters count 2,
/// combining marks and zero-width characters 0, a tab counts 1 (tabs are shown as spaces).
int display_width(std::string_view text);

}  // namespace replylint::report
