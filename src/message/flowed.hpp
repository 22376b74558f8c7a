#pragma once

#include "message/message.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace replylint::message::detail {

/// A format=flowed text decoded (RFC 3676 §4), with the way back to the lines as written.
struct Flowed {
  std::string text;                    // logical lines, '\n'-separated
  std::vector<int> quote_depth;        // per line of `text`
  std::vector<Body::FlowedPiece> map;  // runs of `text` copied from the input
};

/// Decodes `text` (already charset-decoded, lines ending in '\n'): a line ending in a space is
/// joined with the next line of the same quote depth (its trailing space dropped when `delsp`),
/// the space after the quote markers or at the start of an unquoted line is removed
/// (space-stuffing), and "-- " stays a hard line. A joined line keeps the '>' markers of its first
/// physical line. Linear in the input; never throws.
Flowed decode_flowed(std::string_view text, bool delsp);

}  // namespace replylint::message::detail
