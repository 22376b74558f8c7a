#pragma once

// Internals of the draft module shared by its .cpp files. Not part of the module's contract.

#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "draft/draft.hpp"
#include "text/text.hpp"

#include <unicode/regex.h>

namespace replylint::data {
struct DataSet;
}

namespace replylint::draft::detail {

// The tokenizer reads letters, digits, case and script from the text module's code point table.
using text::code_point_table;
using text::CodePointInfo;
using text::CodePointTable;

/// Folds and strips the decoration of a marker line ("-----Mensaje original-----" →
/// "mensaje original"): surrounding whitespace, dashes, underscores and '*', inner runs of
/// whitespace collapsed to one space.
std::string normalize_marker(std::string_view text);

/// The number of words normalize_marker(text) has (its spaces + 1; 0 when empty), counted
/// without folding: a line with more words than any marker is no marker.
/// Counting stops past `limit` (the answer is then limit + 1).
std::size_t marker_words(std::string_view text, std::size_t limit = SIZE_MAX);

/// True when text::first_folded(text) is one of `letters`.
bool starts_with_letter_in(const std::unordered_set<UChar32>& letters, std::string_view text);

/// `text` without leading and trailing ASCII/Unicode whitespace.
std::string_view trim(std::string_view text);

// Words with a few bits each, found by an open-addressing table with a cheap hash: every word of
// every paragraph is looked up (detect_language()), and std::unordered_map costs several times
// more per short word.
class StopwordTable {
 public:
  /// Sets `bits` (not 0) for `word`, adding it when new.
  void add(std::string_view word, unsigned char bits);
  /// The bits of `word`, or 0 when it was never added.
  unsigned char find(std::string_view word) const {
    if (m_slots.empty()) return 0;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash(word) & mask;; i = (i + 1) & mask) {
      const Slot& slot = m_slots[i];
      if (slot.bits == 0) return 0;
      if (slot.word == word) return slot.bits;
    }
  }

 private:
  struct Slot {
    std::string word;
    unsigned char bits = 0;  // 0: empty
  };
  static std::size_t hash(std::string_view word) {  // FNV-1a
    std::uint64_t h = 14695981039346656037ull;
    for (const char ch : word) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  std::vector<Slot> m_slots;  // a power of two in size, at most half full
  std::size_t m_count = 0;
};

/// Everything the segmenter and the tokenizer need from a DataSet, compiled once.
struct Compiled {
  // A pattern of a list, compiled alone, with the case-folded prefixes one of which every line it
  // matches starts with (required_prefixes(); empty: it is always tried).
  struct Alternative {
    std::unique_ptr<icu::RegexPattern> pattern;
    std::vector<icu::UnicodeString> needs;
  };
  // The attribution patterns one by one, those with prefixes first (see matches_any()).
  std::vector<Alternative> attribution;
  // Each is one alternation of the data's patterns, case-insensitive; null when there are none.
  std::unique_ptr<icu::RegexPattern> attribution_start;
  std::unique_ptr<icu::RegexPattern> attribution_end;
  std::unique_ptr<icu::RegexPattern> signature_lines;
  // The first letters (first_folded) a signature line can start with; nullopt: any.
  std::optional<std::unordered_set<UChar32>> signature_first;
  // For each pattern above, the case-folded prefixes one of which every line it matches starts
  // with (may_match()); empty: the pattern is always tried.
  std::vector<icu::UnicodeString> attribution_start_needs;
  std::vector<icu::UnicodeString> attribution_end_needs;
  std::vector<icu::UnicodeString> signature_needs;
  std::unordered_set<std::string> original_markers;  // normalize_marker()ed
  std::size_t max_marker_words = 0;                  // of original_markers and forward_markers
  std::unordered_set<std::string> original_fields;   // folded
  std::unordered_set<std::string> forward_markers;   // normalize_marker()ed
  std::unordered_set<std::string> acronyms;          // as written, plus without dots
  std::size_t max_acronym_bytes = 0;                 // the longest of `acronyms`
  std::array<bool, 256> acronym_first_bytes{};       // the first bytes of `acronyms`
  // Folded stop-words per language code.
  std::unordered_map<std::string, std::unordered_set<std::string>> stopwords;
  std::size_t max_stopword_bytes = 0;  // the longest folded stop-word, in bytes
  // The Spanish (bit 1) and English (bit 2) stop-words of `stopwords` in one table, so that
  // detect_language() hashes each word once.
  StopwordTable es_en_stopwords;
  // Bit first * 256 + last is set when some key of es_en_stopwords starts with byte `first` and
  // ends with byte `last`: most other words are rejected without hashing.
  std::bitset<256 * 256> es_en_stopword_ends;
  bool lowercase_acronym = false;  // some acronym is written without capitals
  // Token regex: named groups ph, url, email, file, dom, num (see tokenize.cpp).
  std::unique_ptr<icu::RegexPattern> tokens;
  // False when some data placeholder pattern could match across white space without starting
  // with a bracket, so tokens must always be searched over whole paragraphs (see tokenize.cpp).
  bool tokens_chunkable = true;
  // The literal first character of every data placeholder pattern ("{", "$", "«"): a word holding
  // none of them (nor a digit, '@', '/', ':', '%' or an inner '.') can hold no token.
  std::vector<std::string> token_triggers;
  std::array<bool, 256> trigger_first_bytes{};  // first bytes of token_triggers
  // True when no placeholder pattern can match in a chunk of digits and closing punctuation
  // ("12345", "2025."): the token regex then finds exactly the number there.
  bool plain_numbers = false;
  int group_ph = 0, group_url = 0, group_email = 0, group_file = 0, group_dom = 0, group_num = 0;
  // True when extra (config) placeholder patterns took part: a line may then be a placeholder
  // without any of the characters the built-in ones start with.
  bool extra_placeholders = false;
};

/// The compiled form of `data` plus `extra_placeholders` (Options::placeholders), built on first
/// use and cached (thread-safe) under the data's address and a fingerprint of its content and of
/// the extra patterns. Patterns that do not compile are left out.
const Compiled& compiled(const data::DataSet& data,
                         const std::vector<std::string>& extra_placeholders = {});

/// Every match of a rules/ or config pattern runs under ICU's time limit (milliseconds of
/// ICU's step count, not wall time) and a bounded backtrack stack, so that no pattern can hang
/// the linter ('^(a+)+$' on "aaaa…b"). A match that runs out counts as no match, and the
/// pattern is left out for the rest of the draft (on this thread).
inline constexpr int32_t k_regex_time_limit = 200;
inline constexpr int32_t k_regex_stack_limit = 8 * 1024 * 1024;

/// Sets the limits above on a new matcher.
void limit_matcher(icu::RegexMatcher& matcher);
/// True after `status` (of a find/matches): records a timeout or stack overflow of `pattern`.
bool gave_up(const icu::RegexPattern* pattern, UErrorCode status);
/// True when `pattern` gave up earlier in this draft on this thread.
bool given_up(const icu::RegexPattern* pattern);
/// Starts a draft's limit accounting on this thread; draft_end() returns its warnings (one at
/// most) and clears it.
void draft_begin();
std::vector<std::string> draft_end();

/// True when `pattern` (may be null) matches the whole of `line` (already trimmed).
bool matches(const icu::RegexPattern* pattern, std::string_view line);

/// False only when `line`, case-folded, starts with none of `needs` (see Compiled), so that the
/// pattern they were taken from cannot match it; always true for an empty list.
bool may_match(const std::vector<icu::UnicodeString>& needs, std::string_view line);

/// True when one of `alternatives` matches the whole of `line` (already trimmed), as their union
/// would: each is tried only when `line` starts with one of its prefixes, and those with prefixes
/// first, so a line usually meets one pattern instead of every alternative of the union in turn.
bool matches_any(const std::vector<Compiled::Alternative>& alternatives, std::string_view line);

/// A word or number of ICU's root word break iterator: [begin, end) in bytes, and its rule status
/// (UBRK_WORD_LETTER for a token ending in a letter, UBRK_WORD_NUMBER for one ending in a digit).
struct WordSegment {
  std::size_t begin = 0, end = 0;
  int32_t status = 0;
  bool operator==(const WordSegment&) const = default;
};

/// The words and numbers of `text` by ICU's word break iterator (segments with status
/// UBRK_WORD_NONE left out).
std::vector<WordSegment> icu_word_segments(std::string_view text);

/// The same, computed directly from the Unicode word break rules (UAX #29 as ICU's root rules
/// apply them) when every code point of `text` is one whose rules it covers: letters and digits,
/// MidLetter/MidNumLet/MidNum/Single_Quote punctuation between them, and characters that only
/// separate (spaces, other punctuation, symbols). nullopt otherwise (combining marks, format
/// characters, '_', scripts beyond Greek and Latin-1/Extended…): then ICU decides.
std::optional<std::vector<WordSegment>> fast_word_segments(std::string_view text);

/// Tokenises `text` with `c`; ranges are offsets into `text` plus `base`.
std::vector<Word> tokenize(std::string_view text, const Compiled& c, std::size_t base);

/// True when `line` holds nothing but template placeholders ({% if %}, {{ name }}) and spaces.
bool is_placeholder_line(std::string_view line, const Compiled& c);

/// True when ICU's sentence iterator (with replylint's abbreviations) would find no break in
/// `text` but its end: no paragraph separator, and every terminator in the trailing run of
/// terminators, closing punctuation and spaces. False also when unsure (other code points).
bool one_sentence(std::string_view text);

/// The breaks of that iterator over `text` (after the start), for tests.
std::vector<std::size_t> icu_sentence_breaks(std::string_view text);

/// Sentence ranges (byte offsets into `text`, plus `base`) of one paragraph.
std::vector<Range> sentences(std::string_view text, std::size_t base);

/// The bit of Compiled::es_en_stopword_ends for a non-empty word: its first and last bytes.
inline std::size_t stopword_ends(std::string_view word) {
  return static_cast<std::size_t>(static_cast<unsigned char>(word.front())) * 256 +
         static_cast<unsigned char>(word.back());
}

/// Language of one paragraph of own text from its words: "el", "es", "en" or "". Words in
/// quotation marks do not count when three or more words stand outside them. `base` is the
/// offset of text's first byte in the words' ranges.
std::string detect_language(std::string_view text, const std::vector<Word>& words,
                            const Compiled& c, std::size_t base = 0);

/// Segments the lines of `message.body` (kinds and depths only; no paragraphs).
std::vector<Segment> segment_lines(const message::Message& message, const Compiled& c);

}  // namespace replylint::draft::detail
