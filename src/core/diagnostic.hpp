#pragma once

// The finding model that rules, config, the engine and every renderer share.
//
// A rule writes Diagnostics through rules::Reporter; the engine resolves their positions
// (report::Resolver), masks sensitive values (report::redact) and hands a report::Report to a
// renderer. Data flows forward only: core depends on nothing of the project, draft uses
// core::Range, rules and report use the rest.
//
// Coordinates. A Location is a byte range in one of three texts, named by its origin:
//   body     Draft::text() (the decoded own text of the body part)
//   subject  Message::subject (decoded)
//   header   the decoded value of the header named by Location::header ("To", "Cc"); a rule
//            reporting a whole header leaves the range empty.
// Edits of a Fix use the same coordinates, so a fix can touch the body, the subject or a header.
// An edit of a header that does not exist yet (adding "Bcc") is an insertion at {0, 0} of it;
// an edit that replaces a header's whole value with nothing removes the header (a Cc emptied
// by visible-recipients' move to Bcc).
//
// Fixes (ruff's model). A Fix is a title ("write it in sentence case"), edits (non-overlapping,
// sorted by origin and position; each replaces its range with `replacement`; an empty range
// inserts, an empty replacement deletes) and an Applicability:
//   safe          the meaning stays the same; `--fix` applies it
//   unsafe        probably what the writer meant, but it may change meaning; `--unsafe-fixes`
//   display_only  shown as advice, never applied
// Rules attach one with Reporter::Builder::fix() or replace_with(); src/fix/ applies them
// (`check --fix`, the MCP server's fix_draft).
//
// Rule-specific data. `data` holds named lists of strings (visible-recipients: "addresses", the
// addresses to move to Bcc). The JSON report and SARIF's result properties print each entry as
// a field of its own, under its key, so a key is part of the report contract: add it to
// schemas/report.v1.json, never reuse a standard field name (rule, text, help, ...).
//
// Sensitive values. A diagnostic marked `sensitive` flags a value that must never be printed (a
// card number, a password). report::redact() masks it, after resolution and before any renderer
// runs, wherever it appears in the file's report: this finding's text, source line, message,
// help, suggestions, data and fix, and the same bytes in every other finding (a spelling warning
// on the tail of a password, a shouting warning whose line holds a card number). Renderers and
// the MCP server never see the raw value.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/range.hpp"

namespace replylint::core {

enum class Severity { info = 0, warning = 1, error = 2 };
/// "info", "warning" or "error".
std::string_view to_string(Severity severity);
/// Parses "error", "warning" or "info"; std::nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);

/// Where a finding (or an edit) is: a byte range in the body text, in the subject, or in a
/// header's value (see the coordinates above).
struct Location {
  enum class Origin { body, subject, header };
  Origin origin = Origin::body;
  Range range;  // body: into Draft::text(); subject: into Message::subject; header: its value
  std::string header;  // for Origin::header: the header name ("To", "Cc")
};

/// How far a fix may be trusted (ruff's Applicability), from least to most.
enum class Applicability { display_only = 0, unsafe = 1, safe = 2 };
/// "display-only", "unsafe" or "safe".
std::string_view to_string(Applicability applicability);

/// One replacement: `location`'s bytes become `replacement`.
struct Edit {
  Location location;
  std::string replacement;
  // Filled by resolution for body and subject edits, like a Diagnostic's (0 for header edits).
  int line = 0, column = 0, end_line = 0, end_column = 0;
};

/// What would put a finding right (see "Fixes" above).
struct Fix {
  std::string title;  // a short imperative: "write it in sentence case", "replace with 'respuesta'"
  Applicability applicability = Applicability::unsafe;
  std::vector<Edit> edits;  // non-overlapping, in order
  // The title in the active catalog's language (core/i18n.hpp); "" when English is active or
  // there is no translation.
  std::string title_localized;
};

/// How a sensitive value is shown.
///   last_four  every code point but whitespace becomes '*', except the last four that are not
///              whitespace when at least eight others are hidden ("**** **** **** 1111");
///              a shorter value is masked whole
///   full       every code point but whitespace becomes '*' (passwords, one-time codes)
enum class Masking { last_four, full };

/// One finding. Rules fill the first block (through rules::Reporter); report::Resolver fills
/// the positions and `text`. The member order is kept for aggregate initialisation.
struct Diagnostic {
  std::string rule;
  Severity severity = Severity::warning;
  std::string message;
  std::string help;
  std::vector<std::string> suggestions;  // replacements for `text`, best first
  /// Rule-specific named lists ("addresses" → the addresses to move to Bcc), printed as fields.
  std::vector<std::pair<std::string, std::vector<std::string>>> data;
  Location location;

  // Filled by resolution: 1-based lines, code-point columns, end exclusive.
  std::string part;  // MIME part id when positions are in a decoded part, else ""
  int line = 0, column = 0, end_line = 0, end_column = 0;
  std::string text;  // the exact flagged text (masked when sensitive)

  std::optional<Fix> fix;
  std::optional<Masking> sensitive;  // set: the flagged value is masked in every output

  // The message and help in the active catalog's language (core/i18n.hpp); "" when English is
  // active or there is no translation. Rules fill them through rules::Reporter.
  std::string message_localized;
  std::string help_localized;

  /// The list stored under `key` in `data`, or nullptr.
  const std::vector<std::string>* find_data(std::string_view key) const;
};

}  // namespace replylint::core
