#include "rules/foreign_word_detect.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "spell/spell.hpp"

namespace replylint::rules::foreign_word {
namespace {

// The Spanish acute vowels, by the ASCII vowel they are written over.
constexpr std::array<std::pair<char, std::string_view>, 5> k_acute{
    {{'a', "\u00e1"}, {'e', "\u00e9"}, {'i', "\u00ed"}, {'o', "\u00f3"}, {'u', "\u00fa"}}};

// True when a word the Spanish word index lists is one usual slip from `word` (ASCII letters,
// lowercase or capitalised): its final vowel dropped, a letter doubled, two neighbours swapped,
// an accent dropped. Index lookups only: never loads Hunspell, never fills the speller's answer
// cache.
bool spanish_slip(std::string_view word, spell::Speller& spanish) {
  for (unsigned char c : word)
    if (c >= 0x80) return false;  // English words are plain ASCII here
  std::string candidate;
  // A dropped letter is looked for at the end only ("problem"): anywhere, it would make nearly
  // every short English word a Spanish one cut short ("info" and "inflo", "line" and "linde").
  for (char vowel : {'a', 'o', 'e'}) {
    candidate.assign(word) += vowel;
    if (spanish.listed(candidate)) return true;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (i > 0 && word[i] == word[i - 1]) {
      candidate.assign(word).erase(i, 1);
      if (spanish.listed(candidate)) return true;
    }
    if (i > 0 && i + 1 < word.size() && word[i] != word[i + 1]) {
      candidate.assign(word);
      std::swap(candidate[i], candidate[i + 1]);
      if (spanish.listed(candidate)) return true;
    }
    for (const auto& [vowel, accented] : k_acute)
      if (word[i] == vowel) {
        candidate.assign(word).replace(i, 1, accented);
        if (spanish.listed(candidate)) return true;
      }
  }
  return false;
}

}  // namespace

bool may_be_english(const draft::Word& word) {
  return word.kind == draft::TokenKind::word && word.script == draft::Script::latin &&
         word.letters >= k_min_letters && !word.has_digit && !word.has_underscore;
}

bool english_not_spanish(const draft::Word& word, spell::Speller& spanish,
                         spell::Speller& english) {
  if (spanish.check(word.text) || !english.check(word.text)) return false;
  // A Spanish word one of the usual slips away is a typo, even when the slip makes an English
  // word: its final vowel dropped ("problem" for "problema"), two letters swapped ("mood" for
  // "modo", "toads" for "todas"), a letter doubled ("entree"), an accent dropped ("traves"). A
  // letter replaced is left out: nearly every short English word is one replaced letter from
  // some Spanish word ("bash" and "basa", "info" and "indo").
  return !spanish_slip(word.text, spanish);
}

bool english_in_spanish(const draft::Word& word, std::string_view language,
                        spell::SpellService& spell) {
  if (language != "es" || !may_be_english(word)) return false;
  spell::Speller* spanish = spell.get("es");
  spell::Speller* english = spell.get("en");
  if (spanish == nullptr || english == nullptr) return false;
  return english_not_spanish(word, *spanish, *english);
}

}  // namespace replylint::rules::foreign_word
