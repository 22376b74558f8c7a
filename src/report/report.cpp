#include "report/report.hpp"

#include <algorithm>
#include <tuple>

namespace replylint::report {

int count_code_points(std::string_view text) {
  int count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

int Report::count(Severity severity) const {
  int n = 0;
  for (const FileReport& file : files)
    for (const Finding& f : file.findings)
      if (f.diagnostic.severity == severity) ++n;
  return n;
}

bool Report::fails(Severity threshold) const {
  for (const FileReport& file : files)
    for (const Finding& f : file.findings)
      if (f.diagnostic.severity >= threshold) return true;
  return false;
}

bool Report::has_errors_reading() const {
  return std::any_of(files.begin(), files.end(), [](const FileReport& f) { return !f.error.empty(); });
}

namespace {

struct LinePos {
  int line_index;           // 0-based line in the text
  std::size_t line_begin;   // byte offset of that line's start
  std::size_t line_end;     // byte offset of its end ('\n' excluded)
};

LinePos locate(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 0;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      begin = i + 1;
    }
  }
  std::size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  return {line, begin, end};
}

// Moves `offset` back to the start of a UTF-8 sequence so cuts never split a character.
std::size_t align(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset > 0 && offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
    --offset;
  return offset;
}

// Resolves a range of `text` whose first line is file line `first_line`, column offset
// `column_base` (code points before the text on its first line).
void resolve_in(std::string_view text, draft::Range range, int first_line, int column_base,
                std::string_view line_prefix, Finding& out) {
  Diagnostic& d = out.diagnostic;
  const std::size_t begin = align(text, range.begin);
  const std::size_t end = std::max(begin, align(text, range.end));
  const LinePos start = locate(text, begin);
  const LinePos stop = locate(text, end);
  const int prefix = start.line_index == 0 ? column_base : 0;
  const int stop_prefix = stop.line_index == 0 ? column_base : 0;
  d.line = first_line + start.line_index;
  d.column = prefix + 1 + count_code_points(text.substr(start.line_begin, begin - start.line_begin));
  d.end_line = first_line + stop.line_index;
  d.end_column = stop_prefix + 1 + count_code_points(text.substr(stop.line_begin, end - stop.line_begin));
  d.text = std::string(text.substr(begin, end - begin));
  out.source_line = std::string(start.line_index == 0 ? line_prefix : std::string_view{}) +
                    std::string(text.substr(start.line_begin, start.line_end - start.line_begin));
  out.source_column = d.column;
  out.source_end_column = d.end_line == d.line
                              ? d.end_column
                              : prefix + 1 + count_code_points(text.substr(start.line_begin, start.line_end - start.line_begin));
}

}  // namespace

Finding resolve(const draft::Draft& draft, Diagnostic d) {
  Finding out;
  out.diagnostic = std::move(d);
  Diagnostic& diag = out.diagnostic;
  const message::Message& msg = draft.message();
  switch (diag.location.origin) {
    case Location::Origin::body: {
      const message::Body& body = msg.body;
      if (body.in_file) {
        resolve_in(body.text, diag.location.range, body.first_line, 0, {}, out);
      } else {
        diag.part = body.part;
        resolve_in(body.text, diag.location.range, 1, 0, {}, out);
      }
      break;
    }
    case Location::Origin::subject: {
      const message::Header* h = msg.subject_header();
      // The subject is shown as its decoded header line; columns count from "Subject: ".
      const std::string prefix = (h ? h->name : std::string("Subject")) + ": ";
      resolve_in(msg.subject, diag.location.range, h ? h->line : 1, count_code_points(prefix),
                 prefix, out);
      break;
    }
    case Location::Origin::header: {
      const message::Header* h = msg.find_header(diag.location.header);
      if (h) {
        const std::string prefix = h->name + ": ";
        resolve_in(h->value, {0, h->value.size()}, h->line, count_code_points(prefix), prefix, out);
      } else {
        diag.line = diag.end_line = 1;
        diag.column = diag.end_column = 1;
      }
      break;
    }
  }
  return out;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    const Diagnostic& x = a.diagnostic;
    const Diagnostic& y = b.diagnostic;
    return std::tie(x.part, x.line, x.column, x.end_line, x.end_column, x.rule, x.message) <
           std::tie(y.part, y.line, y.column, y.end_line, y.end_column, y.rule, y.message);
  });
}

}  // namespace replylint::report
