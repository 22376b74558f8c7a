#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace replylint::core {

/// The code points of `value` (UTF-8; a byte that does not continue a sequence starts one, so an
/// invalid byte counts as one code point), one flag each: true when `masking` hides it.
/// Whitespace (ASCII, U+00A0, U+202F) is never hidden, so lines and word gaps keep their shape.
std::vector<bool> hidden_code_points(std::string_view value, Masking masking);

/// `value` with every hidden code point replaced by '*': "4111 1111 1111 1111" →
/// "**** **** **** 1111" (last_four), "Tk93!mq" → "*******". The number of code points, and so
/// every column computed on the text, stays the same.
std::string mask(std::string_view value, Masking masking);

/// Length in bytes of the code point starting at `text[at]` (1 for an invalid byte).
std::size_t code_point_length(std::string_view text, std::size_t at);

}  // namespace replylint::core
