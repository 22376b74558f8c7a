#pragma once

// What counts as an English word inside a Spanish paragraph, shared by the foreign-word rule
// (which reports it at info) and the spelling rule (which leaves it to foreign-word), so that
// such a word is reported by exactly one of them.

#include <string_view>

#include "draft/draft.hpp"

namespace replylint::spell {
class SpellService;
class Speller;
}  // namespace replylint::spell

namespace replylint::rules::foreign_word {

/// Shortest English word taken for a foreign word: shorter ones ("pro", "per", "tin") are as
/// likely a Spanish typo, and stay with the spelling rule.
inline constexpr int k_min_letters = 4;

/// True when `word`, of a paragraph in `language`, is an English word that is no word of that
/// language: a Latin-script word token of at least k_min_letters letters, rejected by the
/// Spanish speller and accepted by the English one, that is not a Spanish word with its final
/// vowel dropped ("problem", "moment", "important" are typos of "problema", "momento",
/// "importante" and stay misspellings), nor one with an accent dropped or a letter doubled
/// ("maxima", "traves", "entree"). Always false for a language other than "es" (Greek text
/// holds no Latin-script Greek words, and the spelling rule already checks those against
/// English) or when either dictionary is missing. Never loads Hunspell for a suggestion.
bool english_in_spanish(const draft::Word& word, std::string_view language,
                        spell::SpellService& spell);

/// The part of english_in_spanish that needs no dictionary: a Latin-script word token of at least
/// k_min_letters letters, without digits or underscores. english_in_spanish is false for any
/// other word, before it asks the spell service for a speller.
bool may_be_english(const draft::Word& word);

/// english_in_spanish for a word `may_be_english` accepted, with the two spellers at hand (a
/// rule that asks for every word of a draft fetches them once).
bool english_not_spanish(const draft::Word& word, spell::Speller& spanish, spell::Speller& english);

}  // namespace replylint::rules::foreign_word
