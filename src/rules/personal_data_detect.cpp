#include "rules/personal_data_detect.hpp"

#include "core/i18n.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

#include "draft/draft.hpp"
#include "rules/check_scope.hpp"
#include "text/text.hpp"

namespace replylint::rules::personal_data {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// A byte that joins a value to its neighbour: a letter or digit of any script (UTF-8 bytes of
// letters are >= 0x80), or a connector inside codes and paths.
bool glues(char c) {
  return is_alnum(c) || static_cast<unsigned char>(c) >= 0x80 || c == '_' || c == '@' || c == '/';
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

// ISO 13616 registry (SWIFT IBAN registry): country code and IBAN length.
constexpr std::array<std::pair<std::string_view, int>, 89> k_iban_lengths{{
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27},
    {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
    {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28},
    {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
    {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28},
    {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
}};

int iban_length(std::string_view country) {
  for (const auto& [code, length] : k_iban_lengths)
    if (code == country) return length;
  return 0;
}

constexpr std::string_view k_id_letters = "TRWAGMYFPDXBNJZSQVHLCKE";

int prefix_number(std::string_view digits, std::size_t count) {
  int n = 0;
  for (std::size_t i = 0; i < count && i < digits.size(); ++i) n = n * 10 + (digits[i] - '0');
  return n;
}

// The bytes of the line holding text[at], bounded by `within`.
std::string_view line_around(std::string_view text, core::Range within, std::size_t begin,
                             std::size_t end) {
  std::size_t from = begin == 0 ? std::string_view::npos : text.rfind('\n', begin - 1);
  from = (from == std::string_view::npos || from < within.begin) ? within.begin : from + 1;
  std::size_t to = text.find('\n', end);
  if (to == std::string_view::npos || to > within.end) to = within.end;
  return text.substr(from, to - from);
}

// The words of `line`, folded, accents and dots removed ("Α.Φ.Μ." → "αφμ").
std::vector<std::string> label_words(std::string_view line) {
  std::string key = text::loose_key(line);
  std::erase(key, '.');
  std::vector<std::string> words;
  std::string word;
  for (char c : key) {
    if (static_cast<unsigned char>(c) >= 0x80 || is_alnum(c)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// A 9-digit AFM or an 11-digit AMKA passes its check by chance too often (1 number in 10) to be
// flagged without its name on the same line.
bool labelled(std::string_view line, Kind kind) {
  for (const std::string& w : label_words(line)) {
    if (kind == Kind::afm) {
      if (w == "αφμ" || w == "afm" || w == "vat" || w == "nif" || w == "tin" || w == "tax" ||
          w.starts_with("φορολογικ"))
        return true;
    } else if (w == "αμκα" || w == "amka") {
      return true;
    }
  }
  return false;
}

// A run of digit groups starting at `at`: "4111 1111 1111 1111", "3782-822463-10005" or one
// group. Separators are one space or one dash, the same throughout.
struct DigitRun {
  std::string digits;
  std::vector<std::size_t> groups;
  std::size_t end = 0;
};

DigitRun digit_run(std::string_view text, std::size_t at, std::size_t limit, bool grouped) {
  DigitRun run;
  char separator = 0;
  std::size_t i = at;
  for (;;) {
    const std::size_t start = i;
    while (i < limit && is_digit(text[i])) run.digits += text[i++];
    run.groups.push_back(i - start);
    run.end = i;
    if (!grouped || i + 1 >= limit || (text[i] != ' ' && text[i] != '-') || !is_digit(text[i + 1]))
      break;
    if (separator != 0 && text[i] != separator) break;
    separator = text[i];
    ++i;
    if (run.digits.size() > 19) break;
  }
  return run;
}

// Card numbers are printed compact or in the schemes' groupings: fours (the last shorter),
// 4-6-5 (American Express) or 4-6-4 (Diners Club).
bool card_grouping(const std::vector<std::size_t>& groups) {
  if (groups.size() == 1) return true;
  if (groups == std::vector<std::size_t>{4, 6, 5} || groups == std::vector<std::size_t>{4, 6, 4})
    return true;
  if (groups.size() < 3) return false;
  for (std::size_t i = 0; i + 1 < groups.size(); ++i)
    if (groups[i] != 4) return false;
  return groups.back() >= 1 && groups.back() <= 4;
}

// True when the value ending at `end` stands alone: nothing glued after it, and a '.', ',' or
// '-' after it ends a sentence or clause rather than continuing a number.
bool ends_clean(std::string_view text, std::size_t end, std::size_t limit) {
  if (end >= limit) return true;
  const char c = text[end];
  if (glues(c)) return false;
  if ((c == '.' || c == ',' || c == '-') && end + 1 < limit && is_alnum(text[end + 1]))
    return false;
  return true;
}

// True when `key` (a loose key) is the loose key of one of `words`: folding turns "σας" into
// "σασ", so the lists are compared as keys, not as written.
template <std::size_t N>
bool in_keys(const std::array<std::string_view, N>& words, std::string_view key) {
  return std::ranges::any_of(words, [&](std::string_view w) { return text::loose_key(w) == key; });
}

// The last words before `at` on its line name an order, a booking, an invoice or another
// reference ("Pedido 4000012345678905", "Order #4000…", "la referencia 4020 1234 5678 9013"),
// not a card: one such number in ten passes the card checks by chance.
bool names_a_reference(std::string_view text, std::size_t at) {
  constexpr std::size_t k_label_words = 3;
  const std::size_t newline = text.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t line_start = newline == std::string_view::npos || at == 0 ? 0 : newline + 1;
  const std::vector<std::string> words = label_words(text.substr(line_start, at - line_start));
  static constexpr std::array<std::string_view, 8> k_card_words{
      "tarjeta", "card", "visa", "mastercard", "amex", "καρτα", "καρτας", "καρτασ"};
  static constexpr std::array<std::string_view, 34> k_reference_words{
      "pedido",   "order",       "orden",        "ref",          "referencia", "reference",
      "tracking", "seguimiento", "envio",        "shipment",     "contrato",   "contract",
      "factura",  "invoice",     "recibo",       "receipt",      "ticket",     "expediente",
      "caso",     "case",        "albaran",      "poliza",       "policy",     "localizador",
      "reserva",  "booking",     "confirmation", "confirmacion", "parcel",     "paquete",
      "guia",     "folio",       "suministro",   "cups"};
  static constexpr std::array<std::string_view, 8> k_greek_stems{
      "παραγγελ", "τιμολογ", "αποδειξ", "συμβολαι", "κρατησ", "αποστολ", "παραστατικ", "δεμα"};
  bool reference = false;
  for (std::size_t k = words.size() > k_label_words ? words.size() - k_label_words : 0;
       k < words.size(); ++k) {
    const std::string& w = words[k];
    if (in_keys(k_card_words, w)) return false;
    if (in_keys(k_reference_words, w) ||
        std::any_of(k_greek_stems.begin(), k_greek_stems.end(),
                    [&](std::string_view stem) { return w.starts_with(stem); }))
      reference = true;
  }
  return reference;
}

std::optional<Found> card_at(std::string_view text, std::size_t at, std::size_t limit,
                             bool grouped) {
  const DigitRun run = digit_run(text, at, limit, grouped);
  if (run.digits.size() < 13 || run.digits.size() > 19) return std::nullopt;
  if (!card_grouping(run.groups) || !ends_clean(text, run.end, limit)) return std::nullopt;
  const auto scheme = card_scheme(run.digits);
  if (!scheme || !luhn_valid(run.digits) || names_a_reference(text, at)) return std::nullopt;
  return Found{Kind::card, {at, run.end}, std::string(*scheme)};
}

std::optional<Found> iban_at(std::string_view text, std::size_t at, std::size_t limit) {
  if (at + 4 > limit || !is_letter(text[at]) || !is_letter(text[at + 1]) ||
      !is_digit(text[at + 2]) || !is_digit(text[at + 3]))
    return std::nullopt;
  const std::string country{to_upper(text[at]), to_upper(text[at + 1])};
  const auto length = static_cast<std::size_t>(iban_length(country));
  if (length == 0) return std::nullopt;
  std::string compact;
  std::size_t i = at;
  while (i < limit && compact.size() < length) {
    if (is_alnum(text[i])) {
      compact += text[i++];
    } else if ((text[i] == ' ' || text[i] == '-') && compact.size() % 4 == 0 && i + 1 < limit &&
               is_alnum(text[i + 1])) {
      ++i;  // the print format's groups of four, spaced or dashed
    } else {
      break;
    }
  }
  if (compact.size() != length || !ends_clean(text, i, limit) || !iban_valid(compact))
    return std::nullopt;
  return Found{Kind::iban, {at, i}, country};
}

// "12345678Z", "12345678-Z", "12345678 Z", "12.345.678-Z", "12345678z"; "X1234567L",
// "X-1234567-L".
std::optional<Found> spanish_id_at(std::string_view text, std::size_t at, std::size_t limit) {
  // A lowercase lead only joined to the digits ("y1234567x", "y-1234567-x"): "y 1234…" is "and".
  const char lead = static_cast<char>(std::toupper(static_cast<unsigned char>(text[at])));
  const bool joined = at + 1 < limit && (is_digit(text[at + 1]) || text[at + 1] == '-');
  const bool nie = (lead == 'X' || lead == 'Y' || lead == 'Z') && (is_upper(text[at]) || joined);
  std::string value;
  std::size_t i = at;
  if (nie) {
    value += lead;
    ++i;
    if (i < limit && text[i] == '-') ++i;
  }
  const std::size_t digits = nie ? 7 : 8;
  // A DNI is often written with thousands dots: both of them or none.
  const bool dotted = !nie && at + 2 < limit && text[at + 2] == '.';
  for (std::size_t n = 0; n < digits; ++n, ++i) {
    if (dotted && (n == 2 || n == 5)) {
      if (i >= limit || text[i] != '.') return std::nullopt;
      ++i;
    }
    if (i >= limit || !is_digit(text[i])) return std::nullopt;
    value += text[i];
  }
  bool spaced = false;
  if (i < limit && (text[i] == '-' || text[i] == ' ')) spaced = text[i++] == ' ';
  // A lowercase letter only joined to the number ("12345678z", "12345678-z"): after a space
  // it is a word ("40123457 a su dirección", "40123460 y 40123461").
  if (i >= limit ||
      !(is_upper(text[i]) || (!spaced && std::islower(static_cast<unsigned char>(text[i])))))
    return std::nullopt;
  value += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i++])));
  if (!ends_clean(text, i, limit)) return std::nullopt;
  if (nie ? !nie_valid(value) : !dni_valid(value)) return std::nullopt;
  return Found{nie ? Kind::nie : Kind::dni, {at, i}, ""};
}

// The label among the last `count` words of `line` before `end`, in the same clause: a grouped
// Greek id names its label right before it ("ΑΦΜ: 094 259 216"), where a phone number of the same
// shape on a line that names an AFM elsewhere does not.
bool labelled_just_before(std::string_view line, std::size_t end, Kind kind, std::size_t count) {
  std::string_view clause = line.substr(0, end);
  if (const std::size_t cut = clause.find_last_of(",;"); cut != std::string_view::npos)
    clause.remove_prefix(cut + 1);
  std::vector<std::string> words = label_words(clause);
  if (words.size() > count)
    words.erase(words.begin(), words.end() - static_cast<std::ptrdiff_t>(count));
  std::string joined;
  for (const std::string& w : words) joined += w + ' ';
  return labelled(joined, kind);
}

// A 9-digit AFM ("094259216", grouped "094 259 216") or an 11-digit AMKA ("01018012342",
// "010180-12342", "010180 12342") with its label on the line (grouped: just before it).
std::optional<Found> greek_id_at(std::string_view text, core::Range within, std::size_t at) {
  const DigitRun run = digit_run(text, at, within.end, true);
  const std::string& digits = run.digits;
  if (!ends_clean(text, run.end, within.end)) return std::nullopt;
  const bool grouped = run.groups.size() > 1;
  Kind kind;
  if (digits.size() == 9 && afm_valid(digits) &&
      (!grouped || run.groups == std::vector<std::size_t>{3, 3, 3}))
    kind = Kind::afm;
  else if (digits.size() == 11 && amka_valid(digits) &&
           (!grouped || run.groups == std::vector<std::size_t>{6, 5}))
    kind = Kind::amka;
  else
    return std::nullopt;
  const std::string_view line = line_around(text, within, at, run.end);
  if (grouped) {
    const auto line_begin = static_cast<std::size_t>(line.data() - text.data());
    if (!labelled_just_before(line, at - line_begin, kind, 3)) return std::nullopt;
  } else if (!labelled(line, kind)) {
    return std::nullopt;
  }
  return Found{kind, {at, run.end}, ""};
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(text::count_code_points(s));
}

// A value that is something else than a secret: a link, an address, a placeholder, a mask.
bool not_a_secret(std::string_view value) {
  if (value.find("://") != std::string_view::npos || value.starts_with("www.")) return true;
  if (value.find('@') != std::string_view::npos && value.find('.') != std::string_view::npos)
    return true;
  if (value.starts_with('{') || value.starts_with('[') || value.starts_with('%') ||
      value.starts_with('$') || value.starts_with('<') || value.starts_with('('))
    return true;
  // A length, not a value: "3-digit", "8-character".
  const std::size_t dash = value.find('-');
  if (dash != std::string_view::npos && dash > 0 && all_digits(value.substr(0, dash)) &&
      std::all_of(value.begin() + static_cast<std::ptrdiff_t>(dash) + 1, value.end(), is_letter))
    return true;
  // Already masked ("****", "XXXX-XXXX", "•••").
  std::string rest(value);
  for (std::string_view mark : {"*", "x", "X", "#", "-", "•", "·"}) {
    for (std::size_t at = rest.find(mark); at != std::string::npos; at = rest.find(mark))
      rest.erase(at, mark.size());
  }
  return rest.empty() || (std::all_of(rest.begin(), rest.end(), is_digit) && rest.size() <= 4 &&
                          value.size() >= rest.size() + 4);
}

// An ASCII character that makes a value look made: not a letter, digit, hyphen or apostrophe.
bool is_symbol(char c) {
  return static_cast<unsigned char>(c) < 0x80 && !is_alnum(c) && c != '-' && c != '\'';
}

bool has(std::string_view value, bool (*test)(char)) {
  return std::any_of(value.begin(), value.end(), test);
}

// A value with letters and a digit or a symbol: "Summer2025!", not "+34 600…" or "30 days".
bool made_with_letters(std::string_view value) {
  if (not_a_secret(value) || code_points(value) < 6) return false;
  return has(value, is_letter) && (has(value, is_digit) || has(value, is_symbol));
}

// A value that is plainly made, with nothing to introduce it: letters, a digit, and a symbol or
// both cases ("Tk93!mq", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"), never a word.
bool plainly_made(std::string_view value) {
  if (!made_with_letters(value)) return false;
  const bool lower = has(value, [](char c) { return c >= 'a' && c <= 'z'; });
  return has(value, is_digit) && (has(value, is_symbol) || (has(value, is_upper) && lower));
}

// A secret looks made, not written: a digit, a symbol, or a capital inside it. Plain words
// ("incorrecta", "not", "case-sensitive") are the sentence going on.
// Words joined by hyphens into a passphrase ("caballo-azul-grapa-nube",
// "correct-horse-battery"): three parts or more, each a word of three letters or more, where a
// compound ("auto-generada", "case-sensitive") has two.
bool is_passphrase(std::string_view value) {
  std::size_t parts = 0;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = std::min(value.find('-', begin), value.size());
    const std::string_view part = value.substr(begin, end - begin);
    if (part.size() < 3 || !std::all_of(part.begin(), part.end(), is_letter)) return false;
    ++parts;
    if (end == value.size()) break;
    begin = end + 1;
  }
  return parts >= 3;
}

bool looks_secret(std::string_view value, bool quoted) {
  if (not_a_secret(value)) return false;
  const bool digits_only = all_digits(value);
  if (code_points(value) < (digits_only ? 3 : 4)) return false;
  if (quoted) return true;
  bool digit = false, symbol = false, inner_capital = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (is_digit(c))
      digit = true;
    else if (i > 0 && is_upper(c))
      inner_capital = true;
    else if (is_symbol(c))
      symbol = true;
  }
  return digit || symbol || inner_capital || is_passphrase(value);
}

// Verbs and words that join a phrase to its value, as loose keys: "es", "is", "είναι", "will
// be", "la siguiente", "σας".
bool joining_word(std::string_view key) {
  static constexpr std::array<std::string_view, 24> k_words{
      "es",        "sera", "seria", "is",        "will", "be",      "would",     "ειναι",
      "θα",        "ηταν", "σας",   "σου",       "la",   "el",      "siguiente", "the",
      "following", "ο",    "εξης",  "ακολουθος", "as",   "follows", "are",       "son"};
  return in_keys(k_words, key);
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Line breaks count as blanks: the limits callers give end a value's search at its line, or
// at the next one when the text was wrapped there (wrapped_line_end).
void skip_blanks(std::string_view text, std::size_t& i, std::size_t limit) {
  while (i < limit && is_blank(text[i])) ++i;
}

// A word that ties a few more words to a password phrase: "la contraseña provisional *de* su
// cuenta es", "ο κωδικός επαλήθευσης *για* την αλλαγή είναι", "password *for* the portal is", or
// opens a relative clause: "el código *que* te mandamos por SMS es", "the code *we* sent you is".
bool gap_opener(std::string_view key) {
  static constexpr std::array<std::string_view, 23> k_words{
      "de",  "del",  "para", "por", "en",  "for", "of",  "on",   "to",    "για", "του", "της",
      "στο", "στον", "στην", "με",  "απο", "των", "que", "that", "which", "we",  "που"};
  return in_keys(k_words, key);
}

// A verb that gives the value: "es", "is", "είναι", "will be".
bool giving_verb(std::string_view key) {
  static constexpr std::array<std::string_view, 9> k_verbs{"es",    "sera", "seria", "is", "will",
                                                           "ειναι", "θα",   "are",   "son"};
  return in_keys(k_verbs, key);
}

// Where a value's ':' or verb starts after a few plain words that open with a preposition
// ("de su cuenta es", "for the portal is"), at most `max_words` of them and in the same
// clause; nullopt when there is none.
std::optional<std::size_t> skip_gap(std::string_view text, std::size_t at, std::size_t limit,
                                    std::size_t max_words) {
  std::size_t i = at;
  for (std::size_t words = 0; words <= max_words && i < limit; ++words) {
    if (words > 0 && (text[i] == ':' || text[i] == '=')) return i;
    std::size_t end = i;
    while (end < limit && !is_blank(text[end]) && text[end] != ':') ++end;
    const std::string_view word = text.substr(i, end - i);
    const std::string key = text::loose_key(word);
    if (words > 0 && giving_verb(key)) return i;
    if (words == 0 && !gap_opener(key)) return std::nullopt;
    // Only plain words: a digit or a symbol is a value or the clause ending.
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x80 || is_letter(c) || c == '\'' || c == '-';
    });
    if (!plain) return std::nullopt;
    i = end;
    skip_blanks(text, i, limit);
  }
  return std::nullopt;
}

// Where the verb after a short comma aside starts ("…, valid for 24 hours, is"), from just past
// the aside's opening comma; nullopt when no verb follows its closing comma.
std::optional<std::size_t> verb_after_aside(std::string_view text, std::size_t at,
                                            std::size_t limit) {
  constexpr std::size_t k_max_aside_words = 6;
  std::size_t i = at;
  skip_blanks(text, i, limit);
  for (std::size_t words = 0; words < k_max_aside_words && i < limit; ++words) {
    std::size_t end = i;
    while (end < limit && !is_blank(text[end]) && text[end] != ',') ++end;
    if (end == i) return std::nullopt;
    if (end < limit && text[end] == ',') {
      std::size_t verb = end + 1;
      skip_blanks(text, verb, limit);
      std::size_t verb_end = verb;
      while (verb_end < limit && !is_blank(text[verb_end])) ++verb_end;
      if (verb_end > verb && giving_verb(text::loose_key(text.substr(verb, verb_end - verb))))
        return verb;
      return std::nullopt;
    }
    i = end;
    skip_blanks(text, i, limit);
  }
  return std::nullopt;
}

}  // namespace

bool luhn_valid(std::string_view digits) {
  if (digits.size() < 2 || !all_digits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::optional<std::string_view> card_scheme(std::string_view digits) {
  if (!all_digits(digits)) return std::nullopt;
  const std::size_t n = digits.size();
  const int p1 = prefix_number(digits, 1), p2 = prefix_number(digits, 2),
            p3 = prefix_number(digits, 3), p4 = prefix_number(digits, 4),
            p6 = prefix_number(digits, 6);
  if (p1 == 4 && (n == 13 || n == 16 || n == 19)) return "Visa";
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n == 16) return "Mastercard";
  if ((p2 == 34 || p2 == 37) && n == 15) return "American Express";
  if ((p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) &&
      n >= 16 && n <= 19)
    return "Discover";
  if ((p2 == 36 || p2 == 38 || (p3 >= 300 && p3 <= 305)) && n >= 14 && n <= 19)
    return "Diners Club";
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return "JCB";
  if (p2 == 62 && n >= 16 && n <= 19) return "UnionPay";
  if ((p2 == 50 || (p2 >= 56 && p2 <= 58) || p2 == 63 || p2 == 67) && n >= 13 && n <= 19)
    return "Maestro";
  return std::nullopt;
}

bool iban_valid(std::string_view compact) {
  if (compact.size() < 5 || !std::all_of(compact.begin(), compact.end(), is_alnum)) return false;
  const std::string country{to_upper(compact[0]), to_upper(compact[1])};
  if (!is_letter(compact[0]) || !is_letter(compact[1]) || !is_digit(compact[2]) ||
      !is_digit(compact[3]))
    return false;
  if (static_cast<std::size_t>(iban_length(country)) != compact.size()) return false;
  // ISO 7064 mod 97-10 on the rearranged number, letters as 10..35.
  int remainder = 0;
  auto feed = [&](char c) {
    const char u = to_upper(c);
    if (is_digit(u)) {
      remainder = (remainder * 10 + (u - '0')) % 97;
    } else {
      const int v = u - 'A' + 10;
      remainder = (remainder * 100 + v) % 97;
    }
  };
  for (char c : compact.substr(4)) feed(c);
  for (char c : compact.substr(0, 4)) feed(c);
  return remainder == 1;
}

bool dni_valid(std::string_view value) {
  if (value.size() != 9 || !all_digits(value.substr(0, 8))) return false;
  const long number = std::stol(std::string(value.substr(0, 8)));
  return value[8] == k_id_letters[static_cast<std::size_t>(number % 23)];
}

bool nie_valid(std::string_view value) {
  if (value.size() != 9) return false;
  const std::size_t lead = std::string_view("XYZ").find(value[0]);
  if (lead == std::string_view::npos) return false;
  return dni_valid(std::string(1, static_cast<char>('0' + lead)) + std::string(value.substr(1)));
}

bool afm_valid(std::string_view digits) {
  if (digits.size() != 9 || !all_digits(digits) || digits == "000000000") return false;
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) sum += (digits[i] - '0') << (8 - i);
  return (sum % 11) % 10 == digits[8] - '0';
}

bool amka_valid(std::string_view digits) {
  if (digits.size() != 11 || !all_digits(digits)) return false;
  const int day = prefix_number(digits, 2);
  const int month = prefix_number(digits.substr(2), 2);
  static constexpr std::array<int, 12> k_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > k_days[static_cast<std::size_t>(month - 1)])
    return false;
  return luhn_valid(digits);
}

std::string_view describe(Kind kind) {
  switch (kind) {
    case Kind::card:
      return N_("payment card number");
    case Kind::iban:
      return N_("bank account number (IBAN)");
    case Kind::dni:
      return N_("Spanish national id number (DNI)");
    case Kind::nie:
      return N_("Spanish foreigner id number (NIE)");
    case Kind::afm:
      return N_("Greek tax number (AFM)");
    case Kind::amka:
      return N_("Greek social security number (AMKA)");
    case Kind::id_card:
      return N_("Greek identity card number (ΑΔΤ)");
    case Kind::secret:
      return N_("password or one-time code");
  }
  return N_("personal data");
}

namespace {

// A capital letter a Greek identity card number may start with: Greek, or the Latin one a
// keyboard gives for it ("AK 123456" typed in Latin). Returns its length in bytes, or 0.
std::size_t id_card_letter(std::string_view text, std::size_t at) {
  if (at < text.size() && text[at] >= 'A' && text[at] <= 'Z') return 1;
  if (at + 1 < text.size() && static_cast<unsigned char>(text[at]) == 0xCE) {
    const auto second = static_cast<unsigned char>(text[at + 1]);
    if (second >= 0x91 && second <= 0xA9) return 2;  // U+0391..U+03A9
  }
  return 0;
}

// A Greek identity card number ending with the six digits at text[digits, digits + 6): one or
// two capitals right before them, after a space or a dash at most ("ΑΚ 123456", "Χ-123456",
// "AB123456"), nothing of a word before the letters.
std::optional<core::Range> id_card_before(std::string_view text, core::Range within,
                                          std::size_t digits) {
  std::size_t begin = digits;
  if (begin > within.begin && (text[begin - 1] == ' ' || text[begin - 1] == '-')) --begin;
  std::size_t letters = 0;
  while (letters < 2 && begin > within.begin) {
    std::size_t size = 0;
    if (begin >= within.begin + 2 && id_card_letter(text, begin - 2) == 2)
      size = 2;
    else if (id_card_letter(text, begin - 1) == 1)
      size = 1;
    if (size == 0) break;
    begin -= size;
    ++letters;
  }
  if (letters == 0 || (begin > within.begin && glues(text[begin - 1]))) return std::nullopt;
  return core::Range{begin, digits + 6};
}

// The label stands among the last four words before the card, in its clause: "αριθμός
// ταυτότητάς σας ΑΚ 123456", "ΑΔΤ: Χ-654321", not "… ταυτότητα. Η παραγγελία ΑΚ 123456".
bool id_card_labelled(std::string_view before) {
  std::size_t cut = before.find_last_of(",;");
  for (std::size_t dot = before.find(". "); dot != std::string_view::npos;
       dot = before.find(". ", dot + 1))
    if (cut == std::string_view::npos || dot > cut) cut = dot;
  if (cut != std::string_view::npos) before.remove_prefix(cut + 1);
  std::vector<std::string> words = label_words(before);
  constexpr std::size_t k_label_reach = 4;
  if (words.size() > k_label_reach)
    words.erase(words.begin(), words.end() - static_cast<std::ptrdiff_t>(k_label_reach));
  return std::ranges::any_of(
      words, [](const std::string& w) { return w == "αδτ" || w.starts_with("ταυτοτητ"); });
}

// Greek identity card numbers on lines that name one ("ΑΔΤ", "αριθμός ταυτότητας"): the card
// number has no check digit, so six digits after a capital are one only under its label.
void find_id_cards(std::string_view text, core::Range within, std::vector<Found>& found) {
  std::size_t i = within.begin;
  while (i < within.end) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < within.end && is_digit(text[end])) ++end;
    if (end - i == 6 && (end == within.end || !glues(text[end]))) {
      if (const auto card = id_card_before(text, within, i)) {
        const bool taken = std::ranges::any_of(found, [&](const Found& f) {
          return f.range.begin < card->end && card->begin < f.range.end;
        });
        const std::string_view line = line_around(text, within, card->begin, card->end);
        const auto line_begin = static_cast<std::size_t>(line.data() - text.data());
        if (!taken && id_card_labelled(line.substr(0, card->begin - line_begin)))
          found.push_back({Kind::id_card, *card, ""});
      }
    }
    i = end;
  }
}

}  // namespace

std::vector<Found> find_numbers(std::string_view text, core::Range within) {
  within.end = std::min(within.end, text.size());
  std::vector<Found> found;
  if (within.begin >= within.end) return found;
  if (std::none_of(text.begin() + static_cast<std::ptrdiff_t>(within.begin),
                   text.begin() + static_cast<std::ptrdiff_t>(within.end), is_digit))
    return found;
  std::size_t i = within.begin;
  while (i < within.end) {
    const char c = text[i];
    const bool starts =
        is_alnum(c) &&
        (i == within.begin || (!glues(text[i - 1]) && text[i - 1] != '-' && text[i - 1] != '+'));
    if (!starts) {
      ++i;
      continue;
    }
    std::optional<Found> hit;
    if (is_letter(c)) {
      hit = iban_at(text, i, within.end);
      if (!hit && std::string_view("XYZxyz").find(c) != std::string_view::npos)
        hit = spanish_id_at(text, i, within.end);
    } else {
      // A group continuing a run that did not make a card ("1234 5678 ...") may only be a
      // card by itself, compact.
      const bool continues = i >= within.begin + 2 && (text[i - 1] == ' ') && is_digit(text[i - 2]);
      hit = card_at(text, i, within.end, !continues);
      if (!hit) hit = spanish_id_at(text, i, within.end);
      if (!hit) hit = greek_id_at(text, within, i);
    }
    if (hit) {
      i = hit->range.end;
      found.push_back(std::move(*hit));
      continue;
    }
    while (i < within.end && is_alnum(text[i])) ++i;
  }
  const std::size_t before = found.size();
  find_id_cards(text, within, found);
  if (found.size() != before)
    std::ranges::sort(found,
                      [](const Found& a, const Found& b) { return a.range.begin < b.range.begin; });
  return found;
}

// Where a value after `from` may end: the end of the next line when that line goes on with
// the paragraph, else of its own. Plain-text mail is wrapped at 72 columns, and "Su contraseña
// provisional es⏎Lima-2025!k" or "the password for your⏎account is Tk93!mq" give it all the
// same. A blank or quoted next line is another paragraph.
std::size_t wrapped_line_end(std::string_view text, std::size_t from, std::size_t limit) {
  limit = std::min(limit, text.size());
  const std::size_t newline = text.find('\n', from);
  if (newline >= limit) return limit;
  const std::size_t next_end = std::min(limit, text.find('\n', newline + 1));
  std::size_t first = newline + 1;
  while (first < next_end && (text[first] == ' ' || text[first] == '\t' || text[first] == '\r'))
    ++first;
  if (first == next_end || text[first] == '>') return newline;
  return next_end;
}

// The end of the value starting at `begin`: its word, without the punctuation that ends a
// sentence or clause after it ("es 482913." / "is Tk93!mq, valid for ..."), nor a closing
// backtick or quote of the inline code or quotation it stands in ("`set --mfa=webauthn`").
std::size_t value_end(std::string_view text, std::size_t begin, std::size_t limit) {
  std::size_t end = begin;
  while (end < limit && !is_blank(text[end])) ++end;
  while (end > begin && std::string_view(".,;:)`\"").find(text[end - 1]) != std::string_view::npos)
    --end;
  return end;
}

// Joining words and at most two ':' / '=', in any order, from `i` on: "es:", ": es", "is the
// following:". True when there was one; `i` is then past them.
static bool skip_cue(std::string_view text, std::size_t& i, std::size_t limit) {
  bool cue = false;
  for (int steps = 0; steps < 6 && i < limit; ++steps) {
    if (text[i] == ':' || text[i] == '=') {
      cue = true;
      ++i;
      skip_blanks(text, i, limit);
      continue;
    }
    std::size_t end = i;
    while (end < limit && !is_blank(text[end]) && text[end] != ':') ++end;
    if (end == i || !joining_word(text::loose_key(text.substr(i, end - i)))) break;
    cue = true;
    i = end;
    skip_blanks(text, i, limit);
  }
  return cue;
}

std::optional<core::Range> secret_after(std::string_view text, std::size_t from, std::size_t limit,
                                        std::size_t gap_words) {
  limit = wrapped_line_end(text, from, limit);
  std::size_t i = from;
  bool cue = false;
  skip_blanks(text, i, limit);
  // The phrase's last word in parentheses: "el código (OTP) es 482913".
  if (i < limit && text[i] == ')' && from > 0 &&
      text.rfind('(', from - 1) != std::string_view::npos &&
      text.substr(0, from).find_last_of("()") == text.rfind('(', from - 1)) {
    ++i;
    skip_blanks(text, i, limit);
  }
  // A kind named in parentheses after the phrase: "your sign in code (SMS) is 771204".
  if (i < limit && text[i] == '(') {
    const std::size_t close = text.find(')', i);
    if (close != std::string_view::npos && close < limit && close - i <= 12 && close > i + 1 &&
        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                    text.begin() + static_cast<std::ptrdiff_t>(close), is_letter)) {
      i = close + 1;
      skip_blanks(text, i, limit);
    }
  }
  // An aside: "your new password, Tk93!mq, is valid for…", "la clave (Tk93!mq)". Only a value
  // that cannot be a word: "your password, which you chose, …" is the sentence going on.
  if (i < limit && (text[i] == ',' || text[i] == '(')) {
    std::size_t begin = i + 1;
    skip_blanks(text, begin, limit);
    std::size_t end = begin;
    while (end < limit && !is_blank(text[end]) && text[end] != ',' && text[end] != ')') ++end;
    if (end < limit && (text[end] == ',' || text[end] == ')') &&
        plainly_made(text.substr(begin, end - begin)))
      return core::Range{begin, end};
    // Or an aside before the verb: "your temporary password, valid for 24 hours, is Vx82pq7".
    if (text[i] == ',')
      if (const auto verb = verb_after_aside(text, i + 1, limit)) i = *verb;
  }
  if (gap_words > 0) {
    if (auto after_gap = skip_gap(text, i, limit, gap_words)) i = *after_gap;
  }
  cue = skip_cue(text, i, limit);
  if (i >= limit) return std::nullopt;
  // "reset your password to Summer2025!": a new value, with letters (a phone number or a
  // count after "to" is none).
  bool to_value = false;
  if (!cue) {
    std::size_t end = i;
    while (end < limit && !is_blank(text[end])) ++end;
    if (text::loose_key(text.substr(i, end - i)) == "to") {
      to_value = true;
      i = end;
      skip_blanks(text, i, limit);
      if (i >= limit) return std::nullopt;
    }
  }

  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_quotes{
      {{"\"", "\""}, {"'", "'"}, {"`", "`"}, {"«", "»"}, {"“", "”"}, {"‘", "’"}}};
  for (const auto& [open, close] : k_quotes) {
    if (text.substr(i).starts_with(open)) {
      const std::size_t begin = i + open.size();
      const std::size_t end = text.find(close, begin);
      if (end == std::string_view::npos || end > limit || end == begin) return std::nullopt;
      const std::string_view value = text.substr(begin, end - begin);
      if (value.find(' ') != std::string_view::npos || !looks_secret(value, true))
        return std::nullopt;
      return core::Range{begin, end};
    }
  }

  std::size_t end = value_end(text, i, limit);
  if (end == i) return std::nullopt;
  // Without ':' or a verb, only a value that cannot be a word: "with the password Tk93!mq".
  if (!cue) {
    const std::string_view value = text.substr(i, end - i);
    return (to_value ? made_with_letters(value) : plainly_made(value))
               ? std::optional<core::Range>(core::Range{i, end})
               : std::nullopt;
  }
  // One-time codes are often grouped: "482 913".
  if (all_digits(text.substr(i, end - i))) {
    std::size_t next = end;
    while (next + 1 < limit && text[next] == ' ' && is_digit(text[next + 1])) {
      std::size_t group = next + 1;
      while (group < limit && is_digit(text[group])) ++group;
      if (group < limit &&
          !(text[group] == ' ' || text[group] == '.' || text[group] == ',' || text[group] == '\t'))
        break;
      end = next = group;
    }
  }
  if (!looks_secret(text.substr(i, end - i), false)) return std::nullopt;
  return core::Range{i, end};
}

constexpr std::size_t k_max_gap_words = 5;

namespace {

// A code of `min_digits`..`max_digits` digits standing alone right after a label ending at
// `from`, in digit groups when `grouped` ("482 913").
std::optional<core::Range> bare_code_after(std::string_view text, std::size_t from,
                                           std::size_t limit, std::size_t min_digits,
                                           std::size_t max_digits, bool grouped) {
  limit = wrapped_line_end(text, from, limit);
  std::size_t begin = from;
  skip_blanks(text, begin, limit);
  if (begin == from) return std::nullopt;  // "CVV123" is one word, no label and value
  std::size_t end = begin;
  while (end < limit && is_digit(text[end])) ++end;
  std::size_t digits = end - begin;
  // Groups of three or four digits after single spaces: "482 913", not "482 euros".
  while (grouped && digits >= 3 && end + 1 < limit && text[end] == ' ' && is_digit(text[end + 1])) {
    std::size_t next = end + 1;
    while (next < limit && is_digit(text[next])) ++next;
    const std::size_t group = next - end - 1;
    if (group < 3 || group > 4 || digits + group > max_digits) break;
    digits += group;
    end = next;
  }
  if (digits < min_digits || digits > max_digits) return std::nullopt;
  // "CVV 123" but not "CVV 1234-5678", "CVV 123abc" or "CVV 3 dígitos".
  if (end < limit && (is_alnum(text[end]) || text[end] == '-' || text[end] == '/' ||
                      static_cast<unsigned char>(text[end]) >= 0x80))
    return std::nullopt;
  return core::Range{begin, end};
}

}  // namespace

std::optional<core::Range> card_code_after(std::string_view text, std::size_t from,
                                           std::size_t limit) {
  if (auto value = secret_after(text, from, limit)) return value;
  return bare_code_after(text, from, limit, 3, 4, false);
}

std::optional<core::Range> one_time_code_after(std::string_view text, std::size_t from,
                                               std::size_t limit) {
  return bare_code_after(text, from, limit, 4, 8, true);
}

// The next code of a list given after a phrase ("backup codes are 8271-3349 and 5512-0984",
// "…: 4821, 9930 y 1177"): after ',' or a conjunction, a value that looks made and holds a digit
// ("…is Tk93!mq, valid for 24 hours" ends the list). A login's password need not hold a digit
// ("tbaker and caballo-azul-grapa").
std::optional<core::Range> next_in_list(std::string_view text, std::size_t end,
                                        bool needs_digit = true) {
  const std::size_t limit = std::min(text.size(), text.find('\n', end));
  std::size_t i = end;
  bool joined = false;
  if (i < limit && (text[i] == ',' || text[i] == ';')) {
    ++i;
    joined = true;
  }
  skip_blanks(text, i, limit);
  std::size_t word_end = i;
  while (word_end < limit && !is_blank(text[word_end])) ++word_end;
  static constexpr std::array<std::string_view, 8> k_conjunctions{"and", "or", "y",   "e",
                                                                  "o",   "u",  "και", "ή"};
  if (word_end > i && in_keys(k_conjunctions, text::loose_key(text.substr(i, word_end - i)))) {
    i = word_end;
    joined = true;
    skip_blanks(text, i, limit);
  }
  if (!joined || i >= limit) return std::nullopt;
  const std::size_t value_stop = value_end(text, i, limit);
  const std::string_view value = text.substr(i, value_stop - i);
  if (value.empty() || (needs_digit && std::none_of(value.begin(), value.end(), is_digit)) ||
      !looks_secret(value, false))
    return std::nullopt;
  return core::Range{i, value_stop};
}

// The password of a login given whole after a phrase of personal-data-login.toml, after ':' or
// a verb: the user name, then ',' or a conjunction, then the password ("your login details are
// tbaker and Gr33n-Apple"); the user name is no secret.
static std::optional<core::Range> login_user_after(std::string_view text, std::size_t from,
                                                   std::size_t limit) {
  limit = wrapped_line_end(text, from, limit);
  std::size_t i = from;
  skip_blanks(text, i, limit);
  // "los datos de acceso al portal son …", "your login details for the portal are …".
  if (auto after_gap = skip_gap(text, i, limit, k_max_gap_words)) i = *after_gap;
  if (!skip_cue(text, i, limit) || i >= limit) return std::nullopt;
  const std::size_t user_end = value_end(text, i, limit);
  if (user_end == i) return std::nullopt;
  return core::Range{i, user_end};
}

static std::optional<core::Range> login_password_after(std::string_view text, std::size_t from,
                                                       std::size_t limit) {
  const auto user = login_user_after(text, from, limit);
  return user ? next_in_list(text, user->end, false) : std::nullopt;
}

std::vector<core::Range> Detector::login_user_names(const draft::Draft& draft) const {
  std::vector<core::Range> out;
  const std::string& text = draft.text();
  for (const PhraseMatch& match : m_logins.find(draft))
    if (auto user = login_user_after(text, match.range.end, text.size()))
      if (next_in_list(text, user->end, false)) out.push_back(*user);
  return out;
}

Detector::Detector(const data::DataSet& data, spell::Stemmer* stemmer)
    : m_phrases(data, "personal-data", stemmer),
      m_logins(data, "personal-data-login", stemmer),
      m_card_codes(data, "personal-data-card-code", stemmer),
      m_one_time_codes(data, "personal-data-one-time-code", stemmer),
      m_data(&data),
      m_stemmer(stemmer) {}

namespace {

// A credential given to an option or a setting in inline code or on a command line
// ("`mysql --password=Hunter2!`", "`export API_TOKEN=ghp_…`", "--client-secret 9f8e…"): the
// value after a key naming a secret and '=' or ':' (or, after an option, a space), when it looks
// made. The keys are the names programs give these options, in every language alike.
std::vector<core::Range> credentials_in_code(std::string_view text, core::Range code) {
  static constexpr std::array<std::string_view, 9> k_keys{
      "password", "passwd", "pwd", "passphrase", "token", "secret", "apikey", "api_key", "api-key"};
  std::vector<core::Range> out;
  const std::string_view span = text.substr(code.begin, code.size());
  std::string lower(span);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const std::string_view key : k_keys) {
    for (std::size_t at = lower.find(key); at != std::string::npos;
         at = lower.find(key, at + key.size())) {
      // The key starts a name ("--password", "API_TOKEN", "db.password"), not inside a word or
      // a variable ("$PWD", "SPWD").
      if (at > 0 && lower[at - 1] != ' ' && lower[at - 1] != '-' && lower[at - 1] != '_' &&
          lower[at - 1] != '.' && lower[at - 1] != '`' && lower[at - 1] != '"' &&
          lower[at - 1] != '\'')
        continue;
      std::size_t i = at + key.size();
      // The key ends there ("--password=", "API_TOKEN:"), not inside a longer word.
      if (i < lower.size() &&
          (std::isalnum(static_cast<unsigned char>(lower[i])) != 0 || lower[i] == '_'))
        continue;
      const bool option = at >= 2 && lower[at - 1] == '-';
      if (i < lower.size() && (lower[i] == '=' || lower[i] == ':')) {
        ++i;
      } else if (!(option && i < lower.size() && lower[i] == ' ')) {
        continue;
      }
      while (i < lower.size() && (lower[i] == ' ' || lower[i] == '"' || lower[i] == '\'')) ++i;
      std::size_t end = i;
      while (end < span.size() && span[end] != ' ' && span[end] != '"' && span[end] != '\'' &&
             span[end] != '`')
        ++end;
      const std::string_view value = span.substr(i, end - i);
      if (!value.empty() && value.front() != '$' && value.front() != '<' &&
          looks_secret(value, false))
        out.push_back({code.begin + i, code.begin + end});
    }
  }
  return out;
}

// The numbers of a draft's own text, outside links, addresses and placeholders.
std::vector<Found> own_numbers(const draft::Draft& draft) {
  const std::string& text = draft.text();
  std::vector<Found> found;
  for (const draft::Paragraph& paragraph : draft.paragraphs) {
    for (Found& f : find_numbers(text, paragraph.range)) {
      // A number inside a link, an address or a placeholder is not a value written to someone;
      // one in inline code is ("`4111 1111 1111 1111`").
      const bool inside_token = std::ranges::any_of(paragraph.sentences, [&](const auto& s) {
        return std::ranges::any_of(s.words, [&](const draft::Word& w) {
          return w.kind != draft::TokenKind::word && w.kind != draft::TokenKind::number &&
                 w.kind != draft::TokenKind::code && w.range.overlaps(f.range);
        });
      });
      if (!inside_token) found.push_back(std::move(f));
    }
    for (const draft::Sentence& sentence : paragraph.sentences)
      for (const draft::Word& w : sentence.words)
        if (w.kind == draft::TokenKind::code)
          for (const core::Range& value : credentials_in_code(text, w.range))
            found.push_back({Kind::secret, value, ""});
  }
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.range.begin < b.range.begin; });
  return found;
}

// The spelling, foreign-word and personal-data rules each ask for a draft's values: inside a
// CheckScope they are found once. The numbers depend on the draft alone; the rest also on the
// detector's data and stemmer.
struct OwnTextMemo {
  std::uint64_t scope = 0;
  std::optional<std::vector<Found>> numbers;
  struct Entry {
    const data::DataSet* data;
    spell::Stemmer* stemmer;
    std::vector<Found> values;
  };
  std::vector<Entry> values;
};
thread_local OwnTextMemo t_own_text;

}  // namespace

std::vector<Found> Detector::own_text(const draft::Draft& draft) const {
  const std::uint64_t scope = CheckScope::of(draft);
  if (scope != 0 && t_own_text.scope != scope) {
    t_own_text.scope = scope;
    t_own_text.numbers.reset();
    t_own_text.values.clear();
  }
  if (scope != 0) {
    for (const OwnTextMemo::Entry& entry : t_own_text.values)
      if (entry.data == m_data && entry.stemmer == m_stemmer) return entry.values;
    if (!t_own_text.numbers) t_own_text.numbers = own_numbers(draft);
  }
  const std::string& text = draft.text();
  std::vector<Found> found = scope != 0 ? *t_own_text.numbers : own_numbers(draft);
  for (const PhraseMatch& match : m_phrases.find(draft)) {
    // A phrase of several words names a secret for sure, so words may stand between it and
    // its verb; after a lone word ("κωδικός") they mostly name another code ("παραγγελίας").
    const bool lone_word = match.end_word - match.first_word <= 1;
    auto value = secret_after(text, match.range.end, text.size(), lone_word ? 0 : k_max_gap_words);
    // After a lone word, words stand before the verb only when the value could not be an order
    // or a booking reference: "your password for the portal is Tk93!mqZ".
    if (!value && lone_word)
      if (auto far = secret_after(text, match.range.end, text.size(), k_max_gap_words))
        if (plainly_made(text.substr(far->begin, far->end - far->begin))) value = far;
    if (value) {
      found.push_back(Found{Kind::secret, *value, ""});
      for (auto next = next_in_list(text, value->end); next; next = next_in_list(text, next->end))
        found.push_back(Found{Kind::secret, *next, ""});
    }
  }
  for (const PhraseMatch& match : m_logins.find(draft))
    if (auto value = login_password_after(text, match.range.end, text.size()))
      found.push_back(Found{Kind::secret, *value, ""});
  for (const PhraseMatch& match : m_card_codes.find(draft))
    if (auto value = card_code_after(text, match.range.end, text.size()))
      found.push_back(Found{Kind::secret, *value, ""});
  for (const PhraseMatch& match : m_one_time_codes.find(draft))
    if (auto value = one_time_code_after(text, match.range.end, text.size()))
      found.push_back(Found{Kind::secret, *value, ""});
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.range.begin < b.range.begin; });
  // A password phrase may be followed by a number found above ("PIN: 4111 1111 1111 1111"):
  // keep the first of two overlapping values.
  std::vector<Found> kept;
  for (Found& f : found)
    if (kept.empty() || !kept.back().range.overlaps(f.range)) kept.push_back(std::move(f));
  if (scope != 0) t_own_text.values.push_back({m_data, m_stemmer, kept});
  return kept;
}

}  // namespace replylint::rules::personal_data
