#include "rules/foreign_word_detect.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "spell/spell.hpp"

namespace replylint::rules::foreign_word {
namespace {

std::string utf8_of(const std::u32string& word) {
  std::string out;
  for (char32_t c : word) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

char32_t acute_of(char32_t c) {
  switch (c) {
    case U'a':
      return U'\u00e1';
    case U'e':
      return U'\u00e9';
    case U'i':
      return U'\u00ed';
    case U'o':
      return U'\u00f3';
    case U'u':
      return U'\u00fa';
    default:
      return 0;
  }
}

// True when a word the Spanish word index lists is one usual slip from `word` (ASCII letters,
// lowercase or capitalised): its final vowel dropped, a letter doubled, two neighbours swapped,
// an accent dropped. Index lookups only: never loads Hunspell, never fills the speller's answer
// cache.
bool spanish_slip(std::string_view text, spell::Speller& spanish) {
  std::u32string word;
  for (unsigned char c : text) {
    if (c >= 0x80) return false;  // English words are plain ASCII here
    word += static_cast<char32_t>(c);
  }
  std::u32string candidate;
  const auto listed = [&](const std::u32string& form) { return spanish.listed(utf8_of(form)); };
  // A dropped letter is looked for at the end only ("problem"): anywhere, it would make nearly
  // every short English word a Spanish one cut short ("info" and "inflo", "line" and "linde").
  for (char32_t vowel : {U'a', U'o', U'e'}) {
    candidate = word + vowel;
    if (listed(candidate)) return true;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (i > 0 && word[i] == word[i - 1]) {
      candidate = word;
      candidate.erase(i, 1);
      if (listed(candidate)) return true;
    }
    if (i > 0 && i + 1 < word.size() && word[i] != word[i + 1]) {
      candidate = word;
      std::swap(candidate[i], candidate[i + 1]);
      if (listed(candidate)) return true;
    }
    if (const char32_t accented = acute_of(word[i]); accented != 0) {
      candidate = word;
      candidate[i] = accented;
      if (listed(candidate)) return true;
    }
  }
  return false;
}

}  // namespace

bool english_in_spanish(const draft::Word& word, std::string_view language,
                        spell::SpellService& spell) {
  if (language != "es") return false;
  if (word.kind != draft::TokenKind::word || word.script != draft::Script::latin) return false;
  if (word.letters < k_min_letters || word.has_digit || word.has_underscore) return false;
  spell::Speller* spanish = spell.get("es");
  spell::Speller* english = spell.get("en");
  if (spanish == nullptr || english == nullptr) return false;
  if (spanish->check(word.text) || !english->check(word.text)) return false;
  // A Spanish word one of the usual slips away is a typo, even when the slip makes an English
  // word: its final vowel dropped ("problem" for "problema"), two letters swapped ("mood" for
  // "modo", "toads" for "todas"), a letter doubled ("entree"), an accent dropped ("traves"). A
  // letter replaced is left out: nearly every short English word is one replaced letter from
  // some Spanish word ("bash" and "basa", "info" and "indo").
  return !spanish_slip(word.text, *spanish);
}

}  // namespace replylint::rules::foreign_word
