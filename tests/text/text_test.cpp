// The text module: each function against ICU itself or against known answers, including the
// cases where the forms differ (non-NFC input, invalid UTF-8).
#include "text/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

namespace text = replylint::text;

namespace {

std::string utf8(UChar32 c) {
  std::string out;
  icu::UnicodeString(c).toUTF8String(out);
  return out;
}

// NFD without non-spacing marks, straight from ICU: what strip_marks() promises.
std::string icu_strip(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::UnicodeString d = nfd->normalize(icu::UnicodeString::fromUTF8(s), status);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < d.length();) {
    const UChar32 c = d.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

}  // namespace

TEST_CASE("fold gives the canonical caseless form the rules/ data is stored in", "[text]") {
  CHECK(text::fold("ΣΧΕΤ") == "σχετ");
  CHECK(text::fold("Straße") == "strasse");
  CHECK(text::fold("Mensaje ORIGINAL") == "mensaje original");
  CHECK(text::fold("E\xCC\x81") == "\xC3\xA9");  // NFC before and after folding
  CHECK(text::fold("\xCE\x90") == "\xCE\x90");   // ΐ folds to three code points, NFC joins them
  CHECK(text::fold_case("\xCE\x90") == "\xCE\xB9\xCC\x88\xCC\x81");  // fold_case does not
  CHECK(text::fold("\xff\xfe") == "\xEF\xBF\xBD\xEF\xBF\xBD");       // invalid: U+FFFD
}

TEST_CASE("nfc composes, keeps NFC text and replaces invalid bytes", "[text]") {
  CHECK(text::nfc("tambie\xCC\x81n") == "tambi\xC3\xA9n");
  CHECK(text::nfc("ya está") == "ya está");
  CHECK(text::nfc("a\xC3") == "a\xEF\xBF\xBD");
  CHECK(text::nfc_of(icu::UnicodeString::fromUTF8("\xCE\xB1\xCC\x81")) == "\xCE\xAC");
  CHECK(text::is_nfc("ya está"));
  CHECK_FALSE(text::is_nfc("tambie\xCC\x81n"));
  CHECK_FALSE(text::is_nfc("a\xC3"));
  CHECK(text::is_valid_utf8("Ελληνικά"));
  CHECK_FALSE(text::is_valid_utf8("\xCE"));
  CHECK_FALSE(text::is_valid_utf8("\xED\xA0\x80"));  // a UTF-8 encoded surrogate
}

TEST_CASE("strip_marks equals ICU's NFD without non-spacing marks", "[text]") {
  int mismatches = 0;
  for (UChar32 c = 1; c < 0x3000; ++c) {
    if (U_IS_SURROGATE(c)) continue;
    const std::string s = utf8(c);
    // Alone, and after a prefix that takes the table path up to it.
    for (const std::string& one : {s, "ab" + s, "ά" + s + "ñ"}) {
      if (text::strip_marks(one) != icu_strip(one)) {
        ++mismatches;
        if (mismatches < 5) FAIL_CHECK("U+" << std::hex << c);
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(text::strip_marks("lucía") == "lucia");
  CHECK(text::strip_marks("σοφία ΐ ñ") == "σοφια ι n");
  CHECK(text::strip_marks("ab\xC3") == "ab\xEF\xBF\xBD");
}

TEST_CASE("loose_key compares ignoring case and accents, and nothing else", "[text]") {
  CHECK(text::loose_key("DIJÉ") == "dije");
  CHECK(text::loose_key("ΕΞΗΓΗΣΕΙ") == text::loose_key("εξηγήσει"));
  CHECK(text::equal_loosely("Όπως", "ΟΠΩΣ"));
  CHECK(text::equal_loosely("ya", "YÁ"));
  CHECK_FALSE(text::equal_loosely("dije", "dijo"));
  CHECK_FALSE(text::equal_loosely("le", "les"));
}

TEST_CASE("word_key is loose_key with the typographic apostrophe made ASCII", "[text]") {
  CHECK(text::word_key("don\u2019t") == "don't");
  CHECK(text::word_key("DON'T") == "don't");
  CHECK(text::word_key("Disculpé") == "disculpe");
  CHECK(text::word_key("ΣΥΓΓΝΏΜΗ") == text::word_key("συγγνώμη"));
  // Its fast path and the general one agree, including on what takes the general one: a
  // folding of two code points (ß, ΐ), a combining accent, a code point above U+0400.
  for (const char* word : {"Straße", "ΐ", "ΰΐ", "cafe\u0301", "Лев", "naïve", "ÉΛΛΗΝΑΣ",
                           "l\u2019été", "ABC123", "ǅ", "µ", "ſ"}) {
    INFO(word);
    std::string expected = text::loose_key(word);
    for (std::size_t at; (at = expected.find("\u2019")) != std::string::npos;)
      expected.replace(at, 3, "'");
    CHECK(text::word_key(word) == expected);
  }
}

TEST_CASE("strip_acute drops acute accents and tonos only", "[text]") {
  auto strip = [](const char* s) {
    std::string out;
    text::strip_acute(icu::UnicodeString::fromUTF8(s)).toUTF8String(out);
    return out;
  };
  CHECK(strip("δυσαρεστημενό") == "δυσαρεστημενο");
  CHECK(strip("ΐ") == "ϊ");
  CHECK(strip("está pingüino ñandú") == "esta pingüino ñandu");
  CHECK(text::base_letter(u'ά') == u'α');
  CHECK(text::base_letter(u'Ú') == u'u');
  CHECK(text::base_letter(u'Q') == u'q');
}

TEST_CASE("code points are counted by lead bytes and listed with U+FFFD for bad bytes", "[text]") {
  CHECK(text::count_code_points("") == 0);
  CHECK(text::count_code_points("año") == 3);
  CHECK(text::count_code_points("Ελλάδα") == 6);
  CHECK(text::count_code_points("a\xC3") == 2);
  CHECK(text::code_points("añ€") == std::u32string{U'a', U'ñ', U'€'});
  CHECK(text::code_points("a\xFF"
                          "b") == std::u32string{U'a', 0xFFFD, U'b'});
}

TEST_CASE("is_nfc agrees with ICU around every character of its fast path", "[text]") {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  REQUIRE(U_SUCCESS(status));
  auto icu_says = [&](const std::string& s) {
    UErrorCode check = U_ZERO_ERROR;
    const bool normalized = nfc->isNormalized(icu::UnicodeString::fromUTF8(s), check);
    return U_SUCCESS(check) && normalized;
  };
  // Alone, after a letter it could compose with, before a combining acute, amid ASCII and
  // between 8-byte words: the quick path must never say yes where ICU says no.
  for (UChar32 c = 1; c < 0x3000; ++c) {
    if (U_IS_SURROGATE(c)) continue;
    const std::string ch = utf8(c);
    for (const std::string& s : {ch, "e" + ch, "\u03B1" + ch, ch + "\u0301", "abcdefg" + ch + "xyz",
                                 ch + ch, "\u00E9" + ch + "\u2019"}) {
      INFO("U+" << std::hex << c);
      CHECK(text::is_nfc(s) == icu_says(s));
    }
  }
  CHECK_FALSE(text::is_nfc("ok \xCE"));   // a lead byte cut at the end
  CHECK_FALSE(text::is_nfc("\xE2\x80"));  // a three-byte sequence cut short
  CHECK_FALSE(text::is_nfc("\xC0\xAF"));  // an overlong '/'
}

TEST_CASE("code points are counted eight bytes at a time as one by one", "[text]") {
  std::uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1103515245U + 12345U; };
  for (int round = 0; round < 2000; ++round) {
    std::string s(next() % 40, ' ');
    for (char& c : s) c = static_cast<char>(next() >> 16);
    int expected = 0;
    for (const char c : s)
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++expected;
    CHECK(text::count_code_points(s) == expected);
  }
}

TEST_CASE("first_folded reads the folded first code point", "[text]") {
  CHECK(text::first_folded("Σας") == U'σ');
  CHECK(text::first_folded("ßx") == U's');
  CHECK(text::first_folded("") == U_SENTINEL);
  CHECK(text::first_folded("\xFF") == U_SENTINEL);
}

TEST_CASE("field_name reads the field of a quoted header-block line", "[text]") {
  CHECK(text::field_name("De: Ana López <ana@x.es>") == "De");
  CHECK(text::field_name("*From:* Ana <ana@x.com>") == "From");
  CHECK(text::field_name("**Enviado el:** lunes") == "Enviado el");
  CHECK(text::field_name("> > Από: Νίκος") == "Από");
  CHECK(text::field_name("Ιδιαίτ. κοιν.: Μαρία") == "Ιδιαίτ. κοιν.");
  // No colon early in the line: an attribution line, prose or a time is no field.
  CHECK(text::field_name("El lunes 3 de febrero de 2025, Ana López García escribió:").empty());
  CHECK(text::field_name("Gracias por escribirnos").empty());
  CHECK(text::field_name(":").empty());
  CHECK(text::field_name("").empty());
}
