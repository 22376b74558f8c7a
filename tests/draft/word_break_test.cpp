// fast_word_segments() is a shortcut to the words ICU's word break iterator finds: wherever it
// answers, its answer must be ICU's. Compared on every short string over characters of each
// word break class, on random longer strings, and on the text of every fixture.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "draft/internal.hpp"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace fs = std::filesystem;
using replylint::draft::detail::fast_word_segments;
using replylint::draft::detail::icu_word_segments;

namespace {

// One or more characters of each class the shortcut handles, and some it hands to ICU.
const std::vector<std::string> k_alphabet = {
    "a",      "Z",      "ñ",  "É",      "α",
    "Σ",      "ς",      "ª",  "1",      "٣" /* Arabic digit: ICU */,
    ".",      ",",      ";",  ":",      "'",
    "’",      "‘",      "·",  "\"",     " ",
    "\n",     "\r",     "\t", "-",      "@",
    "€",      "…",      "—",  "_",      "\u00AD",
    "\u0301", "«",      "?",  "¿",      "\u0387",
    "\u037E", "\u2024", "/",  "&",      "%",
    "(",      "+",      "#",  "\u00A0", "\u2028",
    "©",      "ß"};

std::string describe(const std::vector<replylint::draft::detail::WordSegment>& segs,
                     const std::string& text) {
  std::ostringstream out;
  for (const auto& s : segs)
    out << "'" << text.substr(s.begin, s.end - s.begin) << "'=" << s.status << " ";
  return out.str();
}

// 0 when the shortcut agrees with ICU (or leaves `text` to it); 1 when it does not.
int differs(const std::string& text) {
  const auto fast = fast_word_segments(text);
  if (!fast) return 0;
  const auto icu = icu_word_segments(text);
  if (*fast == icu) return 0;
  UNSCOPED_INFO("text [" << text << "]: fast " << describe(*fast, text) << "| icu "
                         << describe(icu, text));
  return 1;
}

}  // namespace

TEST_CASE("the word break shortcut agrees with ICU on every string of up to 4 characters",
          "[draft][word-break]") {
  int mismatches = 0, handled = 0;
  const std::size_t n = k_alphabet.size();
  std::vector<std::size_t> index;
  for (std::size_t length = 1; length <= 4; ++length) {
    index.assign(length, 0);
    while (true) {
      std::string text;
      for (std::size_t i : index) text += k_alphabet[i];
      if (fast_word_segments(text)) ++handled;
      mismatches += differs(text);
      if (mismatches > 10) break;
      std::size_t k = 0;
      while (k < length && ++index[k] == n) index[k++] = 0;
      if (k == length) break;
    }
  }
  CHECK(mismatches == 0);
  CHECK(handled > 500000);  // the shortcut does answer for most of them
}

TEST_CASE("the word break shortcut agrees with ICU on random text", "[draft][word-break]") {
  std::mt19937 rng(20261123);
  int mismatches = 0;
  for (int round = 0; round < 20000 && mismatches < 10; ++round) {
    std::string text;
    const int length = 5 + static_cast<int>(rng() % 40);
    for (int i = 0; i < length; ++i) {
      // Mostly letters and digits, so that long words with inner punctuation occur.
      const std::size_t pick = rng() % 3 == 0 ? rng() % k_alphabet.size() : rng() % 9;
      text += k_alphabet[pick];
    }
    mismatches += differs(text);
  }
  CHECK(mismatches == 0);
}

TEST_CASE("the word break shortcut agrees with ICU on every fixture", "[draft][word-break]") {
  int files = 0, mismatches = 0;
  for (const auto& entry : fs::recursive_directory_iterator(REPLYLINT_TESTS_DIR)) {
    if (!entry.is_regular_file() || entry.file_size() > 512 * 1024) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".txt" && ext != ".eml" && ext != ".expected" && ext != ".toml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    ++files;
    // Paragraph by paragraph, as tokenize() sees own text.
    std::string text = buffer.str();
    std::size_t b = 0;
    while (b < text.size()) {
      std::size_t e = text.find("\n\n", b);
      if (e == std::string::npos) e = text.size();
      mismatches += differs(text.substr(b, e - b));
      b = e + 2;
    }
  }
  CHECK(files > 50);
  CHECK(mismatches == 0);
}

#include "draft/test_data.hpp"

TEST_CASE("numbers found without the token regex are the ones it finds", "[draft][word-break]") {
  using replylint::draft::detail::compiled;
  using replylint::draft::detail::tokenize;
  auto& c = const_cast<replylint::draft::detail::Compiled&>(
      compiled(replylint::draft::test::rules_data()));
  REQUIRE(c.plain_numbers);
  const std::string text =
      "Pedido 12345, del 2025. Son 3 cajas (12) y 007: total 1.234,56 o 12/03 y 2025.pdf, 12a, "
      "A-1234 10: 5! 6? 7; 8) 99999999999999999999 ١٢ 3.\nsiguientes: y/o http://x.es 12:30";
  const auto fast = tokenize(text, c, 0);
  c.plain_numbers = false;
  const auto slow = tokenize(text, c, 0);
  c.plain_numbers = true;
  REQUIRE(fast.size() == slow.size());
  for (std::size_t i = 0; i < fast.size(); ++i) {
    INFO(fast[i].text << " / " << slow[i].text);
    CHECK(fast[i].text == slow[i].text);
    CHECK(fast[i].kind == slow[i].kind);
    CHECK(fast[i].range.begin == slow[i].range.begin);
  }
}

TEST_CASE("trim removes exactly the code points with ICU's White_Space property",
          "[draft][word-break]") {
  using replylint::draft::detail::trim;
  // Every code point of the BMP but the surrogates, alone and between letters.
  for (UChar32 c = 0; c < 0x10000; ++c) {
    if (U16_IS_SURROGATE(c)) continue;
    char bytes[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(bytes, length, c);
    const std::string piece(bytes, static_cast<std::size_t>(length));
    const bool space = u_isUWhiteSpace(c) != 0;
    INFO("U+" << std::hex << c);
    CHECK(trim(piece).empty() == space);
    CHECK(trim(piece + "a" + piece) == (space ? std::string("a") : piece + "a" + piece));
  }
  CHECK(trim(" \t\r\n\v\f x y \u00A0\u3000") == "x y");
  CHECK(trim("\x1C\x1Fx") == "\x1C\x1Fx");      // file and unit separators are no White_Space
  CHECK(trim("\xFF x \xC3") == "\xFF x \xC3");  // invalid bytes stay
}

TEST_CASE("may_match compares the case-folded head of a line with the prefixes",
          "[draft][word-break]") {
  using replylint::draft::detail::may_match;
  const std::vector<icu::UnicodeString> needs = {icu::UnicodeString(u"sent from"),
                                                 icu::UnicodeString(u"enviado desde"),
                                                 icu::UnicodeString(u"στάλθηκε")};
  CHECK(may_match(needs, "Sent from my iPhone"));
  CHECK(may_match(needs, "SENT FROM"));
  CHECK(may_match(needs, "ENVIADO DESDE mi móvil"));
  CHECK(may_match(needs, "Στάλθηκε από"));
  CHECK(may_match(needs, "ΣΤΆΛΘΗΚΕ"));
  CHECK_FALSE(may_match(needs, "Sent fro"));
  CHECK_FALSE(may_match(needs, "Sent: from"));
  CHECK_FALSE(may_match(needs, "Sént from"));
  CHECK_FALSE(may_match(needs, ""));
  CHECK(may_match({}, "anything"));
  // Folding may lengthen a code point: "ß" folds to "ss".
  CHECK(may_match({icu::UnicodeString(u"strasse")}, "STRAßE 5"));
  CHECK_FALSE(may_match({icu::UnicodeString(u"strasse")}, "STRASE 5"));
}
