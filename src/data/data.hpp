#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace replylint::data {

/// A pattern from rules/ data, compiled by the consumer (ICU regex, case-insensitive).
struct Pattern {
  std::string regex;
  std::string file;  // rules/ file it came from, for error messages
  int line = 0;
};

/// One position of a phrase (rules/README.md, "Phrase syntax"): a word, a `[a|b|c]` list of
/// forms, or `*`; each may be optional.
struct PhraseToken {
  std::vector<std::string> words;  // the word, or the listed forms (text::fold()ed); empty for `*`
  bool exact = false;              // `=word` or a `[…]` list: forms only, never by stem
  bool optional = false;           // `word?`, `[…]?` and `*` may match no word
};

/// A phrase from a phrase list (matched on the words of own text by rules::PhraseMatcher).
struct Phrase {
  std::string match;  // as written in the file, text::fold()ed
  std::string help;
  /// A kinder wording that replaces the matched words as they stand ("" when none): rules show
  /// it as a suggestion and may offer it as a fix.
  std::string suggest;
  std::string file;
  int line = 0;
  /// `match` parsed by the loader: never empty; the first and last tokens are required words.
  std::vector<PhraseToken> tokens;
};

/// Parses a phrase's `match` (already text::fold()ed) into tokens. Throws InputError(file,
/// line, …) naming the problem: an unclosed '[', an empty list, a character that cannot be part
/// of a word ('-', ',', '.'…: write the draft's words apart), or an optional first or last word.
std::vector<PhraseToken> parse_phrase(std::string_view match, const std::string& file, int line);

/// How acronyms.toml's `legal-forms` are compared: the words' word_key()s (no case, no accents)
/// with their dots and spaces left out, so "S.L.", "S. L." and "SL" are one form, and "SOCIEDAD
/// ANÓNIMA" is "sociedadanonima".
std::string legal_form_key(std::string_view words);

/// Everything one language contributes (rules/<lang>/*.toml).
struct LanguageData {
  std::string code;                           // "es", "el", "en"
  std::vector<std::string> reply_prefixes;    // case-folded: "re", "aw", "απ", "σχετ"
  std::vector<std::string> forward_prefixes;  // case-folded: "fwd", "rv", "πρθ"
  std::set<std::string> acronyms;             // as written: "IVA", "ΦΠΑ"
  std::set<std::string> legal_forms;          // legal_form_key()s: "sl", "sociedadanonima", "αε"
  std::set<std::string> name_cues;            // word_key()s: "click", "tarifa", "πατηστε"
  /// acronyms.toml: the word capitals without an accent stand for, by loose_key ("mas" → "más").
  std::map<std::string, std::string> accented_in_capitals;
  /// acronyms.toml: acronyms that are also pronouns ("us", "it"), and the determiners after
  /// which they are the acronym ("the", "our"); word_key()s.
  std::set<std::string> pronoun_acronyms;
  std::set<std::string> acronym_determiners;
  std::vector<Pattern> attribution;           // one-line attribution patterns ("El … escribió:")
  std::vector<Pattern> attribution_start;     // first line of a two-line attribution
  std::vector<Pattern> attribution_end;       // its second line
  std::vector<std::string> original_markers;  // "-----Mensaje original-----" (case-folded)
  std::vector<std::string> original_fields;   // "de", "enviado el", "para", "asunto" (folded)
  std::vector<std::string> forward_markers;   // "---------- mensaje reenviado ----------"
  std::vector<Pattern> signature_lines;       // mobile footers: "Enviado desde mi iPhone"
  std::vector<std::string> stopwords;         // frequent words, for language identification
  std::vector<std::string> closings;          // "un saludo", "atentamente": signature hints
  std::vector<std::string> date_formats;      // attribution dates: ICU patterns (date-formats.toml)
  std::vector<std::string> date_fields;       // header-block fields holding a date: "enviado el"
  /// spelling.toml: abbreviations the spelling rule accepts with their period(s), folded and
  /// without spaces ("p.ej.", "π.μ.", "sra."); and prefixes it accepts before a hyphen and a
  /// word ("pre", "ex", "co"), folded.
  std::set<std::string> abbreviations;
  std::set<std::string> hyphen_prefixes;
  std::set<std::string> repeated_words;  // folded: doubles the language writes ("had", "σιγά")
  std::map<std::string, std::vector<Phrase>> phrases;  // rule id -> phrase list
  // morphology.toml: word formation the spell checker accepts on known words (NFC, lowercase).
  std::vector<std::string> spelling_prefixes;                          // "re", "ξανα"
  std::vector<std::vector<std::string>> spelling_clitic_slots;         // {"se"}, {"me", "nos"}…
  std::vector<std::string> spelling_bare_imperatives;                  // "di", "haz"
  std::vector<std::pair<std::string, std::string>> spelling_suffixes;  // {"ador", "ar"}
  // {"ο", {"ο", "ος", "α", "η"}}: the link of a compound and its first word's endings.
  std::vector<std::pair<std::string, std::vector<std::string>>> spelling_compounds;
  // morphology.toml: previous words after which a noun reading is likelier ("el envio" →
  // envío), and after which a verb reading is ("usted envio" → envió).
  std::vector<std::string> spelling_noun_context;
  std::vector<std::string> spelling_verb_context;
};

/// All rule data: per language plus language-independent lists (rules/common/).
struct DataSet {
  std::map<std::string, LanguageData> languages;  // keyed by code
  std::set<std::string> free_mail_domains;        // lowercase: "gmail.com", "otenet.gr"
  std::set<std::string> free_mail_brands;         // lowercase: "outlook" (any country's)
  std::vector<Pattern> placeholders;              // template placeholder patterns

  /// Union over languages (convenience for language-independent consumers): deduplicated,
  /// longest first (in bytes, then in byte order), so trying them in order finds the longest
  /// prefix.
  std::vector<std::string> all_reply_prefixes() const;
  std::vector<std::string> all_forward_prefixes() const;
  bool is_acronym(const std::string& word) const;  // in any language's list
  /// A company's legal form (S.L., Ltd, Α.Ε., ΑΝΩΝΥΜΗ ΕΤΑΙΡΕΙΑ) in any language's list;
  /// `key` is a legal_form_key().
  bool is_legal_form(std::string_view key) const;
  /// A word after which capitals are a name as shown or sold (acronyms.toml `name-cues`: a
  /// button's verb, a plan or a product); `key` is a word_key().
  bool is_name_cue(std::string_view key) const;
  /// A free-mail provider's domain (lowercase): listed, or a brand's in some country
  /// ("outlook.com.au", "yahoo.ie"), whose users are each a party of their own.
  bool is_free_mail(std::string_view domain) const;

  /// Every language's acronyms in one hash set, filled by load_data() (and index()) so that
  /// is_acronym() is one lookup per word. A DataSet edited after loading must call index() again.
  std::unordered_set<std::string> acronym_index;
  /// Set by index() to a value no other index() call gives (0: never indexed): consumers that
  /// compile the data (draft segmentation) key their caches on it instead of on the content.
  std::uint64_t identity = 0;
  void index();
};

/// Loads and validates every file under `dir` (rules/<lang>/*.toml, rules/common/*.toml).
/// Throws InputError naming file:line for a syntax error, an unknown key, a wrong type or a
/// pattern that does not compile.
DataSet load_data(const std::filesystem::path& dir);

/// Finds the rules/ folder: `explicit_dir` if given, else $REPLYLINT_RULES_DIR, the share folder
/// beside an installed binary (util/data_dir.hpp) or else the source tree's rules/ (for a build
/// tree), the configured install share folder. Throws InputError when none.
std::filesystem::path find_rules_dir(const std::filesystem::path& explicit_dir = {});

/// The process-wide data set, loaded once from find_rules_dir() on first use (thread-safe).
const DataSet& default_data();

}  // namespace replylint::data
