#pragma once

// What missing-greeting and missing-closing share: when a draft is a letter to a person that
// should open and close politely at all, the sentence it opens with, and the greeting or sign-off
// a language's phrase list proposes.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "rules/rule.hpp"

namespace replylint::rules {

/// The word tokens (TokenKind::word) of own text.
std::int64_t own_word_count(const Draft& draft);

/// True when the courtesy rules leave `draft` alone: own text of fewer than `min_words` words (a
/// one-line "OK, gracias", an empty draft, a draft that only quotes), or a patch email or a review
/// of one (a patch segment, or a [PATCH …] or [RFC …] subject, replied to or not): developers'
/// mail is not customer service.
bool courtesy_exempt(const Draft& draft, std::int64_t min_words);

/// True for a paragraph of PGP armor ("-----BEGIN PGP SIGNED MESSAGE-----", "-----BEGIN PGP
/// SIGNATURE-----"): machine text around the message, not its opening or its end.
bool pgp_armor(const Draft& draft, const draft::Paragraph& paragraph);

/// The first sentence of own text that holds a word or a placeholder (not only a file name, a
/// link or a number: an image's alt text above the message), outside PGP armor, with its
/// paragraph; both null when none. With `after`, the first such sentence in a paragraph after
/// that one.
struct OpeningSentence {
  const draft::Paragraph* paragraph = nullptr;
  const Sentence* sentence = nullptr;
};
OpeningSentence opening_sentence(const Draft& draft, const draft::Paragraph* after = nullptr);

/// The language a paragraph's phrases are read in: its own, else the draft's ("" when unknown).
const std::string& language_of(const Draft& draft, const draft::Paragraph& paragraph);

/// Per language, the `suggest` of the first entry of `rule_id`'s phrase list that has one: the
/// greeting or sign-off a finding proposes ("Hola:", "Με εκτίμηση,"). Languages without one are
/// left out.
std::map<std::string, std::string, std::less<>> proposed_phrases(const data::DataSet& data,
                                                                 std::string_view rule_id);

/// The languages whose lists are searched: every language of `data`, `language` (the text's, ""
/// when unknown) first. All of them, because language identification often gets a short line
/// wrong ("Hola Ana,", "Un saludo,\nLucía"), and the greetings and sign-offs of the lists do not
/// collide across languages.
std::vector<std::string> phrase_languages(const data::DataSet& data, const std::string& language);

}  // namespace replylint::rules
