#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace replylint::data {

/// A pattern from rules/ data, compiled by the consumer (ICU regex, case-insensitive).
struct Pattern {
  std::string regex;
  std::string file;  // rules/ file it came from, for error messages
  int line = 0;
};

/// A phrase from a phrase list (matched on NFC, case-folded words).
struct Phrase {
  std::string match;
  std::string help;
  std::string file;
  int line = 0;
};

/// Everything one language contributes (rules/<lang>/*.toml).
struct LanguageData {
  std::string code;  // "es", "el", "en"
  std::vector<std::string> reply_prefixes;    // case-folded: "re", "aw", "απ", "σχετ"
  std::vector<std::string> forward_prefixes;  // case-folded: "fwd", "rv", "πρθ"
  std::set<std::string> acronyms;             // as written: "IVA", "ΦΠΑ"
  std::vector<Pattern> attribution;           // one-line attribution patterns ("El … escribió:")
  std::vector<Pattern> attribution_start;     // first line of a two-line attribution
  std::vector<Pattern> attribution_end;       // its second line
  std::vector<std::string> original_markers;  // "-----Mensaje original-----" (case-folded)
  std::vector<std::string> original_fields;   // "de", "enviado el", "para", "asunto" (folded)
  std::vector<std::string> forward_markers;   // "---------- mensaje reenviado ----------"
  std::vector<Pattern> signature_lines;       // mobile footers: "Enviado desde mi iPhone"
  std::vector<std::string> stopwords;         // frequent words, for language identification
  std::vector<std::string> closings;          // "un saludo", "atentamente": signature hints
  std::map<std::string, std::vector<Phrase>> phrases;  // rule id -> phrase list
};

/// All rule data: per language plus language-independent lists (rules/common/).
struct DataSet {
  std::map<std::string, LanguageData> languages;  // keyed by code
  std::set<std::string> free_mail_domains;        // lowercase: "gmail.com", "otenet.gr"
  std::vector<Pattern> placeholders;              // template placeholder patterns

  /// Union over languages (convenience for language-independent consumers): deduplicated,
  /// longest first (in bytes, then in byte order), so trying them in order finds the longest
  /// prefix.
  std::vector<std::string> all_reply_prefixes() const;
  std::vector<std::string> all_forward_prefixes() const;
  bool is_acronym(const std::string& word) const;  // in any language's list

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

/// Finds the rules/ folder: `explicit_dir` if given, else $REPLYLINT_RULES_DIR, the source
/// tree's rules/ (for a build tree), the installed share folder. Throws InputError when none.
std::filesystem::path find_rules_dir(const std::filesystem::path& explicit_dir = {});

/// The process-wide data set, loaded once from find_rules_dir() on first use (thread-safe).
const DataSet& default_data();

}  // namespace replylint::data
