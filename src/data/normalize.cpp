#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "data/data.hpp"

namespace replylint::data {
namespace {

icu::UnicodeString to_nfc(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return text;
  icu::UnicodeString result = normalizer->normalize(text, status);
  return U_FAILURE(status) ? text : result;
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string nfc(std::string_view text) {
  return to_utf8(to_nfc(icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))));
}

std::string fold(std::string_view text) {
  icu::UnicodeString value = to_nfc(icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))));
  value.foldCase(U_FOLD_CASE_DEFAULT);
  // Folding can break composition (e.g. U+0130), so normalise again.
  return to_utf8(to_nfc(value));
}

}  // namespace replylint::data
