#include "draft/internal.hpp"

#include "data/data.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

namespace replylint::draft::detail {
namespace {

// ICU's White_Space in ASCII is exactly tab, LF, VT, FF, CR and space; most of what trim() sees is
// ASCII, so only the rest asks ICU.
bool is_space_cp(UChar32 c) {
  if (c >= 0 && c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(c);
}

// Joins the patterns into one case-insensitive alternation. A pattern that does not compile is
// left out (the loader reports it with file:line; here it must never stop segmentation).
// True when `pattern` starts with '^' and has no '|' outside groups and classes, so that
// "^X" can be rewritten as X under a shared leading anchor without changing what it matches.
bool simply_anchored(std::string_view pattern) {
  if (pattern.empty() || pattern[0] != '^') return false;
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 1; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return true;
}

// `pattern` with every capturing group made non-capturing: segmentation only asks whether a line
// matches, and ICU saves every group's bounds on each backtracking step of ".{1,250}". Left as it
// is when it refers back to a group (\1, \k<name>) or quotes with \Q…\E.
std::string non_capturing(const std::string& pattern) {
  // A ']' first in a class may be literal; rather than follow such a class, leave it alone.
  if (pattern.find("[]") != std::string::npos || pattern.find("[^]") != std::string::npos)
    return pattern;
  std::string out;
  out.reserve(pattern.size() + 16);
  int class_depth = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char ch = pattern[i];
    if (ch == '\\') {
      if (i + 1 < pattern.size()) {
        const char e = pattern[i + 1];
        if ((e >= '1' && e <= '9') || e == 'k' || e == 'Q') return pattern;
        out += ch;
        out += e;
        ++i;
      } else {
        out += ch;
      }
      continue;
    }
    if (ch == '[') {
      ++class_depth;
    } else if (ch == ']' && class_depth > 0) {
      --class_depth;
    } else if (ch == '(' && class_depth == 0 &&
               (i + 1 >= pattern.size() || pattern[i + 1] != '?')) {
      out += "(?:";
      continue;
    }
    out += ch;
  }
  return out;
}

// Whether `pattern` compiles. Case-insensitivity changes what a pattern matches, never whether
// it compiles, and compiling without it spares ICU closing every class over case.
bool compiles(const std::string& pattern) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr;
  const std::unique_ptr<icu::RegexPattern> alone(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, perr, status));
  return U_SUCCESS(status);
}

std::vector<std::string> compiling(const std::vector<std::string>& patterns) {
  std::vector<std::string> good;
  for (const std::string& p : patterns)
    if (compiles(p)) good.push_back(p);
  return good;
}

// One alternation of `good` (patterns that compile on their own), or null when it does not compile.
std::unique_ptr<icu::RegexPattern> compile_union_of(const std::vector<std::string>& good,
                                                    uint32_t flags) {
  // When every pattern is anchored, one shared '^' lets ICU try the line start only, instead of
  // every position of the line (the union of "^…" alternatives hides the anchor from it).
  const bool anchored = !good.empty() && std::all_of(good.begin(), good.end(), simply_anchored);
  auto join = [&](bool capturing) {
    std::string joined;
    for (const std::string& p : good) {
      if (!joined.empty()) joined += '|';
      const std::string alone = anchored ? p.substr(1) : p;
      joined += "(?:" + (capturing ? alone : non_capturing(alone)) + ")";
    }
    if (!joined.empty() && anchored) joined = "^(?:" + joined + ")";
    return joined;
  };
  for (const bool capturing : {false, true}) {
    const std::string joined = join(capturing);
    if (joined.empty()) return nullptr;
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr;
    std::unique_ptr<icu::RegexPattern> all(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(joined), flags, perr, status));
    if (U_SUCCESS(status)) return all;
  }
  return nullptr;
}

// One pattern for all of `patterns` that compile on their own. The data's patterns were checked
// when loaded, so the union is tried first, and each pattern alone only when it fails.
std::unique_ptr<icu::RegexPattern> compile_union(const std::vector<std::string>& patterns,
                                                 uint32_t flags = UREGEX_CASE_INSENSITIVE) {
  if (auto all = compile_union_of(patterns, flags)) return all;
  return compile_union_of(compiling(patterns), flags);
}

// The case-folded literal text every line `pattern` matches (case-insensitively) starts with:
// a literal run right after its '^' ("^Sent from my …"), or each alternative of a group of plain
// literals there ("^(El|En) …"); nullopt when the pattern starts otherwise, or has a top-level
// '|'. ICU's case-insensitive matching compares full case foldings, so the folded line starts
// with one of them.
std::optional<std::vector<icu::UnicodeString>> required_prefixes(std::string_view pattern) {
  if (pattern.size() < 2 || pattern[0] != '^' || !simply_anchored(pattern)) return std::nullopt;
  auto is_meta = [](char ch) {
    return std::string_view("\\[](){}.*+?^$|").find(ch) != std::string_view::npos;
  };
  auto is_quantifier = [](char ch) { return ch == '?' || ch == '*' || ch == '{' || ch == '+'; };
  std::vector<std::string> alternatives(1);
  if (pattern[1] == '(') {
    std::size_t j = 2;
    for (; j < pattern.size() && pattern[j] != ')'; ++j) {
      if (pattern[j] == '|')
        alternatives.emplace_back();
      else if (is_meta(pattern[j]))
        return std::nullopt;  // a group of more than literals ("(?i…", "(\\d…")
      else
        alternatives.back() += pattern[j];
    }
    if (j >= pattern.size() || (j + 1 < pattern.size() && is_quantifier(pattern[j + 1])))
      return std::nullopt;
  } else {
    std::size_t j = 1;
    while (j < pattern.size() && !is_meta(pattern[j])) ++j;
    std::string run(pattern.substr(1, j - 1));
    if (!run.empty() && j < pattern.size() && is_quantifier(pattern[j])) {
      // The quantifier applies to the run's last character only.
      std::size_t cut = run.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(run[cut]) & 0xC0) == 0x80) --cut;
      run.resize(cut);
    }
    alternatives[0] = std::move(run);
  }
  std::vector<icu::UnicodeString> out;
  for (const std::string& a : alternatives) {
    icu::UnicodeString folded = icu::UnicodeString::fromUTF8(a);
    folded.foldCase();
    if (folded.isEmpty()) return std::nullopt;
    out.push_back(std::move(folded));
  }
  return out;
}

// required_prefixes() of every pattern of a union, or an empty list when one has none (a pattern
// that does not compile on its own, which compile_union() leaves out, only adds prefixes).
std::vector<icu::UnicodeString> union_needs(const std::vector<std::string>& patterns) {
  std::vector<icu::UnicodeString> out;
  for (const std::string& p : patterns) {
    auto needs = required_prefixes(p);
    if (!needs) return {};
    for (icu::UnicodeString& n : *needs)
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
  }
  return out;
}

// The folded first letters the lines matching `patterns` (each "^" and a literal letter, under
// case-insensitive matching) can start with; nullopt when some pattern does not start so.
std::optional<std::unordered_set<UChar32>> first_letters(const std::vector<std::string>& patterns) {
  std::unordered_set<UChar32> letters;
  for (const std::string& p : patterns) {
    if (p.size() < 2 || p[0] != '^') return std::nullopt;
    UChar32 c;
    int32_t i = 1;
    U8_NEXT(p.data(), i, static_cast<int32_t>(p.size()), c);
    if (c < 0 || !u_isalpha(c)) return std::nullopt;
    // A quantifier after it would make the letter optional.
    if (static_cast<std::size_t>(i) < p.size() &&
        std::string_view("?*{").find(p[i]) != std::string_view::npos)
      return std::nullopt;
    const UChar32 f = text::first_folded(std::string_view(p).substr(1));
    if (f == U_SENTINEL) return std::nullopt;
    letters.insert(f);
  }
  return letters;
}

// Built-in token patterns. Every unbounded run is possessive or anchored by a look-behind on a
// word start, so a long line without spaces costs linear time.
constexpr const char* k_builtin_placeholders =
    R"(\{%-?\s*comment\s*-?%\}[^\n]*?\{%-?\s*endcomment\s*-?%\}|\{\{[^{}\n]*+\}\}|\{%[^\n]*?%\}|\$\{[^{}\s]++\}|%\p{L}[\p{L}\p{N}_]++%|\{[\p{L}_][\p{L}\p{N}_.]*+\})";
constexpr const char* k_url =
    R"((?i:(?:https?|ftp)://|www\.|mailto:)[^\s<>"“”'‘’«»()\[\]{}]*[^\s<>"“”'‘’«»()\[\]{}.,;:!?¡¿])";
constexpr const char* k_email =
    R"((?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]++@[\p{L}\p{N}\-]++(?:\.[\p{L}\p{N}\-]++)++)";
// A dotted name ("factura_2025.pdf", "tienda.es", "src/app/main.py", "/etc/app.conf"); tokenize()
// keeps it when the last label is a known file extension or top-level domain and leaves it to the
// word iterator otherwise.
constexpr const char* k_dotted =
    R"((?<![\p{L}\p{N}_\-./])/?(?:[\p{L}\p{N}_\-]++/)*+[\p{L}\p{N}_\-]++(?:\.[\p{L}\p{N}_\-]++)++(?:/[^\s<>"“”'‘’«»()\[\]{}]*[^\s<>"“”'‘’«»()\[\]{}.,;:!?¡¿])?)";
// Digits with separators ("12/03/2025", "12:30", "1.234,56") or a code ("A-1234"); tried
// before dotted names, but never when a name follows ("2025.pdf" is a file).
constexpr const char* k_number =
    R"((?<![\p{L}\p{N}_])(?:\p{Lu}{1,5}-)?\p{Nd}++(?:[.,:/\-]\p{Nd}++)*+(?![\p{L}\p{N}_]|[.\-][\p{L}\p{N}_]))";

// Conservatively, whether `pattern` can match a white-space character: a literal space or tab,
// \s, \h, \p{Z…}, \P{…}, \W or \S-like escapes, '.' outside a class, or a negated class.
bool may_match_space(std::string_view pattern) {
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char ch = pattern[i];
    if (ch == ' ' || ch == '\t') return true;
    if (ch == '\\' && i + 1 < pattern.size()) {
      const char e = pattern[++i];
      if (e == 's' || e == 'h' || e == 'v' || e == 'W' || e == 'D' || e == 'P' || e == 'X' ||
          e == 'R' || (e == 'p' && pattern.substr(i + 1, 2) == "{Z"))
        return true;
      continue;
    }
    if (in_class) {
      if (ch == ']') in_class = false;
      continue;
    }
    if (ch == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') return true;
      continue;
    }
    if (ch == '.') return true;
  }
  return false;
}

// The character every match of `pattern` starts with, when its first atom is one literal
// character (escaped punctuation or a plain character, not followed by ? or * that would make it
// optional); std::nullopt otherwise.
std::optional<std::string> first_literal(std::string_view pattern) {
  if (pattern.empty()) return std::nullopt;
  std::size_t length = 0;
  std::string literal;
  if (pattern[0] == '\\') {
    if (pattern.size() < 2 || std::isalnum(static_cast<unsigned char>(pattern[1])))
      return std::nullopt;
    literal = std::string(1, pattern[1]);
    length = 2;
  } else {
    if (std::string_view("[(.^$|?*+{)").find(pattern[0]) != std::string_view::npos)
      return std::nullopt;
    const auto lead = static_cast<unsigned char>(pattern[0]);
    length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (length > pattern.size()) return std::nullopt;
    literal = std::string(pattern.substr(0, length));
  }
  if (length < pattern.size() &&
      (pattern[length] == '?' || pattern[length] == '*' || pattern[length] == '{'))
    return std::nullopt;
  return literal;
}

void compile_tokens(Compiled& c, const std::vector<std::string>& data_placeholders) {
  auto build = [&](const std::vector<std::string>& extra) -> bool {
    std::string ph = k_builtin_placeholders;
    for (const std::string& p : extra) ph += "|(?i:" + p + ")";
    const std::string all = "(?<ph>" + ph + ")|(?<url>" + k_url + ")|(?<email>" + k_email +
                            ")|(?<num>" + k_number + ")|(?<file>" + k_dotted + ")";
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr;
    std::unique_ptr<icu::RegexPattern> pattern(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(all), 0, perr, status));
    if (U_FAILURE(status)) return false;
    c.group_ph = pattern->groupNumberFromName(icu::UnicodeString(u"ph"), status);
    c.group_url = pattern->groupNumberFromName(icu::UnicodeString(u"url"), status);
    c.group_email = pattern->groupNumberFromName(icu::UnicodeString(u"email"), status);
    c.group_file = pattern->groupNumberFromName(icu::UnicodeString(u"file"), status);
    c.group_num = pattern->groupNumberFromName(icu::UnicodeString(u"num"), status);
    if (U_FAILURE(status)) return false;
    c.tokens = std::move(pattern);
    return true;
  };
  // All data patterns (checked when loaded) at once; when that fails, only those that compile
  // on their own, then the built-ins alone if the combination still fails (e.g. a data pattern
  // reuses a group name).
  std::vector<std::string> good = data_placeholders;
  if (!build(good)) {
    good = compiling(data_placeholders);
    if (!build(good)) build({});
  }
  // Built-in and data patterns that may contain white space ({% … %}, [[ A B ]]) start with a
  // bracket; a paragraph without brackets can then be searched word by word. A pattern that
  // could match white space without a leading bracket disables that.
  for (const std::string& p : good) {
    const bool bracketed = p.rfind("\\{", 0) == 0 || p.rfind("\\[", 0) == 0 || p.rfind("<", 0) == 0;
    if (!bracketed && may_match_space(p)) c.tokens_chunkable = false;
    if (auto first = first_literal(p)) {
      if (std::find(c.token_triggers.begin(), c.token_triggers.end(), *first) ==
          c.token_triggers.end())
        c.token_triggers.push_back(*first);
      if (first->empty())
        c.trigger_first_bytes.fill(true);
      else
        c.trigger_first_bytes[static_cast<unsigned char>((*first)[0])] = true;
    } else {
      c.tokens_chunkable = false;  // it may start anywhere: search whole paragraphs
    }
  }
  c.plain_numbers = c.tokens_chunkable && c.group_num > 0;
  for (const std::string& trigger : c.token_triggers)
    if (trigger.empty() ||
        std::string_view("0123456789,.;:!?)").find(trigger[0]) != std::string_view::npos)
      c.plain_numbers = false;
}

std::unique_ptr<Compiled> build_compiled(const data::DataSet& data,
                                         const std::vector<std::string>& extra) {
  auto c = std::make_unique<Compiled>();
  std::vector<std::string> attribution, start, end, signature, placeholders;
  auto add = [](std::vector<std::string>& to, const std::vector<data::Pattern>& from) {
    for (const data::Pattern& p : from) to.push_back(p.regex);
  };
  for (const auto& [code, lang] : data.languages) {
    add(attribution, lang.attribution);
    add(start, lang.attribution_start);
    add(end, lang.attribution_end);
    add(signature, lang.signature_lines);
    for (const std::string& m : lang.original_markers)
      c->original_markers.insert(normalize_marker(m));
    for (const std::string& f : lang.original_fields)
      c->original_fields.insert(text::fold_case(trim(f)));
    for (const std::string& m : lang.forward_markers)
      c->forward_markers.insert(normalize_marker(m));
    for (const std::string& a : lang.acronyms) {
      c->acronyms.insert(a);
      bool capital = false;
      for (int32_t i = 0; i < static_cast<int32_t>(a.size());) {
        UChar32 cp;
        U8_NEXT(a.data(), i, static_cast<int32_t>(a.size()), cp);
        if (cp >= 0 && (u_hasBinaryProperty(cp, UCHAR_UPPERCASE) || u_istitle(cp))) capital = true;
      }
      if (!capital) c->lowercase_acronym = true;
      std::string undotted;
      for (char ch : a)
        if (ch != '.') undotted += ch;
      if (!undotted.empty()) c->acronyms.insert(undotted);
    }
    auto& stop = c->stopwords[code];
    for (const std::string& w : lang.stopwords) {
      std::string f = text::fold_case(trim(w));
      c->max_stopword_bytes = std::max(c->max_stopword_bytes, f.size());
      stop.insert(std::move(f));
    }
  }
  for (const std::string& a : c->acronyms) {
    c->max_acronym_bytes = std::max(c->max_acronym_bytes, a.size());
    if (!a.empty()) c->acronym_first_bytes[static_cast<unsigned char>(a[0])] = true;
  }
  for (const auto& [code, bit] : {std::pair<std::string, unsigned char>{"es", 1}, {"en", 2}})
    if (const auto it = c->stopwords.find(code); it != c->stopwords.end())
      for (const std::string& w : it->second) {
        c->es_en_stopwords.add(w, bit);
        if (!w.empty()) c->es_en_stopword_ends.set(stopword_ends(w));
      }
  c->original_markers.erase("");
  c->forward_markers.erase("");
  for (const auto* markers : {&c->original_markers, &c->forward_markers})
    for (const std::string& m : *markers)
      c->max_marker_words = std::max(c->max_marker_words, marker_words(m));
  for (const std::string& p : attribution) {
    Compiled::Alternative alternative;
    alternative.pattern = compile_union({p});
    if (!alternative.pattern) continue;  // does not compile: left out, as from the union
    if (auto needs = required_prefixes(p)) alternative.needs = std::move(*needs);
    c->attribution.push_back(std::move(alternative));
  }
  std::stable_partition(c->attribution.begin(), c->attribution.end(),
                        [](const Compiled::Alternative& a) { return !a.needs.empty(); });
  c->attribution_start = compile_union(start);
  c->attribution_end = compile_union(end);
  c->signature_lines = compile_union(signature);
  c->signature_first = first_letters(signature);
  c->attribution_start_needs = union_needs(start);
  c->attribution_end_needs = union_needs(end);
  c->signature_needs = union_needs(signature);
  add(placeholders, data.placeholders);
  placeholders.insert(placeholders.end(), extra.begin(), extra.end());
  compile_tokens(*c, placeholders);
  c->extra_placeholders = !extra.empty();
  return c;
}

// A fingerprint of everything build_compiled() reads, so a DataSet rebuilt at the same address
// (common in tests) never picks up a stale compiled form.
std::size_t fingerprint(const data::DataSet& data, const std::vector<std::string>& extra) {
  std::size_t h = 0;
  auto mix = [&h](std::string_view s) {
    h ^= std::hash<std::string_view>{}(s) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  };
  auto mix_patterns = [&](const std::vector<data::Pattern>& v) {
    mix("#");
    for (const auto& p : v) mix(p.regex);
  };
  auto mix_strings = [&](const auto& v) {
    mix("#");
    for (const auto& s : v) mix(s);
  };
  for (const auto& [code, lang] : data.languages) {
    mix(code);
    mix_patterns(lang.attribution);
    mix_patterns(lang.attribution_start);
    mix_patterns(lang.attribution_end);
    mix_patterns(lang.signature_lines);
    mix_strings(lang.original_markers);
    mix_strings(lang.original_fields);
    mix_strings(lang.forward_markers);
    mix_strings(lang.acronyms);
    mix_strings(lang.stopwords);
  }
  mix_patterns(data.placeholders);
  mix_strings(extra);
  return h;
}

}  // namespace

std::string_view trim(std::string_view text) {
  // ICU's UTF-8 macros index with int32_t; longer inputs are only trimmed of ASCII spaces.
  if (text.size() > static_cast<std::size_t>(INT32_MAX / 2)) {
    const std::size_t b = text.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return text.substr(b, text.find_last_not_of(" \t\r\n") + 1 - b);
  }
  const int32_t size = static_cast<int32_t>(text.size());
  int32_t b = 0, e = size;
  while (b < e) {
    UChar32 c = static_cast<unsigned char>(text[static_cast<std::size_t>(b)]);
    int32_t i = b + 1;
    if (c >= 0x80) {
      i = b;
      U8_NEXT(text.data(), i, e, c);
    }
    if (c < 0 || !is_space_cp(c)) break;
    b = i;
  }
  while (e > b) {
    UChar32 c = static_cast<unsigned char>(text[static_cast<std::size_t>(e - 1)]);
    int32_t i = e - 1;
    if (c >= 0x80) {
      i = e;
      U8_PREV(text.data(), b, i, c);
    }
    if (c < 0 || !is_space_cp(c)) break;
    e = i;
  }
  return text.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b));
}

std::size_t marker_words(std::string_view text, std::size_t limit) {
  text = trim(text);
  auto deco = [](char ch) {
    return ch == '-' || ch == '_' || ch == '*' || ch == '=' || ch == ' ' || ch == '\t';
  };
  std::size_t b = 0, e = text.size();
  while (b < e && deco(text[b])) ++b;
  while (e > b && deco(text[e - 1])) --e;
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = b; i < e; ++i) {
    const bool space = text[i] == ' ' || text[i] == '\t';
    if (!space && !in_word && ++words > limit) return words;
    in_word = !space;
  }
  return words;
}

bool starts_with_letter_in(const std::unordered_set<UChar32>& letters, std::string_view text) {
  const UChar32 f = text::first_folded(text);
  return f != U_SENTINEL && letters.count(f) > 0;
}

std::string normalize_marker(std::string_view text) {
  std::string f = text::fold_case(trim(text));
  std::size_t b = 0, e = f.size();
  auto deco = [](char ch) {
    return ch == '-' || ch == '_' || ch == '*' || ch == '=' || ch == ' ' || ch == '\t';
  };
  while (b < e && deco(f[b])) ++b;
  while (e > b && deco(f[e - 1])) --e;
  std::string out;
  bool space = false;
  for (std::size_t i = b; i < e; ++i) {
    if (f[i] == ' ' || f[i] == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += f[i];
  }
  return out;
}

const Compiled& compiled(const data::DataSet& data, const std::vector<std::string>& extra) {
  // An indexed DataSet is identified by its identity (so the content need not be hashed for every
  // draft); one built by hand, by a fingerprint of everything build_compiled() reads.
  std::size_t fp;
  if (data.identity != 0) {
    fp = std::hash<std::uint64_t>{}(data.identity) ^ 0x5bd1e995ULL;
    for (const std::string& p : extra)
      fp ^= std::hash<std::string_view>{}(p) + 0x9e3779b97f4a7c15ULL + (fp << 6) + (fp >> 2);
  } else {
    fp = fingerprint(data, extra);
  }
  thread_local const data::DataSet* last_data = nullptr;
  thread_local std::size_t last_fp = 0;
  thread_local const Compiled* last = nullptr;
  if (last && last_data == &data && last_fp == fp) return *last;

  // Entries are never removed: thread-local matchers elsewhere are keyed by their patterns'
  // addresses, and the number of distinct (data, placeholder list) pairs in a run is small.
  static std::mutex mutex;
  static std::map<std::pair<const data::DataSet*, std::size_t>, std::unique_ptr<Compiled>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[{&data, fp}];
  if (!slot) slot = build_compiled(data, extra);
  last_data = &data;
  last_fp = fp;
  last = slot.get();
  return *slot;
}

namespace {
struct LimitState {
  std::set<const icu::RegexPattern*> gave_up;
};
thread_local LimitState t_limits;
}  // namespace

void limit_matcher(icu::RegexMatcher& matcher) {
  UErrorCode status = U_ZERO_ERROR;
  matcher.setTimeLimit(k_regex_time_limit, status);
  status = U_ZERO_ERROR;
  matcher.setStackLimit(k_regex_stack_limit, status);
}

bool gave_up(const icu::RegexPattern* pattern, UErrorCode status) {
  if (status != U_REGEX_TIME_OUT && status != U_REGEX_STACK_OVERFLOW) return false;
  t_limits.gave_up.insert(pattern);
  return true;
}

bool given_up(const icu::RegexPattern* pattern) { return t_limits.gave_up.count(pattern) != 0; }

void draft_begin() { t_limits.gave_up.clear(); }

std::vector<std::string> draft_end() {
  std::vector<std::string> out;
  if (!t_limits.gave_up.empty())
    out.push_back(
        "a pattern from rules/ or the config's placeholders ran over its time limit and "
        "was given up (no match); it is left out for the rest of this draft");
  t_limits.gave_up.clear();
  return out;
}

namespace {

// The case folding of the first `count` code points of `line`. Folding never shortens a code
// point, so for `count` at least a prefix's length it holds as many code units as the prefix.
class FoldedHead {
 public:
  FoldedHead(std::string_view line, int32_t count) {
    const auto size = static_cast<int32_t>(line.size());
    int32_t end = 0;
    for (int32_t n = 0; end < size && n < count; ++n) U8_FWD_1(line.data(), end, size);
    m_bytes = line.substr(0, static_cast<std::size_t>(end));
    // The full case folding of ASCII is its lowercase, one code unit per byte: most lines need no
    // ICU string at all.
    m_ascii = std::all_of(m_bytes.begin(), m_bytes.end(),
                          [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
    if (!m_ascii) {
      m_folded = icu::UnicodeString::fromUTF8(icu::StringPiece(m_bytes.data(), end));
      m_folded.foldCase();
    }
  }

  bool starts_with(const icu::UnicodeString& prefix) const {
    if (!m_ascii) return m_folded.startsWith(prefix);
    if (static_cast<std::size_t>(prefix.length()) > m_bytes.size()) return false;
    for (int32_t i = 0; i < prefix.length(); ++i) {
      char ch = m_bytes[static_cast<std::size_t>(i)];
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
      if (prefix.charAt(i) != static_cast<char16_t>(ch)) return false;
    }
    return true;
  }

  bool starts_with_one_of(const std::vector<icu::UnicodeString>& prefixes) const {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](const icu::UnicodeString& p) { return starts_with(p); });
  }

 private:
  std::string_view m_bytes;
  bool m_ascii = true;
  icu::UnicodeString m_folded;
};

int32_t longest(const std::vector<icu::UnicodeString>& needs) {
  int32_t out = 0;
  for (const icu::UnicodeString& n : needs) out = std::max(out, n.length());
  return out;
}

}  // namespace

bool may_match(const std::vector<icu::UnicodeString>& needs, std::string_view line) {
  if (needs.empty() || line.size() > static_cast<std::size_t>(INT32_MAX)) return true;
  return FoldedHead(line, longest(needs)).starts_with_one_of(needs);
}

bool matches_any(const std::vector<Compiled::Alternative>& alternatives, std::string_view line) {
  if (line.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  int32_t count = 0;
  for (const Compiled::Alternative& a : alternatives) count = std::max(count, longest(a.needs));
  const FoldedHead head(line, count);
  return std::any_of(alternatives.begin(), alternatives.end(), [&](const Compiled::Alternative& a) {
    return (a.needs.empty() || head.starts_with_one_of(a.needs)) && matches(a.pattern.get(), line);
  });
}

bool matches(const icu::RegexPattern* pattern, std::string_view line) {
  if (!pattern || given_up(pattern)) return false;
  // One matcher per pattern and thread: patterns live as long as the process-wide cache.
  thread_local std::map<const icu::RegexPattern*, std::unique_ptr<icu::RegexMatcher>> matchers;
  auto& m = matchers[pattern];
  UErrorCode status = U_ZERO_ERROR;
  if (!m) {
    m.reset(pattern->matcher(status));
    if (U_FAILURE(status)) {
      m.reset();
      return false;
    }
    limit_matcher(*m);
  }
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, line.data(), static_cast<int64_t>(line.size()), &status);
  if (U_FAILURE(status)) return false;
  m->reset(&ut);
  // The matcher keeps a shallow clone of `ut`; it is reset before every later use.
  const bool found = m->find(status);
  utext_close(&ut);
  gave_up(pattern, status);
  return U_SUCCESS(status) && found;
}

void StopwordTable::add(std::string_view word, unsigned char bits) {
  if ((m_count + 1) * 2 > m_slots.size()) {
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
    m_count = 0;
    for (Slot& slot : old)
      if (slot.bits != 0) add(slot.word, slot.bits);
  }
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = hash(word) & mask;; i = (i + 1) & mask) {
    Slot& slot = m_slots[i];
    if (slot.bits == 0) {
      slot.word = std::string(word);
      slot.bits = bits;
      ++m_count;
      return;
    }
    if (slot.word == word) {
      slot.bits |= bits;
      return;
    }
  }
}

}  // namespace replylint::draft::detail
