#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace replylint::message::detail {

/// Text rendered from an HTML body.
struct HtmlText {
  std::string text;              // lines joined by '\n'
  std::vector<int> quote_depth;  // <blockquote> depth of each line of `text`
};

/// Renders UTF-8 HTML as plain text with gumbo: block elements and <br> break lines,
/// <blockquote> nesting is recorded per line, script/style/head are skipped, entities are
/// decoded by the parser. Never throws on any input.
HtmlText html_to_text(std::string_view html);

}  // namespace replylint::message::detail
