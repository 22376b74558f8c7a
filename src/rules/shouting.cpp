#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string_view>

#include "data/data.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "rules/signoff.hpp"
#include "rules/word_case.hpp"
#include "spell/enclitic.hpp"
#include "spell/spell.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "shouting",
    .category = Category::tone,
    .default_severity = Severity::warning,
    .summary = N_("words, sentences or a subject written in capitals"),
    .docs = R"md(
## What it flags
A run of words, a whole sentence of own text, or the subject, written in capitals, in Latin or
Greek script. Case is read from Unicode properties, so "ΠΑΡΑΚΑΛΩ" counts as capitals just like
"POR FAVOR".

A reply's or a forward's subject (one with a prefix: "RE:", "RV:", "ΑΠ:") is the original's,
in the customer's words, and is left alone.

Left alone: acronyms (the per-language lists in `rules/<lang>/acronyms.toml`: IVA, DNI, NIF,
PDF, SEPA, ΦΠΑ, ΑΦΜ…), codes of two or three capitals the dictionary does not know (airports
and airlines: "IB 3166 MAD - BCN", "JFK"), tokens with digits or underscores, names from the
message's headers, placeholders, URLs, text in quotation marks (an error message as the screen
shows it: "SERVICE TEMPORARILY UNAVAILABLE"), an HTTP status ("HTTP 503 SERVICE UNAVAILABLE"),
the rows of a table ("| ESTADO | FECHA | IMPORTE |"), a heading of up to six words alone on
its line above a field, a figure or a list item ("RESUMEN DEL PEDIDO" over "1 x Cable HDMI";
above prose it is still shouting), a company's registered name (a run that starts or ends with a legal form of
`rules/<lang>/acronyms.toml`: "TRANSPORTES GARCÍA E HIJOS, S.L.", "ΑΝΩΝΥΜΗ ΕΜΠΟΡΙΚΗ ΕΤΑΙΡΕΙΑ
ΠΑΠΑΔΟΠΟΥΛΟΣ"), a button's label or a plan's name after a word that introduces one (the
`name-cues` of `rules/<lang>/acronyms.toml`: "click SAVE AND CONTINUE", "πατήστε ΑΠΟΘΗΚΕΥΣΗ ΚΑΙ
ΣΥΝΕΧΕΙΑ", "su tarifa FIBRA TOTAL PLUS"), a path through menus ("vaya a CONFIGURACIÓN > CUENTA >
SEGURIDAD", "ΡΥΘΜΙΣΕΙΣ → ΛΟΓΑΡΙΑΣΜΟΣ"), the lines of a signature written without a "-- " line (up to eight short lines
under a sign-off such as "Un saludo,": a company's tagline in capitals), a legal disclaimer in
capitals (a paragraph with two different cues of
`rules/<lang>/confidential-disclaimer.toml`: "IF YOU ARE NOT THE INTENDED RECIPIENT"), quoted
text, attribution lines and signatures.

The fix writes the run in sentence case: acronyms and codes stay, a word takes the form the
dictionary gives it (accents restored: ATENCION → atención; names capitalised: DALLAS → Dallas),
and day and month names their capital where the language writes one (ΠΑΡΑΣΚΕΥΗ → Παρασκευή).
An acronym that is also a pronoun is the pronoun after a verb ("PLEASE CALL US" → "please call
us"; "THE US OFFICE" keeps it), and where a hidden accent makes a noun or a verb, the word before
chooses ("EL ENVIO" → "el envío", "LE ENVIO" → "le envió").
It is safe, applied by `--fix`, only when every word's form is certain; a word the dictionary
does not know (a brand, a product: written capitalised), two words in a row that read as a
name, one of them a common word too (JUAN GARCÍA: juan and Juan, garcía and García), a day name
that is also a common word,
a short word in capitals that hides more than one accented word (ΠΟΣΟ: πόσο or ποσό), a word
of four letters or more that is a word both with and without an accent (ESTA: esta or está,
OLVIDE: olvide or olvidé; shorter ones, QUE, ΠΟΥ, are read without it unless the sentence asks), a
word capitals almost always write for the accented one (MAS: más; rules/es/acronyms.toml), an
acronym that is also a word (IT: it?), a letter naming an option ("OPTION A - …") or a Greek
word before a possessive μου, σου, μας, σας that takes a second accent there ("Η ΑΠΟΔΕΙΞΗ ΣΑΣ" →
"η απόδειξή σας", as the fix writes it; a verb's object keeps one accent: "ο υπάλληλος σας
ενημέρωσε") makes it unsafe.

## Why
Never write your message in sustained capitals: it goes against the etiquette of the Internet
and reads as shouting (seeds/001, "Pautas para responder eficazmente").

## Example
```text
Hola Ana,

POR FAVOR ENVÍE EL FORMULARIO HOY.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Por favor, envíe el formulario hoy. El IVA y el DNI van en el PDF adjunto.

Un saludo,
Lucía
```

## Options
`min-words` (default 3): a run of capitals shorter than this is left alone, unless it is a
whole sentence of at least two words.
)md",
    .options = {{"min-words", std::int64_t{3},
                 "shortest run of words in capitals that is flagged"}},
    .fix = FixInfo{Applicability::safe, true, N_("writes the capitals in sentence case")},
};

// A token that may be part of a run of capitals.
bool is_capital_word(const Word& w) {
  return w.kind == draft::TokenKind::word && w.shape == draft::CaseShape::upper && w.letters >= 1 &&
         !w.has_digit && !w.has_underscore && !is_x_run(w.text);
}

std::string lower(std::string_view text, const char* locale) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
      .toLower(icu::Locale(locale))
      .toUTF8String(out);
  return out;
}

std::string capitalise_first(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (u.isEmpty()) return std::string(text);
  const int32_t first_len = U16_LENGTH(u.char32At(0));
  icu::UnicodeString head = u.tempSubString(0, first_len);
  // Not the language's upper case: Greek capitals drop the accent (ό → Ο), a capital that
  // starts a sentence keeps it (Όλα).
  head.toUpper(icu::Locale::getRoot());
  std::string out;
  (head + u.tempSubString(first_len)).toUTF8String(out);
  return out;
}

class Shouting final : public Rule {
 public:
  explicit Shouting(const RuleContext& context)
      : m_data(context.data),
        m_spell(context.spell),
        m_disclaimer_cues(context.data, "confidential-disclaimer", context.spell),
        m_signoff(context.data),
        m_min_words(std::max<std::int64_t>(1, context.options.integer("min-words"))) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      const char* locale = paragraph.language.empty() ? "und" : paragraph.language.c_str();
      if (legal_disclaimer(paragraph)) continue;
      for (const Sentence& sentence : paragraph.sentences) {
        check_words(draft.text(), sentence.words, locale, false, out);
      }
    }
    check_subject(draft, out);
  }

 private:
  struct Run {
    std::size_t first = 0, last = 0;  // indexes into the word list, inclusive
    int counted = 0;                  // capital words that are not acronyms or names
  };

  // A legal disclaimer under a signature that has no "-- " line, as US companies write them in
  // capitals ("CONFIDENTIALITY NOTICE: … THE INTENDED RECIPIENT. IF YOU ARE NOT THE INTENDED
  // RECIPIENT …"): boilerplate the agent did not write. Two different cues make one; an "AVISO
  // LEGAL: …" line in a template, however often, is the writer's. Looked for only where a word is
  // in capitals.
  bool legal_disclaimer(const draft::Paragraph& paragraph) const {
    const bool capitals = std::ranges::any_of(paragraph.sentences, [](const Sentence& s) {
      return std::ranges::any_of(s.words, [](const Word& w) {
        return w.shape == draft::CaseShape::upper && w.letters >= 3;
      });
    });
    if (!capitals) return false;
    std::set<const data::Phrase*> cues;
    for (const Sentence& s : paragraph.sentences)
      for (const PhraseMatch& m : m_disclaimer_cues.find(s, paragraph.language))
        cues.insert(m.phrase);
    return cues.size() >= 2;
  }

  // Finds the runs of capitals in one sentence (or the subject) and reports them.
  void check_words(const std::string& text, const std::vector<Word>& words, const char* locale,
                   bool is_subject, Reporter& out) const {
    std::size_t total_words = 0;
    for (const Word& w : words)
      if (w.kind == draft::TokenKind::word && w.letters > 0) ++total_words;

    spell::Speller* speller =
        m_spell && std::string_view(locale) != "und" ? m_spell->get(locale) : nullptr;
    std::vector<Run> runs;
    std::optional<Run> current;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const Word& w = words[i];
      if (is_capital_word(w)) {
        if (!current) {
          current = Run{i, i, 0};
        }
        current->last = i;
        if (w.letters >= 2 && !m_data.is_acronym(w.text) && !w.is_header_name &&
            !is_code(w, speller, locale))
          ++current->counted;
        continue;
      }
      // Numbers inside a run ("PEDIDO 51190 NO LLEGA") do not end it.
      if (w.kind == draft::TokenKind::number && current) continue;
      if (current) {
        runs.push_back(*current);
        current.reset();
      }
    }
    if (current) {
      runs.push_back(*current);
    }

    for (const Run& run : runs) {
      if (inside_quotation(text, words[run.first].range.begin, words[run.last].range.end) ||
          in_table_row(text, words[run.first].range.begin) || status_line(words, run) ||
          heading_line(text, words[run.first].range.begin, words[run.last].range.end) ||
          company_name(words, run) || named_after_cue(words, run) || menu_path(text, words, run) ||
          (!is_subject &&
           m_signoff.contains(text, words[run.first].range.begin, words[run.last].range.end)))
        continue;
      std::size_t words_in_run = 0;
      for (std::size_t i = run.first; i <= run.last; ++i)
        if (words[i].kind == draft::TokenKind::word) ++words_in_run;
      const bool whole = words_in_run == total_words && run.counted >= 2;
      if (run.counted < m_min_words && !whole) continue;
      const Range range{words[run.first].range.begin, words[run.last].range.end};
      bool certain = true;
      const std::string suggestion =
          sentence_case(text, words, run, locale, run.first == first_word(words), certain);
      // Sentence case keeps every word and acronym: when each word's form is certain, the
      // meaning stays and the fix is safe.
      const Applicability applicability = certain ? Applicability::safe : Applicability::unsafe;
      if (is_subject) {
        out.report_subject(range, "subject written in capitals")
            .help("write the subject in sentence case")
            .suggest(suggestion)
            .replace_with(suggestion, applicability,
                          core::i18n::fragment("write the subject in sentence case"));
      } else if (whole) {
        out.report(range, "sentence written in capitals")
            .help("write it in sentence case")
            .suggest(suggestion)
            .replace_with(suggestion, applicability,
                          core::i18n::fragment("write it in sentence case"));
      } else {
        out.report(range, "{} words in a row written in capitals", words_in_run)
            .help("write them in sentence case")
            .suggest(suggestion)
            .replace_with(suggestion, applicability,
                          core::i18n::fragment("write them in sentence case"));
      }
    }
  }

  // A company's registered name, which Spanish and Greek companies write in capitals: the run
  // starts or ends with a legal form of acronyms.toml ("TRANSPORTES GARCÍA E HIJOS, S.L.",
  // "ΑΝΩΝΥΜΗ ΕΜΠΟΡΙΚΗ ΕΤΑΙΡΕΙΑ ΠΑΠΑΔΟΠΟΥΛΟΣ"), or the form follows it ("ACME TRADING Ltd.").
  // Only at an end: "SOCIEDAD" alone, or a form inside a shouted sentence, is no name.
  bool company_name(const std::vector<Word>& words, const Run& run) const {
    constexpr std::size_t k_longest_form = 7;  // words: "Ανώνυμη Βιομηχανική και Εμπορική…"
    const auto form_at = [&](std::size_t first, std::size_t last) {
      std::string joined;
      for (std::size_t i = first; i <= last; ++i) {
        if (words[i].kind != draft::TokenKind::word) return false;
        joined += words[i].text;
      }
      return m_data.is_legal_form(data::legal_form_key(joined));
    };
    const std::size_t end = std::min(run.last + 1, words.size() - 1);
    for (std::size_t n = 1; n <= k_longest_form; ++n) {
      if (run.first + n - 1 <= run.last && form_at(run.first, run.first + n - 1)) return true;
      for (std::size_t last = run.last; last <= end; ++last)
        if (last + 1 >= n && last + 1 - n >= run.first && form_at(last + 1 - n, last)) return true;
    }
    return false;
  }

  // A button's label or a plan's name as the screen or the catalogue writes it: "click SAVE AND
  // CONTINUE", "pulse el botón ACEPTAR Y SEGUIR", "πατήστε ΑΠΟΘΗΚΕΥΣΗ ΚΑΙ ΣΥΝΕΧΕΙΑ", "su tarifa
  // FIBRA TOTAL PLUS": a short run with a name cue of acronyms.toml just before it, or with only
  // short words ("on the", "en el") between.
  bool named_after_cue(const std::vector<Word>& words, const Run& run) const {
    constexpr std::size_t k_longest_name = 5;  // words
    constexpr std::size_t k_words_between = 2;
    constexpr int k_short_word = 3;  // letters
    if (run.last - run.first + 1 > k_longest_name) return false;
    std::size_t between = 0;
    for (std::size_t i = run.first; i-- > 0;) {
      const Word& w = words[i];
      if (w.kind != draft::TokenKind::word) return false;
      if (m_data.is_name_cue(w.key)) return true;
      if (w.letters > k_short_word || ++between > k_words_between) return false;
    }
    return false;
  }

  static std::size_t first_word(const std::vector<Word>& words) {
    for (std::size_t i = 0; i < words.size(); ++i)
      if (words[i].kind == draft::TokenKind::word) return i;
    return words.size();
  }

  // An acronym that is also a pronoun, after a word that is no determiner: "CALL US", "DELETE
  // IT", not "THE US", "OUR IT TEAM" (rules/<lang>/acronyms.toml).
  bool reads_as_pronoun(const std::vector<Word>& words, std::size_t i, const char* locale) const {
    const auto language = m_data.languages.find(locale);
    if (language == m_data.languages.end() || i == 0 ||
        !language->second.pronoun_acronyms.contains(text::word_key(words[i].text)))
      return false;
    const Word& previous = words[i - 1];
    return previous.kind == draft::TokenKind::word &&
           !language->second.acronym_determiners.contains(text::word_key(previous.text));
  }

  // Two or three capitals that are no word of the language: an airport, airline or other code
  // ("JFK", "IB", "MAD" in Spanish), never shouted. "NO", "YA", "YOU" are words. Asked of the
  // word index only: loading Hunspell for every code would cost a cold check a tenth of a second.
  // Abbreviations the dictionary lists in capitals ("JFK" in en_US) are codes too.
  static bool is_code(const Word& w, spell::Speller* speller, const char* locale) {
    if (w.letters > 3 || speller == nullptr) return false;
    const std::string lowercase = lower(w.text, locale);
    return !speller->listed(lowercase) && !speller->listed(capitalise_first(lowercase));
  }

  // The run's text in sentence case: acronyms and codes kept, each word as the dictionary writes
  // it, the first letter kept capital when the run starts the sentence. `certain` turns false
  // when a word's form is a guess.
  std::string sentence_case(const std::string& text, const std::vector<Word>& words, const Run& run,
                            const char* locale, bool starts_sentence, bool& certain) const {
    spell::Speller* speller =
        m_spell && std::string_view(locale) != "und" ? m_spell->get(locale) : nullptr;
    // The sentence asks (¿…?, Greek ";"): an interrogative may be hidden in its capitals.
    const std::size_t sentence_end = std::min(text.size(), words.back().range.end + 3);
    const std::string_view sentence = std::string_view(text).substr(
        words.front().range.begin, sentence_end - words.front().range.begin);
    const bool asks =
        sentence.find('?') != std::string_view::npos ||
        sentence.find("\u00BF") != std::string_view::npos ||
        sentence.find("\u037E") != std::string_view::npos ||
        (std::string_view(locale) == "el" && sentence.find(';') != std::string_view::npos);
    std::string out;
    std::size_t cursor = words[run.first].range.begin;
    int previous_name_like = 0;  // of the previous word: 0 no, 1 only a name, 2 a name or a word
    for (std::size_t i = run.first; i <= run.last; ++i) {
      const Word& w = words[i];
      int name_like = 0;
      out += text.substr(cursor, w.range.begin - cursor);
      cursor = w.range.end;
      if (w.kind != draft::TokenKind::word || m_data.is_acronym(w.text)) {
        // An acronym that is also a word ("PLEASE DELETE IT": IT or it?) cannot be told apart.
        if (w.kind == draft::TokenKind::word && speller != nullptr &&
            speller->listed(lower(w.text, locale)))
          certain = false;
        if (i > run.first && w.kind == draft::TokenKind::word && reads_as_pronoun(words, i, locale))
          out += lower(w.text, locale);  // "CALL US": the pronoun, not the country
        else
          out += w.text;
        previous_name_like = 0;
        continue;
      }
      const bool first = i == run.first && starts_sentence;
      std::optional<std::string> form;
      if (speller != nullptr && w.letters >= 2) form = speller->lowercase_form(w.text);
      // British spellings (CANCELLED, COLOUR, APOLOGISE) are words, not names to capitalise.
      if (!form && speller != nullptr && w.letters >= 2 && std::string_view(locale) == "en")
        if (spell::Speller* british = m_spell->get("en-GB")) form = british->lowercase_form(w.text);
      if (!form && w.letters >= 2 && is_code(w, speller, locale)) {
        out += w.text;  // "TX", "JFK"
        previous_name_like = 0;
        continue;
      }
      std::string word;
      if (w.letters < 2) {
        word = lower(w.text, locale);  // "Y", "Η", "A": a conjunction, an article
        // …but no article ends a phrase: "OPTION A - …", "PLAN B:" name an option.
        const std::size_t next = text.find_first_not_of(" \t", w.range.end);
        if (i == run.last || next == std::string::npos ||
            std::string_view("-:,.;)–—").find(text[next]) != std::string_view::npos)
          certain = false;
      } else if (auto name = calendar_name(w.text, locale)) {
        // ΠΑΡΑΣΚΕΥΗ: the day, or "preparation" when the dictionary lists the common word too.
        word = *name;
        const std::string common = lower(word, locale);
        if (word != common && speller != nullptr && speller->listed(common)) certain = false;
      } else if (form) {
        // The dictionary restores what capitals drop: ΠΑΡΑΚΑΛΩ → παρακαλώ, ATENCION → atención.
        word = *form;
        // Short words are where one stress makes two words (πόσο/ποσό, πότε/ποτέ, άλλα/αλλά);
        // in longer ones a second reading is mostly a variant spelling (παραγγελία/-ιά).
        if (w.letters <= k_max_ambiguous_letters) {
          std::vector<std::string> readings = accent_readings(w.text, locale, *speller);
          if (readings.size() > 1) {
            certain = false;
            // The word before may tell the noun from the verb ("EL ENVIO": el envío; "LE
            // ENVIO": le envió); without such a word the dictionary's form stays first.
            if (i > run.first && words[i - 1].kind == draft::TokenKind::word &&
                std::ranges::find(readings, word) != readings.end()) {
              std::erase(readings, word);
              readings.insert(readings.begin(), word);
              speller->rank_for_context(lower(words[i - 1].text, locale), readings);
              word = readings.front();
            }
          }
        }
        // A word written without its accent that is also a word with one (ESTA: esta or está,
        // NUMERO, LLEGARA, OLVIDE): the capitals hid which. Short ones are the frequent words
        // (QUE, ΣΑΣ, ΠΟΥ: que, σας, που), read without it unless the sentence asks (¿QUE…?).
        if (w.letters >= k_min_hidden_accent_letters - 1 && word == lower(w.text, locale) &&
            (w.letters >= k_min_hidden_accent_letters || asks) &&
            accented_reading(word, locale, *speller))
          certain = false;
        // Capitals without an accent that almost always mean the accented word ("MAS": más).
        if (const auto language = m_data.languages.find(locale); language != m_data.languages.end())
          if (const auto accented =
                  language->second.accented_in_capitals.find(text::loose_key(word));
              accented != language->second.accented_in_capitals.end() && accented->second != word) {
            word = accented->second;
            certain = false;
          }
        // A common word the dictionary also lists as a name ("JUAN": juan and Juan). Four
        // letters at least: shorter capitalised entries are symbols and abbreviations ("La").
        if (word != lower(word, locale))
          name_like = 1;  // only a name ("LÓPEZ" → López)
        else if (w.letters >= 4 && speller->listed_as_written(capitalise_first(word)))
          name_like = 2;
      } else if (w.is_header_name) {
        word = capitalise_first(lower(w.text, locale));
      } else if (speller != nullptr && w.letters >= 2 && speller->check(lower(w.text, locale))) {
        // A form the dictionary does not list but the speller builds from one it does: an
        // imperative with its pronouns ("APÁGUELO" → apáguelo), a prefixed word. A common word,
        // never a name to capitalise after a comma.
        word = lower(w.text, locale);
      } else {
        // Not a word of the dictionary: a brand, a product or a place ("ARIAT", "RANCHER").
        word = capitalise_first(lower(w.text, locale));
        if (speller != nullptr) certain = false;
      }
      // Before a possessive μου, σου, μας, σας a word stressed on its third syllable from the
      // end takes a second accent ("Η ΑΠΟΔΕΙΞΗ ΣΑΣ" → "η απόδειξή σας"), unless the pronoun is a
      // verb's object ("Ο ΥΠΑΛΛΗΛΟΣ ΣΑΣ ΕΝΗΜΕΡΩΣΕ"): which one is meant needs a reader.
      if (i < run.last && words[i + 1].kind == draft::TokenKind::word &&
          spell::is_greek_possessive(lower(words[i + 1].text, locale)) &&
          std::string_view(text)
                  .substr(w.range.end, words[i + 1].range.begin - w.range.end)
                  .find_first_not_of(" \t") == std::string_view::npos) {
        if (const std::optional<std::string> accented = spell::with_enclitic_accent(word)) {
          word = *accented;
          certain = false;
        }
      }
      out += first ? capitalise_first(word) : word;
      // Two name-like words in a row, one of them also a common word ("JUAN GARCÍA LÓPEZ"): a
      // person's or a company's name in capitals, which the fix would write in small letters.
      if (name_like > 0 && previous_name_like > 0 && (name_like == 2 || previous_name_like == 2))
        certain = false;
      previous_name_like = name_like;
    }
    return out;
  }

  // A row of a plain-text or markdown table ("| ESTADO | FECHA | IMPORTE |"): its headings are
  // labels, not a sentence shouted.
  // A path through menus as the screen writes it: "CONFIGURACIÓN > CUENTA > SEGURIDAD",
  // "ΡΥΘΜΙΣΕΙΣ → ΛΟΓΑΡΙΑΣΜΟΣ", "SETTINGS » BILLING".
  static bool menu_path(std::string_view text, const std::vector<Word>& words, const Run& run) {
    static constexpr std::array<std::string_view, 6> k_separators{">", "›", "»", "→", "➔", "▸"};
    for (std::size_t i = run.first; i < run.last; ++i) {
      const std::string_view gap =
          text.substr(words[i].range.end, words[i + 1].range.begin - words[i].range.end);
      if (std::any_of(k_separators.begin(), k_separators.end(),
                      [&](std::string_view s) { return gap.find(s) != std::string_view::npos; }))
        return true;
    }
    return false;
  }

  static bool in_table_row(std::string_view text, std::size_t at) {
    const std::size_t line_begin = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;
    const std::size_t line_end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(line_begin, line_end - line_begin);
    return std::count(line.begin(), line.end(), '|') >= 2;
  }

  // A heading over lines of data ("RESUMEN DEL PEDIDO" above "1 x Cable HDMI", "ΞΕΝΟΔΟΧΕΙΟ
  // ΑΚΤΗ ΜΥΡΙΝΑΣ - ΛΗΜΝΟΣ" above "Άφιξη: 12/07"): the run is its whole line, of six words at
  // most and no sentence's end, and the next line, at once, holds a field, a figure or a list
  // item. A shouted line over prose is still shouting.
  static bool heading_line(std::string_view text, std::size_t begin, std::size_t end) {
    const std::size_t line_begin = begin == 0 ? 0 : text.rfind('\n', begin - 1) + 1;
    const std::size_t line_end = std::min(text.find('\n', end), text.size());
    const auto blank = [](std::string_view s) {
      return s.find_first_not_of(" \t:-–—") == std::string_view::npos;
    };
    if (!blank(text.substr(line_begin, begin - line_begin)) ||
        !blank(text.substr(end, line_end - end)))
      return false;
    const std::string_view run = text.substr(begin, end - begin);
    if (std::count(run.begin(), run.end(), ' ') > 5) return false;
    if (line_end >= text.size()) return false;
    const std::size_t next_end = std::min(text.find('\n', line_end + 1), text.size());
    const std::string_view next = text.substr(line_end + 1, next_end - line_end - 1);
    // Data below it: a field ("Άφιξη: 12/07"), a figure or a list item, not in capitals.
    const std::size_t first = next.find_first_not_of(" \t");
    if (first == std::string_view::npos || !has_lowercase(next)) return false;
    const std::string_view item = next.substr(first);
    if (std::string_view("-*").find(item[0]) != std::string_view::npos || item.starts_with("•"))
      return true;
    const auto words_in = [](std::string_view s) {
      std::size_t n = 0;
      bool in_word = false;
      for (const char c : s) {
        const bool blank = c == ' ' || c == '\t';
        n += !blank && !in_word;
        in_word = !blank;
      }
      return n;
    };
    // A field is a short label and its value ("Άφιξη: 12/07", "Total: 45 €"): a colon that ends
    // a label of four words at most, not the colon of a time inside a sentence ("a las 10:00").
    for (std::size_t colon = item.find(':'); colon != std::string_view::npos;
         colon = item.find(':', colon + 1)) {
      if (colon + 1 < item.size() && item[colon + 1] != ' ' && item[colon + 1] != '\t') continue;
      return words_in(item.substr(0, colon)) <= 4;
    }
    // A figure: a short line holding a number ("1 x Cable HDMI", "2 noches, 180 €"); a line of
    // prose that mentions one is not data.
    return words_in(item) <= 8 &&
           std::any_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  static bool has_lowercase(std::string_view line) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(line);
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
      if (u_islower(u.char32At(i))) return true;
    return false;
  }

  // An HTTP status as a server sends it: "HTTP 429 TOO MANY REQUESTS".
  static bool status_line(const std::vector<Word>& words, const Run& run) {
    return run.first + 1 <= run.last &&
           (words[run.first].text == "HTTP" || words[run.first].text == "HTTPS") &&
           words[run.first + 1].kind == draft::TokenKind::number;
  }

  static constexpr int k_max_ambiguous_letters = 5;
  // Shorter words without an accent are read so (EL, TU, QUE, ΣΑΣ: el, tu, que, σας), as people
  // writing in capitals mean them far more often than él, tú, qué, σάς.
  static constexpr int k_min_hidden_accent_letters = 4;

  // The vowels that take an acute accent in `language` ("es" or "el"), and each one accented.
  static std::pair<std::u16string_view, std::u16string_view> accent_vowels(
      std::string_view language) {
    if (language == "el") return {u"αεηιουω", u"άέήίόύώ"};
    return {u"aeiou", u"áéíóú"};
  }

  // The dictionary's word with an accent on one vowel of `plain` (a listed word without one).
  static std::optional<std::string> accented_reading(const std::string& plain, const char* locale,
                                                     spell::Speller& speller) {
    const std::string_view language(locale);
    if (language != "el" && language != "es") return std::nullopt;
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(plain);
    const auto [vowels, acute] = accent_vowels(language);
    for (int32_t i = 0; i < unicode.length(); ++i) {
      const std::size_t v = vowels.find(static_cast<char16_t>(unicode.charAt(i)));
      if (v == std::u16string_view::npos) continue;
      icu::UnicodeString accented(unicode);
      accented.setCharAt(i, acute[v]);
      std::string utf8;
      accented.toUTF8String(utf8);
      if (!speller.listed(utf8)) continue;
      // The voseo imperative (FUNCIONA: funcioná, LLAMA: llamá) is its infinitive less the r;
      // nobody writing "usted" means it. But ESTÁ is "está" far more often.
      if (language == "es" && i + 1 == unicode.length() && speller.listed(plain + "r") &&
          plain != "esta")
        continue;
      return utf8;
    }
    return std::nullopt;
  }

  // True when [begin, end) lies between quotation marks on its line: "…", “…”, «…», ‘…’.
  static bool inside_quotation(std::string_view text, std::size_t begin, std::size_t end) {
    const std::size_t line_begin = begin == 0 ? 0 : text.rfind('\n', begin - 1) + 1;
    const std::size_t line_end = std::min(text.find('\n', end), text.size());
    const std::string_view before = text.substr(line_begin, begin - line_begin);
    const std::string_view after = text.substr(end, line_end - end);
    const auto count = [](std::string_view s, std::string_view mark) {
      std::size_t n = 0;
      for (std::size_t at = s.find(mark); at != s.npos; at = s.find(mark, at + mark.size())) ++n;
      return n;
    };
    if (count(before, "\"") % 2 == 1 && count(after, "\"") > 0) return true;
    for (const auto& [open, close] :
         {std::pair<std::string_view, std::string_view>{"“", "”"}, {"«", "»"}, {"‘", "’"}})
      if (count(before, open) > count(before, close) && count(after, close) > 0) return true;
    return false;
  }

  // The name of a weekday or month as the language writes it, when its capitals spell one
  // ("ΠΑΡΑΣΚΕΥΗ" → "Παρασκευή", "FRIDAY" → "Friday", "VIERNES" → "viernes").
  static std::optional<std::string> calendar_name(std::string_view capitals, const char* locale) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale loc(locale);
    const icu::DateFormatSymbols symbols(loc, status);
    if (U_FAILURE(status)) return std::nullopt;
    const std::string key = text::loose_key(capitals);
    const auto match = [&](const icu::UnicodeString* names,
                           int32_t count) -> std::optional<std::string> {
      for (int32_t i = 0; i < count; ++i) {
        std::string name;
        names[i].toUTF8String(name);
        if (!name.empty() && text::loose_key(name) == key) return name;
      }
      return std::nullopt;
    };
    int32_t count = 0;
    const icu::UnicodeString* weekdays = symbols.getWeekdays(
        count, icu::DateFormatSymbols::STANDALONE, icu::DateFormatSymbols::WIDE);
    if (auto found = match(weekdays, count)) return found;
    const icu::UnicodeString* months =
        symbols.getMonths(count, icu::DateFormatSymbols::STANDALONE, icu::DateFormatSymbols::WIDE);
    return match(months, count);
  }

  // How many words of the dictionary the capitals may stand for once accents are put back:
  // ΠΟΣΟ is πόσο or ποσό. Only Greek and Spanish write accents capitals often leave out.
  // The words of the dictionary the capitals may stand for once accents are put back (ΠΟΣΟ:
  // πόσο, ποσό); empty when there is no question (another language, or a word read as
  // written).
  static std::vector<std::string> accent_readings(std::string_view capitals, const char* locale,
                                                  spell::Speller& speller) {
    const std::string_view language(locale);
    if (language != "el" && language != "es") return {};
    icu::UnicodeString plain = icu::UnicodeString::fromUTF8(
        icu::StringPiece(capitals.data(), static_cast<int32_t>(capitals.size())));
    plain.toLower(icu::Locale(locale));
    const auto [vowels, acute] = accent_vowels(language);
    // A word without its accent when one is written unaccented is read so: "EL" is "el",
    // "PUES" is "pues" (capitals that drop the accent of "él" cannot be told from it).
    std::string utf8;
    if (speller.listed(plain.toUTF8String(utf8))) return {};
    std::vector<std::string> readings;
    for (int32_t i = 0; i < plain.length(); ++i) {
      const std::size_t v = vowels.find(static_cast<char16_t>(plain.charAt(i)));
      if (v == std::u16string_view::npos) continue;
      icu::UnicodeString accented(plain);
      accented.setCharAt(i, acute[v]);
      utf8.clear();
      if (speller.listed(accented.toUTF8String(utf8))) readings.push_back(utf8);
    }
    return readings;
  }

  void check_subject(const Draft& draft, Reporter& out) const {
    const message::Message& msg = draft.message();
    if (msg.subject.empty()) return;
    // A reply or forward keeps the original's subject behind its prefix ("RE: COBRO
    // DUPLICADO!!!"): the customer's capitals, not the agent's.
    if (!msg.subject_prefixes.empty()) return;
    const std::vector<Word>& words = draft.subject_words;
    const char* locale = draft.language.empty() ? "und" : draft.language.c_str();
    check_words(msg.subject, words, locale, true, out);
  }

  const data::DataSet& m_data;
  spell::SpellService* m_spell;
  PhraseMatcher m_disclaimer_cues;  // rules/<lang>/confidential-disclaimer.toml
  SignoffBlock m_signoff;
  std::int64_t m_min_words;
};

}  // namespace

const RuleInfo& shouting_info() { return k_info; }

std::unique_ptr<Rule> make_shouting(const RuleContext& context) {
  return std::make_unique<Shouting>(context);
}

}  // namespace replylint::rules
