#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/range.hpp"
#include "message/message.hpp"

namespace replylint::data {
struct DataSet;
}

namespace replylint::draft {

/// Byte ranges are a core type (src/core/range.hpp): diagnostics and fixes use them too.
using core::Range;

/// `patch`: the diff part of a patch email (git format-patch / send-email), from its `---` line
/// (or its first `diff --git` line, or a cover letter's diffstat) to the end of the body. Like
/// every kind but `own`, it is never linted as prose.
enum class SegmentKind {
  own,
  quote,
  attribution,
  original_header,
  forward,
  signature,
  placeholder,
  patch
};
std::string_view to_string(SegmentKind kind);

/// A run of whole lines of the body with one role. Segments cover the body in order.
struct Segment {
  SegmentKind kind = SegmentKind::own;
  Range range;           // whole lines, the final '\n' excluded
  int depth = 0;         // quote depth (>= 1) for quote segments, else 0
  std::string language;  // "es", "el", "en" or "" for own segments; "" otherwise
};

enum class Script { none, latin, greek, other, mixed };
enum class CaseShape { none, lower, upper, title, mixed };

/// What a token is. Rules that look at prose only look at `word`. `code` is inline code between
/// backticks (`npm ci`), a command-line option (--sso) or a path (/auth/saml/acs): no prose.
enum class TokenKind { word, number, url, email, filename, placeholder, code };

/// One token of own text (ICU word break iterator, then URL/email/file/placeholder/code merging).
struct Word {
  std::string text;  // UTF-8, as written
  std::string key;   // words and numbers: text::word_key(text), what phrase lists match
  Range range;       // in the text it came from
  TokenKind kind = TokenKind::word;
  Script script = Script::none;
  CaseShape shape = CaseShape::none;  // none for url, email, filename and placeholder tokens
  int letters = 0;                    // letters (code points with the Alphabetic property)
  bool has_digit = false;
  bool has_underscore = false;
  /// In a rules/ acronym list (as written, or without its dots: "Α.Φ.Μ." → "ΑΦΜ"), or a short
  /// all-caps word of 2-4 letters without digits or underscores. Deliberately context-free: "NO"
  /// in "NO FUNCIONA" is flagged too, so a rule that needs context (shouting) looks at
  /// `in_acronym_list` and at the neighbouring words itself.
  bool is_acronym = false;
  bool in_acronym_list = false;  // in a rules/ acronym list (the context-free part of is_acronym)
  bool is_header_name = false;   // matches a display name or mailbox name in the headers

  /// The phrase matcher's (rules/phrase_matcher.cpp) memo of this word, filled by the first
  /// phrase list that looks at it and read by the others: the ids, in the matcher's vocabulary,
  /// of its key and of its stems in a language from a stemmer. A draft is checked by one thread
  /// at a time.
  struct PhraseCache {
    std::uint64_t key_version = 0;  // vocabulary version key_id is from; 0: not looked up
    std::uint32_t key_id = 0;       // 0: no phrase list has the key
    std::int32_t first_letter = -1;
    const void* stemmer = nullptr;    // stem_ids are this stemmer's stems in `language`
    std::uint64_t language = 0;       // the language code's bytes
    std::uint64_t stems_version = 0;  // vocabulary version stem_ids are from
    // Ids of the stems some phrase list has, in the matcher's memo of the thread that checked
    // the word, valid while that memo's generation is `stems_generation`.
    const std::vector<std::uint32_t>* stem_ids = nullptr;
    std::uint64_t stems_generation = 0;
  };
  mutable PhraseCache phrase;
};

struct Sentence {
  Range range;
  std::vector<Word> words;
  /// The phrase matcher's memo: the words at which some phrase list of `language` may start a
  /// match, found once per sentence for every matcher and list (see rules/phrase_matcher.cpp).
  struct PhraseStarts {
    std::uint64_t version = 0;  // the matcher's start-set version; 0: not computed
    const void* stemmer = nullptr;
    std::uint64_t language = 0;
    std::vector<std::uint32_t> words;
    std::vector<std::uint64_t> lists;  // per start word: the bits of the lists that may start there
  };
  mutable PhraseStarts phrase_starts;
};

/// A paragraph of own text (lines separated by blank lines), with its language.
struct Paragraph {
  Range range;
  std::string language;  // "es", "el", "en", or "" when unknown
  std::vector<Sentence> sentences;
};

struct Options {
  std::string language;  // --lang: "es", "el" or "en" forces every paragraph; "" detects
  /// Extra placeholder patterns (ICU regex, matched case-insensitively), e.g. the config's
  /// `placeholders`. They join the built-in and rules/common/placeholders.toml ones; a pattern
  /// that does not compile is left out (the config loader reports it with file:line). Compiled
  /// once per distinct list and cached.
  std::vector<std::string> placeholders;
};

/// The segmented message. It owns the Message; all body ranges index `text()`.
class Draft {
 public:
  Draft() = default;
  Draft(message::Message message) : m_message(std::move(message)) {}

  const message::Message& message() const { return m_message; }
  const std::string& text() const { return m_message.body.text; }

  std::vector<Segment> segments;
  std::vector<Paragraph> paragraphs;  // own text only, in order
  std::vector<Word> subject_words;    // tokens of the subject, ranges into message().subject
  std::string language;               // dominant language of own text ("" if none)
  /// Problems of the segmentation itself (a pattern given up over its time limit).
  std::vector<std::string> warnings;

  /// Sentences of own text (no quotes, attribution, signature or placeholder blocks).
  std::vector<const Sentence*> own_sentences() const;
  /// Quote segments, in order.
  std::vector<const Segment*> quotes() const;
  /// True when the body quotes anything of an original (a quote, attribution + quote,
  /// original-header or forward block, or an HTML blockquote).
  bool quotes_original() const;
  /// True when the body carries a patch (a `patch` segment): a patch email, not a reply to a
  /// person.
  bool has_patch() const;

 private:
  message::Message m_message;
};

/// Splits the message body into segments, paragraphs, sentences and words. Never throws on
/// any text; `data` supplies attribution patterns, markers, acronyms, stop-words.
Draft segment(message::Message message, const data::DataSet& data, const Options& options = {});

/// Tokenises one line of text (used for the subject and by tests). Ranges index `text`.
std::vector<Word> tokenize(std::string_view text, const data::DataSet& data);

}  // namespace replylint::draft
