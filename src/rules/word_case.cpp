#include "rules/word_case.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace replylint::rules {
namespace {

UChar32 first_code_point(std::string_view text, int32_t& length) {
  length = 0;
  if (text.empty()) return U_SENTINEL;
  UChar32 c;
  U8_NEXT(text.data(), length, static_cast<int32_t>(text.size()), c);
  return c;
}

// Two letters or more, every one a capital: "ESTA", "ENVIO" (not "Esta", not "A").
bool all_capitals(std::string_view text) {
  int letters = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    UChar32 c;
    U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
    if (c < 0) return false;
    if (!u_isalpha(c)) continue;
    if (u_islower(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

}  // namespace

std::string capital_like(std::string_view model, std::string_view word) {
  int32_t model_length = 0;
  const UChar32 first = first_code_point(model, model_length);
  if (first < 0 || !(u_isupper(first) || u_istitle(first))) return std::string(word);
  if (all_capitals(model)) {
    // A word in capitals is replaced in capitals, accents kept as Spanish writes them
    // ("ESTA" → "ESTÁ").
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())))
        .toUpper(icu::Locale::getRoot())
        .toUTF8String(out);
    return out;
  }
  int32_t length = 0;
  const UChar32 head = first_code_point(word, length);
  if (head < 0 || !u_islower(head)) return std::string(word);
  char bytes[U8_MAX_LENGTH];
  int32_t size = 0;
  UBool error = false;
  U8_APPEND(bytes, size, U8_MAX_LENGTH, u_toupper(head), error);
  if (error) return std::string(word);
  std::string out(bytes, static_cast<std::size_t>(size));
  out += word.substr(static_cast<std::size_t>(length));
  return out;
}

}  // namespace replylint::rules
