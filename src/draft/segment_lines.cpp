// Line classification: every line of the body gets a kind (and a quote depth), in one forward
// pass with bounded look-ahead, so the cost is linear in the size of the body.
#include "draft/internal.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace replylint::draft::detail {
namespace {

struct Line {
  std::size_t begin = 0, end = 0;  // end excludes '\n'
  int depth = 0;                   // '>' markers, HTML blockquote depth or a flowed body's depth
  bool blank = false;
};

constexpr std::size_t k_max_pattern_line = 400;  // longer lines are never attribution/footers
constexpr std::size_t k_max_header_block = 16;   // lines of an Outlook header block

// Counts leading '>' markers ("> > x", ">>x", "  > x"); linear in the line.
int quote_markers(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && (line[i] == ' ' || line[i] == '\t')) ++i;
  int depth = 0;
  while (i < line.size() && line[i] == '>') {
    ++depth;
    ++i;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  }
  return depth;
}

// A date, a time or an address: what tells a client's attribution line from prose that happens
// to start with "On" and end with "wrote:".
bool looks_dated(std::string_view s) {
  if (s.find('@') != std::string_view::npos) return true;
  int run = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool digit = is_digit(s[i]);
    if (digit) {
      if (++run >= 4) return true;  // a year
      continue;
    }
    if (run >= 1 && (s[i] == ':' || s[i] == '/') && i + 1 < s.size() && is_digit(s[i + 1]))
      return true;  // 22:10, 6/3
    run = 0;
  }
  return false;
}

// "-- " (RFC 3676), also without its trailing space or with a stray '\r' as some clients send.
bool is_signature_delimiter(std::string_view line) {
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line == "-- " || line == "--";
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Skips ASCII digits from `i`; returns how many.
std::size_t digits(std::string_view s, std::size_t& i) {
  const std::size_t from = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i - from;
}

// " 3 files changed, 10 insertions(+), 2 deletions(-)" (git diff --stat's last line).
bool is_diffstat_summary(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i == 0 || digits(s, i) == 0) return false;
  const std::string_view rest = s.substr(i);
  return starts_with(rest, " file changed") || starts_with(rest, " files changed");
}

// " src/a.cpp | 12 ++--" or " logo.png | Bin 0 -> 1234 bytes" (one line of a diffstat).
bool is_diffstat_line(std::string_view s) {
  if (s.empty() || s[0] != ' ') return false;
  const std::size_t bar = s.find(" | ");
  if (bar == std::string_view::npos || bar < 2) return false;
  std::size_t i = bar + 3;
  while (i < s.size() && s[i] == ' ') ++i;
  if (starts_with(s.substr(i), "Bin")) return true;
  if (digits(s, i) == 0) return false;
  while (i < s.size() && (s[i] == ' ' || s[i] == '+' || s[i] == '-')) ++i;
  return i == s.size();
}

class LineClassifier {
 public:
  LineClassifier(const message::Message& message, const Compiled& c)
      : m_text(message.body.text), m_c(c) {
    split(message.body.html_quote_depth, message.body.flowed_quote_depth);
  }

  std::vector<Segment> run() {
    const std::size_t n = m_lines.size();
    m_kind.assign(n, SegmentKind::own);
    m_depth.assign(n, 0);
    std::vector<bool> assigned(n, false);
    m_next_nonblank.assign(n + 1, n);
    for (std::size_t i = n; i-- > 0;)
      m_next_nonblank[i] = m_lines[i].blank ? m_next_nonblank[i + 1] : i;

    enum class Mode { normal, original, forward } mode = Mode::normal;
    bool in_signature = false;
    auto set = [&](std::size_t from, std::size_t to, SegmentKind kind, int depth) {
      for (std::size_t k = from; k < to; ++k) {
        m_kind[k] = kind;
        m_depth[k] = depth;
        assigned[k] = true;
      }
    };

    const std::size_t patch = patch_start();
    for (std::size_t i = 0; i < n;) {
      const Line& line = m_lines[i];
      if (i >= patch) {
        set(i, n, SegmentKind::patch, 0);
        break;
      }
      if (line.blank) {
        ++i;
        continue;
      }
      if (mode == Mode::forward) {
        set(i, i + 1, SegmentKind::forward, 0);
        ++i;
        continue;
      }
      if (mode == Mode::original) {
        if (const std::size_t j = original_block(i); j > i) {
          set(i, j, SegmentKind::original_header, 0);
          i = j;
        } else {
          set(i, i + 1, SegmentKind::quote, 1 + line.depth);
          ++i;
        }
        continue;
      }
      if (line.depth > 0) {
        set(i, i + 1, SegmentKind::quote, line.depth);
        in_signature = false;
        ++i;
        continue;
      }
      const std::string_view t = trim(view(i));
      const std::optional<std::string> marker = marker_of(t);
      if (marker && m_c.forward_markers.count(*marker) > 0) {
        set(i, i + 1, SegmentKind::forward, 0);
        mode = Mode::forward;
        ++i;
        continue;
      }
      if (const std::size_t j = original_block(i, &marker); j > i) {
        set(i, j, SegmentKind::original_header, 0);
        mode = Mode::original;
        in_signature = false;
        i = j;
        continue;
      }
      bool unquoted_original = false;
      if (const std::size_t j = attribution(i, unquoted_original); j > i) {
        set(i, j, SegmentKind::attribution, 0);
        if (unquoted_original) mode = Mode::original;
        in_signature = false;
        i = j;
        continue;
      }
      if (in_signature) {
        set(i, i + 1, SegmentKind::signature, 0);
      } else if (is_signature_delimiter(view(i))) {
        in_signature = true;
        set(i, i + 1, SegmentKind::signature, 0);
      } else if (t.size() <= k_max_pattern_line &&
                 (!m_c.signature_first || starts_with_letter_in(*m_c.signature_first, t)) &&
                 may_match(m_c.signature_needs, t) && matches(m_c.signature_lines.get(), t)) {
        set(i, i + 1, SegmentKind::signature, 0);
      } else if (is_placeholder_line(t, m_c)) {
        set(i, i + 1, SegmentKind::placeholder, 0);
      } else {
        set(i, i + 1, SegmentKind::own, 0);
      }
      ++i;
    }
    resolve_blanks(assigned);
    return merge();
  }

 private:
  std::string_view view(std::size_t i) const {
    return std::string_view(m_text).substr(m_lines[i].begin, m_lines[i].end - m_lines[i].begin);
  }

  // A flowed body's depths come from its decoding and are final: after unstuffing, an own line
  // " > 5 is wrong" reads "> 5 is wrong" but is not a quote (RFC 3676 §4.4).
  void split(const std::vector<int>& html_depth, const std::vector<int>& flowed_depth) {
    std::size_t b = 0;
    while (b < m_text.size()) {
      std::size_t e = m_text.find('\n', b);
      const std::size_t next = e == std::string::npos ? m_text.size() : e + 1;
      if (e == std::string::npos) e = m_text.size();
      Line line{b, e, 0, false};
      const std::string_view v = std::string_view(m_text).substr(b, e - b);
      line.blank = trim(v).empty();
      const std::size_t index = m_lines.size();
      const int html = index < html_depth.size() ? std::max(0, html_depth[index]) : 0;
      line.depth = !flowed_depth.empty() ? (index < flowed_depth.size() ? flowed_depth[index] : 0)
                                         : std::max(html, quote_markers(v));
      if (line.depth > 0) line.blank = false;  // "> " is an (empty) quoted line
      m_lines.push_back(line);
      b = next;
    }
  }

  // First line of the patch in a patch email (git format-patch / send-email), or the line count.
  // git (mailinfo) ends the commit message at the first "---" line; here that line counts only
  // when a diff or a diffstat follows it, so a "---" drawn in prose stays own text. Without a
  // "---" line the patch starts at its first "diff --git" line, at a unified diff's "--- "/"+++ "
  // /"@@" header, or (a cover letter) at the diffstat. Quoted lines never count: a reply that
  // quotes a patch is a reply. The patch runs to the end of the body.
  std::size_t patch_start() const {
    const std::size_t n = m_lines.size();
    std::size_t dashes = n;
    for (std::size_t i = 0; i < n; ++i) {
      if (m_lines[i].blank || m_lines[i].depth > 0) continue;
      const std::string_view v = view(i);
      if (trim_right(v) == "---") {
        if (dashes == n) dashes = i;
        continue;
      }
      const bool unified = starts_with(v, "--- ") && i + 2 < n &&
                           starts_with(view(i + 1), "+++ ") && starts_with(view(i + 2), "@@ ");
      if (starts_with(v, "diff --git ") || unified) return std::min(dashes, i);
      if (is_diffstat_summary(v)) {
        if (dashes < i) return dashes;
        std::size_t s = i;
        while (s > 0 && m_lines[s - 1].depth == 0 && is_diffstat_line(view(s - 1))) --s;
        return s;
      }
    }
    return n;
  }

  // "De: Ana", "*From:* Ana", "Από: Νίκος" with a name from original-fields.
  bool is_field_line(std::size_t i) const {
    if (i >= m_lines.size() || m_lines[i].blank || m_lines[i].depth > 0) return false;
    const std::string_view name = text::field_name(view(i));
    return !name.empty() && m_c.original_fields.count(text::fold_case(name)) > 0;
  }

  // Extends a header block from `j` over field lines (and single wrapped continuation lines).
  std::size_t extend_fields(std::size_t j, std::size_t limit) const {
    while (j < limit) {
      if (is_field_line(j)) {
        ++j;
      } else if (!m_lines[j].blank && m_lines[j].depth == 0 && is_field_line(j + 1)) {
        j += 2;  // a long "To:" wrapped onto the next line, then more fields
      } else {
        break;
      }
    }
    return std::min(j, limit);
  }

  // normalize_marker() of a trimmed line, or nullopt when it has more words than any marker.
  std::optional<std::string> marker_of(std::string_view t) const {
    if (marker_words(t, m_c.max_marker_words) > m_c.max_marker_words) return std::nullopt;
    return normalize_marker(t);
  }

  // End (exclusive) of an Outlook original-message header block starting at `i`, or `i`.
  // `marker`: marker_of() the trimmed line when the caller has it already.
  std::size_t original_block(std::size_t i,
                             const std::optional<std::string>* marker = nullptr) const {
    const Line& line = m_lines[i];
    if (line.blank || line.depth > 0) return i;
    const std::string_view t = trim(view(i));
    const std::size_t limit = std::min(m_lines.size(), i + 1 + k_max_header_block);
    if (t.size() <= k_max_pattern_line) {
      const std::optional<std::string> own = marker ? std::nullopt : marker_of(t);
      const std::optional<std::string>& normalized = marker ? *marker : own;
      if (normalized && m_c.original_markers.count(*normalized) > 0)
        return extend_fields(i + 1, limit);
    }
    const bool underscores = t.size() >= 8 && t.find_first_not_of('_') == std::string_view::npos;
    if (underscores && is_field_line(i + 1)) return extend_fields(i + 1, limit);
    // A bare "From:/Sent:/To:/Subject:" block (Outlook on the web): three field lines or more.
    if (is_field_line(i)) {
      const std::size_t j = extend_fields(i, limit);
      int fields = 0;
      for (std::size_t k = i; k < j; ++k) fields += is_field_line(k) ? 1 : 0;
      if (fields >= 3) return j;
    }
    return i;
  }

  // End (exclusive) of an attribution line or wrapped pair starting at `i`, or `i`. It counts
  // only when a quote follows, or when it carries a date/time/address (then the unquoted text
  // below it is the original: `unquoted_original`). So "Como te escribió:" in prose is own text.
  std::size_t attribution(std::size_t i, bool& unquoted_original) const {
    const std::string_view t = trim(view(i));
    if (t.size() > k_max_pattern_line) return i;
    // The patterns are the costly part, so first the conditions every attribution must meet
    // anyway (below): a quote after it, or a date, time or address in it. Most lines of prose
    // meet neither and never reach a pattern; the answer is the same.
    auto quoted_after = [&](std::size_t end) {
      const std::size_t next = end < m_next_nonblank.size() ? m_next_nonblank[end] : m_lines.size();
      return next < m_lines.size() && m_lines[next].depth > 0;
    };
    const bool has_second =
        i + 1 < m_lines.size() && !m_lines[i + 1].blank && m_lines[i + 1].depth == 0;
    const bool one_line_possible = quoted_after(i + 1) || dated(i);
    // The two lines joined by a space look dated when either does: no run of digits, ':' or '/'
    // that looks_dated() sees can cross that space.
    const bool two_lines_possible = has_second && (quoted_after(i + 2) || dated(i) || dated(i + 1));
    if (!one_line_possible && !two_lines_possible) return i;
    std::size_t end = i;
    std::string both(t);
    if (matches_any(m_c.attribution, t)) {
      end = i + 1;
    } else if (i + 1 < m_lines.size() && !m_lines[i + 1].blank && m_lines[i + 1].depth == 0) {
      const std::string_view second = trim(view(i + 1));
      if (second.size() <= k_max_pattern_line && may_match(m_c.attribution_start_needs, t) &&
          matches(m_c.attribution_start.get(), t) && may_match(m_c.attribution_end_needs, second) &&
          matches(m_c.attribution_end.get(), second)) {
        end = i + 2;
        both += ' ';
        both += second;
      }
    }
    if (end == i) return i;
    const std::size_t next = m_next_nonblank[end];
    if (next < m_lines.size() && m_lines[next].depth > 0) return end;
    if (!looks_dated(both)) return i;
    unquoted_original = next < m_lines.size();
    return end;
  }

  // looks_dated() of line `i` (trimmed), worked out once per line.
  bool dated(std::size_t i) const {
    if (m_dated.size() != m_lines.size()) m_dated.assign(m_lines.size(), -1);
    if (m_dated[i] < 0) m_dated[i] = looks_dated(trim(view(i))) ? 1 : 0;
    return m_dated[i] == 1;
  }

  // A run of blank lines joins own text when it touches own text (or starts the body), else the
  // segment above it, so a quote with blank lines inside stays one segment.
  void resolve_blanks(const std::vector<bool>& assigned) {
    const std::size_t n = m_lines.size();
    for (std::size_t a = 0; a < n;) {
      if (assigned[a]) {
        ++a;
        continue;
      }
      std::size_t b = a;
      while (b < n && !assigned[b]) ++b;
      SegmentKind kind = SegmentKind::own;
      int depth = 0;
      const bool prev_own = a == 0 || m_kind[a - 1] == SegmentKind::own;
      const bool next_own = b < n && m_kind[b] == SegmentKind::own;
      if (!prev_own && !next_own) {
        kind = m_kind[a - 1];
        depth = m_depth[a - 1];
      }
      for (std::size_t k = a; k < b; ++k) {
        m_kind[k] = kind;
        m_depth[k] = depth;
      }
      a = b;
    }
  }

  std::vector<Segment> merge() const {
    std::vector<Segment> out;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
      if (!out.empty() && out.back().kind == m_kind[i] && out.back().depth == m_depth[i]) {
        out.back().range.end = m_lines[i].end;
        continue;
      }
      Segment s;
      s.kind = m_kind[i];
      s.depth = m_depth[i];
      s.range = {m_lines[i].begin, m_lines[i].end};
      out.push_back(s);
    }
    return out;
  }

  const std::string& m_text;
  const Compiled& m_c;
  std::vector<Line> m_lines;
  std::vector<SegmentKind> m_kind;
  std::vector<int> m_depth;
  std::vector<std::size_t> m_next_nonblank;
  mutable std::vector<signed char> m_dated;  // per line: -1 not known yet, else looks_dated()
};

}  // namespace

std::vector<Segment> segment_lines(const message::Message& message, const Compiled& c) {
  return LineClassifier(message, c).run();
}

}  // namespace replylint::draft::detail
