#include "rules/foreign_word_detect.hpp"

#include <array>
#include <string>

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
  return true;
}

}  // namespace replylint::rules::foreign_word
