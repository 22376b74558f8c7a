// one_sentence() answers "a single sentence" only where ICU's sentence iterator (with the
// abbreviations replylint gives it) finds no break before the end. Checked on every short string
// over characters of each sentence break class, on random text, and on every fixture paragraph.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "draft/internal.hpp"

namespace fs = std::filesystem;
using replylint::draft::detail::icu_sentence_breaks;
using replylint::draft::detail::one_sentence;

namespace {

const std::vector<std::string> k_alphabet = {
    "a", "B", "ñ", "Σ",  "1", " ", ".",      "!",      "?",  ")",   "\"", "»",
    ",", ";", ":", "\n", "…", "¿", "\u00A0", "\u2019", "Sr", "e.g", "-",  "\u0301"};

// 0 when one_sentence() is right or makes no claim; 1 when it claims one sentence wrongly.
int wrong(const std::string& text) {
  if (!one_sentence(text)) return 0;
  const auto breaks = icu_sentence_breaks(text);
  if (breaks.size() == 1 && breaks[0] == text.size()) return 0;
  if (text.empty() && breaks.empty()) return 0;
  std::ostringstream shown;
  for (std::size_t b : breaks) shown << b << " ";
  UNSCOPED_INFO("text [" << text << "] (" << text.size() << " bytes): ICU breaks at "
                         << shown.str());
  return 1;
}

}  // namespace

TEST_CASE("one_sentence agrees with ICU on every string of up to 5 pieces",
          "[draft][sentence-break]") {
  int mistakes = 0, claimed = 0;
  const std::size_t n = k_alphabet.size();
  std::vector<std::size_t> index;
  for (std::size_t length = 1; length <= 5 && mistakes <= 10; ++length) {
    index.assign(length, 0);
    while (mistakes <= 10) {
      std::string text;
      for (std::size_t i : index) text += k_alphabet[i];
      if (one_sentence(text)) ++claimed;
      mistakes += wrong(text);
      std::size_t k = 0;
      while (k < length && ++index[k] == n) index[k++] = 0;
      if (k == length) break;
    }
  }
  CHECK(mistakes == 0);
  CHECK(claimed > 100000);
}

TEST_CASE("one_sentence agrees with ICU on random text and on every fixture paragraph",
          "[draft][sentence-break]") {
  std::mt19937 rng(7);
  int mistakes = 0;
  for (int round = 0; round < 20000 && mistakes < 10; ++round) {
    std::string text;
    const int length = 3 + static_cast<int>(rng() % 30);
    for (int i = 0; i < length; ++i)
      text += k_alphabet[rng() % 5 == 0 ? rng() % k_alphabet.size() : rng() % 6];
    mistakes += wrong(text);
  }
  int paragraphs = 0;
  for (const auto& entry : fs::recursive_directory_iterator(REPLYLINT_TESTS_DIR)) {
    if (!entry.is_regular_file() || entry.file_size() > 512 * 1024) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".txt" && ext != ".eml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    for (std::size_t b = 0; b < text.size();) {
      std::size_t e = text.find("\n\n", b);
      if (e == std::string::npos) e = text.size();
      std::string paragraph = text.substr(b, e - b);
      for (char& c : paragraph)
        if (c == '\n') c = ' ';  // as sentences() flattens wrapped lines
      mistakes += wrong(paragraph);
      ++paragraphs;
      b = e + 2;
    }
  }
  CHECK(paragraphs > 200);
  CHECK(mistakes == 0);
}
