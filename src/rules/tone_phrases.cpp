#include "rules/tone_phrases.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>

#include "text/text.hpp"

namespace replylint::rules {
namespace {

bool overlaps(const PhraseMatch& a, const PhraseMatch& b) {
  return a.range.begin < b.range.end && b.range.begin < a.range.end;
}

UChar32 first_code_point(std::string_view text, int32_t& length) {
  length = 0;
  if (text.empty()) return U_SENTINEL;
  UChar32 c;
  U8_NEXT(text.data(), length, static_cast<int32_t>(text.size()), c);
  return c;
}

// The suggestion with its first letter in capitals when the writer's text starts with one
// ("Como ya le dije" → "Como le comenté"); the data writes suggestions in lowercase.
std::string match_capital(std::string_view found, const std::string& suggestion) {
  int32_t found_length = 0;
  const UChar32 first = first_code_point(found, found_length);
  if (first < 0 || !(u_isupper(first) || u_istitle(first))) return suggestion;
  int32_t length = 0;
  const UChar32 head = first_code_point(suggestion, length);
  if (head < 0 || !u_islower(head)) return suggestion;
  const UChar32 upper = u_toupper(head);
  std::string out;
  char bytes[U8_MAX_LENGTH];
  int32_t size = 0;
  UBool error = false;
  U8_APPEND(bytes, size, U8_MAX_LENGTH, upper, error);
  if (error) return suggestion;
  out.assign(bytes, static_cast<std::size_t>(size));
  out += suggestion.substr(static_cast<std::size_t>(length));
  return out;
}

}  // namespace

TonePhrases::TonePhrases(const data::DataSet& data, std::string_view rule_id,
                         spell::Stemmer* stemmer, ExcuseScope scope)
    : m_phrases(data, rule_id, stemmer),
      m_exceptions(data, std::string(rule_id) + ".unless", stemmer),
      m_scope(scope) {}

std::vector<PhraseMatch> TonePhrases::find(const Draft& draft) const {
  std::vector<PhraseMatch> found = m_phrases.find(draft);
  if (found.empty() || m_exceptions.empty()) return found;
  std::vector<PhraseMatch> exceptions = m_exceptions.find(draft);
  // A way forward that is part of a finding ("no podemos ayudarle", "δεν μπορούμε να σας
  // βοηθήσουμε") is no way forward.
  if (m_scope == ExcuseScope::nearby)
    std::erase_if(exceptions, [&](const PhraseMatch& e) {
      return std::any_of(found.begin(), found.end(),
                         [&](const PhraseMatch& m) { return overlaps(m, e); });
    });
  if (exceptions.empty()) return found;
  const std::vector<const Sentence*> sentences = draft.own_sentences();
  std::erase_if(found, [&](const PhraseMatch& m) { return excused(m, exceptions, sentences); });
  return found;
}

bool TonePhrases::excused(const PhraseMatch& match, const std::vector<PhraseMatch>& exceptions,
                          const std::vector<const Sentence*>& sentences) const {
  const Sentence* next = nullptr;
  if (m_scope == ExcuseScope::nearby) {
    const auto here = std::find(sentences.begin(), sentences.end(), match.sentence);
    if (here != sentences.end() && here + 1 != sentences.end()) next = *(here + 1);
  }
  return std::any_of(exceptions.begin(), exceptions.end(), [&](const PhraseMatch& e) {
    if (m_scope == ExcuseScope::nearby)
      return e.sentence == match.sentence || (next != nullptr && e.sentence == next);
    if (overlaps(match, e)) return true;
    return e.sentence == match.sentence && e.first_word >= match.end_word &&
           e.first_word <= match.end_word + k_adjacent_words;
  });
}

namespace {

// True when no letter or digit follows the match before its sentence ends: punctuation closes
// the phrase ("No podemos hacer nada.", "…nada, pero…").
bool ends_clause(std::string_view text, const PhraseMatch& match) {
  const std::size_t end =
      std::min(match.sentence != nullptr ? match.sentence->range.end : text.size(), text.size());
  std::int32_t i = static_cast<std::int32_t>(match.range.end);
  while (i < static_cast<std::int32_t>(end)) {
    UChar32 c;
    U8_NEXT(text.data(), i, static_cast<std::int32_t>(end), c);
    if (c < 0 || u_isWhitespace(c)) continue;
    return !u_isalnum(c);
  }
  return true;
}

// True when nothing but white space stands between the start of the match's sentence, or a
// comma, semicolon, colon or dash, and the match: "…aduana; no es nuestro problema", not "…así
// que no es nuestro problema".
bool starts_clause(std::string_view text, const PhraseMatch& match) {
  const std::size_t begin = match.sentence != nullptr ? match.sentence->range.begin : 0;
  std::size_t i = std::min(match.range.begin, text.size());
  while (i > begin &&
         (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n' || text[i - 1] == '\r'))
    --i;
  if (i <= begin) return true;
  const std::string_view before = text.substr(begin, i - begin);
  for (const std::string_view mark :
       {",", ";", ":", "-", "\u2013", "\u2014", "(", "\u00bf", "\u00a1", "\"", "\u00ab", "\u201c"})
    if (before.ends_with(mark)) return true;
  return false;
}

}  // namespace

void report_tone(const Draft& draft, const PhraseMatch& match, std::string_view message,
                 std::string_view default_help, Reporter& out, FixWhen fix_when) {
  const std::string_view found =
      std::string_view(draft.text()).substr(match.range.begin, match.range.size());
  auto finding = out.report(match.range, "{} '{}'", core::i18n::translated(message),
                            text::collapse_space(found));  // a wrapped phrase on one line
  finding.help(match.phrase->help.empty() ? std::string(default_help) : match.phrase->help);
  if (match.phrase->suggest.empty()) return;
  const std::string suggestion = match_capital(found, match.phrase->suggest);
  finding.suggest(suggestion);
  if (fix_when == FixWhen::always ||
      (ends_clause(draft.text(), match) && starts_clause(draft.text(), match)))
    finding.replace_with(suggestion, Applicability::unsafe,
                         core::i18n::fragment("replace with '{}'", suggestion));
}

}  // namespace replylint::rules
