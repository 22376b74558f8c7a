#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "draft/draft.hpp"

namespace replylint::report {

enum class Severity { info = 0, warning = 1, error = 2 };
std::string_view to_string(Severity severity);
/// Parses "error", "warning" or "info"; std::nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);

/// Where a finding is: a byte range in the body text, in the subject, or a whole header.
struct Location {
  enum class Origin { body, subject, header };
  Origin origin = Origin::body;
  draft::Range range;   // body: into Draft::text(); subject: into Message::subject
  std::string header;   // for Origin::header: the header name ("To", "Cc")
};

/// One finding. Rules fill the first block; report::resolve() fills the positions.
struct Diagnostic {
  std::string rule;
  Severity severity = Severity::warning;
  std::string message;
  std::string help;
  std::vector<std::string> suggestions;
  std::vector<std::string> addresses;  // visible-recipients: the addresses to move to Bcc
  Location location;

  // Filled by resolve(): 1-based lines, code-point columns, end exclusive.
  std::string part;  // MIME part id when positions are in a decoded part, else ""
  int line = 0, column = 0, end_line = 0, end_column = 0;
  std::string text;  // the exact flagged text
};

}  // namespace replylint::report
