#include <fmt/format.h>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "data/data.hpp"
#include "rules/foreign_word_detect.hpp"
#include "rules/personal_data_detect.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "rules/signoff.hpp"
#include "rules/word_case.hpp"
#include "spell/enclitic.hpp"
#include "spell/spell.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

// Suggestions looked at to tell a misspelt word from a name or a term (near_known).
constexpr std::size_t k_near_suggestions = 3;

// The longest word in capitals alone in a sentence that may be an acronym ("ΟΠΕΚΕΠΕ", "EUROSTAT").
constexpr int k_max_acronym_letters = 8;

// An unknown Latin-script word own text uses this many times, with no known word one edit away,
// is a term of the message (a command, a product: "texinfo", "procmail"), not a slip: slips are
// rarely made the same way three times, and the ones that are sit next to the word meant
// ("lenguage").
constexpr int k_term_uses = 3;

const RuleInfo k_info{
    .id = "spelling",
    .category = Category::spelling,
    .default_severity = Severity::warning,
    .summary = N_("misspelled words in own text, with suggestions (es, el, en)"),
    .docs = R"md(
## What it flags
Words of own text that Hunspell does not know, with up to three suggestions. The dictionaries
are Debian's es_ES, el_GR, en_US and en_GB, this project's additions in `dictionaries/` (email and
business vocabulary, brand names) and the `words` of the configuration. English is accepted in
American and British spelling ("authorization", "authorisation") unless `english` says otherwise.

Each paragraph is checked in its own language: Greek by script, Spanish or English by a
language identifier (`--lang` forces one). Latin-script words inside Greek text are checked
against English and reported only when an English word is one edit away ("recieve"): capitalised
ones, and ones no English word is near (commands and brands such as "xrandr"), are left alone.
Where a paragraph mixes languages, a word the paragraph's language does not know is judged by the
language of its line or sentence (cut at " / " and " | "): "Un saludo / Kind regards" is
Spanish, then English. A paragraph with no word of its own language (English text checked with
`--lang es`) is not split.

Hyphenated compounds are checked as a whole first ("check-in", "e-mail"), then by parts; a prefix
before a hyphen ("pre-order", "ex-cliente", "pre- y posventa") is accepted from the list in
`rules/<lang>/spelling.toml`. Abbreviations are checked with their periods ("Uds.", "p. ej.",
"π.μ.", "e.g."): accepted when the dictionary or an `abbreviations` list there has them.

Words the dictionaries miss but the language forms regularly from words they know are accepted
too (the rules are data in `rules/<lang>/morphology.toml`): enclitic pronouns on a Spanish
imperative, gerund or infinitive, with the accent the stress then needs ("indíquenos",
"envíenoslo"); prefixes on a known word ("reindexar", "superusuario", "ξαναστείλτε", and before a
vowel "απεγκατάσταση"); suffixes on a known stem, with the accent the derived word takes
("particionamiento", "secuencialmente", "τηλεφώνηση", "ρυθμίσιμος"); Greek compounds joined by -ο-
("συμβολοσειρά"); and the second accent a Greek enclitic pronoun calls for ("το όνομά μου"). A
prefixed or compound word one edit away from a known word stays a typo, and so does a derived
Greek word that is a known word with a vowel of the same sound written another way ("θύμιση" for
θύμηση).

Left alone: quoted text, attribution lines, signatures, URLs, email addresses, file names,
numbers, words with digits or underscores, placeholders, acronyms (and a word of six to eight
capitals among words that are not, with no known word one edit away: "la UNESCO", "η ΔΕΔΔΗΕ"),
booking references (six capitals with at most one vowel: "KLMZTR"), names that appear in the message's headers, capitalised words inside a sentence (proper nouns:
"Xosé", "García"; but a common word with an accent left out is a typo there too, "la
Aplicacion", "η Υπηρεσια", and after an article opening the sentence, "La Aplicacion no abre",
unless it has letters Spanish does not write: "Sant Cugat del
Vallès"), a capitalised word opening a sentence with no known word one edit
away (a name: "Itziar, de facturación, le llamará"), codes (anything between
spaces that mixes letters with digits or symbols: "ABX-99k", "Tk93!mq", "pedido#4411"; a typo
next to punctuation, "¡mensage!", is still a word), social handles and hashtags ("@tiendaverde",
"#sso-incidents"), inline code between backticks, command-line options and paths ("`npm ci`",
"--sso", "/auth/saml/acs"), lines indented as code (four spaces or a tab: "    mv plugin
plugin.disabled"), a misspelling quoted on purpose and marked "[sic]", and passwords and other values the
`personal-data` rule detects (a warning on them would print them). Greek words written in
capitals are accepted without accents; elsewhere accents count ("minimo" is a typo).

A Latin-script word own text uses three times or more, in any case, is taken for a term of the
message (a command, a product: "texinfo", "procmail") when the quick suggestions (one edit, a
moved accent, Hunspell's replacement tables) find no known word near it; one that is near a known
word stays a typo however often it appears ("lenguage", "mensage"), and so does a Greek word (the
same vowel confusion repeated, "μύνημα").

The same word twice in a row, with only spaces or a line break between, is reported too
("Thanks for the the details", "le envío la la factura"), and the fix (unsafe, as every fix of
this rule: `--unsafe-fixes`) deletes the second one. Doubles a language writes on purpose are left alone (`repeated-words` in
`rules/<lang>/spelling.toml`: "had had", "σιγά σιγά", "no no"), and so are names capitalised
inside a sentence ("Bora Bora"), acronyms and codes, and a word said three times or more in a row
("ha ha ha", "very very very").

A word `accent-confusion` reports ("su envio", where it is written "envío") is that rule's
finding only, not also an unknown word here.

## Why
Take the time to check the spelling of your message before you send it (seeds/001).

## Example
```text
Hola Ana,

Gracias por su mensage. Le enviamos la respuetsa mañana.
```
Use instead:
```text
Hola Ana,

Gracias por su mensaje. Le enviamos la respuesta mañana, con el PDF en https://tienda.es/f.pdf.
```

## Options
`suggestions` (default 3): how many suggestions to give per word (0 for none).
`max-suggested-words` (default 25): after this many distinct unknown words in one draft, the
rest are still flagged but without suggestions, so a draft full of typos stays fast.
`max-slow-suggestions` (default 3): suggestions come first from cheap candidates (one edit, a
moved or missing accent); only this many words per draft, in text order, may fall back to
Hunspell's own search, which costs 20-250 ms a word. A word of a Spanish paragraph that the
English dictionary lists, or of an English paragraph that the Spanish one lists, is never searched
that way; in a Spanish paragraph, one of four letters or more ("tweet") is `foreign-word`'s, not
a typo, unless it is a Spanish word cut short ("problem").
`english` (default both): which English spelling is accepted: "us" (en_US), "gb" (en_GB, which
also suggests) or "both" (en_US, then the words en_GB lists for a word en_US does not know;
suggestions from en_US). Install Debian's `hunspell-en-gb` for "gb" and "both".
)md",
    .options = {{"suggestions", std::int64_t{3}, "suggestions per unknown word"},
                {"max-suggested-words", std::int64_t{25},
                 "distinct unknown words per draft that get suggestions"},
                {"max-slow-suggestions", std::int64_t{3},
                 "unknown words per draft that may use Hunspell's slow suggestion search"},
                {"english", std::string{"both"},
                 "English spelling accepted: \"us\", \"gb\" or \"both\""}},
    .fix = FixInfo{Applicability::unsafe, false,
                   N_("deletes a repeated word, or replaces an unknown word when there is exactly "
                      "one suggestion")},
};

enum class English { us, gb, both };

English english_of(const std::string& value) {
  if (value == "us") return English::us;
  if (value == "gb") return English::gb;
  return English::both;  // "both", and any value config validation let through
}

bool is_space_at(std::string_view text, std::size_t i) {
  const char c = text[i];
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A no-break space (U+00A0) ends a chunk too.
bool is_nbsp_at(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && text[i] == '\xC2' && text[i + 1] == '\xA0';
}

// The run of text between white space that holds bytes [begin, end).
std::string_view chunk_around(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t b = begin;
  while (b > 0 && !is_space_at(text, b - 1) && !(b >= 2 && is_nbsp_at(text, b - 2))) --b;
  std::size_t e = end;
  while (e < text.size() && !is_space_at(text, e) && !is_nbsp_at(text, e)) ++e;
  return text.substr(b, e - b);
}

// True when `chunk` (a run of text between spaces) is a social handle or a hashtag
// ("@tiendaverde", "(#sso-incidents)"): it names an account or a topic, not a word.
bool social_tag(std::string_view chunk) {
  std::size_t i = 0;
  while (i < chunk.size() &&
         (chunk[i] == '(' || chunk[i] == '[' || chunk[i] == '"' || chunk[i] == '\''))
    ++i;
  if (i + 1 >= chunk.size() || (chunk[i] != '@' && chunk[i] != '#')) return false;
  const auto next = static_cast<unsigned char>(chunk[i + 1]);
  return std::isalnum(next) != 0 || next >= 0x80;
}

// True when `chunk` (a run of text between spaces) is a code, a password, an order or tracking
// number rather than words: it mixes letters with digits ("ABX-99k", "Tk93!mq", "pedido#4411"),
// or joins letters with symbols no prose puts inside a word ("Tk!mq", "a=b"). Punctuation around
// it ("¡mensage!", "(ver", "**nota**") and a list number before it ("1.Introducción") do not
// count, so a typo next to punctuation is still a word.
// Where each line of the text starts, found on first need: a word's line start is then a binary
// search, not a walk back over a line that may be megabytes long (a pasted log, a flood).
class LineStarts {
 public:
  explicit LineStarts(std::string_view text) : m_text(text) {}

  std::size_t of(std::size_t at) {
    if (m_starts.empty()) {
      m_starts.push_back(0);
      for (std::size_t i = m_text.find('\n'); i != std::string_view::npos;
           i = m_text.find('\n', i + 1))
        m_starts.push_back(i + 1);
    }
    return *(std::upper_bound(m_starts.begin(), m_starts.end(), at) - 1);
  }

 private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
};

// A line indented as a code block, four spaces or a tab, as wall-of-text and
// unfilled-placeholder read it too: "    mv contact-form contact-form.disabled".
bool on_code_line(std::string_view text, const Range& word, LineStarts& lines) {
  const std::size_t from = lines.of(word.begin);
  const std::string_view line = text.substr(from, word.begin - from);
  return line.starts_with("    ") || line.starts_with('\t');
}

// A misspelling quoted on purpose and marked so: "escribió «recivido» [sic]".
bool marked_sic(std::string_view text, const Range& word) {
  std::string_view after = text.substr(std::min(word.end, text.size()), 16);
  for (bool skipped = true; skipped;) {
    skipped = false;
    for (std::string_view mark : {" ", "\"", "'", "\u00BB", "\u201D", "\u2019"})
      if (after.starts_with(mark)) {
        after.remove_prefix(mark.size());
        skipped = true;
      }
  }
  return after.starts_with("[sic]") || after.starts_with("(sic)");
}

bool is_code(std::string_view chunk) {
  const auto size = static_cast<int32_t>(std::min<std::size_t>(chunk.size(), INT32_MAX));
  std::vector<UChar32> cps;
  cps.reserve(static_cast<std::size_t>(size));
  for (int32_t i = 0; i < size;) {
    UChar32 c;
    U8_NEXT(chunk.data(), i, size, c);
    cps.push_back(c < 0 ? 0xFFFD : c);
  }
  std::size_t b = 0, e = cps.size();
  while (b < e && u_ispunct(cps[b])) ++b;
  while (e > b && u_ispunct(cps[e - 1])) --e;
  // "1.Introducción", "2)Envío": a list number glued to its first word (not "1.er", "2.º").
  std::size_t digits = b;
  while (digits < e && cps[digits] >= '0' && cps[digits] <= '9') ++digits;
  if (digits > b && digits + 1 < e && (cps[digits] == '.' || cps[digits] == ')') &&
      u_isupper(cps[digits + 1]))
    b = digits + 1;
  bool letter = false, digit = false, symbol = false;
  for (std::size_t i = b; i < e; ++i) {
    const UChar32 c = cps[i];
    if (u_isdigit(c))
      digit = true;
    else if (u_isalpha(c))
      letter = true;
    else if (c < 0x80 && std::string_view("!#$%&*+=|\\~^<>{}[]@_").find(static_cast<char>(c)) !=
                             std::string_view::npos)
      symbol = true;
  }
  return letter && (digit || symbol);
}

bool is_hyphen_at(std::string_view text, std::size_t i) {
  return i < text.size() && text[i] == '-';
}

// Where a paragraph mixes languages, the stretch of text a word's language is decided on: its
// sentence, cut at line breaks and at separators such as " / " ("Un saludo / Kind regards").
Range piece_around(std::string_view text, const Range& sentence, const Range& word) {
  constexpr std::array<std::string_view, 5> k_separators = {" / ", " | ", " - ", " – ", " — "};
  std::size_t b = sentence.begin, e = sentence.end;
  const std::string_view before = text.substr(b, word.begin - b);
  if (const auto nl = before.rfind('\n'); nl != std::string_view::npos) b += nl + 1;
  const std::string_view after = text.substr(word.end, e - word.end);
  if (const auto nl = after.find('\n'); nl != std::string_view::npos) e = word.end + nl;
  for (std::string_view sep : k_separators) {
    const std::string_view left = text.substr(b, word.begin - b);
    if (const auto at = left.rfind(sep); at != std::string_view::npos) b += at + sep.size();
    const std::string_view right = text.substr(word.end, e - word.end);
    if (const auto at = right.find(sep); at != std::string_view::npos) e = word.end + at;
  }
  // A quotation is a piece of its own: "El mensaje «Your payment could not be processed» aparece".
  static constexpr std::pair<std::string_view, std::string_view> k_quotes[] = {
      {"«", "»"}, {"“", "”"}, {"\"", "\""}};
  for (const auto& [open, close] : k_quotes) {
    const std::string_view left = text.substr(b, word.begin - b);
    const std::size_t opened = left.rfind(open);
    if (opened == std::string_view::npos) continue;
    // Straight quotes open and close alike: the word is inside when an odd number precede it.
    if (open == close && std::count(left.begin(), left.end(), '"') % 2 == 0) continue;
    if (open != close && left.find(close, opened + open.size()) != std::string_view::npos) continue;
    const std::size_t closed = text.substr(word.end, e - word.end).find(close);
    if (closed == std::string_view::npos) continue;
    return {b + opened + open.size(), word.end + closed};
  }
  return {b, e};
}

class Spelling final : public Rule {
 public:
  explicit Spelling(const RuleContext& context)
      : m_spell(context.spell),
        m_data(context.data),
        // Without a stemmer: stemming would load Hunspell for drafts that need no suggestion,
        // and the phrases' own forms are what a password follows.
        m_personal_data(context.data, context.spell),
        m_signoff(context.data),
        m_foreign_alternatives(context.data, "foreign-word", nullptr),
        m_suggestions(static_cast<int>(
            std::clamp<std::int64_t>(context.options.integer("suggestions"), 0, 10))),
        m_max_suggested(static_cast<int>(
            std::clamp<std::int64_t>(context.options.integer("max-suggested-words"), 0, INT_MAX))),
        m_max_slow(static_cast<int>(
            std::clamp<std::int64_t>(context.options.integer("max-slow-suggestions"), 0, INT_MAX))),
        m_english(english_of(context.options.string("english"))) {
    for (const std::string& w : context.words) m_words.insert(text::fold(w));
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    if (!m_spell) return;
    std::map<std::string, std::vector<std::string>> suggested;  // per distinct word, this draft
    int slow_left = m_max_slow;
    // Read on the first word: the personal-data rule finds the same values with the same data
    // and stemmer, so within one check (rules::CheckScope) the search runs once for both.
    std::optional<std::vector<personal_data::Found>> secrets;
    auto secret = [&](const Word& w) {
      if (!secrets) secrets = m_personal_data.own_text(draft);
      return std::ranges::any_of(
          *secrets, [&](const personal_data::Found& f) { return f.range.overlaps(w.range); });
    };
    std::optional<std::vector<core::Range>> user_names;  // of logins given whole
    auto user_name = [&](const Word& w) {
      if (!user_names) user_names = m_personal_data.login_user_names(draft);
      return std::ranges::any_of(*user_names,
                                 [&](const core::Range& r) { return r.overlaps(w.range); });
    };
    const std::string_view text = draft.text();
    // How often own text uses each word, in any case ("Procmail", "procmail"), counted on the
    // first unknown word that asks.
    std::optional<std::unordered_map<std::string, int>> uses;
    auto uses_of = [&](const Word& w) {
      if (!uses) {
        uses.emplace();
        for (const draft::Paragraph& p : draft.paragraphs)
          for (const Sentence& s : p.sentences)
            for (const Word& v : s.words)
              if (v.kind == draft::TokenKind::word) ++(*uses)[text::fold(v.text)];
      }
      const auto found = uses->find(text::fold(w.text));
      return found == uses->end() ? 0 : found->second;
    };
    LineStarts lines(text);
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      const std::string& language =
          paragraph.language.empty() ? draft.language : paragraph.language;
      // Words of the paragraph only its language's dictionary lists (-1: not counted yet).
      int own_words = -1;
      for (const Sentence& sentence : paragraph.sentences) {
        // Pieces of this sentence already found to be in the other Latin-script language.
        std::vector<std::pair<Range, bool>> pieces;
        bool first = true;
        std::string_view previous;  // the word before: suggestions are ranked by it
        report_repeated_words(text, sentence, language, lines, out);
        for (std::size_t i = 0; i < sentence.words.size(); ++i) {
          const Word& w = sentence.words[i];
          const std::string_view before = std::exchange(previous, std::string_view{w.text});
          if (w.kind != draft::TokenKind::word || w.letters == 0) continue;
          const bool sentence_start = first;
          first = false;
          // Before the speller sees it: a password must not reach its caches either.
          if (secret(w) || is_x_run(w.text)) continue;
          std::string_view judge = judge_for(w, language, sentence_start);
          if (judge.empty()) {
            if (!sentence_start) report_capitalised_slip(sentence, i, language, out);
            continue;
          }
          if (known(judge, w.text)) continue;
          // Asked of unknown words only: most drafts give no login.
          if (user_name(w)) continue;
          if (judge == "el" && enclitic_accent(text, sentence, i)) continue;
          // Only unknown words get here, so what follows costs nothing on correct text.
          const std::string_view chunk = chunk_around(text, w.range.begin, w.range.end);
          if (is_code(chunk) || social_tag(chunk) || on_code_line(text, w.range, lines) ||
              marked_sic(text, w.range))
            continue;
          if (abbreviation(judge, text, sentence, i)) continue;
          if (in_compound(judge, text, sentence, i)) continue;
          // An English word of a Spanish paragraph is foreign-word's finding, not a typo.
          if (foreign_word::english_in_spanish(w, language, *m_spell)) continue;
          // So is a word of its alternatives list ("refund" → reembolso), even one a Spanish
          // word is a slip away from ("refunda").
          if (listed_as_foreign(sentence, language, i)) continue;
          if (const std::string_view other = other_latin(judge);
              !other.empty() && w.script == draft::Script::latin &&
              in_other_language(judge, other, text, paragraph, sentence, w, pieces, own_words)) {
            if (known(other, w.text)) continue;
            judge = other;
          }
          spell::Speller* speller = speller_of(judge);
          // In Greek text a Latin-script word is English or a command, a brand, a product: only
          // one an English word is near reads as a misspelling (two words run together, "meta
          // city", do not count: a name is often made so).
          if (language == "el" && w.script == draft::Script::latin && !near_known(*speller, w.text))
            continue;
          // A capitalised word opening a sentence with no known word one edit away is a name
          // ("Itziar, de facturación, le llamará", "Siobhán will email you"): a slip there is
          // most often one edit from the word meant ("Tambien", "Lamentablemnte").
          if (sentence_start && w.shape == draft::CaseShape::title &&
              (names_with_next(sentence, i) || !near_known(*speller, w.text)))
            continue;
          // Under a sign-off that ends a sentence ("Saludos!\nTxema", "¡Un abrazo!\nIñaki") the
          // name opens a sentence of its own; after "Saludos," it is inside one, and left alone
          // as a name there too.
          if (sentence_start && w.shape == draft::CaseShape::title &&
              m_signoff.contains(text, w.range.begin, w.range.end))
            continue;
          // A word of six to eight capitals among words that are not, with no known word one
          // edit away, is an acronym or a name ("Η ΔΕΔΔΗΕ θα έρθει", "la UNESCO", "ΟΠΕΚΕΠΕ"): a
          // shouted word is in a run of them, and a lone one mistyped is most often a slip from
          // the word meant. Longer ones are words ("SOBRETENSOIN").
          if (w.shape == draft::CaseShape::upper && w.letters <= k_max_acronym_letters &&
              !in_capitals_run(sentence, i) && !near_known(*speller, w.text))
            continue;
          // Latin script only: a Greek word misspelt the same way each time is most often a
          // vowel of the same sound written another way, two of them as often as one ("μύνημα").
          if (w.script == draft::Script::latin && uses_of(w) >= k_term_uses &&
              !near_known(*speller, w.text))
            continue;
          auto it = suggested.find(w.text);
          if (it == suggested.end()) {
            std::vector<std::string> list;
            const auto max = static_cast<std::size_t>(m_suggestions);
            if (m_suggestions > 0 && static_cast<int>(suggested.size()) < m_max_suggested) {
              list = speller->suggest_fast(w.text, max);
              // Hunspell's own search costs 20-250 ms a word: a few per draft, in text order, so
              // the output stays the same from run to run.
              // A word the other Latin-script dictionary lists ("tweet" in Spanish) is most likely
              // a loanword: Hunspell's search in this language would not find what was meant, and
              // would cost its load and tens of milliseconds. It is still reported.
              if (list.empty() && slow_left > 0 && !loanword(w, judge)) {
                --slow_left;
                list = speller->suggest(w.text, max);
              }
            }
            it = suggested.emplace(w.text, std::move(list)).first;
          }
          auto found = out.report(w.range, "unknown word '{}'", w.text);
          std::vector<std::string> ranked = it->second;
          speller->rank_for_context(before, ranked);
          found.suggestions(ranked);
          // One candidate may still be the wrong word (a name, a term): unsafe, never automatic.
          if (ranked.size() == 1)
            found.replace_with(ranked.front(), Applicability::unsafe,
                               core::i18n::fragment("replace with '{}'", ranked.front()));
        }
      }
    }
  }

 private:
  // The speller that suggests for `language` ("es", "el", "en"): for English, en_GB when the
  // `english` option is "gb", else en_US.
  spell::Speller* speller_of(std::string_view language) const {
    if (language == "en" && m_english == English::gb) return m_spell->get("en-GB");
    return m_spell->get(language);
  }

  // The same word twice in a row, with only spaces or a line break between ("Thanks for the the
  // details", "le envío la la factura"): a slip, and the fix deletes the second one. Left alone:
  // doubles the language writes (`repeated-words` of rules/<lang>/spelling.toml: "had had",
  // "σιγά σιγά", "no no"), names ("Bora Bora": capitalised inside a sentence), acronyms,
  // numbers, codes, words no dictionary knows, and words with a mark between ("no, no").
  void report_repeated_words(std::string_view text, const Sentence& sentence,
                             const std::string& language, LineStarts& lines, Reporter& out) const {
    const auto data = m_data.languages.find(language);
    for (std::size_t i = 1; i < sentence.words.size(); ++i) {
      const Word& first = sentence.words[i - 1];
      const Word& second = sentence.words[i];
      if (first.kind != draft::TokenKind::word || second.kind != draft::TokenKind::word ||
          second.letters == 0 || first.has_digit || first.has_underscore)
        continue;
      const std::string_view gap =
          text.substr(first.range.end, second.range.begin - first.range.end);
      if (gap.empty() || gap.find_first_not_of(" \t\r\n") != std::string_view::npos ||
          std::ranges::count(gap, '\n') > 1)
        continue;
      if (first.text != second.text) {
        // "The the" opens a sentence; any other difference in case is two words ("de A a B").
        if (i != 1 || first.shape != draft::CaseShape::title ||
            second.shape != draft::CaseShape::lower ||
            text::fold(first.text) != text::fold(second.text))
          continue;
      } else if ((second.shape == draft::CaseShape::title && i > 1) ||
                 (second.shape == draft::CaseShape::upper && second.letters > 1)) {
        continue;  // a name ("Bora Bora", "Duran Duran"), an acronym or a code ("AB AB 12")
      }
      // A run of three or more is said on purpose ("ha ha ha", "muy muy muy contento") or is a
      // flood, where a finding per pair would bury the report: a slip doubles a word once.
      if ((i >= 2 && sentence.words[i - 2].text == first.text) ||
          (i + 1 < sentence.words.size() && sentence.words[i + 1].text == second.text))
        continue;
      const std::string key = text::fold(second.text);
      if (data != m_data.languages.end() && data->second.repeated_words.contains(key)) continue;
      // A word of the language: a term or a command repeated is an argument ("mount -t proc
      // proc /proc"), and a one-letter word a slip ("voy a a ver").
      if (second.letters > 1) {
        const std::string_view judge = judge_for(second, language, false);
        if (judge.empty() || !known(judge, second.text)) continue;
      }
      const std::string_view chunk = chunk_around(text, second.range.begin, second.range.end);
      if (is_code(chunk) || on_code_line(text, second.range, lines) ||
          marked_sic(text, second.range))
        continue;
      // Across a line break the second word goes with the spaces after it, so the lines stay
      // as they were ("The\nthe order" → "The\norder").
      Range deleted{first.range.end, second.range.end};
      if (gap.find('\n') != std::string_view::npos) {
        std::size_t end = second.range.end;
        while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
        if (end > second.range.end && end < text.size() && text[end] != '\n')
          deleted = Range{second.range.begin, end};
      }
      const core::i18n::Fragment title =
          core::i18n::fragment("delete the second '{}'", second.text);
      out.report(second.range, "repeated word '{}'", second.text)
          .fix(core::Fix{.title = title.english,
                         .applicability = Applicability::unsafe,
                         .edits = {core::Edit{{core::Location::Origin::body, deleted, {}}, ""}},
                         .title_localized = title.localized});
    }
  }

  // True when a word next to word `i` is in capitals too (two letters or more).
  static bool in_capitals_run(const Sentence& sentence, std::size_t i) {
    auto upper = [&](std::size_t j) {
      const Word& w = sentence.words[j];
      return w.kind == draft::TokenKind::word && w.letters >= 2 &&
             w.shape == draft::CaseShape::upper;
    };
    return (i > 0 && upper(i - 1)) || (i + 1 < sentence.words.size() && upper(i + 1));
  }

  // True when a known word is one edit away from `word` (two words run together, "meta city", do
  // not count: names are often made so).
  static bool near_known(spell::Speller& speller, const std::string& word) {
    return std::ranges::any_of(speller.suggest_fast(word, k_near_suggestions),
                               [](const std::string& s) { return s.find(' ') == s.npos; });
  }

  // A capitalised word inside a sentence is a name and not spell-checked, unless it is a
  // common word of the paragraph's language with an accent left out ("la Aplicacion", "η
  // Υπηρεσια"): Hunspell offers that word capitalised, and its lowercase form is known. A
  // run of capitalised words is left alone ("Jose Leon Garcia"), as is a word after a title
  // (a surname: "Sr. Leon").
  void report_capitalised_slip(const Sentence& sentence, std::size_t i, const std::string& language,
                               Reporter& out) const {
    const Word& w = sentence.words[i];
    if (w.shape != draft::CaseShape::title || w.kind != draft::TokenKind::word || w.letters < 3 ||
        w.has_digit || w.has_underscore || w.is_header_name)
      return;
    const bool script_fits = (language == "es" && w.script == draft::Script::latin) ||
                             (language == "el" && w.script == draft::Script::greek);
    if (!script_fits || w.in_acronym_list) return;
    if (!m_words.empty() && m_words.contains(text::fold(w.text))) return;
    if (language == "es" && foreign_to_spanish(w.text)) return;
    auto capitalised = [&](std::size_t k) {
      return k < sentence.words.size() && sentence.words[k].kind == draft::TokenKind::word &&
             sentence.words[k].shape != draft::CaseShape::lower;
    };
    // An article or a preposition opening the sentence is capitalised for that alone: "La
    // Aplicacion no abre" is as much a slip as "la Aplicacion".
    const bool opener_before = i == 1 && k_openers.contains(sentence.words[0].key);
    if ((capitalised(i - 1) && !opener_before) || capitalised(i + 1))
      return;  // i - 1 wraps past the first word
    if (i > 0 && k_titles.contains(sentence.words[i - 1].key)) return;
    if (known(language, w.text)) return;
    spell::Speller* speller = speller_of(language);
    for (const std::string& candidate : speller->suggest_fast(w.text, k_near_suggestions)) {
      if (candidate == w.text || text::word_key(candidate) != w.key) continue;
      icu::UnicodeString lower = icu::UnicodeString::fromUTF8(candidate);
      lower.toLower(icu::Locale(language.c_str()));
      std::string lowercase;
      lower.toUTF8String(lowercase);
      if (!known_as_written(language, lowercase)) continue;
      out.report(w.range, "unknown word '{}'", w.text)
          .suggestions({candidate})
          .replace_with(candidate, Applicability::unsafe,
                        core::i18n::fragment("replace with '{}'", candidate));
      return;
    }
  }

  // Letters Spanish never writes (a grave accent, "ç", "ï", the Catalan "l·l"): a name from
  // another language ("Sant Cugat del Vallès", "Lluïsa", "François"), not a Spanish word
  // with a slipped accent.
  static bool foreign_to_spanish(std::string_view word) {
    static constexpr std::array<std::string_view, 14> k_letters{"à", "è", "ì", "ò", "ù", "À", "È",
                                                                "Ì", "Ò", "Ù", "ç", "Ç", "ï", "·"};
    return std::ranges::any_of(
        k_letters, [&](std::string_view l) { return word.find(l) != std::string_view::npos; });
  }

  // A capitalised word followed by another, directly or after "and", is one of a run of names
  // ("Xosé Manuel", "Xosé y Begoña", "Νίκος και Μαρία").
  static bool names_with_next(const Sentence& sentence, std::size_t i) {
    std::size_t next = i + 1;
    if (next < sentence.words.size() && k_and.contains(sentence.words[next].key)) ++next;
    return next < sentence.words.size() && sentence.words[next].kind == draft::TokenKind::word &&
           sentence.words[next].shape == draft::CaseShape::title;
  }

  inline static const std::set<std::string, std::less<>> k_and{"y", "e", "and", "και", "κι"};

  // Articles, determiners and prepositions that may open a sentence before a common word, as
  // word keys; none is a given name.
  inline static const std::set<std::string, std::less<>> k_openers{
      "la",  "el",   "los",  "las",  "un",    "una",   "unos", "unas", "su",      "sus",
      "mi",  "mis",  "este", "esta", "estos", "estas", "ese",  "esa",  "nuestro", "nuestra",
      "en",  "de",   "del",  "al",   "con",   "por",   "para", "sin",  "η",       "ο",
      "το",  "οι",   "τα",   "την",  "τη",    "τον",   "της",  "του",  "των",     "στο",
      "στη", "στην", "στον", "στα",  "στις",  "στους", "μια",  "μία",  "ένα",     "ένας"};

  // Words before a surname, as word keys.
  inline static const std::set<std::string, std::less<>> k_titles{
      "sr",  "sra", "srta", "d",   "dna", "don",    "dona",  "dr",
      "dra", "κ",   "κα",   "κος", "κε",  "κυριος", "κυρια", "κυριε"};

  // The British speller consulted after en_US, or nullptr.
  spell::Speller* backup_of(std::string_view language) const {
    if (language != "en" || m_english != English::both) return nullptr;
    return m_spell->get("en-GB");  // loaded once, on the first word en_US does not know
  }

  bool known(std::string_view language, std::string_view word) const {
    if (known_as_written(language, word)) return true;
    // en_GB's index lists "Heathrow" but not the possessive its affix rules make of it.
    const std::string_view base = english_possessive_base(language, word);
    return !base.empty() && known_as_written(language, base);
  }

  // "Heathrow's" → "Heathrow" (also with a typographic apostrophe); "" for any other word.
  static std::string_view english_possessive_base(std::string_view language,
                                                  std::string_view word) {
    if (language != "en") return {};
    for (const std::string_view suffix : {std::string_view("'s"), std::string_view("’s")})
      if (word.size() > suffix.size() + 1 && word.ends_with(suffix))
        return word.substr(0, word.size() - suffix.size());
    return {};
  }

  bool known_as_written(std::string_view language, std::string_view word) const {
    spell::Speller* speller = speller_of(language);
    if (speller == nullptr) return true;
    spell::Speller* backup = backup_of(language);
    if (backup == nullptr) return speller->check(word);
    // en_US's index is partial: a word it lacks would load Hunspell, so both indexes are asked
    // first, and en_GB only by its index ("colours" never loads a Hunspell).
    return speller->listed(word) || backup->listed(word) || speller->check(word);
  }

  // known() from the word indexes alone (Speller::listed): never loads Hunspell.
  bool listed(std::string_view language, std::string_view word) const {
    spell::Speller* speller = speller_of(language);
    if (speller != nullptr && speller->listed(word)) return true;
    spell::Speller* backup = backup_of(language);
    return backup != nullptr && backup->listed(word);
  }

  static std::string_view other_latin(std::string_view language) {
    return language == "es" ? "en" : language == "en" ? "es" : std::string_view{};
  }

  bool is_prefix(std::string_view language, const std::string& key) const {
    const auto it = m_data.languages.find(std::string{language});
    return it != m_data.languages.end() && it->second.hyphen_prefixes.contains(key);
  }

  // Abbreviations are looked up in every language's list: "e.g." is at home in a Spanish reply.
  bool is_listed_abbreviation(const std::string& key) const {
    return std::ranges::any_of(m_data.languages, [&](const auto& entry) {
      return entry.second.abbreviations.contains(key);
    });
  }

  // True when word `i` of `sentence` is a Greek proparoxytone with the second accent an enclitic
  // pronoun after it calls for ("το όνομά μου", "την πρόσβασή σας"), known without that accent.
  bool enclitic_accent(std::string_view text, const Sentence& sentence, std::size_t i) const {
    if (i + 1 >= sentence.words.size()) return false;
    const Word& w = sentence.words[i];
    const Word& next = sentence.words[i + 1];
    if (next.range.begin <= w.range.end || !spell::is_greek_enclitic(next.text)) return false;
    const std::string_view between = text.substr(w.range.end, next.range.begin - w.range.end);
    if (between.find_first_not_of(" \t\n") != std::string_view::npos) return false;
    const std::optional<std::string> single = spell::without_enclitic_accent(w.text);
    return single && known("el", *single);
  }

  // True when word `i` of `sentence` is an abbreviation written with its period(s): "Uds.",
  // "π.μ." (the word "π.μ" and the period after it), "p. ej." (the words "p" and "ej"), known to
  // the dictionary with its period or listed in rules/<lang>/spelling.toml.
  bool abbreviation(std::string_view language, std::string_view text, const Sentence& sentence,
                    std::size_t i) const {
    const Word& w = sentence.words[i];
    const bool period = w.range.end < text.size() && text[w.range.end] == '.';
    const bool inner_period = w.text.find('.') != std::string::npos;
    if (!period && !inner_period) return false;
    const std::string dotted = w.text + ".";
    if (period && known(language, dotted)) return true;
    const std::string key = text::fold(dotted);
    if (is_listed_abbreviation(key)) return true;
    // "n.º 1234", "κ.λπ" without its last period.
    if (inner_period && is_listed_abbreviation(text::fold(w.text))) return true;
    // The part before it: "p." of "p. ej.", "a." of "a. m.".
    if (!period || i == 0) return false;
    const Word& prev = sentence.words[i - 1];
    std::string_view between = text.substr(prev.range.end, w.range.begin - prev.range.end);
    if (between != "." && between != ". ") return false;
    return is_listed_abbreviation(text::fold(prev.text + ".") + key);
  }

  // True when word `i` is part of a hyphenated compound its dictionary knows as a whole
  // ("check-in", "e-mail"), or is a prefix of rules/<lang>/spelling.toml before a hyphen
  // ("pre-order", "ex-cliente", "pre- y posventa").
  bool in_compound(std::string_view language, std::string_view text, const Sentence& sentence,
                   std::size_t i) const {
    const Word& w = sentence.words[i];
    const bool hyphen_after = is_hyphen_at(text, w.range.end);
    const bool hyphen_before = w.range.begin > 0 && is_hyphen_at(text, w.range.begin - 1);
    if (!hyphen_after && !hyphen_before) return false;
    auto joined = [&](std::size_t a, std::size_t b) {
      const Word& left = sentence.words[a];
      const Word& right = sentence.words[b];
      return left.kind == draft::TokenKind::word && right.kind == draft::TokenKind::word &&
             is_hyphen_at(text, left.range.end) && right.range.begin == left.range.end + 1;
    };
    std::size_t first = i, last = i;
    while (first > 0 && joined(first - 1, first)) --first;
    while (last + 1 < sentence.words.size() && joined(last, last + 1)) ++last;
    if (first != last) {
      const std::size_t b = sentence.words[first].range.begin;
      if (known(language, text.substr(b, sentence.words[last].range.end - b))) return true;
    }
    return hyphen_after && is_prefix(language, text::fold(w.text));
  }

  // Counts the words of `words` within `piece` that only `language`'s dictionary lists (`own`)
  // and that only `other`'s lists (`foreign`), from the word indexes alone.
  void vote(std::string_view language, std::string_view other, const std::vector<Word>& words,
            const Range& piece, int& own, int& foreign) const {
    for (const Word& v : words) {
      if (v.range.begin < piece.begin || v.range.end > piece.end) continue;
      if (v.kind != draft::TokenKind::word || v.script != draft::Script::latin || v.letters < 2 ||
          v.has_digit)
        continue;
      const bool in_own = listed(language, v.text);
      const bool in_other = listed(other, v.text);
      if (in_own && !in_other) ++own;
      if (in_other && !in_own) ++foreign;
    }
  }

  // True when the piece of `sentence` holding `w` (see piece_around) has more words that only
  // the `other` dictionary lists than words that only `language`'s lists, and the rest of the
  // paragraph does have words of its language: an English line in a Spanish paragraph, or the
  // reverse. A paragraph wholly in the other language (its language forced with --lang) stays
  // as it is. Decided once per piece.
  bool in_other_language(std::string_view language, std::string_view other, std::string_view text,
                         const draft::Paragraph& paragraph, const Sentence& sentence, const Word& w,
                         std::vector<std::pair<Range, bool>>& pieces, int& own_words) const {
    for (const auto& [piece, foreign] : pieces)
      if (piece.begin <= w.range.begin && w.range.end <= piece.end) return foreign;
    const Range piece = piece_around(text, sentence.range, w.range);
    int own = 0, foreign = 0;
    vote(language, other, sentence.words, piece, own, foreign);
    bool answer = foreign > own;
    if (answer && own_words < 0) {
      int ignored = 0;
      own_words = 0;
      for (const Sentence& s : paragraph.sentences)
        vote(language, other, s.words, s.range, own_words, ignored);
    }
    if (answer) answer = own_words > own;
    pieces.emplace_back(piece, answer);
    return answer;
  }

  // True when `w` is a Latin word of a Spanish paragraph that the English word index lists, or of
  // an English paragraph that the Spanish one lists (never loading Hunspell to tell).
  bool loanword(const Word& w, std::string_view language) const {
    if (w.script != draft::Script::latin) return false;
    const std::string_view other = other_latin(language);
    return !other.empty() && listed(other, w.text);
  }

  // The language whose dictionary judges `w` ("es", "el", "en"), or "" when the word is left
  // alone.
  std::string_view judge_for(const Word& w, const std::string& language,
                             bool sentence_start) const {
    if (w.has_digit || w.has_underscore || w.is_header_name) return {};
    if (w.letters < 2) return {};
    // in_acronym_list holds for every word is_acronym() knows (and for their undotted forms).
    if (w.in_acronym_list && m_data.is_acronym(w.text)) return {};
    // Short words in capitals are acronyms (SEPA, ACME); proper nouns inside a sentence are
    // capitalised words no dictionary lists.
    if (w.shape == draft::CaseShape::upper && w.letters <= 5) return {};
    // Six capitals with at most one vowel are a code: an airline booking reference ("KLMZTR",
    // "QXPPLM"), never a word shouted.
    if (w.shape == draft::CaseShape::upper && w.letters == 6 && w.script == draft::Script::latin &&
        std::count_if(w.text.begin(), w.text.end(), [](char c) {
          return std::string_view("AEIOUY").find(c) != std::string_view::npos;
        }) <= 1)
      return {};
    if (w.shape == draft::CaseShape::mixed) return {};  // iPhone, McDonald, eBay
    if (w.shape == draft::CaseShape::title && !sentence_start) return {};
    if (!m_words.empty() && m_words.contains(text::fold(w.text))) return {};
    switch (w.script) {
      case draft::Script::greek:
        return "el";
      case draft::Script::latin:
        if (language == "el") {
          // Latin words in Greek text are English, or names when capitalised.
          if (w.shape != draft::CaseShape::lower) return {};
          return "en";
        }
        if (language == "es") return "es";
        if (language == "en") return "en";
        return {};
      default:
        return {};
    }
  }

  bool listed_as_foreign(const Sentence& sentence, std::string_view language,
                         std::size_t word) const {
    if (language == "en") return false;
    const std::vector<PhraseMatch> matches = m_foreign_alternatives.find(sentence, language);
    return std::any_of(matches.begin(), matches.end(), [&](const PhraseMatch& m) {
      return m.first_word <= word && word < m.end_word;
    });
  }

  spell::SpellService* m_spell;
  const data::DataSet& m_data;
  personal_data::Detector m_personal_data;  // passwords and ids are never spell-checked
  SignoffBlock m_signoff;                   // the name and contact lines under a sign-off
  PhraseMatcher m_foreign_alternatives;     // foreign-word's list: its words are its findings
  int m_suggestions;
  int m_max_suggested;
  int m_max_slow;
  English m_english;
  std::set<std::string> m_words;
};

}  // namespace

const RuleInfo& spelling_info() { return k_info; }

std::unique_ptr<Rule> make_spelling(const RuleContext& context) {
  return std::make_unique<Spelling>(context);
}

}  // namespace replylint::rules
