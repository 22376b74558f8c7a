#include "message/text_codec.hpp"

#include "text/text.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/unistr.h>

#include <memory>

namespace replylint::message::detail {
namespace {

// Replaces each undecodable sequence with U+FFFD and counts it, instead of ICU's default
// substitution (which is U+001A for some single-byte charsets).
void count_and_replace(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                       UConverterCallbackReason reason, UErrorCode* error) {
  if (reason != UCNV_ILLEGAL && reason != UCNV_UNASSIGNED && reason != UCNV_IRREGULAR) {
    return;
  }
  ++*static_cast<int*>(const_cast<void*>(context));
  *error = U_ZERO_ERROR;
  const UChar replacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || status == U_AMBIGUOUS_ALIAS_WARNING) {
    // An ambiguous alias is still usable; only a real failure means "unknown".
    if (U_FAILURE(status)) return nullptr;
  }
  return conv;
}

bool convert(std::string_view bytes, UConverter* conv, Decoded& result) {
  UErrorCode status = U_ZERO_ERROR;
  int invalid = 0;
  ucnv_setToUCallBack(conv, count_and_replace, &invalid, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), conv, status);
  if (U_FAILURE(status)) return false;
  result.text = text::nfc_of(text);
  result.invalid = invalid;
  return true;
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string normalize_newlines(std::string_view text) {
  if (text.find('\r') == std::string_view::npos) return std::string(text);
  const bool has_lf = text.find('\n') != std::string_view::npos;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\r') {
      out.push_back(c);
    } else if (i + 1 < text.size() && text[i + 1] == '\n') {
      // dropped: the '\n' follows
    } else {
      out.push_back(has_lf ? ' ' : '\n');
    }
  }
  return out;
}

Decoded decode_text(std::string_view bytes, std::string_view charset) {
  Decoded result;
  std::string name = ascii_lower(trim(charset));
  if (!name.empty() && name.front() == '"') name = trim(std::string_view(name).substr(1));
  while (!name.empty() && name.back() == '"') name.pop_back();

  const bool guess = name.empty() || name == "us-ascii" || name == "ascii" || name == "default" ||
                     name == "unknown-8bit" || name == "x-unknown";
  // The common case, valid UTF-8 already in NFC (declared so, or undeclared): ICU's UTF-8
  // converter and NFC would give back the same bytes, so they are kept as they are.
  if ((guess || name == "utf-8" || name == "utf8") && text::is_nfc(bytes)) {
    result.text = std::string(bytes);
    result.used = guess ? "utf-8" : name;
    return result;
  }
  ConverterPtr conv;
  if (!guess) {
    conv = open_converter(name);
    if (!conv) result.unknown_charset = true;
  }
  if (conv) {
    // Latin-1 as declared is almost always windows-1252 in practice (HTML5 does the same).
    if (name == "iso-8859-1" || name == "latin1" || name == "iso8859-1" || name == "latin-1") {
      conv = open_converter("windows-1252");
      result.used = "windows-1252";
    } else {
      result.used = name;
    }
    if (conv && convert(bytes, conv.get(), result)) return result;
    result.unknown_charset = true;
  }
  // No usable charset: UTF-8 when the bytes are valid UTF-8, else windows-1252.
  if (text::is_valid_utf8(bytes)) {
    ConverterPtr utf8 = open_converter("UTF-8");
    result.used = "utf-8";
    if (utf8 && convert(bytes, utf8.get(), result)) return result;
  }
  ConverterPtr cp1252 = open_converter("windows-1252");
  result.used = "windows-1252";
  result.fell_back = true;
  if (cp1252 && convert(bytes, cp1252.get(), result)) return result;
  // ICU data missing: keep ASCII, replace the rest.
  result.text.clear();
  for (const char c : bytes) {
    if (static_cast<unsigned char>(c) < 0x80) {
      result.text.push_back(c);
    } else {
      result.text += "\xEF\xBF\xBD";
      ++result.invalid;
    }
  }
  return result;
}

}  // namespace replylint::message::detail
