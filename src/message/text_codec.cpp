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

// 8-bit Greek without a charset: ISO-8859-7 and windows-1253 put every Greek letter above 0xC0
// (0xB6-0xBF for the accented capitals), where Latin-1 text has a few accented letters among
// ASCII ones. The two differ in Ά (0xA2 in windows-1253, 0xB6 in ISO-8859-7). nullptr for
// anything else.
const char* greek_8bit(std::string_view bytes) {
  std::size_t high = 0, ascii = 0, runs = 0, run = 0, accented_runs = 0, pi_to_omega = 0;
  bool a2 = false, iso_capitals = false, accented = false;
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0xC1 && c != 0xD7 && c != 0xF7) {
      ++high;
      // ά έ ή ί and ό ύ ώ: nearly every Greek word of two syllables or more has one, where
      // Cyrillic in windows-1251 (ь э ю, the same bytes) has them in few words.
      accented = accented || (c >= 0xDC && c <= 0xDF) || (c >= 0xFC && c <= 0xFE);
      // π ρ ς σ τ υ φ χ ψ ω, a third of Greek letters; rare in ISO-8859-5 Cyrillic.
      pi_to_omega += c >= 0xF0 && c <= 0xF9 ? 1 : 0;
      if (++run == 3) ++runs;
      continue;
    }
    if (run >= 3 && accented) ++accented_runs;
    accented = false;
    run = 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++ascii;
    if (c == 0xA2) a2 = true;
    if (c == 0xB6 || c == 0xB8 || c == 0xB9 || c == 0xBA || c == 0xBC || c == 0xBE || c == 0xBF)
      iso_capitals = true;
  }
  // Greek words are runs of high bytes; Spanish or French ones hold one or two at most.
  if (run >= 3 && accented) ++accented_runs;
  if (high < 12 || runs < 3 || high < ascii || accented_runs * 10 < runs * 4 ||
      pi_to_omega * 5 < high)
    return nullptr;
  return a2 || !iso_capitals ? "windows-1253" : "ISO-8859-7";
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
  result.fell_back = true;
  if (const char* greek = greek_8bit(bytes)) {
    if (ConverterPtr converter = open_converter(greek)) {
      result.used = greek;
      if (convert(bytes, converter.get(), result)) return result;
    }
  }
  ConverterPtr cp1252 = open_converter("windows-1252");
  result.used = "windows-1252";
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
