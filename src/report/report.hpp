#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "draft/draft.hpp"
#include "report/diagnostic.hpp"

namespace replylint::report {

/// A diagnostic with its position resolved, plus the source line to show under it.
struct Finding {
  Diagnostic diagnostic;
  std::string source_line;  // the whole line holding the start of the span (UTF-8)
  int source_column = 1;    // 1-based code-point column of the span in `source_line`
  int source_end_column = 1;  // end (exclusive) on the same line, clamped to the line
};

/// The outcome for one input: what was found, what went wrong.
struct FileReport {
  std::string path;
  std::string language;            // dominant language of own text, "" when unknown
  std::vector<Finding> findings;   // sorted by line, column, rule
  std::vector<std::string> warnings;  // non-fatal problems ("invalid UTF-8 … replaced")
  std::string error;               // set when the input could not be read at all
};

/// The whole run: one FileReport per input, in input order.
struct Report {
  std::vector<FileReport> files;
  int count(Severity severity) const;
  /// True when some finding is at or above `threshold`.
  bool fails(Severity threshold) const;
  bool has_errors_reading() const;
};

/// Turns the byte range of `d.location` into 1-based line and code-point columns following
/// DESIGN.md "Positions", fills `d.text`, `d.part` and the source line. Never throws: ranges
/// are clamped to the text.
Finding resolve(const draft::Draft& draft, Diagnostic d);

/// Line starts and code-point counts of one text, computed once, so that positions resolve in
/// O(log lines) plus a bounded scan whatever the offset (a 10 MB single line, 100,000 lines).
class TextIndex {
 public:
  explicit TextIndex(std::string_view text);
  std::string_view text() const { return m_text; }
  std::size_t line_of(std::size_t offset) const;  // 0-based line holding `offset`
  std::size_t line_start(std::size_t line) const { return m_line_starts[line]; }
  std::size_t line_end(std::size_t line) const;   // '\n' excluded
  /// Code points in [begin, end) of the text (begin <= end).
  int points_between(std::size_t begin, std::size_t end) const;

 private:
  static constexpr std::size_t k_step = 4096;
  std::size_t points_before(std::size_t offset) const;
  std::string_view m_text;
  std::vector<std::size_t> m_line_starts;
  std::vector<std::size_t> m_points;  // code points before each k_step-th byte
};

/// resolve() for many diagnostics of one draft: the texts are indexed once. Keep the draft alive.
class Resolver {
 public:
  explicit Resolver(const draft::Draft& draft);
  Finding resolve(Diagnostic d);

 private:
  const TextIndex& index_of(const std::string& text);
  const draft::Draft& m_draft;
  TextIndex m_body;
  std::unordered_map<const std::string*, TextIndex> m_others;
};

/// Sorts findings by line, column, end, rule, message, for stable output.
void sort_findings(std::vector<Finding>& findings);

}  // namespace replylint::report
