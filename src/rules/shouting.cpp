#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "data/data.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"

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

Left alone: acronyms (the per-language lists in `rules/<lang>/acronyms.toml`: IVA, DNI, NIF,
PDF, SEPA, ΦΠΑ, ΑΦΜ…), codes of two or three capitals the dictionary does not know (airports
and airlines: "IB 3166 MAD - BCN", "JFK"), tokens with digits or underscores, names from the
message's headers, placeholders, URLs, quoted text, attribution lines and signatures.

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
         !w.has_digit && !w.has_underscore;
}

std::string lower(std::string_view text, const char* locale) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
      .toLower(icu::Locale(locale))
      .toUTF8String(out);
  return out;
}

std::string capitalise_first(std::string_view text, const char* locale) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (u.isEmpty()) return std::string(text);
  const int32_t first_len = U16_LENGTH(u.char32At(0));
  icu::UnicodeString head = u.tempSubString(0, first_len);
  head.toUpper(icu::Locale(locale));
  std::string out;
  (head + u.tempSubString(first_len)).toUTF8String(out);
  return out;
}

class Shouting final : public Rule {
 public:
  explicit Shouting(const RuleContext& context)
      : m_data(context.data),
        m_spell(context.spell),
        m_min_words(std::max<std::int64_t>(1, context.options.integer("min-words"))) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      const char* locale = paragraph.language.empty() ? "und" : paragraph.language.c_str();
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
      std::size_t words_in_run = 0;
      for (std::size_t i = run.first; i <= run.last; ++i)
        if (words[i].kind == draft::TokenKind::word) ++words_in_run;
      const bool whole = words_in_run == total_words && run.counted >= 2;
      if (run.counted < m_min_words && !whole) continue;
      const Range range{words[run.first].range.begin, words[run.last].range.end};
      const std::string suggestion =
          sentence_case(text, words, run, locale, run.first == first_word(words));
      // Sentence case keeps every word and acronym: the meaning stays, so the fix is safe.
      if (is_subject) {
        out.report_subject(range, "subject written in capitals")
            .help("write the subject in sentence case")
            .suggest(suggestion)
            .replace_with(suggestion, Applicability::safe,
                          core::i18n::fragment("write the subject in sentence case"));
      } else if (whole) {
        out.report(range, "sentence written in capitals")
            .help("write it in sentence case")
            .suggest(suggestion)
            .replace_with(suggestion, Applicability::safe,
                          core::i18n::fragment("write it in sentence case"));
      } else {
        out.report(range, "{} words in a row written in capitals", words_in_run)
            .help("write them in sentence case")
            .suggest(suggestion)
            .replace_with(suggestion, Applicability::safe,
                          core::i18n::fragment("write them in sentence case"));
      }
    }
  }

  static std::size_t first_word(const std::vector<Word>& words) {
    for (std::size_t i = 0; i < words.size(); ++i)
      if (words[i].kind == draft::TokenKind::word) return i;
    return words.size();
  }

  // Two or three capitals that are no word of the language: an airport, airline or other code
  // ("JFK", "IB", "MAD" in Spanish), never shouted. "NO", "YA", "YOU" are words. Asked of the
  // word index only: loading Hunspell for every code would cost a cold check a tenth of a second.
  // Abbreviations the dictionary lists in capitals ("JFK" in en_US) are codes too.
  static bool is_code(const Word& w, spell::Speller* speller, const char* locale) {
    if (w.letters > 3 || speller == nullptr) return false;
    const std::string lowercase = lower(w.text, locale);
    return !speller->listed(lowercase) && !speller->listed(capitalise_first(lowercase, locale));
  }

  // The run's text in sentence case: acronyms kept, the rest lowercase, the first letter kept
  // capital when the run starts the sentence.
  std::string sentence_case(const std::string& text, const std::vector<Word>& words, const Run& run,
                            const char* locale, bool starts_sentence) const {
    spell::Speller* speller =
        m_spell && std::string_view(locale) != "und" ? m_spell->get(locale) : nullptr;
    std::string out;
    std::size_t cursor = words[run.first].range.begin;
    for (std::size_t i = run.first; i <= run.last; ++i) {
      const Word& w = words[i];
      out += text.substr(cursor, w.range.begin - cursor);
      if (w.kind != draft::TokenKind::word || m_data.is_acronym(w.text)) {
        out += w.text;
      } else if (auto form = speller ? speller->lowercase_form(w.text) : std::nullopt) {
        // The dictionary restores what capitals drop: ΠΑΡΑΚΑΛΩ → παρακαλώ, ATENCION → atención.
        out += (i == run.first && starts_sentence) ? capitalise_first(*form, locale) : *form;
      } else {
        std::string word = lower(w.text, locale);
        if ((i == run.first && starts_sentence) || w.is_header_name)
          word = capitalise_first(word, locale);
        out += word;
      }
      cursor = w.range.end;
    }
    return out;
  }

  void check_subject(const Draft& draft, Reporter& out) const {
    const message::Message& msg = draft.message();
    if (msg.subject.empty()) return;
    // Leave the reply prefixes ("RE:", "ΑΠ:", "RV:") out: they are written in capitals by clients.
    const std::size_t prefix_end = msg.subject.size() >= msg.subject_without_prefixes.size() &&
                                           msg.subject.ends_with(msg.subject_without_prefixes)
                                       ? msg.subject.size() - msg.subject_without_prefixes.size()
                                       : 0;
    std::vector<Word> words;
    for (const Word& w : draft.subject_words)
      if (w.range.begin >= prefix_end) words.push_back(w);
    const char* locale = draft.language.empty() ? "und" : draft.language.c_str();
    check_words(msg.subject, words, locale, true, out);
  }

  const data::DataSet& m_data;
  spell::SpellService* m_spell;
  std::int64_t m_min_words;
};

}  // namespace

const RuleInfo& shouting_info() { return k_info; }

std::unique_ptr<Rule> make_shouting(const RuleContext& context) {
  return std::make_unique<Shouting>(context);
}

}  // namespace replylint::rules
