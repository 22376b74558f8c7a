#include "rules/word_case.hpp"

#include <unicode/uchar.h>
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

}  // namespace

std::string capital_like(std::string_view model, std::string_view word) {
  int32_t model_length = 0;
  const UChar32 first = first_code_point(model, model_length);
  if (first < 0 || !(u_isupper(first) || u_istitle(first))) return std::string(word);
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
