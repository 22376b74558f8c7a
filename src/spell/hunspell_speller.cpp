#include "spell/hunspell_speller.hpp"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <hunspell/hunspell.hxx>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "spell/capitals.hpp"
#include "spell/edits.hpp"
#include "spell/word_index.hpp"
#include "text/text.hpp"
#include "text/word_map.hpp"

namespace replylint::spell {
namespace {

// Hunspell refuses words longer than this (MAXWORDLEN); longer tokens are never words.
constexpr int32_t k_max_word_code_points = 90;
// Suggestions for very long tokens are slow and useless.
constexpr int32_t k_max_suggest_code_points = 40;
// Accent placements tried for one word in capitals.
constexpr std::size_t k_max_accent_variants = 64;
// The caches are dropped when they grow past this many words (bulk runs over odd corpora).
constexpr std::size_t k_max_cached_words = 1'000'000;
// Suggestions found one edit away; Hunspell's own (slow, ~20 ms) suggest runs only when none is.
constexpr std::size_t k_fast_suggestions = 3;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

template <typename Value>
using WordMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// One thread's yes/no answers per speller (by its id). Nearly every call comes from the speller
// of the call before, so that one's map is kept at hand.
class ThreadAnswers {
 public:
  text::WordMap<bool>& of(std::uint64_t speller_id) {
    if (speller_id != m_last_id || m_last == nullptr) {
      m_last = &m_by_speller[speller_id];  // nodes of an unordered_map never move
      m_last_id = speller_id;
    }
    return *m_last;
  }

 private:
  std::unordered_map<std::uint64_t, text::WordMap<bool>> m_by_speller;
  std::uint64_t m_last_id = 0;
  text::WordMap<bool>* m_last = nullptr;
};

// Valid UTF-8 with at least one character, no control characters (Hunspell works on C strings
// inside, so a NUL would cut the word short) and not absurdly long.
std::optional<icu::UnicodeString> decode_word(std::string_view word) {
  if (word.empty()) return std::nullopt;
  int32_t i = 0;
  int32_t count = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  if (word.size() > 4 * static_cast<std::size_t>(k_max_word_code_points)) return std::nullopt;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || u_iscntrl(c) || ++count > k_max_word_code_points) return std::nullopt;
  }
  return icu::UnicodeString::fromUTF8(icu::StringPiece{word.data(), length});
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// UTF-8 <-> the dictionary's declared encoding. Not thread-safe (one UConverter); the speller
// uses it under its Hunspell lock.
class Codec {
 public:
  static std::optional<Codec> open(const std::string& encoding) {
    Codec codec;
    const std::string name = encoding.empty() ? "ISO-8859-1" : encoding;  // Hunspell's default
    if (name == "UTF-8" || name == "utf-8" || name == "UTF8") return codec;
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open(name.c_str(), &status);
    if (U_FAILURE(status) || converter == nullptr) return std::nullopt;
    codec.m_converter.reset(converter);
    // Characters the encoding cannot hold are an error, never a silent '?'.
    status = U_ZERO_ERROR;
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) return std::nullopt;
    return codec;
  }

  /// The word in the dictionary's encoding, or nullopt when it cannot be written in it.
  std::optional<std::string> encode(const icu::UnicodeString& word) const {
    if (!m_converter) return to_utf8(word);
    std::string out(static_cast<std::size_t>(word.length()) * 4 + 8, '\0');
    UErrorCode status = U_ZERO_ERROR;
    ucnv_resetFromUnicode(m_converter.get());
    const int32_t written =
        ucnv_fromUChars(m_converter.get(), out.data(), static_cast<int32_t>(out.size()),
                        word.getBuffer(), word.length(), &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return std::nullopt;
    out.resize(static_cast<std::size_t>(written));
    return out;
  }

  /// A dictionary-encoded string (a suggestion) as Unicode, or nullopt when malformed.
  std::optional<icu::UnicodeString> decode(const std::string& text) const {
    if (!m_converter) {
      auto word = decode_word(text);
      return word;
    }
    UErrorCode status = U_ZERO_ERROR;
    ucnv_resetToUnicode(m_converter.get());
    icu::UnicodeString out;
    const int32_t capacity = static_cast<int32_t>(text.size()) * 2 + 8;
    UChar* buffer = out.getBuffer(capacity);
    const int32_t written = ucnv_toUChars(m_converter.get(), buffer, capacity, text.data(),
                                          static_cast<int32_t>(text.size()), &status);
    out.releaseBuffer(U_SUCCESS(status) ? written : 0);
    if (U_FAILURE(status)) return std::nullopt;
    return out;
  }

 private:
  struct Closer {
    void operator()(UConverter* converter) const { ucnv_close(converter); }
  };
  std::unique_ptr<UConverter, Closer> m_converter;
};

std::uint64_t next_speller_id() {
  static std::atomic<std::uint64_t> next{1};
  return next++;
}

class HunspellSpeller final : public Speller {
 public:
  /// With an `index`, Hunspell is loaded from `files` only when the index cannot answer (a
  /// word with other characters than letters, in mixed case, or Hunspell's own suggestions).
  HunspellSpeller(std::string language, DictionaryFiles files, std::unique_ptr<Hunspell> hunspell,
                  std::unique_ptr<WordIndex> index, Codec codec, icu::UnicodeString alphabet,
                  MorphologyRules formation)
      : m_language(std::move(language)),
        m_locale(m_language.c_str()),
        m_files(std::move(files)),
        m_hunspell(std::move(hunspell)),
        m_index(std::move(index)),
        m_codec(std::move(codec)),
        m_alphabet(std::move(alphabet)),
        m_formation(std::move(formation)) {
    m_formation_lookups.known = [this](const icu::UnicodeString& base) {
      return check_uncached(to_utf8(base));
    };
    m_formation_lookups.verb_form = [this](const icu::UnicodeString& base) {
      const std::string text = to_utf8(base);
      // The additions carry no morphology: an infinitive there (desuscribir) is its own stem.
      if (m_added_utf8.contains(text) && is_infinitive(text)) return true;
      const auto list = stems(text);
      return std::any_of(list.begin(), list.end(), is_infinitive);
    };
    m_formation_lookups.known_with_accent = [this](const icu::UnicodeString& plain) {
      for (const auto& variant : accent_variants(plain, m_language, k_max_accent_variants))
        if (check_uncached(to_utf8(variant))) return true;
      return false;
    };
    m_formation_lookups.near_known = [this](const icu::UnicodeString& word) {
      if (m_alphabet.isEmpty()) return false;
      // A word that differs in its first letter differs in the prefix: "preinstalado" is not a
      // slip for "reinstalado", nor "ξαναστείλτε" for "αναστείλτε".
      // Nor is one more vowel a slip: it is another form of the same word, as in the short and
      // long imperatives "ξαναστείλτε" and "ξαναστείλετε".
      const UChar32 first = word.char32At(0);
      const auto accepts = [&](const icu::UnicodeString& other) {
        if (other.indexOf(u' ') >= 0 || other.char32At(0) != first) return false;
        if (other.length() == word.length() + 1) {
          int32_t at = 0;
          while (at < word.length() && other.charAt(at) == word.charAt(at)) ++at;
          const UChar32 extra = u_tolower(text::base_letter(other.charAt(at)));
          const bool vowel =
              icu::UnicodeString{u"aeiouαεηιουω"}.indexOf(static_cast<char16_t>(extra)) >= 0;
          if (vowel && other.compare(at + 1, word.length() - at, word, at, word.length() - at) == 0)
            return false;
        }
        return check_uncached(to_utf8(other));
      };
      return !one_edit_suggestions(word, m_alphabet, 1, accepts).empty();
    };
  }

  /// True once Hunspell itself has been loaded (always, without an index).
  bool hunspell_loaded() {
    std::lock_guard lock{m_hunspell_mutex};
    return m_hunspell != nullptr;
  }

  bool check(std::string_view word) override {
    // Each thread keeps its own answers: a cache shared by threads, even behind a reader lock,
    // makes them trade the lock's cache line for every word of every draft.
    thread_local ThreadAnswers t_checked;
    text::WordMap<bool>& checked = t_checked.of(m_id);
    if (const bool* found = checked.find(word)) return *found;
    const bool correct = check_uncached(word) || derived(word);
    if (checked.size() >= k_max_cached_words / 4) checked.clear();
    checked[word] = correct;
    return correct;
  }

  bool listed(std::string_view word) override {
    // Per thread, as check(): spelling asks the indexes for every word of every draft, and the
    // same words come back draft after draft. The index and the additions are fixed once loaded;
    // only a damaged index (every later lookup fails) changes the answers, and is not cached.
    if (m_index && m_index->damaged()) return listed_uncached(word);
    thread_local ThreadAnswers t_listed;
    text::WordMap<bool>& seen = t_listed.of(m_id);
    if (const bool* found = seen.find(word)) return *found;
    const bool answer = listed_uncached(word);
    if (m_index && m_index->damaged()) return answer;
    if (seen.size() >= k_max_cached_words / 4) seen.clear();
    seen[word] = answer;
    return answer;
  }

  bool listed_as_written(std::string_view word) override {
    if (m_exact.contains(word) || m_added_utf8.contains(word)) return true;
    return m_index && !m_index->damaged() && m_index->contains(word);
  }

  std::vector<std::string> suggest_fast(std::string_view word, std::size_t max) override {
    // A cache of its own: what suggest() found for a word must never leak into this answer,
    // or a draft's output would depend on the drafts checked before it.
    if (auto cached = cached_suggestions(m_suggested_fast, word, max)) return *std::move(cached);
    if (check(word)) return {};  // a correct word is never to be changed
    std::vector<std::string> all = formed_suggestions(word);
    {
      std::lock_guard hunspell_lock{m_hunspell_mutex};
      merge(all, suggest_locked(word, false));
    }
    {
      std::unique_lock lock{m_cache_mutex};
      if (m_suggested_fast.size() >= k_max_cached_words) m_suggested_fast.clear();
      m_suggested_fast.emplace(std::string{word}, all);
    }
    if (all.size() > max) all.resize(max);
    return all;
  }

  std::vector<std::string> suggest(std::string_view word, std::size_t max) override {
    if (auto cached = cached_suggestions(m_suggested, word, max)) return *std::move(cached);
    if (check(word)) return {};  // a correct word is never to be changed
    std::vector<std::string> all = formed_suggestions(word);
    {
      std::lock_guard hunspell_lock{m_hunspell_mutex};
      // Another thread may have computed them while this one waited.
      if (auto cached = cached_suggestions(m_suggested, word, max)) return *std::move(cached);
      // Hunspell's slow search only when the accent alone did not make a word of it.
      merge(all, suggest_locked(word, all.empty()));
      std::unique_lock lock{m_cache_mutex};
      if (m_suggested.size() >= k_max_cached_words) m_suggested.clear();
      m_suggested.emplace(std::string{word}, all);
    }
    if (all.size() > max) all.resize(max);
    return all;
  }

  std::optional<std::string> lowercase_form(std::string_view word) override {
    auto unicode = decode_word(word);
    if (!unicode || !is_all_caps(*unicode)) return std::nullopt;
    std::lock_guard lock{m_hunspell_mutex};
    auto form = written_form_locked(*unicode);
    if (!form) return std::nullopt;
    std::string out;
    form->toUTF8String(out);
    return out;
  }

  std::vector<std::string> stems(std::string_view word) override {
    // A flag-free word list (el_GR) has no morphology: every word is its own stem, so there is
    // nothing to learn and no reason to load Hunspell. An affix dictionary's index knows the
    // stems of its forms, so Hunspell (0.1-0.2 s to load) is asked only without an index.
    if (m_index && !m_index->damaged() && !m_index->has_stems()) return {};
    if (!m_index || m_index->damaged()) {
      std::call_once(m_morphology_once,
                     [this] { m_morphology = index_kind(m_files) != IndexKind::exact; });
      if (!m_morphology) return {};
    }
    {
      std::shared_lock lock{m_cache_mutex};
      if (auto found = m_stems.find(word); found != m_stems.end()) return found->second;
    }
    std::vector<std::string> out;
    if (m_index && !m_index->damaged()) {
      out = index_stems(word);
    } else if (auto unicode = decode_word(word)) {
      std::lock_guard hunspell_lock{m_hunspell_mutex};
      if (auto encoded = m_codec.encode(*unicode)) {
        for (const std::string& analysis : hunspell_locked().analyze(*encoded)) {
          // "[re st:ad fl:A]" for "read": a morpheme before the stem means a prefix was taken
          // off, and a prefixed stem is another word (read/ad, delays/lay, replies/ply).
          const std::size_t at = analysis.find("st:");
          if (at == std::string::npos || analysis.find_first_not_of(" \t", 0) < at) continue;
          const std::size_t end = analysis.find_first_of(" \t", at + 3);
          auto stem = m_codec.decode(
              analysis.substr(at + 3, end == std::string::npos ? std::string::npos : end - at - 3));
          if (!stem || stem->isEmpty()) continue;
          std::string text = to_utf8(*stem);
          if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
        }
      }
    }
    std::unique_lock lock{m_cache_mutex};
    if (m_stems.size() >= k_max_cached_words) m_stems.clear();
    m_stems.emplace(std::string{word}, out);
    return out;
  }

  void rank_for_context(std::string_view previous_word,
                        std::vector<std::string>& suggestions) override {
    if (suggestions.size() < 2 || previous_word.empty()) return;
    const std::string key = text::fold(previous_word);
    const auto listed_in = [&](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), key) != list.end();
    };
    const bool want_noun = listed_in(m_formation.noun_context);
    if (!want_noun && !listed_in(m_formation.verb_context)) return;
    // A noun (or adjective) is its own stem and no infinitive; a verb form has an infinitive
    // for a stem. "envío" is both (the noun, and "I send"); "envió" only a verb.
    const auto readings = [&](const std::string& suggestion) {
      const auto list = stems(suggestion);
      const bool own = std::find(list.begin(), list.end(), suggestion) != list.end() &&
                       !is_infinitive(suggestion);
      const bool verb = std::any_of(list.begin(), list.end(), [&](const std::string& stem) {
        return stem != suggestion && is_infinitive(stem);
      });
      return std::pair{own, verb};
    };
    std::stable_partition(suggestions.begin(), suggestions.end(), [&](const std::string& s) {
      const auto [noun, verb] = readings(s);
      return want_noun ? noun : verb && !noun;
    });
  }

  /// Adds one word (UTF-8) during loading. False when the dictionary's encoding cannot hold
  /// it; such a word is still accepted, but only exactly as written.
  bool add_word(std::string_view word) {
    auto unicode = decode_word(word);
    if (!unicode) return false;
    std::lock_guard lock{m_hunspell_mutex};
    if (auto encoded = m_codec.encode(*unicode)) {
      if (m_hunspell) m_hunspell->add(*encoded);
      m_added.push_back(*encoded);
      m_added_utf8.emplace(word);
      return true;
    }
    m_exact.emplace(word);
    return false;
  }

 private:
  std::optional<std::vector<std::string>> cached_suggestions(
      const WordMap<std::vector<std::string>>& cache, std::string_view word, std::size_t max) {
    std::shared_lock lock{m_cache_mutex};
    auto found = cache.find(word);
    if (found == cache.end()) return std::nullopt;
    const auto& all = found->second;
    return std::vector<std::string>(
        all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(max, all.size())));
  }

  // The index's stems of a word as written and, like Hunspell's analysis, of its lowercase
  // form (a capital initial, capitals) and, for capitals, of that with a capital initial.
  std::vector<std::string> index_stems(std::string_view word) const {
    std::vector<std::string> out;
    auto take = [&](const std::string& form) {
      const auto stems = m_index->stems(form);
      if (!stems) return;
      for (const std::string& stem : *stems)
        if (std::find(out.begin(), out.end(), stem) == out.end()) out.push_back(stem);
    };
    take(std::string{word});
    auto unicode = decode_word(word);
    if (!unicode) return out;
    icu::UnicodeString lower{*unicode};
    lower.toLower(m_locale);
    if (lower == *unicode) return out;
    take(to_utf8(lower));
    if (is_all_caps(*unicode)) take(to_utf8(title_case(lower)));
    return out;
  }

  // Hunspell, loaded on first need, with the added words replayed into it.
  Hunspell& hunspell_locked() {
    if (!m_hunspell) {
      m_hunspell = std::make_unique<Hunspell>(m_files.aff.c_str(), m_files.dic.c_str());
      for (const std::string& word : m_added) m_hunspell->add(word);
    }
    return *m_hunspell;
  }

  bool spell_locked(const icu::UnicodeString& word) {
    if (m_index) {
      if (auto known = index_spell(word)) return *known;
    }
    auto encoded = m_codec.encode(word);
    return encoded && hunspell_locked().spell(*encoded);
  }

  bool listed_uncached(std::string_view word) const {
    if (m_exact.contains(word)) return true;
    auto unicode = decode_word(word);
    if (!unicode) return false;
    const auto known = check_by_index(*unicode);
    return known && *known;
  }

  bool listed(const icu::UnicodeString& word) const {
    const std::string utf8 = to_utf8(word);
    return m_index->contains(utf8) || m_added_utf8.contains(utf8);
  }

  // Hunspell's answer for a flag-free dictionary, from the index: the word as written; a word
  // with a capital initial also in lowercase; a word in capitals also in lowercase and with a
  // capital initial (Hunspell lowercases letter by letter, so final sigma stays σ here too).
  // std::nullopt for what only Hunspell can judge: non-letters (it breaks words at hyphens,
  // handles apostrophes and inner dots), and words the index lacks when it is not complete.
  std::optional<bool> index_spell(const icu::UnicodeString& word) const {
    const std::optional<bool> answer = index_spell_unchecked(word);
    // A lookup that met a damaged block answered "absent" for it: Hunspell decides instead.
    return m_index->damaged() ? std::nullopt : answer;
  }

  std::optional<bool> index_spell_unchecked(const icu::UnicodeString& word) const {
    if (word.endsWith(u".")) return index_spell_with_periods(word);
    int32_t upper = 0, lower = 0;
    bool first_upper = false;
    for (int32_t i = 0; i < word.length();) {
      const UChar32 c = word.char32At(i);
      if (!u_isalpha(c)) return std::nullopt;
      if (u_isUUppercase(c) || u_istitle(c)) {
        if (i == 0) first_upper = true;
        ++upper;
      } else if (u_isULowercase(c)) {
        ++lower;
      }
      i += U16_LENGTH(c);
    }
    if (listed(word)) return true;
    // Found means correct; not found is final only when the index holds every word of letters.
    const std::optional<bool> absent =
        m_index->complete_for_letter_words() ? std::optional<bool>(false) : std::nullopt;
    if (upper == 0) return absent;
    icu::UnicodeString small;
    for (int32_t i = 0; i < word.length();) {
      const UChar32 c = word.char32At(i);
      small.append(u_tolower(c));
      i += U16_LENGTH(c);
    }
    if (upper == 1 && first_upper) return listed(small) ? std::optional<bool>(true) : absent;
    if (lower == 0)
      return listed(small) || listed(title_case(small)) ? std::optional<bool>(true) : absent;
    // Mixed case ("iPhone", "eSteps", "McDonald"): Hunspell looks the word up as written, as for
    // lowercase.
    return absent;
  }

  // A word of letters with periods after it ("Sra.", "tweet."): Hunspell drops the periods and
  // checks the word, then, when the dictionary lacks it, the word with one period as written in
  // the dictionary ("etc."). A complete index holds those too, so it can say no.
  std::optional<bool> index_spell_with_periods(const icu::UnicodeString& word) const {
    int32_t end = word.length();
    while (end > 0 && word.charAt(end - 1) == u'.') --end;
    if (end == 0) return std::nullopt;
    const icu::UnicodeString bare{word, 0, end};
    if (bare.indexOf(u'.') >= 0) return std::nullopt;  // "e.g.": Hunspell's to judge
    const std::optional<bool> known = index_spell_unchecked(bare);
    if (!known || *known) return known;
    if (!m_index->complete()) return std::nullopt;
    icu::UnicodeString small{bare};
    small.toLower(m_locale);
    for (const icu::UnicodeString& form : {bare, small, title_case(small)})
      if (listed(icu::UnicodeString{form}.append(u'.'))) return std::nullopt;
    return false;
  }

  icu::UnicodeString title_case(const icu::UnicodeString& lower) const {
    if (lower.isEmpty()) return lower;
    const UChar32 first = lower.char32At(0);
    icu::UnicodeString title{u_totitle(first)};
    title.append(lower, U16_LENGTH(first), lower.length() - U16_LENGTH(first));
    return title;
  }

  static bool is_infinitive(const std::string& stem) {
    const auto ends = [&](std::string_view tail) {
      return stem.size() > tail.size() + 1 && stem.ends_with(tail);
    };
    return ends("ar") || ends("er") || ends("ir") || ends("ír");
  }

  static void merge(std::vector<std::string>& into, std::vector<std::string> more) {
    for (std::string& word : more)
      if (std::find(into.begin(), into.end(), word) == into.end()) into.push_back(std::move(word));
  }

  // The words formed on known ones (derived()) that differ from `word` only in its accent:
  // "indiquenos" → "indíquenos", "reubicacion" → "reubicación". Needs no Hunspell lock.
  std::vector<std::string> formed_suggestions(std::string_view word) {
    std::vector<std::string> out;
    if (m_formation.empty()) return out;
    auto unicode = decode_word(word);
    if (!unicode || unicode->countChar32() > k_max_suggest_code_points) return out;
    icu::UnicodeString lower{*unicode};
    lower.toLower(m_locale);
    const bool title = lower != *unicode;
    if (title && title_case(lower) != *unicode) return out;
    const icu::UnicodeString plain = text::strip_acute(lower);
    for (const auto& variant : accent_variants(plain, m_language, k_max_accent_variants)) {
      if (variant == lower || check_uncached(to_utf8(variant))) continue;
      if (!derived_word(variant, m_formation, m_formation_lookups)) continue;
      out.push_back(to_utf8(title ? title_case(variant) : variant));
      if (out.size() >= k_fast_suggestions) break;
    }
    return out;
  }

  // A word the dictionary lacks but forms from one it has (morphology.hpp): in lowercase, with
  // a capital initial (sentence start), or in capitals (BÓRRALO, SOBRETENSIÓN, ΞΑΝΑΣΤΕΙΛΤΕ):
  // Spanish capitals keep their accents; Greek ones drop them, so each accent placement the
  // capitals leave out is tried, as for a known word in capitals.
  bool derived(std::string_view word) {
    if (m_formation.empty()) return false;
    auto unicode = decode_word(word);
    if (!unicode) return false;
    icu::UnicodeString lower{*unicode};
    lower.toLower(m_locale);
    if (lower == *unicode || title_case(lower) == *unicode)
      return derived_word(lower, m_formation, m_formation_lookups);
    if (!is_all_caps(*unicode)) return false;
    if (derived_word(lower, m_formation, m_formation_lookups)) return true;
    if (has_accent(lower, m_language)) return false;
    for (const auto& variant : accent_variants(lower, m_language, k_max_accent_variants))
      if (derived_word(variant, m_formation, m_formation_lookups)) return true;
    return false;
  }

  bool check_uncached(std::string_view word) {
    auto unicode = decode_word(word);
    if (!unicode) return false;
    // The index alone, without the Hunspell lock: a thread searching slow suggestions (tens of
    // milliseconds under that lock) must not hold up the other threads' lookups.
    if (m_exact.contains(word)) return true;
    if (auto known = check_by_index(*unicode)) return *known;
    std::lock_guard lock{m_hunspell_mutex};
    if (m_exact.contains(word)) return true;
    // Hunspell already accepts the capitalised and upper-case forms of its words.
    if (spell_locked(*unicode)) return true;
    if (!is_all_caps(*unicode)) return false;
    // Hunspell lowercases capitals byte by byte, so ΠΕΛΆΤΗΣ becomes πελάτησ: lowercase with
    // ICU (final sigma) and try again, then the accent placements capitals leave out.
    return written_form_locked(*unicode).has_value();
  }

  // check_uncached()'s answer when the index gives every answer it needs (the same steps as
  // spell_locked() and written_form_locked()), else nullopt. Reads only what never changes
  // after loading, so it needs no lock.
  std::optional<bool> check_by_index(const icu::UnicodeString& word) const {
    if (!m_index) return std::nullopt;
    const auto known = index_spell(word);
    if (!known || *known) return known;
    if (!is_all_caps(word)) return false;
    std::optional<bool> answer = false;
    for_each_written_form(word, [&](const icu::UnicodeString& form) {
      const auto found = index_spell(form);
      if (found && !*found) return false;  // not this one: try the next
      answer = found;                      // listed, or only Hunspell can tell: stop
      return true;
    });
    return answer;
  }

  // Calls `f` on each spelling a word in capitals may have in the dictionary, in order: its
  // lowercase form and that in title case, then (when the lowercase form has no accent) each
  // accent placement capitals leave out, lowercase and title case; stops when `f` returns true.
  template <class F>
  void for_each_written_form(const icu::UnicodeString& capitals, F&& f) const {
    icu::UnicodeString lower{capitals};
    lower.toLower(m_locale);
    // Common words before names (ΜΕΤΑ is μετά, not the name Μέτα), and a name with its accent
    // before one without (ΟΛΑ is όλα, ΑΘΗΝΑ Αθήνα: a Greek capital may drop its accent).
    if (f(lower)) return;
    const auto variants = has_accent(lower, m_language)
                              ? std::vector<icu::UnicodeString>{}
                              : accent_variants(lower, m_language, k_max_accent_variants);
    for (const auto& variant : variants)
      if (f(variant)) return;
    for (const auto& variant : variants)
      if (f(title_case(variant))) return;
    f(title_case(lower));
  }

  // The dictionary's own spelling of a word written in capitals: its lowercase form, or the
  // accented placement capitals leave out, lowercase or title case (Αθήνα).
  std::optional<icu::UnicodeString> written_form_locked(const icu::UnicodeString& capitals) {
    std::optional<icu::UnicodeString> found;
    for_each_written_form(capitals, [&](const icu::UnicodeString& form) {
      if (spell_locked(form)) found = form;
      return found.has_value();
    });
    return found;
  }

  // A candidate suggestion: one word, or two separated by a space.
  bool accepts_locked(const icu::UnicodeString& candidate) {
    const int32_t space = candidate.indexOf(u' ');
    if (space < 0) return spell_locked(candidate);
    return spell_locked(icu::UnicodeString{candidate, 0, space}) &&
           spell_locked(icu::UnicodeString{candidate, space + 1});
  }

  // `slow`: fall back to Hunspell's own suggest (20-250 ms a word) when the cheap candidates
  // find nothing.
  std::vector<std::string> suggest_locked(std::string_view word, bool slow) {
    auto unicode = decode_word(word);
    if (!unicode || unicode->countChar32() > k_max_suggest_code_points) return {};
    const bool capitals = is_all_caps(*unicode);
    icu::UnicodeString query{*unicode};
    if (capitals) query.toLower(m_locale);
    std::vector<icu::UnicodeString> found;
    if (!m_alphabet.isEmpty()) {
      found = one_edit_suggestions(
          query, m_alphabet, k_fast_suggestions,
          [this](const icu::UnicodeString& candidate) { return accepts_locked(candidate); });
    }
    if (found.empty() && has_accent(query, m_language)) {
      // The accent on the wrong vowel (δυσαρεστημενό → δυσαρεστημένο, rapído → rápido): the
      // commonest Greek and Spanish slip, one lookup per vowel.
      const icu::UnicodeString plain = text::strip_acute(query);
      if (accepts_locked(plain)) found.push_back(plain);
      for (const auto& variant : accent_variants(plain, m_language, k_max_accent_variants)) {
        if (variant != query && accepts_locked(variant)) found.push_back(variant);
        if (found.size() >= k_fast_suggestions) break;
      }
    }
    if (found.empty() && !m_alphabet.isEmpty() && !has_accent(query, m_language)) {
      // One edit plus the accent that was also left out (παραγελια → παραγγελία): still far
      // cheaper than Hunspell's suggest, which can take 250 ms on such a Greek word.
      std::vector<std::pair<icu::UnicodeString, icu::UnicodeString>> accented;
      const auto edits = one_edit_suggestions(
          query, m_alphabet, k_fast_suggestions, [&](const icu::UnicodeString& candidate) {
            bool any = false;
            for (const auto& variant :
                 accent_variants(candidate, m_language, k_max_accent_variants)) {
              if (accepts_locked(variant)) {
                accented.emplace_back(candidate, variant);
                any = true;
              }
            }
            return any;
          });
      // Every accent placement that makes a word (παραγγελία, παραγγελιά), by edit rank.
      for (const auto& edit : edits) {
        for (const auto& [candidate, variant] : accented) {
          if (candidate == edit) found.push_back(variant);
        }
      }
    }
    if (found.empty() && slow) {
      auto encoded = m_codec.encode(query);
      if (!encoded) return {};
      for (const std::string& raw : hunspell_locked().suggest(*encoded)) {
        // Hunspell also suggests what its own check rejects (words it forbids, odd splits).
        auto suggestion = m_codec.decode(raw);
        if (suggestion && accepts_locked(*suggestion)) found.push_back(*std::move(suggestion));
      }
    }
    std::vector<std::string> out;
    for (auto& suggestion : found) {
      // Greek capitals drop accents (ICU's "el" upper-casing does that); Spanish keeps them.
      if (capitals) suggestion.toUpper(m_locale);
      std::string text = to_utf8(suggestion);
      if (text.empty() || text == word) continue;
      if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
    }
    return out;
  }

  std::string m_language;
  icu::Locale m_locale;
  std::mutex m_hunspell_mutex;  // guards m_hunspell and m_codec (m_exact and the added words are
                                // filled while loading, read-only after)
  DictionaryFiles m_files;
  std::unique_ptr<Hunspell> m_hunspell;
  std::unique_ptr<WordIndex> m_index;  // immutable once built
  std::vector<std::string> m_added;    // added words in the dictionary's encoding
  std::unordered_set<std::string, StringHash, std::equal_to<>> m_added_utf8;
  Codec m_codec;
  icu::UnicodeString m_alphabet;  // lowercase letters of the .aff's TRY line
  std::unordered_set<std::string, StringHash, std::equal_to<>> m_exact;
  // Tells this speller's entries in the per-thread word caches from those of spellers that
  // lived before it, possibly at the same address.
  const std::uint64_t m_id = next_speller_id();
  std::shared_mutex m_cache_mutex;  // guards m_suggested, m_suggested_fast and m_stems
  WordMap<std::vector<std::string>> m_suggested;
  WordMap<std::vector<std::string>> m_stems;  // guarded by m_cache_mutex
  std::once_flag m_morphology_once;
  bool m_morphology = false;  // the dictionary has affix rules (set once, by stems())
  WordMap<std::vector<std::string>> m_suggested_fast;
  MorphologyRules m_formation;  // immutable once built
  MorphologyLookups m_formation_lookups;
};

// One word per line, Hunspell .dic form: an optional first line with the count, then words;
// anything after '/' (affix flags) or a tab (morphology) is ignored.
void load_additions(const std::filesystem::path& path, HunspellSpeller& speller,
                    const std::string& encoding, std::vector<std::string>& warnings) {
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    warnings.push_back(fmt::format("cannot read dictionary additions {}", path.string()));
    return;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
      line.erase(0, 3);
    const auto end = line.find_first_of("/\t");
    std::string_view word{line.data(), end == std::string::npos ? line.size() : end};
    while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    if (word.empty()) continue;
    if (number == 1 && word.find_first_not_of("0123456789") == std::string_view::npos) continue;
    if (!decode_word(word)) {
      warnings.push_back(fmt::format("{}:{}: not a word in UTF-8; skipped", path.string(), number));
      continue;
    }
    if (!speller.add_word(word)) {
      warnings.push_back(
          fmt::format("{}:{}: '{}' cannot be written in {}; accepted only as written",
                      path.string(), number, word, encoding));
    }
  }
}

// The lowercase letters of the .aff file's TRY line, which lists the dictionary's letters,
// likeliest first; empty when there is none.
icu::UnicodeString try_letters(const std::filesystem::path& aff, const Codec& codec) {
  std::ifstream in{aff, std::ios::binary};
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("TRY", 0) != 0 || line.size() < 4 || (line[3] != ' ' && line[3] != '\t')) {
      continue;
    }
    std::string_view value{line};
    value.remove_prefix(4);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    const auto end = value.find_first_of(" \t\r");
    auto decoded = codec.decode(std::string{value.substr(0, end)});
    if (!decoded) return {};
    icu::UnicodeString letters;
    for (int32_t i = 0; i < decoded->length(); ++i) {
      const char16_t c = decoded->charAt(i);
      if (u_isalpha(c) && !u_isUUppercase(c) && letters.indexOf(c) < 0) letters.append(c);
    }
    return letters;
  }
  return {};
}

}  // namespace

LoadResult load_hunspell_speller(std::string_view language, const DictionaryFiles& files,
                                 const std::vector<std::string>& extra_words,
                                 const std::filesystem::path& index_dir,
                                 MorphologyRules morphology) {
  LoadResult result;
  // A flag-free dictionary (el_GR) is answered from its compiled index; Hunspell then loads
  // only for what the index cannot judge. Any other dictionary loads Hunspell now.
  std::unique_ptr<WordIndex> index;
  std::unique_ptr<Hunspell> hunspell;
  std::string encoding;
  if (!index_dir.empty()) {
    std::string why;
    // Without an index (read-only cache folder, say) the answers are the same, only slower.
    index = WordIndex::open(files, index_dir, why);
  }
  if (index) {
    encoding = dictionary_encoding(files.aff);
  } else {
    hunspell = std::make_unique<Hunspell>(files.aff.c_str(), files.dic.c_str());
    encoding = hunspell->get_dict_encoding();
  }
  auto codec = Codec::open(encoding);
  if (!codec) {
    result.warnings.push_back(fmt::format("dictionary {} declares an unknown encoding '{}'",
                                          files.aff.string(), encoding));
    return result;
  }
  icu::UnicodeString alphabet = try_letters(files.aff, *codec);
  auto speller = std::make_unique<HunspellSpeller>(
      std::string{language}, files, std::move(hunspell), std::move(index), *std::move(codec),
      std::move(alphabet), std::move(morphology));
  for (const auto& additions : files.additions) {
    load_additions(additions, *speller, encoding, result.warnings);
  }
  for (const std::string& word : extra_words) speller->add_word(word);
  result.speller = std::move(speller);
  return result;
}

bool hunspell_loaded(Speller& speller) {
  auto* hunspell = dynamic_cast<HunspellSpeller*>(&speller);
  return hunspell && hunspell->hunspell_loaded();
}

}  // namespace replylint::spell
