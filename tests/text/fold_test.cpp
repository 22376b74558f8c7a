// fold_case(), strip_marks() and their tables answer exactly as ICU does: they are a faster path to
// the same result, so the tests compare against ICU itself, code point by code point.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <catch2/catch.hpp>
#include <string>

#include "text/text.hpp"

using replylint::text::code_point_table;
using replylint::text::CodePointTable;
using replylint::text::fold_case;

namespace {

std::string icu_fold(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string utf8(UChar32 c) {
  std::string out;
  icu::UnicodeString(c).toUTF8String(out);
  return out;
}

}  // namespace

TEST_CASE("fold_case equals ICU full case folding for every BMP code point", "[text][fold]") {
  int mismatches = 0;
  for (UChar32 c = 1; c < 0x10000; ++c) {
    if (U_IS_SURROGATE(c)) continue;
    const std::string s = utf8(c);
    // Alone, between ASCII, and after a Greek/Latin prefix that takes the table path.
    for (const std::string& text : {s, "Ab" + s + "Z", "ΆΣ" + s + "Ñ", s + "ς" + s}) {
      if (fold_case(text) != icu_fold(text)) {
        ++mismatches;
        if (mismatches < 5)
          FAIL_CHECK("U+" << std::hex << c << ": '" << fold_case(text) << "' vs '" << icu_fold(text)
                          << "'");
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("fold_case keeps ICU's answer on text with invalid UTF-8 and on real words",
          "[text][fold]") {
  for (const std::string& text :
       {std::string("Caf\xC3"), std::string("\xCE\x91\xFF\xCE\x92"), std::string("abc\x80"),
        std::string("STRASSE Straße ΐ ΰ µ ſ K"), std::string("ΠΑΡΑΚΑΛΩ Ευχαριστώ ΣΟΦΊΑ"),
        std::string("Ñandú ÁRBOL Œuvre İstanbul"), std::string("")}) {
    CHECK(fold_case(text) == icu_fold(text));
  }
}

TEST_CASE("the code point table holds ICU's properties for U+0000-U+03FF", "[text][fold]") {
  const CodePointTable& table = code_point_table();
  for (UChar32 c = 0; c < CodePointTable::k_size; ++c) {
    const auto& info = table.info[static_cast<std::size_t>(c)];
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(c, &status);
    const int script = sc == USCRIPT_LATIN                                 ? 1
                       : sc == USCRIPT_GREEK                               ? 2
                       : (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) ? 0
                                                                           : 3;
    const bool upper = u_hasBinaryProperty(c, UCHAR_UPPERCASE) || u_istitle(c);
    INFO("U+" << std::hex << c);
    CHECK(info.alphabetic == static_cast<bool>(u_hasBinaryProperty(c, UCHAR_ALPHABETIC)));
    CHECK(info.digit == static_cast<bool>(u_isdigit(c)));
    CHECK(info.upper == upper);
    CHECK(info.lower == (!upper && u_hasBinaryProperty(c, UCHAR_LOWERCASE)));
    CHECK(static_cast<int>(info.script) == script);
  }
}

namespace {

// word_key() the long way, with ICU alone: full case folding, NFD, non-spacing marks dropped,
// the typographic apostrophe made ASCII.
std::string icu_word_key(const std::string& word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  u.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  REQUIRE(U_SUCCESS(status));
  const icu::UnicodeString decomposed = nfd->normalize(u, status);
  REQUIRE(U_SUCCESS(status));
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (c == 0x2019)
      kept.append(static_cast<UChar32>('\''));
    else if (u_charType(c) != U_NON_SPACING_MARK)
      kept.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

}  // namespace

TEST_CASE("word_key equals the ICU path for every code point and every pair below U+0400",
          "[text][fold]") {
  using replylint::text::word_key;
  int mismatches = 0;
  auto compare = [&](const std::string& text) {
    const std::string fast = word_key(text);
    const std::string slow = icu_word_key(text);
    if (fast != slow) {
      ++mismatches;
      if (mismatches < 5) FAIL_CHECK("'" << text << "': '" << fast << "' vs '" << slow << "'");
    }
  };
  for (UChar32 c = 1; c <= 0x10FFFF; ++c) {
    if (U_IS_SURROGATE(c)) continue;
    const std::string s = utf8(c);
    compare(s);
    if (c < 0x10000) compare("Ñá’" + s + "ΐς");
  }
  // Every pair of code points below U+0400 (letters with combining marks, marks in either
  // order), then marks of other blocks after a letter of the table.
  for (UChar32 a = 1; a < 0x400; ++a)
    for (UChar32 b = 1; b < 0x400; ++b) compare(utf8(a) + utf8(b));
  for (UChar32 mark :
       {0x0483, 0x0591, 0x0610, 0x1AB0, 0x1DC0, 0x1DCE, 0x20D0, 0x20DD, 0x302A, 0xFE20, 0x1D167})
    for (const std::string& base : {"e", "É", "ι", "Ϊ", "ñ"}) {
      compare(base + utf8(mark));
      compare(base + utf8(0x0301) + utf8(mark) + utf8(0x0323));
      compare(base + utf8(mark) + utf8(0x0345) + "s");
    }
  // Invalid UTF-8 and truncated sequences, alone and after a fast prefix.
  for (const std::string& text :
       {std::string("Caf\xC3"), std::string("\xCE\x91\xFF\xCE\x92"), std::string("abc\x80"),
        std::string("don\xE2\x80"), std::string("\xE2\x80\x99\xE2\x80"), std::string("\xC1\x81"),
        std::string("\xC0\xAF"), std::string("a\xED\xA0\x80"), std::string("")}) {
    compare(text);
  }
  CHECK(mismatches == 0);
}
