#include "rules/suppression.hpp"

#include <array>
#include <cctype>

namespace replylint::rules {
namespace {

constexpr std::string_view k_marker = "replylint:";

struct CommentSyntax {
  std::string_view open;
  std::string_view close;
};
// Longest opener first: "{{!--" before "{{!". Liquid's block comment ("{% comment %}…") is read
// apart, before these; "{%" here is its inline comment, "{% # replylint: … %}".
constexpr std::array<CommentSyntax, 5> k_comments{{
    {"{{!--", "--}}"},
    {"{{!", "}}"},
    {"{#", "#}"},
    {"{%", "%}"},
    {"<!--", "-->"},
}};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

SuppressionKind kind_of(std::string_view word) {
  if (word == "disable-next-line") return SuppressionKind::next_line;
  if (word == "disable-line") return SuppressionKind::line;
  if (word == "disable") return SuppressionKind::disable;
  if (word == "enable") return SuppressionKind::enable;
  if (word == "disable-file") return SuppressionKind::file;
  return SuppressionKind::unknown;
}

// The directive inside one comment: `body` begins at byte `at` of the text. False when the
// comment is not a replylint directive.
bool parse_directive(std::string_view body, std::size_t at, Suppression& out) {
  std::size_t i = 0;
  // Jinja's whitespace control ("{#- … -#}") and Handlebars' "~" sit next to the delimiters,
  // Liquid's '#' opens its inline comment ("{% # … %}").
  bool hash = false;
  while (i < body.size() &&
         (is_blank(body[i]) || body[i] == '-' || body[i] == '~' || (!hash && body[i] == '#'))) {
    hash = hash || body[i] == '#';
    ++i;
  }
  if (body.substr(i, k_marker.size()) != k_marker) return false;
  i += k_marker.size();
  std::size_t end = body.size();
  while (end > i && (is_blank(body[end - 1]) || body[end - 1] == '-' || body[end - 1] == '~'))
    --end;
  // The reason follows the first " -- ".
  std::size_t reason_at = std::string_view::npos;
  for (std::size_t j = i; j + 2 <= end; ++j)
    if (body.substr(j, 2) == "--" && j > i && is_blank(body[j - 1]) &&
        (j + 2 == end || is_blank(body[j + 2]))) {
      reason_at = j;
      break;
    }
  const std::size_t words_end = reason_at == std::string_view::npos ? end : reason_at;
  if (reason_at != std::string_view::npos) {
    std::size_t r = reason_at + 2, e = end;
    while (r < e && is_blank(body[r])) ++r;
    while (e > r && is_blank(body[e - 1])) --e;
    out.reason = std::string(body.substr(r, e - r));
  }
  // The directive word, then rule ids separated by commas or blanks.
  bool first = true;
  while (i < words_end) {
    while (i < words_end && (is_blank(body[i]) || body[i] == ',')) ++i;
    std::size_t j = i;
    while (j < words_end && !is_blank(body[j]) && body[j] != ',') ++j;
    if (j == i) break;
    const std::string_view word = body.substr(i, j - i);
    const draft::Range range{at + i, at + j};
    if (first) {
      out.directive = std::string(word);
      out.directive_range = range;
      out.kind = kind_of(word);
      first = false;
    } else {
      out.rules.push_back({std::string(word), range});
    }
    i = j;
  }
  return !first;
}

// Liquid's block comment with or without whitespace control ("{%- comment -%}", "{%comment%}"):
// the end of its opening tag at `open` (just past "%}"), or npos. The same for "endcomment".
std::size_t liquid_tag_end(std::string_view text, std::size_t open, std::string_view name) {
  if (text.substr(open, 2) != "{%") return std::string_view::npos;
  std::size_t i = open + 2;
  if (i < text.size() && text[i] == '-') ++i;
  while (i < text.size() && is_blank(text[i])) ++i;
  if (text.substr(i, name.size()) != name) return std::string_view::npos;
  i += name.size();
  while (i < text.size() && is_blank(text[i])) ++i;
  if (i < text.size() && text[i] == '-') ++i;
  return text.substr(i, 2) == "%}" ? i + 2 : std::string_view::npos;
}

// A Liquid block comment holding the marker at `marker_at`, on [from, end): true when it was one.
bool scan_liquid_comment(std::string_view text, std::size_t from, std::size_t marker_at,
                         std::size_t end, std::size_t line, std::vector<Suppression>& out,
                         std::size_t& next) {
  const std::size_t open = text.substr(from, marker_at - from).rfind("{%");
  if (open == std::string_view::npos) return false;
  const std::size_t body_at = liquid_tag_end(text, from + open, "comment");
  if (body_at == std::string_view::npos || body_at > marker_at) return false;
  const std::string_view rest = text.substr(marker_at, end - marker_at);
  for (std::size_t close = rest.find("{%"); close != std::string_view::npos;
       close = rest.find("{%", close + 2)) {
    const std::size_t close_at = marker_at + close;
    const std::size_t close_end = liquid_tag_end(text, close_at, "endcomment");
    if (close_end == std::string_view::npos || close_end > end) continue;
    Suppression s;
    s.comment = {from + open, close_end};
    s.line = line;
    if (!parse_directive(text.substr(body_at, close_at - body_at), body_at, s)) return false;
    out.push_back(std::move(s));
    next = close_end;
    return true;
  }
  return false;
}

// Finds the directive comments on one line (bytes [begin, end) of `text`).
void scan_line(std::string_view text, std::size_t begin, std::size_t end, std::size_t line,
               std::vector<Suppression>& out) {
  std::size_t from = begin;
  while (from < end) {
    const std::size_t marker = text.substr(from, end - from).find(k_marker);
    if (marker == std::string_view::npos) return;
    const std::size_t marker_at = from + marker;
    // The nearest opener before the marker, and its closer after it.
    bool found = scan_liquid_comment(text, from, marker_at, end, line, out, from);
    for (const CommentSyntax& syntax : k_comments) {
      if (found) break;
      const std::size_t open = text.substr(from, marker_at - from).rfind(syntax.open);
      if (open == std::string_view::npos) continue;
      const std::size_t open_at = from + open;
      const std::size_t body_at = open_at + syntax.open.size();
      const std::size_t close = text.substr(marker_at, end - marker_at).find(syntax.close);
      if (close == std::string_view::npos) continue;
      const std::size_t close_at = marker_at + close;
      Suppression s;
      s.comment = {open_at, close_at + syntax.close.size()};
      s.line = line;
      if (parse_directive(text.substr(body_at, close_at - body_at), body_at, s)) {
        out.push_back(std::move(s));
        from = close_at + syntax.close.size();
        found = true;
        break;
      }
    }
    if (!found) from = marker_at + k_marker.size();
  }
}

}  // namespace

std::vector<Suppression> find_suppressions(const draft::Draft& draft) {
  std::vector<Suppression> out;
  const std::string_view text = draft.text();
  if (text.find(k_marker) == std::string_view::npos) return out;
  std::size_t line = 0, counted_to = 0;
  for (const draft::Segment& segment : draft.segments) {
    if (segment.kind != draft::SegmentKind::own &&
        segment.kind != draft::SegmentKind::placeholder &&
        segment.kind != draft::SegmentKind::signature)
      continue;
    std::size_t b = segment.range.begin;
    while (b <= segment.range.end && b < text.size()) {
      std::size_t e = text.find('\n', b);
      if (e == std::string_view::npos || e > segment.range.end) e = segment.range.end;
      for (; counted_to < b; ++counted_to)
        if (text[counted_to] == '\n') ++line;
      scan_line(text, b, e, line, out);
      b = e + 1;
    }
  }
  return out;
}

bool is_suppression_comment(std::string_view token) {
  if (const std::size_t body_at = liquid_tag_end(token, 0, "comment");
      body_at != std::string_view::npos) {
    const std::size_t close_at = token.rfind("{%");
    Suppression ignored;
    return close_at >= body_at && liquid_tag_end(token, close_at, "endcomment") == token.size() &&
           parse_directive(token.substr(body_at, close_at - body_at), 0, ignored);
  }
  for (const CommentSyntax& syntax : k_comments) {
    if (!token.starts_with(syntax.open) || !token.ends_with(syntax.close)) continue;
    if (token.size() < syntax.open.size() + syntax.close.size()) continue;
    Suppression ignored;
    const std::string_view body =
        token.substr(syntax.open.size(), token.size() - syntax.open.size() - syntax.close.size());
    if (parse_directive(body, 0, ignored)) return true;
  }
  return false;
}

}  // namespace replylint::rules
