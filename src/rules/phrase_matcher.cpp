#include "rules/phrase_matcher.hpp"

#include "spell/spell.hpp"
#include "text/text.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <bitset>
#include <mutex>
#include <optional>
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

struct Form {
  std::string key;
  std::vector<std::string> stems;  // text::word_key()s of its stems; empty: compared by form only
  std::vector<UChar32> letters;    // first letters of key and stems: a draft word is stemmed
                                   // for this form only when it starts with one of them
};

struct Token {
  std::vector<Form> forms;  // empty for `*`
  bool optional = false;
};

struct CompiledPhrase {
  const data::Phrase* phrase = nullptr;
  std::vector<Token> tokens;
};

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

 private:
  static constexpr UChar32 k_bits = 0x800;
  std::bitset<k_bits> m_low;
  std::unordered_set<UChar32> m_high;
};

struct List {
  std::string language;
  std::vector<CompiledPhrase> phrases;
  // Phrases by the forms and the stems of their first token (which is always required).
  std::unordered_map<std::string, std::vector<std::size_t>> by_form;
  std::unordered_map<std::string, std::vector<std::size_t>> by_stem;
  std::bitset<1 << 16> form_pairs;  // pair_hash() of first-token forms
  std::bitset<1 << 16> stem_pairs;  // pair_hash() of first-token stems
  LetterSet form_letters;           // first letters of first-token forms
  LetterSet stem_letters;           // Form::letters of first-token forms with stems
};

// Draft words' stems as comparison keys, by word as written.
using StemMemo = std::unordered_map<std::string, std::vector<std::string>>;

// Per language, for one matcher in one thread, across drafts: a bulk run meets the same words
// again and again, and asking the stemmer costs a dispatch, a lock, a copy and keys each time.
using StemMemos = std::unordered_map<std::string, StemMemo>;

constexpr std::size_t k_max_remembered_words = 1 << 16;
constexpr std::size_t k_max_remembered_matchers = 256;

std::uint64_t next_matcher_id() {
  static std::atomic<std::uint64_t> next{1};
  return next++;
}

// Only called at the start of a search, so no reference into a memo outlives a clear().
StemMemos& thread_memos(std::uint64_t matcher_id) {
  thread_local std::unordered_map<std::uint64_t, StemMemos> t_memos;
  if (t_memos.size() > k_max_remembered_matchers) t_memos.clear();
  StemMemos& memos = t_memos[matcher_id];
  for (auto& [language, memo] : memos)
    if (memo.size() > k_max_remembered_words) memo.clear();
  return memos;
}

// A 16-bit hash of a key's first two code points (the second is 0 for a one-letter key).
std::size_t pair_hash(std::string_view key) {
  UChar32 first = 0, second = 0;
  int32_t i = 0;
  const auto size = static_cast<int32_t>(key.size());
  if (i < size) U8_NEXT(key.data(), i, size, first);
  if (i < size) U8_NEXT(key.data(), i, size, second);
  const auto h = static_cast<std::uint32_t>(first) * 0x9E3779B1u ^
                 static_cast<std::uint32_t>(second) * 0x85EBCA77u;
  return (h ^ (h >> 16)) & 0xFFFF;
}

// What one search knows of the words of one sentence: keys computed on first need, stems asked
// of the stemmer on first need (and remembered for the whole draft).
class Words {
 public:
  Words(const Sentence& sentence, spell::Stemmer* stemmer, std::string_view language,
        StemMemo& stems_memo)
      : m_sentence(sentence),
        m_stemmer(stemmer),
        m_language(language),
        m_stems_memo(stems_memo),
        m_keys(sentence.words.size()) {}

  const Word& word(std::size_t i) const { return m_sentence.words[i]; }
  std::size_t size() const { return m_sentence.words.size(); }

  // The tokeniser computes the keys of words and numbers; a hand-made sentence may lack them.
  const std::string& key(std::size_t i) {
    const Word& w = word(i);
    if (!w.key.empty() || w.text.empty()) return w.key;
    if (!m_keys[i]) m_keys[i] = text::word_key(w.text);
    return *m_keys[i];
  }

  // Every list of the draft's matchers asks for the same stems: the first one leaves them in
  // the word's cache for the others.
  const std::vector<std::string>& stems(std::size_t i) {
    static const std::vector<std::string> k_none;
    if (m_stemmer == nullptr) return k_none;
    draft::Word::StemCache& cache = word(i).stems;
    if (cache.stemmer == m_stemmer && cache.language == m_language) return cache.keys;
    cache.keys = memo_stems(word(i).text);
    cache.stemmer = m_stemmer;
    cache.language = m_language;
    return cache.keys;
  }

 private:
  const std::vector<std::string>& memo_stems(const std::string& text) {
    auto found = m_stems_memo.find(text);
    if (found != m_stems_memo.end()) return found->second;
    std::vector<std::string> keys;
    for (const std::string& stem : m_stemmer->stems(m_language, text)) {
      std::string k = text::word_key(stem);
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
    }
    return m_stems_memo.emplace(text, std::move(keys)).first->second;
  }

  const Sentence& m_sentence;
  spell::Stemmer* m_stemmer;
  std::string_view m_language;
  StemMemo& m_stems_memo;
  std::vector<std::optional<std::string>> m_keys;
};

bool form_matches(const Form& form, Words& words, std::size_t i) {
  const std::string& key = words.key(i);
  if (key == form.key) return true;
  if (form.stems.empty()) return false;
  if (std::find(form.letters.begin(), form.letters.end(), first_code_point(key)) ==
      form.letters.end())
    return false;
  for (const std::string& stem : words.stems(i))
    if (std::find(form.stems.begin(), form.stems.end(), stem) != form.stems.end()) return true;
  return false;
}

// The end (one past the last word) of the longest match of tokens[t…] starting at word i, or
// nullopt. Phrases are a handful of tokens, so trying both branches of each optional one is cheap.
std::optional<std::size_t> match_from(const CompiledPhrase& phrase, std::size_t t, Words& words,
                                      std::size_t i) {
  if (t == phrase.tokens.size()) return i;
  const Token& token = phrase.tokens[t];
  std::optional<std::size_t> best;
  if (i < words.size() && matchable(words.word(i))) {
    const bool here = token.forms.empty() ||
                      std::any_of(token.forms.begin(), token.forms.end(),
                                  [&](const Form& f) { return form_matches(f, words, i); });
    if (here) best = match_from(phrase, t + 1, words, i + 1);
  }
  if (token.optional) {
    const auto skipped = match_from(phrase, t + 1, words, i);
    if (skipped && (!best || *skipped > *best)) best = skipped;
  }
  return best;
}

void find_in(const List& list, const Sentence& sentence, spell::Stemmer* stemmer,
             StemMemo& stems_memo, std::vector<PhraseMatch>& out) {
  Words words(sentence, stemmer, list.language, stems_memo);
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < words.size();) {
    const Word& word = words.word(i);
    if (!matchable(word)) {
      ++i;
      continue;
    }
    // Most words are ruled out by their first letter, without a stem.
    const UChar32 letter = first_code_point(words.key(i));
    const bool by_form =
        list.form_letters.contains(letter) && list.form_pairs.test(pair_hash(words.key(i)));
    const bool by_stem = list.stem_letters.contains(letter);
    if (!by_form && !by_stem) {
      ++i;
      continue;
    }
    candidates.clear();
    if (by_form) {
      if (auto found = list.by_form.find(words.key(i)); found != list.by_form.end())
        candidates.insert(candidates.end(), found->second.begin(), found->second.end());
    }
    if (by_stem && !list.by_stem.empty()) {
      for (const std::string& stem : words.stems(i))
        if (!list.stem_pairs.test(pair_hash(stem))) {
          continue;
        } else if (auto found = list.by_stem.find(stem); found != list.by_stem.end())
          candidates.insert(candidates.end(), found->second.begin(), found->second.end());
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::optional<std::size_t> best_end;
    std::size_t best = 0;
    for (std::size_t p : candidates) {
      const auto end = match_from(list.phrases[p], 0, words, i);
      if (end && (!best_end || *end > *best_end)) {
        best_end = end;
        best = p;
      }
    }
    if (!best_end) {
      ++i;
      continue;
    }
    PhraseMatch match;
    match.range = {word.range.begin, words.word(*best_end - 1).range.end};
    match.phrase = list.phrases[best].phrase;
    match.sentence = &sentence;
    match.first_word = i;
    match.end_word = *best_end;
    match.language = list.language;
    out.push_back(std::move(match));
    i = *best_end;
  }
}

}  // namespace

// One language's list, compiled on first use: asking for the stems of its phrase words loads
// that language's dictionary, which a run that never meets the language should not pay for.
struct LazyList {
  std::string language;
  const std::vector<data::Phrase>* phrases = nullptr;
  std::once_flag once;
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
    std::call_once(lazy.once, [&] { lazy.list = compile(lazy.language, *lazy.phrases); });
    return lazy.list;
  }

  // A phrase word's key and stems (exact forms and a missing stemmer give no stems).
  Form form(std::string_view word, bool exact, const std::string& language) const {
    Form f;
    f.key = text::word_key(word);
    if (!exact && stemmer != nullptr) {
      for (const std::string& stem : stemmer->stems(language, word)) {
        std::string k = text::word_key(stem);
        if (std::find(f.stems.begin(), f.stems.end(), k) == f.stems.end())
          f.stems.push_back(std::move(k));
      }
    }
    if (!f.stems.empty()) {
      f.letters.push_back(first_code_point(f.key));
      for (const std::string& s : f.stems) f.letters.push_back(first_code_point(s));
    }
    return f;
  }

  List compile(const std::string& code, const std::vector<data::Phrase>& phrases) const {
    List list;
    list.language = code;
    for (const data::Phrase& phrase : phrases) {
      CompiledPhrase compiled;
      compiled.phrase = &phrase;
      for (const data::PhraseToken& token : phrase.tokens) {
        Token t;
        t.optional = token.optional;
        for (const std::string& word : token.words)
          t.forms.push_back(form(word, token.exact, code));
        compiled.tokens.push_back(std::move(t));
      }
      // The loader guarantees a required first word; a hand-made Phrase may lack one.
      if (compiled.tokens.empty() || compiled.tokens.front().optional ||
          compiled.tokens.front().forms.empty())
        continue;
      const std::size_t index = list.phrases.size();
      for (const Form& f : compiled.tokens.front().forms) {
        list.by_form[f.key].push_back(index);
        list.form_letters.insert(first_code_point(f.key));
        list.form_pairs.set(pair_hash(f.key));
        for (const std::string& s : f.stems) {
          list.by_stem[s].push_back(index);
          list.stem_pairs.set(pair_hash(s));
        }
        list.stem_letters.insert(f.letters.begin(), f.letters.end());
      }
      list.phrases.push_back(std::move(compiled));
    }
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
                                             std::string_view language) const {
  std::vector<PhraseMatch> out;
  const List* list = m_impl->list(language);
  if (list == nullptr) return out;
  find_in(*list, sentence, m_impl->stemmer, thread_memos(m_impl->id)[list->language], out);
  return out;
}

std::vector<PhraseMatch> PhraseMatcher::find(const draft::Draft& draft) const {
  std::vector<PhraseMatch> out;
  if (empty()) return out;
  // One memo per list's language: the same word has other stems in another language.
  StemMemos& stems_memo = thread_memos(m_impl->id);
  for (const draft::Paragraph& paragraph : draft.paragraphs) {
    const std::string& language = !paragraph.language.empty() ? paragraph.language : draft.language;
    for (const Sentence& sentence : paragraph.sentences) {
      if (!language.empty()) {
        if (const List* list = m_impl->list(language))
          find_in(*list, sentence, m_impl->stemmer, stems_memo[list->language], out);
        continue;
      }
      // Unknown language: every list, then the earliest (and longest) of overlapping matches.
      std::vector<PhraseMatch> found;
      for (const auto& lazy : m_impl->lists)
        find_in(m_impl->compiled(*lazy), sentence, m_impl->stemmer, stems_memo[lazy->language],
                found);
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
