#pragma once

// The shared phrase matcher of the data-driven rules (tone, apologies, referrals, attachments,
// greetings, closings, confidential markers). The phrases are rules/<lang>/<rule-id>.toml;
// rules/README.md describes their syntax and how inflected forms are matched.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "data/data.hpp"
#include "draft/draft.hpp"

namespace replylint::spell {
class Stemmer;
}

namespace replylint::rules {

/// One phrase found in own text.
struct PhraseMatch {
  draft::Range range;  // from the first matched word's begin to the last one's end
  const data::Phrase* phrase = nullptr;       // the list entry: match, help, file, line
  const draft::Sentence* sentence = nullptr;  // the sentence holding it
  std::size_t first_word = 0;                 // sentence->words[first_word, end_word) were matched
  std::size_t end_word = 0;
  std::string language;  // the list it came from: "es", "el", "en"
};

/// A rule's phrase lists, compiled once (build it in the rule's constructor; it is immutable
/// afterwards and find() is safe from several threads at once).
///
/// A phrase word matches a word token of own text when both are equal after case folding and
/// accent stripping (text::loose_key: "DIJE", "dijé", "dije"), or, unless the data says `=`, when
/// they share a Hunspell stem ("dije"/"dijimos" → "decir") whose first letter, or the phrase
/// word's, is the draft word's. Quotes, attribution lines, signatures and placeholder blocks are
/// never searched, no match crosses a sentence, and placeholders, URLs and addresses between
/// words break a match.
class PhraseMatcher {
 public:
  /// Takes rule `rule_id`'s phrases of every language in `data` (none is fine: then find()
  /// returns nothing at once). Each language's list is compiled on its first use (thread-safe).
  /// `stemmer` may be null (forms only); otherwise it is asked for the stems of that list's
  /// phrase words then and of draft words while matching, and must outlive the matcher, as must
  /// `data`. Never throws for any phrase the loader accepted.
  PhraseMatcher(const data::DataSet& data, std::string_view rule_id, spell::Stemmer* stemmer);
  ~PhraseMatcher();
  PhraseMatcher(PhraseMatcher&&) noexcept;
  PhraseMatcher& operator=(PhraseMatcher&&) noexcept;

  /// True when no language has a phrase for the rule.
  bool empty() const;

  /// Every phrase in the own text of `draft`, in text order. Each paragraph is searched with
  /// the list of its language; a paragraph of unknown language with the draft's language, and
  /// with every list when that is unknown too. At each word the longest match wins (the earlier
  /// phrase of the file on a tie) and matches never overlap.
  std::vector<PhraseMatch> find(const draft::Draft& draft) const;

  /// The same for one sentence, with the list of `language` only (no list: no matches), from
  /// its word `from_word` on: a match starts there or later.
  std::vector<PhraseMatch> find(const draft::Sentence& sentence, std::string_view language,
                                std::size_t from_word = 0) const;

  /// Every phrase of `language`'s list that matches in `sentence`, at every word, each with its
  /// longest end: matches may overlap and several may start at one word. In order of their
  /// first word, then longest first, then as listed.
  std::vector<PhraseMatch> find_each(const draft::Sentence& sentence,
                                     std::string_view language) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace replylint::rules
