#include "text/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <climits>

namespace replylint::text {

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

bool is_nfc(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX) || !is_valid_utf8(bytes)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const bool normalized = nfc->isNormalizedUTF8(
      icu::StringPiece(bytes.data(), static_cast<int32_t>(bytes.size())), status);
  return U_SUCCESS(status) && normalized;
}

std::string nfc_of(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  if (U_FAILURE(status)) {
    text.toUTF8String(out);
    return out;
  }
  icu::UnicodeString normalized = normalizer->normalize(text, status);
  if (U_FAILURE(status)) normalized = text;
  normalized.toUTF8String(out);
  return out;
}

std::string nfc(std::string_view utf8) {
  if (is_nfc(utf8)) return std::string(utf8);
  return nfc_of(icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
}

int count_code_points(std::string_view utf8) {
  int count = 0;
  for (const char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

std::u32string code_points(std::string_view utf8) {
  std::u32string out;
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, length, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace replylint::text
