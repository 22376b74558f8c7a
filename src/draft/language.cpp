// Language of a paragraph of own text: Greek by script, Spanish versus English by CLD2 and
// stop-word counts.
//
// Measured on tests/draft/fixtures/language/{es,en}.txt (60 labelled paragraphs of 1 to 60
// words; run the hidden "[draft-measure]" test to repeat it):
//   - CLD2 alone: 52/60 right. All 19 paragraphs of 8+ words right; 33/41 shorter ones. All 8
//     errors are short Spanish ("Gracias", "No hay problema.", "Adjunto la factura.") answered
//     ENGLISH, CLD2's documented default for short text, with is_reliable false.
//   - Stop-words (rules/<lang>/language.toml) alone: decide 51/60, and all 51 are right.
//   - This combination: 53 right, 0 wrong, 7 unknown (one- or two-word paragraphs such as
//     "Hecho." or "Done.", which then take the draft's dominant language in segment()).
// So: four or more stop-words all of one language decide at once; else a reliable CLD2 answer on
// 8+ words wins (not an English one against no English stop-word and three Spanish ones, or two
// and Spanish letters); else the stop-word majority; else Spanish-only letters (ñ, ¿, ¡, accented
// vowels); else a reliable CLD2 answer; else unknown.
#include "draft/internal.hpp"

#include <cld2/public/compact_lang_det.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace replylint::draft::detail {
namespace {

constexpr int k_cld2_min_words = 8;
// The lowercase of ASCII words up to this long is made on the stack.
constexpr std::size_t k_max_ascii_stopword_bytes = 32;

std::string cld2_language(std::string_view text, bool& reliable) {
  reliable = false;
  int valid = 0;
  const CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(
      text.data(), static_cast<int>(std::min<std::size_t>(text.size(), 1 << 20)), true, &reliable,
      &valid);
  if (lang == CLD2::SPANISH) return "es";
  if (lang == CLD2::ENGLISH) return "en";
  if (lang == CLD2::GREEK) return "el";
  reliable = false;
  return "";
}

bool has_spanish_letters(std::string_view text) {
  for (std::string_view mark : {"ñ", "Ñ", "¿", "¡", "á", "é", "í", "ó", "ú"})
    if (text.find(mark) != std::string_view::npos) return true;
  return false;
}

// Byte ranges of `text` between quotation marks («…», “…”, "…"), marks included: someone
// else's words ("El mensaje «Your payment could not be processed» aparece…"). Only short
// quotations: an opening mark without its close in 200 bytes quotes nothing.
std::vector<std::pair<std::size_t, std::size_t>> quotations(std::string_view text) {
  constexpr std::size_t k_max_quotation_bytes = 200;
  static constexpr std::pair<std::string_view, std::string_view> k_marks[] = {
      {"«", "»"}, {"“", "”"}, {"\"", "\""}};
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (const auto& [open, close] : k_marks) {
      if (text.compare(i, open.size(), open) != 0) continue;
      const std::size_t end = text.find(close, i + open.size());
      if (end == std::string_view::npos || end - i > k_max_quotation_bytes) continue;
      out.emplace_back(i, end + close.size());
      i = end + close.size() - 1;
      break;
    }
  }
  return out;
}

std::string detect(std::string_view text, const std::vector<Word>& words, const Compiled& c,
                   std::size_t base);

}  // namespace

std::string detect_language(std::string_view text, const std::vector<Word>& words,
                            const Compiled& c, std::size_t base) {
  static constexpr std::string_view k_quote_starts = "\"\xC2\xE2";  // ", «, “
  if (text.find_first_of(k_quote_starts) == std::string_view::npos)
    return detect(text, words, c, base);
  const auto quoted = quotations(text);
  if (quoted.empty()) return detect(text, words, c, base);
  // The paragraph's language is its writer's: quoted words count only when little else is left.
  std::vector<Word> own;
  std::string blanked(text);
  std::size_t q = 0;
  for (const Word& w : words) {
    const std::size_t at = w.range.begin - base;
    while (q < quoted.size() && quoted[q].second <= at) ++q;
    if (q < quoted.size() && quoted[q].first <= at) continue;
    own.push_back(w);
  }
  constexpr std::size_t k_min_own_words = 3;
  if (std::count_if(own.begin(), own.end(), [](const Word& w) {
        return w.kind == TokenKind::word;
      }) < static_cast<std::ptrdiff_t>(k_min_own_words))
    return detect(text, words, c, base);
  for (const auto& [b, e] : quoted) std::fill(blanked.begin() + b, blanked.begin() + e, ' ');
  return detect(blanked, own, c, base);
}

namespace {

// The word that stands alone on the paragraph's last line after other lines, capitalised, is
// a signature's name ("Best,\nElla"): a name that is also a function word of
// one language ("ella") must not decide the language of the sign-off above it.
const Word* signature_name(std::string_view text, const std::vector<Word>& words,
                           std::size_t base) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\r' ||
                     text[end - 1] == '\t'))
    --end;
  const std::size_t line = text.rfind('\n', end == 0 ? 0 : end - 1);
  if (line == std::string_view::npos) return nullptr;
  const Word* name = nullptr;
  for (const Word& w : words) {
    if (w.range.begin < base + line) continue;
    if (w.kind != TokenKind::word || name != nullptr) return nullptr;
    name = &w;
  }
  if (name == nullptr || name->text.empty() || name->text.front() < 'A' || name->text.front() > 'Z')
    return nullptr;
  return name;
}

std::string detect(std::string_view text, const std::vector<Word>& words, const Compiled& c,
                   std::size_t base) {
  int greek = 0, latin = 0, word_count = 0, header_name_words = 0, es_stop = 0, en_stop = 0;
  const Word* const name = signature_name(text, words, base);
  // Spanish letters in the paragraph's own words: a name from the headers ("Best,\nLucía")
  // tells nothing about the language around it.
  bool spanish_letters =
      text.find("¿") != std::string_view::npos || text.find("¡") != std::string_view::npos;
  std::string f;  // the folded word, its buffer reused
  for (const Word& w : words) {
    if (w.kind != TokenKind::word) continue;
    ++word_count;
    if (w.is_header_name) ++header_name_words;
    if (w.script == Script::greek)
      greek += w.letters;
    else if (w.script == Script::latin)
      latin += w.letters;
    if (w.script != Script::latin || &w == name) continue;
    // text::fold_case() of ASCII is its lowercase, made here in a buffer without its general
    // path; folding keeps an ASCII word's length, so one longer than every stop-word is none.
    char lower[k_max_ascii_stopword_bytes];
    std::size_t size = 0;
    bool ascii = true;
    for (const char ch : w.text) {
      if (static_cast<unsigned char>(ch) >= 0x80) {
        ascii = false;
        break;
      }
      if (size < sizeof lower)
        lower[size] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + ('a' - 'A')) : ch;
      ++size;
    }
    if (!ascii && !spanish_letters && !w.is_header_name && has_spanish_letters(w.text))
      spanish_letters = true;
    if (ascii && size > c.max_stopword_bytes) continue;
    if (ascii && size <= sizeof lower)
      f.assign(lower, size);
    else
      f = text::fold_case(w.text);
    if (f.size() > c.max_stopword_bytes) continue;
    if (!f.empty() && !c.es_en_stopword_ends.test(stopword_ends(f))) continue;
    const unsigned char in = c.es_en_stopwords.find(f);
    const bool in_es = (in & 1) != 0;
    const bool in_en = (in & 2) != 0;
    if (in_es && !in_en) ++es_stop;
    if (in_en && !in_es) ++en_stop;
  }
  if (greek + latin == 0) return "";
  if (greek * 2 > greek + latin) return "el";

  // A paragraph whose function words are all of one language needs no model: CLD2 costs about as
  // much as all of the rest of the segmentation.
  if (es_stop + en_stop >= 4 && (es_stop == 0 || en_stop == 0)) return es_stop > 0 ? "es" : "en";
  // CLD2 runs only where its answer can decide: on 8+ words, or when nothing cheaper does.
  if (word_count < k_cld2_min_words && es_stop != en_stop) return es_stop > en_stop ? "es" : "en";
  if (word_count < k_cld2_min_words && spanish_letters) return "es";
  // Two words and a name ("Best,\nLucía") are too few for the model, which reads the name's
  // accent as Spanish: the paragraph takes the draft's language.
  if (header_name_words > 0 && word_count - header_name_words < 3) return "";
  bool reliable = false;
  const std::string cld = cld2_language(text, reliable);
  // CLD2 can still give its ENGLISH default on short Spanish text ("Error: longitud de la cadena
  // de preferencias inválida.", "Obtiene entradas de la base de datos administrativa."): Spanish
  // function words and no English one overrule it, two with Spanish letters or three without.
  const bool spanish_signs = en_stop == 0 && (es_stop >= 3 || (es_stop == 2 && spanish_letters));
  if (word_count >= k_cld2_min_words && reliable &&
      (cld == "es" || (cld == "en" && !spanish_signs)))
    return cld;
  if (es_stop != en_stop) return es_stop > en_stop ? "es" : "en";
  if (spanish_letters) return "es";
  // An unreliable answer on short text is CLD2's ENGLISH default, not evidence.
  if (reliable && (cld == "es" || cld == "en")) return cld;
  return "";
}

}  // namespace

}  // namespace replylint::draft::detail
