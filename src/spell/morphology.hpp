#pragma once

// Internal to spell/: productive word formation the Hunspell dictionaries miss (a prefix on a
// known word, enclitic pronouns on a Spanish verb), accepted only when the base is a known word.

#include <unicode/unistr.h>

#include <functional>
#include <string>
#include <vector>

#include "spell/spell.hpp"

namespace replylint::spell {

/// Letters the rest of a prefixed word must have at least: a short remainder would let a typo
/// through ("re" + "cibo" is fine, "co" + "sa" hides nothing real and "pre" + "cio" a typo).
inline constexpr int32_t k_min_remainder_letters = 5;

/// Letters a suffixed word has before its suffix at least ("pagin" + "ador"): a shorter stem
/// would take too many typos for derived words.
inline constexpr int32_t k_min_stem_letters = 3;

/// What the derivations ask of the dictionary.
struct MorphologyLookups {
  /// True when the dictionary itself accepts the word (lowercase), without morphology.
  std::function<bool(const icu::UnicodeString&)> known;
  /// True when a known word is a verb form (one of its stems is an infinitive).
  std::function<bool(const icu::UnicodeString&)> verb_form;
  /// True when a known word is one edit away: a prefix then more likely hides a typo
  /// ("automatico" is auto + "matico", but "automático" was meant). May be empty.
  std::function<bool(const icu::UnicodeString&)> near_known;
  /// True when a word written without accents (lowercase) is a known word with one accent
  /// added: "συμβολο" → σύμβολο. Compounds are not formed when empty.
  std::function<bool(const icu::UnicodeString&)> known_with_accent;
};

/// True when `word` (lowercase, NFC) is a known word with a prefix of `rules` (the rest at
/// least k_min_remainder_letters long: "reubicación", "ξαναστείλτε") and no known word is one
/// edit from it, or a compound of the rules' links on two known words ("συμβολοσειρά" ←
/// σύμβολο + σειρά), or a stem with a suffix of `rules` on a known base ("optimizador" ←
/// "optimizar", "secuencialmente" ← "secuencial", "προσιτότητα" ← "προσιτός"), or a Spanish
/// infinitive, gerund or imperative with enclitic pronouns written with the accent the stress
/// then needs ("indíquenos", "comunicárselo", "enviándole"; "indiquenos" and "enviarlé" are not).
bool derived_word(const icu::UnicodeString& word, const MorphologyRules& rules,
                  const MorphologyLookups& lookups);

/// `base` with enclitic pronouns `clitics` attached, accented as the stress of `base` then
/// requires ("indique" + "nos" → "indíquenos", "enviar" + "le" → "enviarle").
icu::UnicodeString attach_clitics(const icu::UnicodeString& base,
                                  const icu::UnicodeString& clitics);

}  // namespace replylint::spell
