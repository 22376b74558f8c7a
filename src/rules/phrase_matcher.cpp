#include "rules/phrase_matcher.hpp"

#include "spell/spell.hpp"
#include "text/text.hpp"
#include "text/word_map.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <bitset>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace replylint::rules {
namespace {

using draft::Sentence;
using draft::TokenKind;
using draft::Word;

UChar32 first_code_point(std::string_view text) {
  if (text.empty()) return U_SENTINEL;
  UChar32 c;
  int32_t i = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c;
}

// Only words and numbers take part in phrases; a URL, address, file name or placeholder between
// two words breaks a match.
bool matchable(const Word& word) {
  return word.kind == TokenKind::word || word.kind == TokenKind::number;
}

// A set of first letters: a bit for each code point below U+0800 (Latin, Greek), a hash set
// for the rest; asked for every word of every sentence.
class LetterSet {
 public:
  void insert(UChar32 c) {
    if (c >= 0 && c < k_bits)
      m_low.set(static_cast<std::size_t>(c));
    else
      m_high.insert(c);
  }
  template <class It>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }
  bool contains(UChar32 c) const {
    return c >= 0 && c < k_bits ? m_low.test(static_cast<std::size_t>(c)) : m_high.count(c) > 0;
  }
  void merge(const LetterSet& other) {
    m_low |= other.m_low;
    m_high.insert(other.m_high.begin(), other.m_high.end());
  }

 private:
  static constexpr UChar32 k_bits = 0x800;
  std::bitset<k_bits> m_low;
  std::unordered_set<UChar32> m_high;
};

// Ids as a bitmask, to rule most words out of a list with one test.
class IdSet {
 public:
  void insert(std::uint32_t id) {
    if (id / 64 >= m_bits.size()) m_bits.resize(id / 64 + 1);
    m_bits[id / 64] |= std::uint64_t{1} << (id % 64);
  }
  bool contains(std::uint32_t id) const {
    return id / 64 < m_bits.size() && (m_bits[id / 64] >> (id % 64) & 1) != 0;
  }
  void merge(const IdSet& other) {
    if (other.m_bits.size() > m_bits.size()) m_bits.resize(other.m_bits.size());
    for (std::size_t i = 0; i < other.m_bits.size(); ++i) m_bits[i] |= other.m_bits[i];
  }

 private:
  std::vector<std::uint64_t> m_bits;
};

// Maps of small ids, open addressing over one array of (id, entry) slots. The phrase lists'
// indexes are asked at every start word of every sentence: a node-based map costs a cache miss
// or two per look-up there, this one mostly a single line.
template <class Value>
class IdMap {
 public:
  Value& operator[](std::uint32_t id) {
    if (const std::size_t at = slot_of(id); at != k_none)
      return m_entries[m_slots[at].entry].second;
    if ((m_entries.size() + 1) * 2 > m_slots.size()) grow();
    m_entries.emplace_back(id, Value{});
    place(id, static_cast<std::uint32_t>(m_entries.size() - 1));
    return m_entries.back().second;
  }
  const Value* find(std::uint32_t id) const {
    const std::size_t at = slot_of(id);
    return at == k_none ? nullptr : &m_entries[m_slots[at].entry].second;
  }
  bool empty() const { return m_entries.empty(); }
  // In insertion order.
  auto begin() { return m_entries.begin(); }
  auto end() { return m_entries.end(); }
  auto begin() const { return m_entries.begin(); }
  auto end() const { return m_entries.end(); }

 private:
  struct Slot {
    std::uint32_t id = 0;  // 0: free (ids start at 1)
    std::uint32_t entry = 0;
  };
  static constexpr std::size_t k_none = static_cast<std::size_t>(-1);

  std::size_t home(std::uint32_t id) const {
    return static_cast<std::size_t>((id * std::uint64_t{0x9E3779B97F4A7C15}) >> 32) &
           (m_slots.size() - 1);
  }
  std::size_t slot_of(std::uint32_t id) const {
    if (m_slots.empty() || id == 0) return k_none;
    for (std::size_t at = home(id);; at = (at + 1) & (m_slots.size() - 1)) {
      if (m_slots[at].id == id) return at;
      if (m_slots[at].id == 0) return k_none;
    }
  }
  void place(std::uint32_t id, std::uint32_t entry) {
    std::size_t at = home(id);
    while (m_slots[at].id != 0) at = (at + 1) & (m_slots.size() - 1);
    m_slots[at] = {id, entry};
  }
  void grow() {
    m_slots.assign(std::max<std::size_t>(16, m_slots.size() * 2), Slot{});
    for (std::size_t i = 0; i < m_entries.size(); ++i)
      place(m_entries[i].first, static_cast<std::uint32_t>(i));
  }

  std::vector<Slot> m_slots;  // a power of two, at most half full
  std::vector<std::pair<std::uint32_t, Value>> m_entries;
};

// Every key and stem of every phrase list, across matchers and languages, as small numbers: a
// draft word is looked up once (PhraseCache), and each list then compares numbers. Lists add to
// it when compiled, under the unique lock; searches read it under the shared lock.
class Vocabulary {
 public:
  static Vocabulary& instance() {
    static Vocabulary vocabulary;
    return vocabulary;
  }

  std::shared_mutex& mutex() { return m_mutex; }

  // Callers hold the unique lock.
  std::uint32_t add(const std::string& key) {
    bool added = false;
    std::uint32_t& id = m_ids.try_emplace(key, added);
    if (added) {
      id = static_cast<std::uint32_t>(m_ids.size());
      ++m_version;
    }
    return id;
  }

  // Callers hold a lock. 0 when no list has the key.
  std::uint32_t find(const std::string& key) const {
    const std::uint32_t* id = m_ids.find(key);
    return id == nullptr ? 0 : *id;
  }

  std::uint64_t version() const { return m_version; }

  // What starts a phrase of any list of one language, in every matcher: a word none of them
  // starts with is skipped by all, with one look per sentence instead of one per list.
  // Each list of the language has a bit (the 64th is shared by the lists past the 63rd); a
  // start word carries the bits of the lists that may start there, so the other lists skip it
  // with one test.
  struct Starts {
    IdSet form_ids;
    IdSet stem_ids;
    LetterSet stem_letters;
    IdMap<std::uint64_t> lists_by_form;
    IdMap<std::uint64_t> lists_by_stem;
    unsigned lists = 0;
  };

  // Callers hold the unique lock. Returns the list's bit.
  template <class ByForm, class ByStem>
  std::uint64_t add_starts(std::uint64_t language, const ByForm& by_form, const ByStem& by_stem,
                           const IdSet& form_ids, const IdSet& stem_ids,
                           const LetterSet& stem_letters) {
    Starts& starts = m_starts[language];
    const std::uint64_t bit = std::uint64_t{1} << std::min(starts.lists++, 63u);
    for (const auto& entry : by_form) starts.lists_by_form[entry.first] |= bit;
    for (const auto& entry : by_stem) starts.lists_by_stem[entry.first] |= bit;
    starts.form_ids.merge(form_ids);
    starts.stem_ids.merge(stem_ids);
    starts.stem_letters.merge(stem_letters);
    ++m_starts_version;
    return bit;
  }

  // Callers hold a lock. Every compiled list has added its starts.
  const Starts& starts(std::uint64_t language) const {
    static const Starts k_none;
    const auto found = m_starts.find(language);
    return found == m_starts.end() ? k_none : found->second;
  }

  std::uint64_t starts_version() const { return m_starts_version; }

 private:
  std::shared_mutex m_mutex;
  text::WordMap<std::uint32_t> m_ids;
  std::uint64_t m_version = 1;
  std::unordered_map<std::uint64_t, Starts> m_starts;
  std::uint64_t m_starts_version = 1;
};

struct Form {
  std::uint32_t key_id = 0;
  std::vector<std::uint32_t> stem_ids;  // of its stems' text::word_key()s; empty: form only
  std::vector<UChar32> letters;         // first letters of key and stems: a stem match counts only
                                        // for a draft word starting with one of them
};

// A run of one of a list's pools: a list's phrases, tokens and their ids lie in a few arrays,
// in phrase order, so that trying a phrase reads neighbouring memory instead of a small heap
// block per token.
struct Slice {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
};

template <class T>
Slice append(std::vector<T>& pool, const std::vector<T>& values) {
  const auto begin = static_cast<std::uint32_t>(pool.size());
  pool.insert(pool.end(), values.begin(), values.end());
  return {begin, static_cast<std::uint32_t>(pool.size())};
}

template <class T>
bool slice_has(const std::vector<T>& pool, Slice slice, const T& value) {
  return std::binary_search(pool.begin() + slice.begin, pool.begin() + slice.end, value);
}

// A phrase position, its forms flattened for the search (asked for every candidate at every
// word): a word matches when its key is a form's key, or when its first letter is one of a
// stemmed form's letters and one of its stems is one of that form's stems, that is when
// (letter, stem) is in the union of the stemmed forms' letters × stems.
struct Token {
  Slice key_ids;       // of List::key_pool, sorted
  Slice stem_pairs;    // of List::pair_pool, sorted: pair(letter, stem id)
  Slice stem_letters;  // of List::letter_pool, sorted: the letters of stem_pairs
  bool any = false;    // `*`
  bool optional = false;
};

struct Pools {
  std::vector<Token> tokens;
  std::vector<std::uint32_t> key_pool;
  std::vector<std::uint64_t> pair_pool;
  std::vector<UChar32> letter_pool;

  struct Sizes {
    std::size_t tokens, keys, pairs, letters;
  };
  Sizes sizes() const {
    return {tokens.size(), key_pool.size(), pair_pool.size(), letter_pool.size()};
  }
  // Drops what a phrase that turned out unusable added.
  void truncate(const Sizes& to) {
    tokens.resize(to.tokens);
    key_pool.resize(to.keys);
    pair_pool.resize(to.pairs);
    letter_pool.resize(to.letters);
  }
};

std::uint64_t pair(UChar32 letter, std::uint32_t stem) {
  return std::uint64_t{static_cast<std::uint32_t>(letter)} << 32 | stem;
}

template <class T>
void sort_unique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

Token flattened(const std::vector<Form>& forms, bool optional, Pools& pools) {
  std::vector<std::uint32_t> key_ids;
  std::vector<std::uint64_t> stem_pairs;
  std::vector<UChar32> stem_letters;
  for (const Form& form : forms) {
    key_ids.push_back(form.key_id);
    for (const UChar32 letter : form.letters) {
      stem_letters.push_back(letter);
      for (const std::uint32_t stem : form.stem_ids) stem_pairs.push_back(pair(letter, stem));
    }
  }
  sort_unique(key_ids);
  sort_unique(stem_pairs);
  sort_unique(stem_letters);
  Token token;
  token.any = forms.empty();
  token.optional = optional;
  token.key_ids = append(pools.key_pool, key_ids);
  token.stem_pairs = append(pools.pair_pool, stem_pairs);
  token.stem_letters = append(pools.letter_pool, stem_letters);
  return token;
}

struct CompiledPhrase {
  const data::Phrase* phrase = nullptr;
  Slice tokens;               // of Pools::tokens
  bool has_optional = false;  // without one, a match is word after word, with no choice to try
};

// A language code's bytes as one number, compared for every word by every list.
std::uint64_t packed(std::string_view code) {
  std::uint64_t out = 0;
  for (std::size_t i = 0; i < code.size() && i < sizeof out; ++i)
    out |= static_cast<std::uint64_t>(static_cast<unsigned char>(code[i])) << (8 * i);
  return out ^ (code.size() > sizeof out ? std::hash<std::string_view>{}(code) : 0);
}

struct List {
  std::string language;
  std::uint64_t language_code = 0;  // packed(language)
  std::vector<CompiledPhrase> phrases;
  Pools pools;
  // Phrases by the ids of the forms and the stems of their first token (always required).
  IdMap<std::vector<std::size_t>> by_form;
  IdMap<std::vector<std::size_t>> by_stem;
  IdSet form_ids;  // the keys of by_form and by_stem
  IdSet stem_ids;
  LetterSet stem_letters;       // Form::letters of first-token forms with stems: a draft word is
                                // stemmed for this list only when it starts with one of them
  std::uint64_t start_bit = 0;  // Vocabulary::Starts
};

// Draft words' stems, by word as written: the vocabulary ids of those some list has.
struct MemoStems {
  std::uint64_t version = 0;  // the vocabulary's version when ids were looked up
  std::vector<std::uint32_t> ids;
};
using StemMemo = text::WordMap<MemoStems>;

// Per language, for one matcher in one thread, across drafts: a bulk run meets the same words
// again and again, and asking the stemmer costs a dispatch, a lock, a copy and keys each time.
using StemMemos = std::unordered_map<std::string, StemMemo>;

constexpr std::size_t k_max_remembered_words = 1 << 16;
constexpr std::size_t k_max_remembered_matchers = 256;

std::uint64_t next_matcher_id() {
  static std::atomic<std::uint64_t> next{1};
  return next++;
}

// Words' caches point into this thread's memos. A clear() gives the thread a new generation,
// unique across threads and time, so that no word trusts a pointer from before it (or from
// another thread's memo).
std::atomic<std::uint64_t> g_next_memo_generation{1};
thread_local std::uint64_t t_memo_generation = g_next_memo_generation++;

// Only called at the start of a search, so no reference into a memo outlives a clear().
StemMemos& thread_memos(std::uint64_t matcher_id) {
  thread_local std::unordered_map<std::uint64_t, StemMemos> t_memos;
  if (t_memos.size() > k_max_remembered_matchers) {
    t_memos.clear();
    t_memo_generation = g_next_memo_generation++;
  }
  StemMemos& memos = t_memos[matcher_id];
  for (auto& [language, memo] : memos)
    if (memo.size() > k_max_remembered_words) {
      memo.clear();
      t_memo_generation = g_next_memo_generation++;
    }
  return memos;
}

// What one search knows of the words of one sentence, through each word's PhraseCache: the
// vocabulary ids of its key (always) and of its stems (on first need). The caller holds the
// vocabulary's shared lock.
class Words {
 public:
  Words(const Sentence& sentence, spell::Stemmer* stemmer, const List& list, StemMemo& stems_memo,
        const Vocabulary& vocabulary)
      : m_sentence(sentence),
        m_stemmer(stemmer),
        m_language(list.language),
        m_language_code(list.language_code),
        m_stems_memo(stems_memo),
        m_vocabulary(vocabulary) {}

  const Word& word(std::size_t i) const { return m_sentence.words[i]; }
  std::size_t size() const { return m_sentence.words.size(); }

  // The key's id and first letter.
  // Asked millions of times in a bulk run: the cached answer stays an inlined comparison.
  const draft::Word::PhraseCache& keyed(std::size_t i) const {
    const Word& w = word(i);
    if (w.phrase.key_version == m_vocabulary.version()) [[likely]]
      return w.phrase;
    return look_up_key(w);
  }

  // The words where a phrase of some list of this language may start, in order, with the bits
  // of the lists that may start there (Vocabulary::Starts): found once per sentence (and
  // stemmer) for every list that searches it.
  const Sentence::PhraseStarts& starts() {
    Sentence::PhraseStarts& memo = m_sentence.phrase_starts;
    // Words found with a stemmer serve a list without one too: such a list has no stems, so
    // its bit comes from the word's key alone, whatever the stemmer.
    if (memo.version == m_vocabulary.starts_version() && memo.language == m_language_code &&
        (memo.stemmer == m_stemmer || (m_stemmer == nullptr && memo.stemmer != nullptr)))
      return memo;
    const Vocabulary::Starts& starts = m_vocabulary.starts(m_language_code);
    memo.words.clear();
    memo.lists.clear();
    memo.words.reserve(size());
    memo.lists.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) {
      if (!matchable(word(i))) continue;
      const draft::Word::PhraseCache& cache = keyed(i);
      std::uint64_t lists = 0;
      if (starts.form_ids.contains(cache.key_id)) lists = *starts.lists_by_form.find(cache.key_id);
      if (starts.stem_letters.contains(cache.first_letter))
        for (const std::uint32_t stem : stem_ids(i))
          if (starts.stem_ids.contains(stem)) lists |= *starts.lists_by_stem.find(stem);
      if (lists == 0) continue;
      memo.words.push_back(static_cast<std::uint32_t>(i));
      memo.lists.push_back(lists);
    }
    memo.version = m_vocabulary.starts_version();
    memo.stemmer = m_stemmer;
    memo.language = m_language_code;
    return memo;
  }

  // The ids of the stems some list has (none without a stemmer). Every list of the draft's
  // matchers asks for the same stems: the first one leaves them in the word's cache.
  const std::vector<std::uint32_t>& stem_ids(std::size_t i) {
    static const std::vector<std::uint32_t> k_none;
    if (m_stemmer == nullptr) return k_none;
    draft::Word::PhraseCache& cache = word(i).phrase;
    if (cache.stemmer == m_stemmer && cache.language == m_language_code &&
        cache.stems_version == m_vocabulary.version() &&
        cache.stems_generation == t_memo_generation)
      return *cache.stem_ids;
    cache.stem_ids = &memo_stems(word(i).text);
    cache.stemmer = m_stemmer;
    cache.language = m_language_code;
    cache.stems_version = m_vocabulary.version();
    cache.stems_generation = t_memo_generation;
    return *cache.stem_ids;
  }

 private:
  // A list compiled since (a new version) may have more of the stems: they are asked again.
  const std::vector<std::uint32_t>& memo_stems(const std::string& text) {
    MemoStems& memo = m_stems_memo[text];
    if (memo.version == m_vocabulary.version()) return memo.ids;
    std::vector<std::string> keys;
    for (const std::string& stem : m_stemmer->stems(m_language, text)) {
      std::string k = text::word_key(stem);
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
    }
    memo.ids.clear();
    for (const std::string& key : keys)
      if (const std::uint32_t id = m_vocabulary.find(key)) memo.ids.push_back(id);
    memo.version = m_vocabulary.version();
    return memo.ids;
  }

  [[gnu::noinline]] const draft::Word::PhraseCache& look_up_key(const Word& w) const {
    draft::Word::PhraseCache& cache = w.phrase;
    // The tokeniser computes the keys of words and numbers; a hand-made sentence may lack them.
    const std::string computed = w.key.empty() ? text::word_key(w.text) : std::string();
    const std::string& key = w.key.empty() ? computed : w.key;
    cache.key_id = m_vocabulary.find(key);
    cache.first_letter = first_code_point(key);
    cache.key_version = m_vocabulary.version();
    return cache;
  }

  const Sentence& m_sentence;
  spell::Stemmer* m_stemmer;
  const std::string& m_language;
  std::uint64_t m_language_code;
  StemMemo& m_stems_memo;
  const Vocabulary& m_vocabulary;
};

// The rarer half of token_matches, out of line so that the common half stays small.
[[gnu::noinline]] bool stem_matches(const Pools& pools, const Token& token, Words& words,
                                    std::size_t i, UChar32 letter) {
  if (!slice_has(pools.letter_pool, token.stem_letters, letter)) return false;
  for (const std::uint32_t stem : words.stem_ids(i))
    if (slice_has(pools.pair_pool, token.stem_pairs, pair(letter, stem))) return true;
  return false;
}

inline bool token_matches(const Pools& pools, const Token& token, Words& words, std::size_t i) {
  if (token.any) return true;
  const draft::Word::PhraseCache& cache = words.keyed(i);
  if (slice_has(pools.key_pool, token.key_ids, cache.key_id)) return true;
  return !token.stem_pairs.empty() && stem_matches(pools, token, words, i, cache.first_letter);
}

// The end (one past the last word) of the longest match of tokens[t…] starting at word i, or
// nullopt. Phrases are a handful of tokens, so trying both branches of each optional one is cheap.
std::optional<std::size_t> match_from(const Pools& pools, const CompiledPhrase& phrase,
                                      std::size_t t, Words& words, std::size_t i);

// The same for a phrase without optional tokens (most of them): word after word, no choice.
inline std::optional<std::size_t> match_plain(const Pools& pools, const CompiledPhrase& phrase,
                                              std::size_t t, Words& words, std::size_t i) {
  for (; t < phrase.tokens.size(); ++t, ++i)
    if (i >= words.size() || !matchable(words.word(i)) ||
        !token_matches(pools, pools.tokens[phrase.tokens.begin + t], words, i))
      return std::nullopt;
  return i;
}

std::optional<std::size_t> match_from(const Pools& pools, const CompiledPhrase& phrase,
                                      std::size_t t, Words& words, std::size_t i) {
  if (!phrase.has_optional) return match_plain(pools, phrase, t, words, i);
  if (t == phrase.tokens.size()) return i;
  const Token& token = pools.tokens[phrase.tokens.begin + t];
  std::optional<std::size_t> best;
  if (i < words.size() && matchable(words.word(i))) {
    if (token_matches(pools, token, words, i))
      best = match_from(pools, phrase, t + 1, words, i + 1);
  }
  if (token.optional) {
    const auto skipped = match_from(pools, phrase, t + 1, words, i);
    if (skipped && (!best || *skipped > *best)) best = skipped;
  }
  return best;
}

const std::vector<std::size_t>* phrases_of(const IdMap<std::vector<std::size_t>>& index,
                                           std::uint32_t id) {
  return index.find(id);
}

// `every`: each phrase matching at each word, overlapping (find_each), instead of the longest
// one at a word and no overlaps.
void find_in(const List& list, const Sentence& sentence, spell::Stemmer* stemmer,
             StemMemo& stems_memo, const Vocabulary& vocabulary, std::vector<PhraseMatch>& out,
             std::size_t from_word = 0, bool every = false) {
  Words words(sentence, stemmer, list, stems_memo, vocabulary);
  // The phrases that may start at a word: those of its key as they are (sorted, unique), or
  // merged with those of its stems here.
  thread_local std::vector<std::size_t> t_merged;
  std::size_t next = from_word;  // past the last match: matches do not overlap
  const Sentence::PhraseStarts& starts = words.starts();
  for (std::size_t k = 0; k < starts.words.size(); ++k) {
    if ((starts.lists[k] & list.start_bit) == 0) continue;
    const std::size_t i = starts.words[k];
    if (i < next) continue;
    const Word& word = words.word(i);
    const std::uint32_t key_id = words.keyed(i).key_id;
    const std::vector<std::size_t>* candidates =
        list.form_ids.contains(key_id) ? phrases_of(list.by_form, key_id) : nullptr;
    bool stem_found = false;  // candidates holds phrases of the word's stems
    if (!list.by_stem.empty() && list.stem_letters.contains(words.keyed(i).first_letter)) {
      const std::vector<std::size_t>* by_key = candidates;
      bool merged = false;
      for (const std::uint32_t stem : words.stem_ids(i)) {
        const std::vector<std::size_t>* by_stem =
            list.stem_ids.contains(stem) ? phrases_of(list.by_stem, stem) : nullptr;
        if (by_stem == nullptr) continue;
        if (candidates == nullptr) {  // the only ones so far: no copy
          candidates = by_stem;
          continue;
        }
        // Mostly the key's own phrases ("no" is its own stem): nothing to add (t_merged is
        // sorted only at the end).
        if (!merged &&
            std::includes(candidates->begin(), candidates->end(), by_stem->begin(), by_stem->end()))
          continue;
        if (!merged) {
          t_merged = *candidates;
          merged = true;
        }
        t_merged.insert(t_merged.end(), by_stem->begin(), by_stem->end());
      }
      if (merged) {
        sort_unique(t_merged);
        candidates = &t_merged;
      }
      stem_found = candidates != by_key;
    }
    if (candidates == nullptr) continue;
    // The phrases of the word's key have a first (required) token the word matches: the search
    // goes on at the next one. Those of its stems still need their letters checked.
    const std::size_t from = stem_found ? 0 : 1;
    auto add = [&](std::size_t phrase, std::size_t end) {
      PhraseMatch match;
      match.range = {word.range.begin, words.word(end - 1).range.end};
      match.phrase = list.phrases[phrase].phrase;
      match.sentence = &sentence;
      match.first_word = i;
      match.end_word = end;
      match.language = list.language;
      out.push_back(std::move(match));
    };
    std::optional<std::size_t> best_end;
    std::size_t best = 0;
    const std::size_t first_at_word = out.size();
    for (std::size_t p : *candidates) {
      const auto end = match_from(list.pools, list.phrases[p], from, words, i + from);
      if (!end) continue;
      if (every) add(p, *end);
      if (!best_end || *end > *best_end) {
        best_end = end;
        best = p;
      }
    }
    if (!best_end) continue;
    if (every) {
      // Longest first; candidates come in phrase order, which the stable sort keeps on a tie.
      std::stable_sort(
          out.begin() + static_cast<std::ptrdiff_t>(first_at_word), out.end(),
          [](const PhraseMatch& a, const PhraseMatch& b) { return a.end_word > b.end_word; });
      continue;
    }
    add(best, *best_end);
    next = *best_end;
  }
}

}  // namespace

// One language's list, compiled on first use: asking for the stems of its phrase words loads
// that language's dictionary, which a run that never meets the language should not pay for.
struct LazyList {
  std::string language;
  const std::vector<data::Phrase>* phrases = nullptr;
  std::once_flag once;
  std::atomic<bool> ready{false};  // compiled: asked before call_once, which costs a call each time
  List list;
};

struct PhraseMatcher::Impl {
  const std::uint64_t id = next_matcher_id();  // tells its memos from those of earlier matchers
  spell::Stemmer* stemmer = nullptr;
  std::vector<std::unique_ptr<LazyList>> lists;

  const List* list(std::string_view language) const {
    for (const auto& l : lists)
      if (l->language == language) return &compiled(*l);
    return nullptr;
  }

  const List& compiled(LazyList& lazy) const {
    if (lazy.ready.load(std::memory_order_acquire)) [[likely]]
      return lazy.list;
    std::call_once(lazy.once, [&] {
      lazy.list = compile(lazy.language, *lazy.phrases);
      lazy.ready.store(true, std::memory_order_release);
    });
    return lazy.list;
  }

  // A phrase word's key and stems (exact forms and a missing stemmer give no stems), numbered
  // in the vocabulary. Never called under the vocabulary's lock (the stemmer may load an index).
  Form form(std::string_view word, bool exact, const std::string& language) const {
    const std::string key = text::word_key(word);
    std::vector<std::string> stems;
    if (!exact && stemmer != nullptr) {
      for (const std::string& stem : stemmer->stems(language, word)) {
        std::string k = text::word_key(stem);
        if (std::find(stems.begin(), stems.end(), k) == stems.end()) stems.push_back(std::move(k));
      }
    }
    Form f;
    Vocabulary& vocabulary = Vocabulary::instance();
    const std::unique_lock lock(vocabulary.mutex());
    f.key_id = vocabulary.add(key);
    for (const std::string& s : stems) f.stem_ids.push_back(vocabulary.add(s));
    if (!stems.empty()) {
      f.letters.push_back(first_code_point(key));
      for (const std::string& s : stems) f.letters.push_back(first_code_point(s));
    }
    return f;
  }

  List compile(const std::string& code, const std::vector<data::Phrase>& phrases) const {
    List list;
    list.language = code;
    list.language_code = packed(code);
    for (const data::Phrase& phrase : phrases) {
      CompiledPhrase compiled;
      compiled.phrase = &phrase;
      Pools& pools = list.pools;
      const Pools::Sizes before = pools.sizes();
      std::vector<Form> first_forms;
      for (const data::PhraseToken& token : phrase.tokens) {
        std::vector<Form> forms;
        for (const std::string& word : token.words) forms.push_back(form(word, token.exact, code));
        pools.tokens.push_back(flattened(forms, token.optional, pools));
        if (pools.tokens.size() == before.tokens + 1) first_forms = std::move(forms);
      }
      compiled.tokens = {static_cast<std::uint32_t>(before.tokens),
                         static_cast<std::uint32_t>(pools.tokens.size())};
      const auto tokens = std::span(pools.tokens).subspan(before.tokens);
      compiled.has_optional =
          std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.optional; });
      // The loader guarantees a required first word; a hand-made Phrase may lack one.
      if (tokens.empty() || tokens.front().optional || tokens.front().any) {
        pools.truncate(before);
        continue;
      }
      const std::size_t index = list.phrases.size();
      for (const Form& f : first_forms) {
        list.by_form[f.key_id].push_back(index);
        list.form_ids.insert(f.key_id);
        for (const std::uint32_t s : f.stem_ids) {
          list.by_stem[s].push_back(index);
          list.stem_ids.insert(s);
        }
        list.stem_letters.insert(f.letters.begin(), f.letters.end());
      }
      list.phrases.push_back(std::move(compiled));
    }
    for (auto& entry : list.by_form) sort_unique(entry.second);
    for (auto& entry : list.by_stem) sort_unique(entry.second);
    Vocabulary& vocabulary = Vocabulary::instance();
    const std::unique_lock lock(vocabulary.mutex());
    list.start_bit = vocabulary.add_starts(list.language_code, list.by_form, list.by_stem,
                                           list.form_ids, list.stem_ids, list.stem_letters);
    return list;
  }
};

PhraseMatcher::PhraseMatcher(const data::DataSet& data, std::string_view rule_id,
                             spell::Stemmer* stemmer)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->stemmer = stemmer;
  for (const auto& [code, language] : data.languages) {
    const auto phrases = language.phrases.find(std::string(rule_id));
    if (phrases == language.phrases.end() || phrases->second.empty()) continue;
    auto lazy = std::make_unique<LazyList>();
    lazy->language = code;
    lazy->phrases = &phrases->second;
    m_impl->lists.push_back(std::move(lazy));
  }
}

PhraseMatcher::~PhraseMatcher() = default;
PhraseMatcher::PhraseMatcher(PhraseMatcher&&) noexcept = default;
PhraseMatcher& PhraseMatcher::operator=(PhraseMatcher&&) noexcept = default;

bool PhraseMatcher::empty() const { return m_impl->lists.empty(); }

std::vector<PhraseMatch> PhraseMatcher::find(const draft::Sentence& sentence,
                                             std::string_view language,
                                             std::size_t from_word) const {
  std::vector<PhraseMatch> out;
  const List* list = m_impl->list(language);  // compiled before the lock: compiling takes it
  if (list == nullptr) return out;
  Vocabulary& vocabulary = Vocabulary::instance();
  const std::shared_lock lock(vocabulary.mutex());
  // Without a stemmer the memo is never read: many rules ask sentence by sentence.
  thread_local StemMemo t_unused;
  StemMemo& memo = m_impl->stemmer == nullptr ? t_unused : thread_memos(m_impl->id)[list->language];
  find_in(*list, sentence, m_impl->stemmer, memo, vocabulary, out, from_word);
  return out;
}

std::vector<PhraseMatch> PhraseMatcher::find_each(const draft::Sentence& sentence,
                                                  std::string_view language) const {
  std::vector<PhraseMatch> out;
  const List* list = m_impl->list(language);  // compiled before the lock: compiling takes it
  if (list == nullptr) return out;
  Vocabulary& vocabulary = Vocabulary::instance();
  const std::shared_lock lock(vocabulary.mutex());
  thread_local StemMemo t_unused;
  StemMemo& memo = m_impl->stemmer == nullptr ? t_unused : thread_memos(m_impl->id)[list->language];
  find_in(*list, sentence, m_impl->stemmer, memo, vocabulary, out, 0, true);
  return out;
}

std::vector<PhraseMatch> PhraseMatcher::find(const draft::Draft& draft) const {
  std::vector<PhraseMatch> out;
  if (empty()) return out;
  // The lists the draft needs, compiled before the lock (compiling takes it). Paragraphs
  // mostly share a language: the last one's list is at hand.
  struct Found {
    const std::string* language = nullptr;
    const List* list = nullptr;
  } last;
  auto list_of = [&](const std::string& language) {
    if (last.language == nullptr || *last.language != language)
      last = {&language, m_impl->list(language)};
    return last.list;
  };
  bool unknown = false;
  for (const draft::Paragraph& paragraph : draft.paragraphs) {
    const std::string& language = !paragraph.language.empty() ? paragraph.language : draft.language;
    if (language.empty())
      unknown = true;
    else if (!paragraph.sentences.empty())
      list_of(language);
  }
  if (unknown)
    for (const auto& lazy : m_impl->lists) m_impl->compiled(*lazy);
  Vocabulary& vocabulary = Vocabulary::instance();
  const std::shared_lock lock(vocabulary.mutex());
  // One memo per list's language: the same word has other stems in another language.
  StemMemos& stems_memo = thread_memos(m_impl->id);
  const List* memo_list = nullptr;
  StemMemo* memo = nullptr;
  for (const draft::Paragraph& paragraph : draft.paragraphs) {
    if (paragraph.sentences.empty()) continue;
    const std::string& language = !paragraph.language.empty() ? paragraph.language : draft.language;
    if (!language.empty()) {
      if (const List* list = list_of(language)) {
        if (list != memo_list) {
          memo_list = list;
          memo = &stems_memo[list->language];
        }
        for (const Sentence& sentence : paragraph.sentences)
          find_in(*list, sentence, m_impl->stemmer, *memo, vocabulary, out);
      }
      continue;
    }
    for (const Sentence& sentence : paragraph.sentences) {
      // Unknown language: every list, then the earliest (and longest) of overlapping matches.
      std::vector<PhraseMatch> found;
      for (const auto& lazy : m_impl->lists)
        find_in(m_impl->compiled(*lazy), sentence, m_impl->stemmer, stems_memo[lazy->language],
                vocabulary, found);
      std::stable_sort(found.begin(), found.end(), [](const PhraseMatch& a, const PhraseMatch& b) {
        return a.range.begin != b.range.begin ? a.range.begin < b.range.begin
                                              : a.range.end > b.range.end;
      });
      std::size_t covered = 0;
      for (PhraseMatch& m : found) {
        if (m.range.begin < covered) continue;
        covered = m.range.end;
        out.push_back(std::move(m));
      }
    }
  }
  return out;
}

}  // namespace replylint::rules
