#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace replylint::message::detail {

/// Text rendered from an HTML body.
struct HtmlText {
  std::string text;              // lines joined by '\n'
  std::vector<int> quote_depth;  // <blockquote> depth of each line of `text`
  /// True when the HTML nested deeper than k_max_html_depth: it was read with its tags removed
  /// instead of parsed (gumbo's time grows with the square of the depth).
  bool too_deep = false;
};

inline constexpr int k_max_html_depth = 1000;

/// Renders UTF-8 HTML as plain text with gumbo: block elements and <br> break lines,
/// <blockquote> nesting is recorded per line, script/style/head are skipped, entities are
/// decoded by the parser. Never throws on any input. HTML nested deeper than k_max_html_depth
/// elements is not parsed: its tags are dropped (block tags and <br> still break lines, entities
/// stay as written) and `too_deep` is set, so time stays linear in the input.
HtmlText html_to_text(std::string_view html);

}  // namespace replylint::message::detail
