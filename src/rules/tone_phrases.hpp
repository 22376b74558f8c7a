#pragma once

// What the two tone rules (hostile-tone, dismissive-tone) share: a phrase list, a list of
// phrases that excuse a match near it (rules/<lang>/<rule-id>.unless.toml, rules/README.md
// "Exceptions"), and reporting a match with the kinder wording its data entry suggests.

#include <string>
#include <string_view>
#include <vector>

#include "rules/phrase_matcher.hpp"
#include "rules/rule.hpp"

namespace replylint::rules {

/// Where an `unless` phrase must be, relative to a match, to excuse it.
///   adjacent  overlapping the match, or starting at most k_adjacent_words words after its end,
///             in the same sentence ("como ya le dije | por teléfono")
///   nearby    anywhere in the match's sentence or in the next sentence of own text ("no podemos
///             hacer nada. | Sin embargo, le ofrecemos…"), unless it overlaps a match itself
///             ("no podemos ayudarle" holds the way forward "podemos ayudarle")
enum class ExcuseScope { adjacent, nearby };

/// A tone rule's phrases and their exceptions, compiled once (immutable afterwards; find() is
/// safe from several threads at once).
class TonePhrases {
 public:
  /// Reads rule `rule_id`'s phrase lists and the lists of `<rule_id>.unless` from `data`
  /// (either may be missing in a language). `stemmer` may be null (forms only).
  TonePhrases(const data::DataSet& data, std::string_view rule_id, spell::Stemmer* stemmer,
              ExcuseScope scope);

  /// The matches in own text of `draft` that no exception excuses, in text order.
  std::vector<PhraseMatch> find(const Draft& draft) const;

  static constexpr std::size_t k_adjacent_words = 4;

 private:
  bool excused(const PhraseMatch& match, const std::vector<PhraseMatch>& exceptions,
               const std::vector<const Sentence*>& sentences) const;

  PhraseMatcher m_phrases;
  PhraseMatcher m_exceptions;
  ExcuseScope m_scope;
};

/// Reports `match` with `message` (which names the flagged text) and the entry's help (or
/// `default_help`). When the entry has a `suggest`, it is offered as the suggestion and as an
/// unsafe fix replacing the matched words (a tone rewrite needs a human's eye), with the first
/// letter capitalised when the flagged text starts with a capital. With `FixWhen::clause_ends`
/// the fix is offered only when the match is a clause of its own: no word follows it in its
/// sentence, and it opens the sentence or follows a comma, semicolon, colon or dash. A rewrite of
/// a whole clause ("no podemos hacer nada") cannot take the words that go on after it ("… más"),
/// nor a connective before it ("así que no es nuestro problema").
enum class FixWhen { always, clause_ends };
void report_tone(const Draft& draft, const PhraseMatch& match, std::string_view message,
                 std::string_view default_help, Reporter& out, FixWhen fix_when = FixWhen::always);

}  // namespace replylint::rules
