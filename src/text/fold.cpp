#include "text/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace replylint::text {
namespace {

// ICU's full case folding of one code point into `out` (UTF-16, room for 8 units): its length,
// or -1 on failure.
int32_t fold_code_point(UChar32 c, UChar (&out)[8]) {
  UChar in[2];
  int32_t in_len = 0;
  U16_APPEND_UNSAFE(in, in_len, c);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t out_len = u_strFoldCase(out, 8, in, in_len, U_FOLD_CASE_DEFAULT, &status);
  return U_SUCCESS(status) ? out_len : -1;
}

std::string strip_marks_icu(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString decomposed = nfd->normalize(unicode, status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) out.append(c);
    i += U16_LENGTH(c);
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

}  // namespace

const CodePointTable& code_point_table() {
  static const CodePointTable table = [] {
    CodePointTable t{};
    for (UChar32 c = 0; c < CodePointTable::k_size; ++c) {
      CodePointInfo& info = t.info[static_cast<std::size_t>(c)];
      // Full case folding of the single code point; kept only when it is one code point.
      UChar out[8];
      const int32_t out_len = fold_code_point(c, out);
      if (out_len == 1 && !U16_IS_SURROGATE(out[0])) {
        info.folded = out[0];
        info.simple_fold = true;
      }
      info.alphabetic = u_hasBinaryProperty(c, UCHAR_ALPHABETIC);
      info.digit = u_isdigit(c);
      info.upper = u_hasBinaryProperty(c, UCHAR_UPPERCASE) || u_istitle(c);
      info.lower = !info.upper && u_hasBinaryProperty(c, UCHAR_LOWERCASE);
      UErrorCode script_status = U_ZERO_ERROR;
      const UScriptCode sc = uscript_getScript(c, &script_status);
      info.script = sc == USCRIPT_LATIN                               ? 1
                    : sc == USCRIPT_GREEK                             ? 2
                    : sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED ? 0
                                                                      : 3;
    }
    return t;
  }();
  return table;
}

// Below U+0400 every combining mark is a non-spacing mark, so no canonical reordering can move
// anything strip_marks() keeps: text made only of such code points is stripped code point by
// code point.
const StrippedTable& stripped_table() {
  static const StrippedTable table = [] {
    StrippedTable t{};
    for (UChar32 c = 0; c < 0x400; ++c) {
      std::string one;
      icu::UnicodeString(c).toUTF8String(one);
      const std::string stripped = strip_marks_icu(one);
      auto& e = t.entry[static_cast<std::size_t>(c)];
      e.ok = stripped.size() <= sizeof e.bytes;
      if (!e.ok) continue;
      e.size = static_cast<unsigned char>(stripped.size());
      std::copy(stripped.begin(), stripped.end(), e.bytes);
    }
    return t;
  }();
  return table;
}

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const CodePointTable& table = code_point_table();
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      out += (b0 >= 'A' && b0 <= 'Z') ? static_cast<char>(b0 + 32) : static_cast<char>(b0);
      ++i;
      continue;
    }
    // Two-byte sequences below U+0400 (Latin-1, Latin Extended, Greek) whose folding is one code
    // point, from the table; anything else goes through ICU, whole.
    if (b0 >= 0xC2 && b0 <= 0xCF && i + 1 < n &&
        (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      const UChar32 c = ((b0 & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      const CodePointInfo& info = table.info[static_cast<std::size_t>(c)];
      if (info.simple_fold) {
        const UChar32 f = info.folded;
        if (f < 0x80) {
          out += static_cast<char>(f);
        } else if (f < 0x800) {
          out += static_cast<char>(0xC0 | (f >> 6));
          out += static_cast<char>(0x80 | (f & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (f >> 12));
          out += static_cast<char>(0x80 | ((f >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (f & 0x3F));
        }
        i += 2;
        continue;
      }
    }
    // Case folding maps each code point on its own, so the folded prefix stays valid.
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data() + i, text.size() - i));
    u.foldCase();
    u.toUTF8String(out);
    return out;
  }
  return out;
}

std::string fold(std::string_view text) {
  // ASCII is NFC before and after folding, so the table path alone gives the same bytes.
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return fold_case(text);
  icu::UnicodeString value = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString normalized = normalizer->normalize(value, status);
    if (U_SUCCESS(status)) value = normalized;
  }
  value.foldCase(U_FOLD_CASE_DEFAULT);
  // Folding can break composition (e.g. U+0130), so normalise again.
  return nfc_of(value);
}

UChar32 first_folded(std::string_view text) {
  if (text.empty()) return U_SENTINEL;
  UChar32 c;
  int32_t i = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(std::min<std::size_t>(text.size(), 8)), c);
  if (c < 0) return U_SENTINEL;
  UChar out[8];
  const int32_t out_len = fold_code_point(c, out);
  if (out_len < 1) return U_SENTINEL;
  UChar32 f;
  int32_t j = 0;
  U16_NEXT(out, j, out_len, f);
  return f;
}

std::string strip_marks(std::string_view text) {
  const StrippedTable& table = stripped_table();
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    UChar32 c = -1;
    if (b0 < 0x80) {
      c = b0;
    } else if (b0 >= 0xC2 && b0 <= 0xCF && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      c = ((b0 & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
    }
    if (c < 0 || !table.entry[static_cast<std::size_t>(c)].ok) return strip_marks_icu(text);
    const auto& e = table.entry[static_cast<std::size_t>(c)];
    out.append(e.bytes, e.size);
    i += c < 0x80 ? 1 : 2;
  }
  return out;
}

std::string loose_key(std::string_view text) { return strip_marks(fold_case(text)); }

std::string word_key(std::string_view word) {
  constexpr std::string_view k_right_quote = "\xE2\x80\x99";
  const CodePointTable& folding = code_point_table();
  const StrippedTable& stripping = stripped_table();
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) {
    const auto b0 = static_cast<unsigned char>(word[i]);
    UChar32 c = -1;
    std::size_t length = 1;
    if (b0 < 0x80) {
      c = b0;
    } else if (b0 >= 0xC2 && b0 <= 0xCF && i + 1 < word.size() &&
               (static_cast<unsigned char>(word[i + 1]) & 0xC0) == 0x80) {
      c = ((b0 & 0x1F) << 6) | (static_cast<unsigned char>(word[i + 1]) & 0x3F);
      length = 2;
    } else if (word.substr(i, 3) == k_right_quote) {
      out += '\'';
      i += 3;
      continue;
    }
    if (c >= 0) {
      const CodePointInfo& info = folding.info[static_cast<std::size_t>(c)];
      const UChar32 folded = info.simple_fold ? info.folded : -1;
      if (folded >= 0 && folded < 0x400) {
        const auto& entry = stripping.entry[static_cast<std::size_t>(folded)];
        if (entry.ok) {
          out.append(entry.bytes, entry.size);
          i += length;
          continue;
        }
      }
    }
    // Anything else: the general path, then the apostrophes.
    std::string key = loose_key(word);
    out.clear();
    for (std::size_t j = 0; j < key.size();) {
      if (std::string_view(key).substr(j, 3) == k_right_quote) {
        out += '\'';
        j += 3;
      } else {
        out += key[j++];
      }
    }
    return out;
  }
  return out;
}

bool equal_loosely(std::string_view a, std::string_view b) { return loose_key(a) == loose_key(b); }

icu::UnicodeString strip_acute(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return word;
  icu::UnicodeString decomposed = nfd->normalize(word, status);
  if (U_FAILURE(status)) return word;
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length(); ++i)
    if (decomposed.charAt(i) != 0x0301) kept.append(decomposed.charAt(i));
  icu::UnicodeString out = nfc->normalize(kept, status);
  return U_FAILURE(status) ? word : out;
}

char16_t base_letter(char16_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return c;
  icu::UnicodeString decomposed;
  if (!nfd->getDecomposition(c, decomposed) || decomposed.isEmpty()) {
    return static_cast<char16_t>(u_tolower(c));
  }
  return static_cast<char16_t>(u_tolower(decomposed.charAt(0)));
}

}  // namespace replylint::text
