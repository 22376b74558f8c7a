#pragma once

#include <string>
#include <string_view>

namespace replylint::message::detail {

/// Result of decoding bytes in some charset to NFC UTF-8.
struct Decoded {
  std::string text;              // NFC UTF-8, never invalid
  int invalid = 0;               // byte sequences replaced by U+FFFD
  bool unknown_charset = false;  // the charset was not known; a fallback was used
  std::string used;              // the charset actually used ("utf-8", "windows-1252", ...)
  bool fell_back =
      false;  // 8-bit bytes were not valid UTF-8: windows-1252, or 8-bit Greek, was assumed
};

/// Decodes `bytes` declared as `charset` ("" when none was declared). An empty or us-ascii
/// charset means "UTF-8 if valid, else windows-1252". An unknown charset is read the same way
/// and flagged. Invalid sequences become U+FFFD and are counted. Never throws.
Decoded decode_text(std::string_view bytes, std::string_view charset);

/// The 8-bit Greek charset ("windows-1253" or "ISO-8859-7") `bytes` read as when they declare
/// none and are not UTF-8, or nullptr when they do not look Greek (decode_text's own guess).
const char* greek_8bit(std::string_view bytes);

/// Line endings made '\n': "\r\n" -> "\n"; lone '\r' -> '\n' when the text has no '\n' at all
/// (old Mac files), otherwise a space so lines keep matching the input's '\n' lines.
std::string normalize_newlines(std::string_view text);

/// ASCII lowercase copy.
std::string ascii_lower(std::string_view text);

/// Copy without leading and trailing ASCII whitespace.
std::string trim(std::string_view text);

}  // namespace replylint::message::detail
