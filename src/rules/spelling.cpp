#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <set>

#include "data/data.hpp"
#include "rules/foreign_word_detect.hpp"
#include "rules/personal_data_detect.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "spelling",
    .category = Category::spelling,
    .default_severity = Severity::warning,
    .summary = "misspelled words in own text, with suggestions (es, el, en)",
    .docs = R"md(
## What it flags
Words of own text that Hunspell does not know, with up to three suggestions. The dictionaries
are Debian's es_ES, el_GR and en_US, this project's additions in `dictionaries/` (email and
business vocabulary, brand names) and the `words` of the configuration.

Each paragraph is checked in its own language: Greek by script, Spanish or English by a
language identifier (`--lang` forces one). Latin-script words inside Greek text are checked
against English, or skipped when capitalised.

Left alone: quoted text, attribution lines, signatures, URLs, email addresses, file names,
numbers, words with digits or underscores, placeholders, acronyms, names that appear in the
message's headers, capitalised words inside a sentence (proper nouns), and passwords, codes and
other values the `personal-data` rule detects (a warning on them would print them). Greek words written
in capitals are accepted without accents; elsewhere accents count ("minimo" is a typo).

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
)md",
    .options = {{"suggestions", std::int64_t{3}, "suggestions per unknown word"},
                {"max-suggested-words", std::int64_t{25},
                 "distinct unknown words per draft that get suggestions"},
                {"max-slow-suggestions", std::int64_t{3},
                 "unknown words per draft that may use Hunspell's slow suggestion search"}},
};

class Spelling final : public Rule {
 public:
  explicit Spelling(const RuleContext& context)
      : m_spell(context.spell),
        m_data(context.data),
        // Without a stemmer: stemming would load Hunspell for drafts that need no suggestion,
        // and the phrases' own forms are what a password follows.
        m_personal_data(context.data, nullptr),
        m_suggestions(static_cast<int>(
            std::clamp<std::int64_t>(context.options.integer("suggestions"), 0, 10))),
        m_max_suggested(static_cast<int>(
            std::clamp<std::int64_t>(context.options.integer("max-suggested-words"), 0, INT_MAX))),
        m_max_slow(static_cast<int>(std::clamp<std::int64_t>(
            context.options.integer("max-slow-suggestions"), 0, INT_MAX))) {
    for (const std::string& w : context.words) m_words.insert(text::fold(w));
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    if (!m_spell) return;
    std::map<std::string, std::vector<std::string>> suggested;  // per distinct word, this draft
    int slow_left = m_max_slow;
    const std::vector<personal_data::Found> secrets = m_personal_data.own_text(draft);
    auto secret = [&](const Word& w) {
      return std::ranges::any_of(
          secrets, [&](const personal_data::Found& f) { return f.range.overlaps(w.range); });
    };
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      const std::string& language =
          paragraph.language.empty() ? draft.language : paragraph.language;
      for (const Sentence& sentence : paragraph.sentences) {
        bool first = true;
        for (const Word& w : sentence.words) {
          if (w.kind != draft::TokenKind::word || w.letters == 0) continue;
          const bool sentence_start = first;
          first = false;
          if (!secrets.empty() && secret(w)) continue;
          spell::Speller* speller = speller_for(w, language, sentence_start);
          if (!speller || speller->check(w.text)) continue;
          // An English word of a Spanish paragraph is foreign-word's finding, not a typo.
          if (foreign_word::english_in_spanish(w, language, *m_spell)) continue;
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
              if (list.empty() && slow_left > 0 && !loanword(w, language)) {
                --slow_left;
                list = speller->suggest(w.text, max);
              }
            }
            it = suggested.emplace(w.text, std::move(list)).first;
          }
          auto found = out.report(w.range, "unknown word '{}'", w.text);
          found.suggestions(it->second);
          // One candidate may still be the wrong word (a name, a term): unsafe, never automatic.
          if (it->second.size() == 1)
            found.replace_with(it->second.front(), Applicability::unsafe,
                               fmt::format("replace with '{}'", it->second.front()));
        }
      }
    }
  }

 private:
  // True when `w` is a Latin word of a Spanish paragraph that the English word index lists, or of
  // an English paragraph that the Spanish one lists (never loading Hunspell to tell).
  bool loanword(const Word& w, const std::string& language) const {
    if (w.script != draft::Script::latin) return false;
    const char* other = language == "es" ? "en" : language == "en" ? "es" : nullptr;
    if (other == nullptr) return false;
    spell::Speller* speller = m_spell->get(other);
    return speller != nullptr && speller->listed(w.text);
  }

  // The dictionary that judges `w`, or nullptr when the word is left alone.
  spell::Speller* speller_for(const Word& w, const std::string& language,
                              bool sentence_start) const {
    if (w.has_digit || w.has_underscore || w.is_header_name) return nullptr;
    if (w.letters < 2) return nullptr;
    // in_acronym_list holds for every word is_acronym() knows (and for their undotted forms).
    if (w.in_acronym_list && m_data.is_acronym(w.text)) return nullptr;
    // Short words in capitals are acronyms (SEPA, ACME); proper nouns inside a sentence are
    // capitalised words no dictionary lists.
    if (w.shape == draft::CaseShape::upper && w.letters <= 5) return nullptr;
    if (w.shape == draft::CaseShape::mixed) return nullptr;  // iPhone, McDonald, eBay
    if (w.shape == draft::CaseShape::title && !sentence_start) return nullptr;
    if (!m_words.empty() && m_words.contains(text::fold(w.text))) return nullptr;
    switch (w.script) {
      case draft::Script::greek:
        return m_spell->get("el");
      case draft::Script::latin:
        if (language == "el") {
          // Latin words in Greek text are English, or names when capitalised.
          if (w.shape != draft::CaseShape::lower) return nullptr;
          return m_spell->get("en");
        }
        if (language == "es" || language == "en") return m_spell->get(language);
        return nullptr;
      default:
        return nullptr;
    }
  }

  spell::SpellService* m_spell;
  const data::DataSet& m_data;
  personal_data::Detector m_personal_data;  // passwords and ids are never spell-checked
  int m_suggestions;
  int m_max_suggested;
  int m_max_slow;
  std::set<std::string> m_words;
};

}  // namespace

const RuleInfo& spelling_info() { return k_info; }

std::unique_ptr<Rule> make_spelling(const RuleContext& context) {
  return std::make_unique<Spelling>(context);
}

}  // namespace replylint::rules
