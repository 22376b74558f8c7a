// report::redact(): the one place where sensitive values are masked (core/diagnostic.hpp,
// "Sensitive values"). Renderers never decide what is secret.
#include <algorithm>
#include <cctype>

#include "core/mask.hpp"
#include "report/report.hpp"

namespace replylint::report {

namespace {

// One sensitive value as it sits in its origin text.
struct SensitiveSpan {
  const Finding* owner = nullptr;
  Location::Origin origin = Location::Origin::body;
  std::string header;
  core::Range range;
  std::string raw;
  std::string masked;
  std::vector<bool> hidden;              // per code point of `raw`
  std::vector<std::size_t> point_index;  // per byte of `raw`: the code point it belongs to
};

bool same_header(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

bool same_origin(const SensitiveSpan& span, const Location& location) {
  if (span.origin != location.origin) return false;
  return span.origin != Location::Origin::header || same_header(span.header, location.header);
}

SensitiveSpan make_span(const Finding& f) {
  SensitiveSpan s;
  s.owner = &f;
  s.origin = f.diagnostic.location.origin;
  s.header = f.diagnostic.location.header;
  s.range = f.span;
  s.raw = f.diagnostic.text;
  s.masked = core::mask(s.raw, *f.diagnostic.sensitive);
  s.hidden = core::hidden_code_points(s.raw, *f.diagnostic.sensitive);
  s.point_index.resize(s.raw.size());
  std::size_t point = 0;
  for (std::size_t at = 0; at < s.raw.size(); ++point) {
    const std::size_t length = core::code_point_length(s.raw, at);
    for (std::size_t i = 0; i < length; ++i) s.point_index[at + i] = point;
    at += length;
  }
  return s;
}

// `segment` holds the origin text's bytes from offset `at` on: each of its code points that lies
// in a sensitive span of that origin becomes '*' when the span's mask hides it there.
std::string mask_segment(std::string_view segment, std::size_t at,
                         const std::vector<const SensitiveSpan*>& spans) {
  std::string out;
  out.reserve(segment.size());
  for (std::size_t i = 0; i < segment.size();) {
    const std::size_t length = core::code_point_length(segment, i);
    const std::size_t offset = at + i;
    bool hide = false;
    for (const SensitiveSpan* s : spans) {
      if (offset < s->range.begin || offset >= s->range.end) continue;
      const std::size_t inside = offset - s->range.begin;
      if (inside < s->raw.size() && s->hidden[s->point_index[inside]]) hide = true;
    }
    if (hide)
      out += '*';
    else
      out.append(segment.substr(i, length));
    i += length;
  }
  return out;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty() || from == to) return;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Every string of `d` a renderer may print, except text and the source line (masked by position).
template <typename Visit>
void for_each_free_text(Diagnostic& d, Visit visit) {
  visit(d.message);
  visit(d.help);
  visit(d.message_localized);
  visit(d.help_localized);
  for (std::string& s : d.suggestions) visit(s);
  for (auto& [name, values] : d.data)
    for (std::string& v : values) visit(v);
  if (d.fix) {
    visit(d.fix->title);
    visit(d.fix->title_localized);
    for (core::Edit& e : d.fix->edits) visit(e.replacement);
  }
}

}  // namespace

void redact(FileReport& file) {
  std::vector<SensitiveSpan> spans;
  for (const Finding& f : file.findings)
    if (f.diagnostic.sensitive && !f.diagnostic.text.empty()) spans.push_back(make_span(f));
  if (spans.empty()) return;

  // Raw texts and their masks, longest first, replaced wherever they occur in free text.
  std::vector<std::pair<std::string, std::string>> everywhere;
  for (const SensitiveSpan& s : spans) everywhere.emplace_back(s.raw, s.masked);

  for (Finding& f : file.findings) {
    Diagnostic& d = f.diagnostic;
    std::vector<const SensitiveSpan*> here;  // spans of this finding's origin
    bool overlaps_other = false;
    for (const SensitiveSpan& s : spans) {
      if (!same_origin(s, d.location)) continue;
      here.push_back(&s);
      if (s.owner != &f &&
          (s.range.overlaps(f.span) ||
           (f.span.empty() && s.range.begin <= f.span.begin && f.span.begin < s.range.end)))
        overlaps_other = true;
    }
    std::vector<std::pair<std::string, std::string>>
        own_pieces;  // this finding's raw → masked text
    if (!here.empty()) {
      std::string text = mask_segment(d.text, f.span.begin, here);
      if (text != d.text) own_pieces.emplace_back(d.text, text);
      d.text = std::move(text);
      const std::size_t cut = std::min(f.source_text_at, f.source_line.size());
      f.source_line =
          f.source_line.substr(0, cut) +
          mask_segment(std::string_view(f.source_line).substr(cut), f.source_begin, here);
    }
    if (overlaps_other && !d.sensitive) {
      // Replacements for part of a secret would print or write that part: mask and drop them.
      for (std::string& s : d.suggestions) s = core::mask(s, core::Masking::full);
      d.fix.reset();
    }
    std::sort(own_pieces.begin(), own_pieces.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for_each_free_text(d, [&](std::string& s) {
      for (const auto& [raw, masked] : own_pieces) replace_all(s, raw, masked);
    });
  }

  // A value may also appear where no position says so (a message quoting it, the subject
  // repeating a body value): replace every raw occurrence, longest first.
  std::sort(everywhere.begin(), everywhere.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (Finding& f : file.findings) {
    auto visit = [&](std::string& s) {
      for (const auto& [raw, masked] : everywhere) replace_all(s, raw, masked);
    };
    visit(f.diagnostic.text);
    visit(f.source_line);
    for_each_free_text(f.diagnostic, visit);
  }
}

}  // namespace replylint::report
