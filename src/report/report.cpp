#include "report/report.hpp"

#include "text/text.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace replylint::report {

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

int Report::fixed() const {
  int total = -1;
  for (const FileReport& f : files)
    if (f.fixed >= 0) total = std::max(total, 0) + f.fixed;
  return total;
}

bool Report::has_errors_reading() const {
  return std::any_of(files.begin(), files.end(),
                     [](const FileReport& f) { return !f.error.empty(); });
}

namespace {

// Moves `offset` back to the start of a UTF-8 sequence so cuts never split a character.
std::size_t align(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset > 0 && offset < text.size() &&
         (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
    --offset;
  return offset;
}

// A source line longer than this is shown as a window around the span ("…" on the cut sides).
constexpr std::size_t k_max_source_line = 2000;

}  // namespace

TextIndex::TextIndex(std::string_view text) : m_text(text) {
  m_line_starts.push_back(0);
  for (std::size_t newline = text.find('\n'); newline != std::string_view::npos;
       newline = text.find('\n', newline + 1))
    m_line_starts.push_back(newline + 1);
  std::size_t points = 0;
  for (std::size_t chunk = 0; chunk < text.size(); chunk += k_step) {
    m_points.push_back(points);
    points += static_cast<std::size_t>(text::count_code_points(text.substr(chunk, k_step)));
  }
  m_points.push_back(points);  // for offset == size when size % k_step == 0
}

std::size_t TextIndex::line_of(std::size_t offset) const {
  offset = std::min(offset, m_text.size());
  return static_cast<std::size_t>(
             std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset) -
             m_line_starts.begin()) -
         1;
}

std::size_t TextIndex::line_end(std::size_t line) const {
  return line + 1 < m_line_starts.size() ? m_line_starts[line + 1] - 1 : m_text.size();
}

std::size_t TextIndex::points_before(std::size_t offset) const {
  offset = std::min(offset, m_text.size());
  const std::size_t chunk = offset / k_step;
  return m_points[chunk] + static_cast<std::size_t>(text::count_code_points(
                               m_text.substr(chunk * k_step, offset - chunk * k_step)));
}

int TextIndex::points_between(std::size_t begin, std::size_t end) const {
  // Within a line, counting the bytes between is shorter than two walks from the checkpoints.
  end = std::min(end, m_text.size());
  if (begin <= end && end - begin < k_step)
    return text::count_code_points(m_text.substr(begin, end - begin));
  return static_cast<int>(points_before(end) - points_before(begin));
}

namespace {

// Resolves a range of the indexed text whose first line is file line `first_line`, column offset
// `column_base` (code points before the text on its first line). Time: O(log lines + k_step),
// whatever the offsets.
void resolve_in(const TextIndex& index, core::Range range, int first_line, int column_base,
                std::string_view line_prefix, Finding& out) {
  const std::string_view text = index.text();
  Diagnostic& d = out.diagnostic;
  const std::size_t begin = align(text, range.begin);
  const std::size_t end = std::max(begin, align(text, range.end));
  const std::size_t start_line = index.line_of(begin), stop_line = index.line_of(end);
  const std::size_t start_begin = index.line_start(start_line),
                    start_end = index.line_end(start_line);
  const std::size_t stop_begin = index.line_start(stop_line);
  const int prefix = start_line == 0 ? column_base : 0;
  const int stop_prefix = stop_line == 0 ? column_base : 0;
  d.line = first_line + static_cast<int>(start_line);
  d.column = prefix + 1 + index.points_between(start_begin, begin);
  d.end_line = first_line + static_cast<int>(stop_line);
  d.end_column = stop_prefix + 1 + index.points_between(stop_begin, end);
  d.text = std::string(text.substr(begin, end - begin));
  out.span = {begin, end};
  const int line_points = index.points_between(start_begin, start_end);
  out.source_column = d.column;
  out.source_end_column = d.end_line == d.line ? d.end_column : prefix + 1 + line_points;
  if (start_end - start_begin <= k_max_source_line) {
    out.source_line = std::string(start_line == 0 ? line_prefix : std::string_view{});
    out.source_text_at = out.source_line.size();
    out.source_begin = start_begin;
    out.source_line += text.substr(start_begin, start_end - start_begin);
    return;
  }
  // A huge line (a 10 MB body on one line): a window around the span, so that each finding
  // costs the same whatever the line's length.
  const std::size_t from =
      align(text, begin > start_begin + k_max_source_line / 2 ? begin - k_max_source_line / 2
                                                              : start_begin);
  const std::size_t to = align(text, std::min(start_end, from + k_max_source_line));
  const bool cut_left = from > start_begin;
  const int lead = cut_left ? 1 : prefix;  // "…" is one code point
  out.source_line = std::string(cut_left          ? "…"
                                : start_line == 0 ? line_prefix
                                                  : std::string_view{});
  out.source_text_at = out.source_line.size();
  out.source_begin = from;
  out.source_line += std::string(text.substr(from, to - from)) + (to < start_end ? "…" : "");
  out.source_column = lead + 1 + index.points_between(from, begin);
  out.source_end_column =
      lead + 1 + index.points_between(from, d.end_line == d.line ? std::min(end, to) : to);
}

}  // namespace

Resolver::Resolver(const draft::Draft& draft) : m_draft(draft), m_body(draft.message().body.text) {}

const TextIndex& Resolver::index_of(const std::string& text) {
  auto it = m_others.find(&text);
  if (it == m_others.end()) it = m_others.emplace(&text, TextIndex(text)).first;
  return it->second;
}

Finding Resolver::resolve_span(Diagnostic d) {
  Finding out;
  out.diagnostic = std::move(d);
  Diagnostic& diag = out.diagnostic;
  const message::Message& msg = m_draft.message();
  switch (diag.location.origin) {
    case Location::Origin::body: {
      const message::Body& body = msg.body;
      const int first_line = body.in_file ? body.first_line : 1;
      if (!body.in_file) diag.part = body.part;
      if (!body.flowed) {
        resolve_in(m_body, diag.location.range, first_line, 0, {}, out);
        break;
      }
      // A flowed body's lines were joined: report where the text stands in the part as
      // written (the file, for a 7bit/8bit part), so line:column lead to what the user typed.
      const draft::Range range = diag.location.range;
      const std::size_t begin = body.unflowed_offset(range.begin);
      const std::size_t end =
          range.end > range.begin ? body.unflowed_offset(range.end - 1) + 1 : begin;
      resolve_in(index_of(body.unflowed_text), {begin, end}, first_line, 0, {}, out);
      const std::string_view text = body.text;
      const std::size_t from = std::min(align(text, range.begin), text.size());
      diag.text = std::string(text.substr(from, std::max(from, align(text, range.end)) - from));
      break;
    }
    case Location::Origin::subject: {
      const message::Header* h = msg.subject_header();
      // The subject is shown as its decoded header line; columns count from "Subject: ".
      const std::string prefix = (h ? h->name : std::string("Subject")) + ": ";
      resolve_in(index_of(msg.subject), diag.location.range, h ? h->line : 1,
                 text::count_code_points(prefix), prefix, out);
      break;
    }
    case Location::Origin::header: {
      const message::Header* h = msg.find_header(diag.location.header);
      if (h) {
        const std::string prefix = h->name + ": ";
        resolve_in(index_of(h->value), {0, h->value.size()}, h->line,
                   text::count_code_points(prefix), prefix, out);
        // A folded field spans all its lines in the file (the source shown is its unfolded value).
        if (h->end_line > h->line) {
          diag.end_line = h->end_line;
          diag.end_column = h->end_column;
        }
      } else {
        diag.line = diag.end_line = 1;
        diag.column = diag.end_column = 1;
      }
      break;
    }
  }
  return out;
}

Finding Resolver::resolve(Diagnostic d) {
  Finding out = resolve_span(std::move(d));
  // A fix's body and subject edits get positions of their own, in the finding's coordinates.
  if (out.diagnostic.fix) {
    for (core::Edit& edit : out.diagnostic.fix->edits) {
      if (edit.location.origin == Location::Origin::header) continue;
      Diagnostic probe;
      probe.location = edit.location;
      const Finding at = resolve_span(std::move(probe));
      edit.line = at.diagnostic.line;
      edit.column = at.diagnostic.column;
      edit.end_line = at.diagnostic.end_line;
      edit.end_column = at.diagnostic.end_column;
    }
  }
  return out;
}

Finding resolve(const draft::Draft& draft, Diagnostic d) {
  return Resolver(draft).resolve(std::move(d));
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
