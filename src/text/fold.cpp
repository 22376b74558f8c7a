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

namespace {

constexpr std::string_view k_right_quote = "\xE2\x80\x99";

// word_key() of each code point below U+0400 on its own, in UTF-8, when it is no longer than the
// code point's own UTF-8 (so that a key can be written into a buffer of the word's size) and
// comes from the two tables (one-code-point folding below U+0400, a stripped form that fits).
struct KeyTable {
  struct Entry {
    char bytes[2];
    unsigned char size;
    bool ok;
  };
  Entry entry[0x400];
};

const KeyTable& key_table() {
  static const KeyTable table = [] {
    KeyTable t{};
    const CodePointTable& folding = code_point_table();
    const StrippedTable& stripping = stripped_table();
    for (UChar32 c = 0; c < 0x400; ++c) {
      const CodePointInfo& info = folding.info[static_cast<std::size_t>(c)];
      if (!info.simple_fold || info.folded < 0 || info.folded >= 0x400) continue;
      const auto& stripped = stripping.entry[static_cast<std::size_t>(info.folded)];
      const std::size_t own_size = c < 0x80 ? 1 : 2;
      if (!stripped.ok || stripped.size > own_size) continue;
      auto& e = t.entry[static_cast<std::size_t>(c)];
      std::copy(stripped.bytes, stripped.bytes + stripped.size, e.bytes);
      e.size = stripped.size;
      e.ok = true;
    }
    return t;
  }();
  return table;
}

std::string word_key_general(std::string_view word) {
  const std::string key = loose_key(word);
  std::string out;
  out.reserve(key.size());
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

}  // namespace

std::string word_key(std::string_view word) {
  const KeyTable& keys = key_table();
  // Every step of the fast path writes at most as many bytes as it reads, straight into the
  // buffer: appending byte by byte costs several times the table look-up itself.
  std::string out(word.size(), '\0');
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  const auto* const end = p + word.size();
  while (p < end) {
    const unsigned char b0 = *p;
    if (b0 < 0x80) {
      const KeyTable::Entry& e = keys.entry[b0];
      if (!e.ok) return word_key_general(word);
      *o = e.bytes[0];
      o += e.size;
      ++p;
    } else if (b0 >= 0xC2 && b0 <= 0xCF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
      const KeyTable::Entry& e = keys.entry[((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu)];
      if (!e.ok) return word_key_general(word);
      o[0] = e.bytes[0];
      o[1] = e.bytes[1];
      o += e.size;
      p += 2;
    } else if (b0 == 0xE2 && end - p >= 3 && p[1] == 0x80 && p[2] == 0x99) {
      *o++ = '\'';
      p += 3;
    } else {
      return word_key_general(word);
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
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
