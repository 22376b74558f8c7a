#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replylint::spell {

/// Where dictionaries are searched, in order (DESIGN.md "Dictionaries"): --dict-dir,
/// $REPLYLINT_DICT_PATH (':'-separated), the share folder beside an installed binary
/// (util/data_dir.hpp) or else the source tree's dictionaries/, the configured install share
/// folder, /usr/share/hunspell, /usr/share/myspell.
std::vector<std::filesystem::path> dictionary_search_path(
    const std::filesystem::path& dict_dir = {});

/// The files that make up one language's dictionary.
struct DictionaryFiles {
  std::string name;                              // "es_ES", "el_GR", "en_US"
  std::filesystem::path aff;                     // the base dictionary's .aff
  std::filesystem::path dic;                     // the base dictionary's .dic
  std::vector<std::filesystem::path> additions;  // every <lang>.dic found along the path
};

/// The base dictionary (first folder of `search_path` holding both NAME.aff and NAME.dic) and
/// every distinct additions file `<language>.dic` along `search_path` (en.dic for "en-GB").
/// std::nullopt when the language is unknown (not es, el, en, en-GB) or its base dictionary is
/// in none of the folders.
std::optional<DictionaryFiles> find_dictionary(
    std::string_view language, const std::vector<std::filesystem::path>& search_path);

/// The Debian package that provides the base dictionary for `language` ("hunspell-es"), or ""
/// for an unknown language.
std::string_view dictionary_package(std::string_view language);

/// One language's checker: the Debian base dictionary (es_ES, el_GR, en_US) plus this project's
/// additions (dictionaries/<lang>.dic) plus extra words. UTF-8 in and out; the dictionary's own
/// encoding (ISO-8859-7 for el_GR) is handled inside. Results are cached per distinct word.
/// Thread-safe.
class Speller {
 public:
  virtual ~Speller() = default;
  /// True when `word` (UTF-8, one token) is correct. Words in capitals are accepted when an
  /// accented lowercase form is correct (Greek capitals are written without accents).
  virtual bool check(std::string_view word) = 0;
  /// Up to `max` suggestions, computed once per distinct word.
  virtual std::vector<std::string> suggest(std::string_view word, std::size_t max = 3) = 0;
  /// Only the cheap suggestions (one edit, a moved or missing accent; about 2 ms a word), never
  /// Hunspell's own suggest; empty when those find nothing.
  virtual std::vector<std::string> suggest_fast(std::string_view word, std::size_t max = 3) = 0;
  /// For a word written in capitals that check() accepts: the dictionary's own spelling of it,
  /// lowercase with its accents ("ΠΑΡΑΚΑΛΩ" → "παρακαλώ") or title case for names ("ΑΘΗΝΑ" →
  /// "Αθήνα"). std::nullopt when the word is not in capitals or not known.
  virtual std::optional<std::string> lowercase_form(std::string_view word) = 0;
  /// True when `word` is surely correct by what is already at hand (the word index, the
  /// additions), without loading Hunspell; false when it is not, or when only Hunspell could tell.
  virtual bool listed(std::string_view word) {
    (void)word;
    return false;
  }
  /// True when the word index or the additions list `word` exactly as written, case included
  /// ("García" is listed in es_ES, as is "garcía"; "GARCÍA" is not). False when it is not, or
  /// when there is no index to ask (only Hunspell could tell).
  virtual bool listed_as_written(std::string_view word) {
    (void)word;
    return false;
  }
  /// The stems (lemmas) of `word` from Hunspell's morphological analysis, as the dictionary
  /// spells them: "dijimos" → {"decir"}, "dije" → {"dije", "decir"}, "tells" → {"tell"}.
  /// Analyses that take a prefix off are left out ("read" is not re + "ad"). Empty for an
  /// unknown word and for a dictionary without morphology (el_GR lists full forms only). Loads
  /// Hunspell on first use; cached per distinct word.
  virtual std::vector<std::string> stems(std::string_view word) {
    (void)word;
    return {};
  }
  /// Reorders `suggestions` (from suggest() or suggest_fast()) for the word written before the
  /// misspelled one: after a determiner a noun comes first ("el envio" → envío, envió), after a
  /// subject pronoun a verb ("usted envio" → envió). Stable otherwise; never adds or drops one.
  virtual void rank_for_context(std::string_view previous_word,
                                std::vector<std::string>& suggestions) {
    (void)previous_word;
    (void)suggestions;
  }
};

/// One language's word-formation data (rules/<lang>/morphology.toml,
/// read by the caller: spell/ does not read rules/ data), lowercase UTF-8.
struct MorphologyRules {
  std::vector<std::string> prefixes;  // "re", "sub", "ξανα"
  /// Enclitic pronouns by position: a word takes at most one of each slot, in slot order
  /// ("se", then "me nos te", then "lo la le los las les": "envíe-nos-lo", "comunicár-se-lo").
  std::vector<std::vector<std::string>> clitic_slots;
  std::vector<std::string> bare_imperatives;  // short imperatives: "di", "haz", "pon"
  std::vector<std::string> noun_context;      // folded previous words that call for a noun
  std::vector<std::string> verb_context;      // … and for a verb
  /// Productive suffixes: {ending, base ending}. A word ending in `ending` is accepted when the
  /// same stem with the base ending is a known word ({"ador", "ar"}: optimizador ← optimizar;
  /// {"ότητα", "ός"}: προσιτότητα ← προσιτός).
  std::vector<std::pair<std::string, std::string>> suffixes;
  /// Compounds joined by a linking vowel: {link, endings of the first word}. A word is accepted
  /// when it is a stem, the link and a known word, and the stem with one of the endings (and an
  /// accent anywhere) is a known word ({"ο", {"ο", "α"}}: συμβολοσειρά ← σύμβολο + σειρά,
  /// εικονοστοιχεία ← εικόνα + στοιχεία).
  std::vector<std::pair<std::string, std::vector<std::string>>> compounds;
  bool empty() const {
    return prefixes.empty() && clitic_slots.empty() && suffixes.empty() && compounds.empty();
  }
};

/// Stems of words in a language, for matching the inflected forms of a phrase (the phrase
/// matcher depends on this, not on Hunspell). Implementations are thread-safe.
class Stemmer {
 public:
  virtual ~Stemmer() = default;
  /// The stems of `word` (UTF-8) in `language` ("es", "el", "en"): Speller::stems() of that
  /// language's speller; empty when the language has no dictionary or the word no analysis.
  virtual std::vector<std::string> stems(std::string_view language, std::string_view word) = 0;
};

struct Options {
  std::filesystem::path dict_dir;        // --dict-dir, may be empty
  std::vector<std::string> extra_words;  // from the config, accepted in every language
  /// When set, replaces dictionary_search_path(dict_dir) entirely (tests use it to make sure
  /// /usr/share/hunspell is not consulted).
  std::optional<std::vector<std::filesystem::path>> search_path;
  /// Answer flag-free dictionaries (el_GR) from a compiled, memory-mapped word index kept in
  /// `index_dir` (default: index_cache_dir(), i.e. $REPLYLINT_CACHE_DIR, $XDG_CACHE_HOME/replylint
  /// or ~/.cache/replylint), loading Hunspell only when the index cannot answer.
  bool use_index = true;
  std::filesystem::path index_dir;
  /// Word formation and suggestion context per language ("es", "el"); none for a language
  /// missing here.
  std::map<std::string, MorphologyRules, std::less<>> morphology;
};

/// Lazily loads one Speller per language on first use. Thread-safe.
class SpellService : public Stemmer {
 public:
  explicit SpellService(Options options);
  ~SpellService();
  /// The speller for "es", "el", "en" (en_US) or "en-GB" (en_GB, with the English additions);
  /// nullptr when its base dictionary is missing (a warning naming the Debian package to
  /// install is recorded once).
  Speller* get(std::string_view language);
  /// Warnings recorded so far ("no Greek dictionary found: apt-get install hunspell-el").
  std::vector<std::string> warnings() const;
  /// Stemmer: get(language)->stems(word), or empty when get() gives nullptr. Thread-safe.
  std::vector<std::string> stems(std::string_view language, std::string_view word) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace replylint::spell
