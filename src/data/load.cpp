#include <unicode/regex.h>
#include <unicode/smpdtfmt.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <sstream>

#include "data/data.hpp"
#include "text/text.hpp"
#include "util/data_dir.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"
#include "util/toml_util.hpp"

namespace replylint::data {
namespace {

namespace fs = std::filesystem;

// One string of a list, with the line it is on.
struct Item {
  std::string text;
  int line = 0;
};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n\f\v");
  return std::string(text.substr(first, last - first + 1));
}

// A list of non-empty strings (trimmed), each with its line.
std::vector<Item> items(const std::string& file, std::string_view key, const toml::node& node) {
  const std::vector<std::string> values = util::string_list(file, key, node);
  const toml::array& array = *node.as_array();
  std::vector<Item> out;
  for (size_t i = 0; i < values.size(); ++i) {
    const int line = util::line_of(array[i]) ? util::line_of(array[i]) : util::line_of(node);
    std::string text = trim(values[i]);
    if (text.empty()) throw InputError(file, line, "empty string in '" + std::string(key) + "'");
    out.push_back({std::move(text), line});
  }
  return out;
}

void check_pattern(const std::string& file, int line, const std::string& regex) {
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  // Without UREGEX_CASE_INSENSITIVE, which the patterns are matched with: it changes what a
  // pattern matches, never whether it compiles, and would have ICU close each class over case.
  std::unique_ptr<icu::RegexPattern> compiled(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(regex), 0, parse_error, status));
  if (U_FAILURE(status))
    throw InputError(file, line,
                     "pattern does not compile: '" + regex + "' (" + u_errorName(status) + ")");
}

std::vector<Pattern> patterns(const std::string& file, std::string_view key,
                              const toml::node& node) {
  std::vector<Pattern> out;
  for (Item& item : items(file, key, node)) {
    std::string regex = text::nfc(item.text);
    check_pattern(file, item.line, regex);
    out.push_back({std::move(regex), file, item.line});
  }
  return out;
}

void check_date_format(const std::string& file, int line, const std::string& format) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::SimpleDateFormat compiled(icu::UnicodeString::fromUTF8(format), icu::Locale::getRoot(),
                                       status);
  if (U_FAILURE(status))
    throw InputError(
        file, line, "date format does not compile: '" + format + "' (" + u_errorName(status) + ")");
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

void folded(std::vector<std::string>& list, const std::string& file, std::string_view key,
            const toml::node& node) {
  for (const Item& item : items(file, key, node)) add_unique(list, text::fold(item.text));
}

// What one key of a known file fills in.
using LanguageField =
    std::function<void(LanguageData&, const std::string& file, const toml::node&)>;
using LanguageFile = std::vector<std::pair<std::string, LanguageField>>;

const std::map<std::string, LanguageFile>& language_files() {
  static const std::map<std::string, LanguageFile> files = {
      {"reply-prefixes.toml",
       {{"reply", [](LanguageData& d, const std::string& f,
                     const toml::node& n) { folded(d.reply_prefixes, f, "reply", n); }},
        {"forward", [](LanguageData& d, const std::string& f,
                       const toml::node& n) { folded(d.forward_prefixes, f, "forward", n); }}}},
      {"acronyms.toml",
       {{"acronyms",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "acronyms", n)) d.acronyms.insert(text::nfc(item.text));
         }},
        {"legal-forms",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "legal-forms", n))
             d.legal_forms.insert(legal_form_key(item.text));
         }},
        {"name-cues",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "name-cues", n))
             d.name_cues.insert(text::word_key(item.text));
         }},
        {"accented-in-capitals",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "accented-in-capitals", n))
             d.accented_in_capitals[text::loose_key(item.text)] = text::nfc(item.text);
         }},
        {"pronoun-acronyms",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "pronoun-acronyms", n))
             d.pronoun_acronyms.insert(text::word_key(item.text));
         }},
        {"acronym-determiners",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "acronym-determiners", n))
             d.acronym_determiners.insert(text::word_key(item.text));
         }}}},
      {"quoting.toml",
       {{"attribution",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (Pattern& p : patterns(f, "attribution", n)) d.attribution.push_back(std::move(p));
         }},
        {"attribution-start",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (Pattern& p : patterns(f, "attribution-start", n))
             d.attribution_start.push_back(std::move(p));
         }},
        {"attribution-end",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (Pattern& p : patterns(f, "attribution-end", n))
             d.attribution_end.push_back(std::move(p));
         }},
        {"original-markers",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           folded(d.original_markers, f, "original-markers", n);
         }},
        {"original-fields",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           folded(d.original_fields, f, "original-fields", n);
         }},
        {"forward-markers",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           folded(d.forward_markers, f, "forward-markers", n);
         }}}},
      {"signature.toml",
       {{"mobile-footers",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (Pattern& p : patterns(f, "mobile-footers", n))
             d.signature_lines.push_back(std::move(p));
         }},
        {"closings", [](LanguageData& d, const std::string& f,
                        const toml::node& n) { folded(d.closings, f, "closings", n); }}}},
      {"date-formats.toml",
       {{"date-formats",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "date-formats", n)) {
             check_date_format(f, item.line, item.text);
             d.date_formats.push_back(text::nfc(item.text));
           }
         }},
        {"date-fields", [](LanguageData& d, const std::string& f,
                           const toml::node& n) { folded(d.date_fields, f, "date-fields", n); }}}},
      {"spelling.toml",
       {{"abbreviations",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "abbreviations", n)) {
             std::string key = text::fold(item.text);
             std::erase(key, ' ');
             d.abbreviations.insert(std::move(key));
           }
         }},
        {"hyphen-prefixes",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "hyphen-prefixes", n))
             d.hyphen_prefixes.insert(text::fold(item.text));
         }},
        {"repeated-words",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "repeated-words", n))
             d.repeated_words.insert(text::fold(item.text));
         }}}},
      {"morphology.toml",
       {{"prefixes",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "prefixes", n))
             add_unique(d.spelling_prefixes, text::nfc(item.text));
         }},
        {"clitics",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "clitics", n)) {
             std::vector<std::string> slot;
             std::istringstream words{text::nfc(item.text)};
             for (std::string word; words >> word;) slot.push_back(word);
             d.spelling_clitic_slots.push_back(std::move(slot));
           }
         }},
        {"bare-imperatives",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "bare-imperatives", n))
             add_unique(d.spelling_bare_imperatives, text::nfc(item.text));
         }},
        {"suffixes",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "suffixes", n)) {
             std::istringstream words{text::nfc(item.text)};
             std::string ending, base, extra;
             if (!(words >> ending >> base) || (words >> extra))
               throw InputError(
                   f, item.line,
                   "a suffix is two words, the ending and the base's: '" + item.text + "'");
             d.spelling_suffixes.emplace_back(std::move(ending), std::move(base));
           }
         }},
        {"compounds",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           for (const Item& item : items(f, "compounds", n)) {
             std::istringstream words{text::nfc(item.text)};
             std::string link;
             std::vector<std::string> endings;
             words >> link;
             for (std::string ending; words >> ending;) endings.push_back(std::move(ending));
             if (endings.empty())
               throw InputError(
                   f, item.line,
                   "a compound is the link, then the first word's endings: '" + item.text + "'");
             d.spelling_compounds.emplace_back(std::move(link), std::move(endings));
           }
         }},
        {"noun-context",
         [](LanguageData& d, const std::string& f, const toml::node& n) {
           folded(d.spelling_noun_context, f, "noun-context", n);
         }},
        {"verb-context",
         [](LanguageData& d, const std::string& f,
            const toml::node& n) { folded(d.spelling_verb_context, f, "verb-context", n); }}}},
      {"language.toml",
       {{"stopwords", [](LanguageData& d, const std::string& f,
                         const toml::node& n) { folded(d.stopwords, f, "stopwords", n); }}}},
  };
  return files;
}

std::vector<std::string> keys_of(const LanguageFile& file) {
  std::vector<std::string> keys;
  for (const auto& [key, field] : file) keys.push_back(key);
  return keys;
}

[[noreturn]] void unknown_key(const std::string& file, const toml::key& key,
                              const std::vector<std::string>& valid) {
  throw InputError(
      file, util::line_of(key),
      "unknown key '" + std::string(key.str()) + "'" + util::did_you_mean(key.str(), valid));
}

std::vector<std::string> known_file_names(bool common) {
  if (common) return {"free-mail.toml", "placeholders.toml"};
  std::vector<std::string> names;
  for (const auto& [name, file] : language_files()) names.push_back(name);
  return names;
}

[[noreturn]] void unknown_file(const std::string& file, const std::string& name, bool common) {
  const std::vector<std::string> known = known_file_names(common);
  std::string list;
  for (const std::string& known_name : known) list += (list.empty() ? "" : ", ") + known_name;
  const std::string hint = util::did_you_mean(name, known);
  throw InputError(file, 0,
                   "unknown data file '" + name + "'" +
                       (hint.empty() ? (common ? " (expected " + list + ")"
                                               : " (expected " + list + " or a [[phrase]] list)")
                                     : hint));
}

void load_phrases(LanguageData& language, const std::string& file, const std::string& rule_id,
                  const toml::table& table) {
  std::vector<Phrase>& list = language.phrases[rule_id];
  for (const auto& [key, node] : table) {
    if (key.str() != "phrase") unknown_key(file, key, {"phrase"});
    const toml::array* array = node.as_array();
    if (!array || (!array->empty() && !array->is_array_of_tables()))
      throw InputError(file, util::line_of(node),
                       "'phrase' must be an array of tables ([[phrase]]), found " +
                           std::string(util::toml_type_name(node)) +
                           (array ? " of other values" : ""));
    for (const toml::node& entry : *array) {
      const toml::table& fields = *entry.as_table();
      Phrase phrase;
      phrase.file = file;
      phrase.line = util::line_of(entry);
      for (const auto& [field, value] : fields) {
        if (field.str() == "match") {
          phrase.match = text::fold(trim(util::string_value(file, "match", value)));
          if (phrase.match.empty())
            throw InputError(file, util::line_of(value), "empty string in 'match'");
          phrase.line = util::line_of(value);
          phrase.tokens = parse_phrase(phrase.match, file, phrase.line);
        } else if (field.str() == "help") {
          phrase.help = trim(util::string_value(file, "help", value));
        } else if (field.str() == "suggest") {
          phrase.suggest = trim(util::string_value(file, "suggest", value));
        } else {
          unknown_key(file, field, {"match", "help", "suggest"});
        }
      }
      if (phrase.match.empty())
        throw InputError(file, phrase.line, "[[phrase]] entry has no 'match'");
      list.push_back(std::move(phrase));
    }
  }
}

void load_language_file(LanguageData& language, const fs::path& path) {
  const std::string file = path.string();
  const std::string name = path.filename().string();
  const toml::table table = util::parse_toml_file(path);
  const auto known = language_files().find(name);
  if (known == language_files().end()) {
    if (!table.contains("phrase")) unknown_file(file, name, false);
    load_phrases(language, file, path.stem().string(), table);
    return;
  }
  const LanguageFile& fields = known->second;
  for (const auto& [key, node] : table) {
    const std::string_view name_text = key.str();  // clang 14 cannot capture a structured binding
    const auto field = std::find_if(fields.begin(), fields.end(),
                                    [&](const auto& f) { return f.first == name_text; });
    if (field == fields.end()) unknown_key(file, key, keys_of(fields));
    field->second(language, file, node);
  }
}

void load_common_file(DataSet& data, const fs::path& path) {
  const std::string file = path.string();
  const std::string name = path.filename().string();
  const toml::table table = util::parse_toml_file(path);
  if (name == "free-mail.toml") {
    for (const auto& [key, node] : table) {
      if (key.str() == "brands") {
        for (const Item& item : items(file, "brands", node)) {
          std::string brand = text::fold(item.text);
          if (brand.empty() || brand.find_first_of("@ \t/.") != std::string::npos)
            throw InputError(file, item.line, "'" + item.text + "' is not a provider's name");
          data.free_mail_brands.insert(std::move(brand));
        }
        continue;
      }
      if (key.str() != "domains") unknown_key(file, key, {"domains", "brands"});
      for (const Item& item : items(file, "domains", node)) {
        std::string domain = text::fold(item.text);
        if (domain.find('.') == std::string::npos ||
            domain.find_first_of("@ \t/") != std::string::npos || domain.front() == '.' ||
            domain.back() == '.')
          throw InputError(file, item.line, "'" + item.text + "' is not a domain name");
        data.free_mail_domains.insert(std::move(domain));
      }
    }
  } else if (name == "placeholders.toml") {
    for (const auto& [key, node] : table) {
      if (key.str() != "patterns") unknown_key(file, key, {"patterns"});
      for (Pattern& p : patterns(file, "patterns", node)) data.placeholders.push_back(std::move(p));
    }
  } else {
    unknown_file(file, name, true);
  }
}

// The .toml files of a folder, sorted so loading order (and thus list order) is stable.
std::vector<fs::path> toml_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".toml" && !entry.is_directory()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

bool is_language_code(const std::string& name) {
  return (name.size() == 2 || name.size() == 3) &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

DataSet load_data(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(dir.string(), 0, "rules folder not found");
  DataSet data;
  try {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_directory()) {
        folders.push_back(entry.path());
      } else if (entry.path().extension() == ".toml") {
        throw InputError(
            entry.path().string(), 0,
            "data files belong in a language folder (rules/es/...) or in rules/common/");
      }
    }
    std::sort(folders.begin(), folders.end());
    for (const fs::path& folder : folders) {
      const std::string name = folder.filename().string();
      if (name == "common") {
        for (const fs::path& path : toml_files(folder)) load_common_file(data, path);
      } else if (is_language_code(name)) {
        LanguageData& language = data.languages[name];
        language.code = name;
        for (const fs::path& path : toml_files(folder)) load_language_file(language, path);
      } else if (!name.empty() && name.front() != '.') {
        throw InputError(
            folder.string(), 0,
            "unknown folder '" + name + "' (expected a language code such as 'es', or 'common')");
      }
    }
  } catch (const fs::filesystem_error& error) {
    throw InputError(error.path1().empty() ? dir.string() : error.path1().string(), 0,
                     error.code().message());
  }
  data.index();
  return data;
}

fs::path find_rules_dir(const fs::path& explicit_dir) {
  std::error_code ec;
  if (!explicit_dir.empty()) {
    if (!fs::is_directory(explicit_dir, ec))
      throw InputError(explicit_dir.string(), 0, "rules folder not found");
    return explicit_dir;
  }
  if (const char* env = std::getenv("REPLYLINT_RULES_DIR"); env && *env) {
    if (!fs::is_directory(env, ec))
      throw InputError(env, 0, "rules folder not found (named by $REPLYLINT_RULES_DIR)");
    return env;
  }
  std::vector<fs::path> candidates;
  // An installed binary reads its own rules/, never a source tree's (util/data_dir.hpp).
  if (const fs::path& installed = util::installed_data_dir(); !installed.empty())
    candidates.push_back(installed / "rules");
#ifdef REPLYLINT_SOURCE_RULES_DIR
  else
    candidates.emplace_back(REPLYLINT_SOURCE_RULES_DIR);
#endif
#ifdef REPLYLINT_INSTALL_DATA_DIR
  candidates.emplace_back(fs::path(REPLYLINT_INSTALL_DATA_DIR) / "rules");
#endif
  std::string looked;
  for (const fs::path& candidate : candidates) {
    if (fs::is_directory(candidate, ec)) return candidate;
    looked += (looked.empty() ? "" : ", ") + candidate.string();
  }
  throw InputError("rules", 0,
                   "rule data folder not found (looked in " +
                       (looked.empty() ? std::string("nothing") : looked) +
                       "; set $REPLYLINT_RULES_DIR)");
}

const DataSet& default_data() {
  // A static local is initialised once, thread-safely; if loading throws, the next call retries.
  static const DataSet data = load_data(find_rules_dir());
  return data;
}

namespace {

// A phrase word holds what the draft's word tokens hold: letters, digits, marks and apostrophes.
void check_phrase_word(std::string_view word, std::string_view piece, const std::string& file,
                       int line) {
  if (word.empty())
    throw InputError(file, line, "empty word in phrase token '" + std::string(piece) + "'");
  int32_t i = 0;
  const auto length = static_cast<int32_t>(word.size());
  while (i < length) {
    UChar32 c;
    const int32_t at = i;
    U8_NEXT(word.data(), i, length, c);
    const auto type = c < 0 ? 0 : u_charType(c);
    if (c >= 0 && (u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
                   c == '\'' || c == 0x2019))
      continue;
    throw InputError(file, line,
                     "'" +
                         std::string(word.substr(static_cast<std::size_t>(at),
                                                 static_cast<std::size_t>(i - at))) +
                         "' in phrase token '" + std::string(piece) +
                         "' is not part of a word (phrases are matched word by word: write "
                         "the words apart, without punctuation)");
  }
}

}  // namespace

std::vector<PhraseToken> parse_phrase(std::string_view match, const std::string& file, int line) {
  std::vector<PhraseToken> tokens;
  std::size_t b = 0;
  while (b < match.size()) {
    if (match[b] == ' ' || match[b] == '\t') {
      ++b;
      continue;
    }
    std::size_t e = match.find_first_of(" \t", b);
    if (e == std::string_view::npos) e = match.size();
    const std::string_view piece = match.substr(b, e - b);
    b = e;
    PhraseToken token;
    std::string_view body = piece;
    if (body == "*") {
      token.optional = true;
      tokens.push_back(std::move(token));
      continue;
    }
    if (body.size() > 1 && body.back() == '?') {
      token.optional = true;
      body.remove_suffix(1);
    }
    if (body.front() == '[') {
      if (body.size() < 2 || body.back() != ']')
        throw InputError(file, line,
                         "'[' without a closing ']' in phrase token '" + std::string(piece) +
                             "' (a list holds single words: [le|les|os])");
      token.exact = true;
      const std::string_view list = body.substr(1, body.size() - 2);
      std::size_t start = 0;
      while (true) {
        const std::size_t bar = list.find('|', start);
        const std::string_view form = list.substr(
            start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        if (form.empty())
          throw InputError(file, line,
                           "empty form in phrase token '" + std::string(piece) +
                               "' (write '?' after the list to make it optional)");
        check_phrase_word(form, piece, file, line);
        token.words.emplace_back(form);
        if (bar == std::string_view::npos) break;
        start = bar + 1;
      }
    } else {
      if (body.front() == '=') {
        token.exact = true;
        body.remove_prefix(1);
      }
      check_phrase_word(body, piece, file, line);
      token.words.emplace_back(body);
    }
    tokens.push_back(std::move(token));
  }
  if (tokens.empty()) throw InputError(file, line, "empty string in 'match'");
  if (tokens.front().optional || tokens.back().optional)
    throw InputError(
        file, line, "a phrase must begin and end with a required word, not '*' or an optional one");
  return tokens;
}

}  // namespace replylint::data
