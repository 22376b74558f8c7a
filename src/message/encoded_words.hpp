#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace replylint::message::detail {

/// Works around GMime 3.2.13 (Debian 12), which joins adjacent B-encoded words of one charset
/// before decoding them and so loses whatever follows the first word's '=' padding
/// (`=?UTF-8?B?TXlTdXJ2ZXk=?= =?UTF-8?B?LmNvbTogIFk=?=` becomes "MySurvey"). RFC 2047 §6.2
/// decodes each word on its own: each run of B-words of one charset separated only by
/// whitespace is rewritten as one B-word holding the words' bytes, each word decoded alone.
/// Returns the rewritten raw header value, or nullopt when it has no such run (GMime is right).
std::optional<std::string> merge_adjacent_b_words(std::string_view raw);

}  // namespace replylint::message::detail
