#include "rules/foreign_word_detect.hpp"

#include <array>
#include <string>
#include <utility>

#include "spell/spell.hpp"

namespace replylint::rules::foreign_word {

bool english_in_spanish(const draft::Word& word, std::string_view language,
                        spell::SpellService& spell) {
  if (language != "es") return false;
  if (word.kind != draft::TokenKind::word || word.script != draft::Script::latin) return false;
  if (word.letters < k_min_letters || word.has_digit || word.has_underscore) return false;
  spell::Speller* spanish = spell.get("es");
  spell::Speller* english = spell.get("en");
  if (spanish == nullptr || english == nullptr) return false;
  if (spanish->check(word.text) || !english->check(word.text)) return false;
  // A cognate cut short is a typo of the Spanish word, not English.
  static constexpr std::array<std::string_view, 3> k_final_vowels{"a", "o", "e"};
  std::string longer;
  for (std::string_view vowel : k_final_vowels) {
    longer.assign(word.text).append(vowel);
    if (spanish->check(longer)) return false;
  }
  // So is a Spanish word with its accent dropped ("maxima", "traves") or a letter doubled
  // ("entree"): the usual typos, which happen to make an English word.
  static constexpr std::array<std::pair<char, std::string_view>, 5> k_accented{
      {{'a', "\u00e1"}, {'e', "\u00e9"}, {'i', "\u00ed"}, {'o', "\u00f3"}, {'u', "\u00fa"}}};
  const std::string_view text = word.text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (const auto& [vowel, accented] : k_accented)
      if (text[i] == vowel) {
        longer.assign(text.substr(0, i)).append(accented).append(text.substr(i + 1));
        if (spanish->check(longer)) return false;
      }
    if (i > 0 && text[i] == text[i - 1]) {
      longer.assign(text.substr(0, i)).append(text.substr(i + 1));
      if (spanish->check(longer)) return false;
    }
  }
  return true;
}

}  // namespace replylint::rules::foreign_word
