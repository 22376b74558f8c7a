#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "rules/foreign_word_detect.hpp"
#include "rules/personal_data_detect.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "rules/word_case.hpp"
#include "spell/spell.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "foreign-word",
    .category = Category::spelling,
    .default_severity = Severity::info,
    .summary = N_(
        "an English word in a Spanish or Greek paragraph, with the native alternative where one is "
        "listed"),
    .docs = R"md(
## What it flags
An English word in a Spanish or Greek paragraph of own text. It is not a misspelling (the
`spelling` rule leaves it alone), so it is reported apart, at info, with the native word where
`rules/<lang>/foreign-word.toml` lists one: link → enlace, feedback → comentarios, email → correo
electrónico, password → contraseña, meeting → reunión; in Greek link → σύνδεσμος, email →
ηλεκτρονικό ταχυδρομείο, feedback → σχόλια.

Which words:
- a word of that list, even when a dictionary accepts it (`dictionaries/es.dic` accepts "email"
  and "link" so that `spelling` does not call them typos; the list is the style advice that
  there is a Spanish or Greek word for them);
- any other word of four letters or more that the English dictionary knows and the paragraph's
  language does not (Greek: any lowercase Latin-script word English knows), reported without a
  suggestion. A word the Spanish dictionaries accept, including the brands and accepted
  loanwords of `dictionaries/es.dic` ("online", "app", "PayPal"), is not a foreign word, and
  neither is an English cognate cut short ("problem" for "problema": that is a typo).

Left alone: the configuration's `words` (always), capitalised words inside a sentence (brands,
products, names), acronyms, words in quotation marks, two English words or more in a row
("Kind regards", "smart home") and a line mostly in English (a sentence in English is no
foreign word to flag word by word), passwords and codes, names from the headers, placeholders,
URLs and addresses, quoted text, attribution lines and signatures. English paragraphs are never
checked.

## Why
Take the time to check the spelling of your message before you send it (seeds/001, "Pautas
para responder eficazmente"): clear, correct writing in the customer's language. Spanish and
Greek style guides ask for the native word where one exists, and a customer who does not read
English may not know the borrowed one.

## Example
```text
Hola Ana,

Le paso el link para cambiar la password de su cuenta.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Le paso el enlace para cambiar la contraseña de su cuenta en PayPal.

Un saludo / Kind regards,
Lucía
```
)md",
    .options = {},
};

bool is_quote_mark(std::string_view text) {
  static constexpr std::string_view k_marks[] = {"\"", "'", "“", "”", "«", "»", "‘", "’", "`"};
  return std::ranges::any_of(k_marks, [&](std::string_view m) { return text.ends_with(m); });
}

bool prose(const Word& w) { return w.kind == draft::TokenKind::word && w.letters > 0; }

class ForeignWord final : public Rule {
 public:
  explicit ForeignWord(const RuleContext& context)
      : m_spell(context.spell),
        // Forms only: the lists spell out plurals, and Greek has no morphology anyway.
        m_alternatives(context.data, k_info.id, nullptr),
        m_personal_data(context.data, context.spell) {
    for (const std::string& w : context.words) m_words.insert(text::fold(w));
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    std::vector<personal_data::Found> secrets;
    bool secrets_read = false;
    Spellers spellers{m_spell};
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      const std::string& language =
          paragraph.language.empty() ? draft.language : paragraph.language;
      if (language != "es" && language != "el") continue;
      for (const Sentence& sentence : paragraph.sentences) {
        const std::vector<PhraseMatch> matches = m_alternatives.find(sentence, language);
        const std::vector<Mark> marks =
            classify(draft.text(), sentence, language, matches, spellers);
        if (std::ranges::none_of(marks, [](const Mark& m) { return m.reportable; })) continue;
        if (!secrets_read) {
          secrets = m_personal_data.own_text(draft);
          secrets_read = true;
        }
        report_sentence(draft, sentence, language, matches, marks, secrets, out);
      }
    }
  }

 private:
  // The spellers one check asks for, each fetched from the service on its first need (the
  // service loads a dictionary then) and kept: they are asked about nearly every word.
  class Spellers {
   public:
    explicit Spellers(spell::SpellService* service) : m_service(service) {}
    spell::Speller* spanish() { return get(m_spanish, "es"); }
    spell::Speller* english() { return get(m_english, "en"); }

   private:
    struct Slot {
      bool fetched = false;
      spell::Speller* speller = nullptr;  // may stay null: no dictionary for the language
    };
    spell::Speller* get(Slot& slot, std::string_view language) {
      if (!slot.fetched) {
        slot.speller = m_service->get(language);
        slot.fetched = true;
      }
      return slot.speller;
    }
    spell::SpellService* m_service;
    Slot m_spanish;
    Slot m_english;
  };

  // What one word of a sentence is to this rule.
  struct Mark {
    bool english = false;      // English by the dictionaries, or a listed word: makes up runs
    bool listed = false;       // part of a match of the alternatives list
    bool listed_tail = false;  // a word after the first of a listed phrase ("tracking number")
    bool reportable = false;   // English or listed, allowed, and not part of English writing
  };

  void report_sentence(const Draft& draft, const Sentence& sentence, const std::string& language,
                       const std::vector<PhraseMatch>& matches, const std::vector<Mark>& marks,
                       const std::vector<personal_data::Found>& secrets, Reporter& out) const {
    const bool spanish = language == "es";  // apart from help(): xgettext reads its literals
    const auto secret = [&](const Word& w) {
      return std::ranges::any_of(
          secrets, [&](const personal_data::Found& f) { return f.range.overlaps(w.range); });
    };
    std::size_t next_match = 0;
    for (std::size_t i = 0; i < sentence.words.size(); ++i) {
      if (next_match < matches.size() && matches[next_match].first_word == i) {
        const PhraseMatch& match = matches[next_match++];
        bool quiet = false;
        for (std::size_t k = match.first_word; k < match.end_word; ++k)
          if (!marks[k].reportable || secret(sentence.words[k])) quiet = true;
        if (quiet) continue;
        const std::string_view found =
            std::string_view(draft.text()).substr(match.range.begin, match.range.size());
        auto finding = out.report(match.range, "'{}' is English", found);
        finding.suggestions(alternatives(match.phrase->suggest, found));
        finding.help(!match.phrase->help.empty() ? match.phrase->help
                     : spanish                   ? N_("write the Spanish word")
                                                 : N_("write the Greek word"));
        continue;
      }
      const Word& w = sentence.words[i];
      if (marks[i].listed || !marks[i].reportable || secret(w)) continue;
      out.report(w.range, "'{}' is English", w.text)
          .help(spanish ? N_("write it in Spanish, or leave it if no Spanish word fits")
                        : N_("write it in Greek, or leave it if no Greek word fits"));
    }
  }

  // The listed alternatives ("incidencia|solicitud"), capitalised like the writer's word.
  static std::vector<std::string> alternatives(const std::string& listed, std::string_view found) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= listed.size()) {
      const std::size_t bar = std::min(listed.find('|', start), listed.size());
      std::string one = listed.substr(start, bar - start);
      while (!one.empty() && one.front() == ' ') one.erase(0, 1);
      while (!one.empty() && one.back() == ' ') one.pop_back();
      if (!one.empty()) out.push_back(capital_like(found, one));
      start = bar + 1;
    }
    return out;
  }

  // English by the dictionaries: Spanish rejects it and English knows it, or, in Greek text,
  // a Latin-script word English knows.
  // (foreign_word::english_in_spanish, with the spellers fetched once.)
  bool english_only(const Word& w, bool spanish_text, Spellers& spellers) const {
    if (m_spell == nullptr) return false;
    if (spanish_text) {
      if (!foreign_word::may_be_english(w)) return false;
      spell::Speller* spanish = spellers.spanish();
      spell::Speller* english = spellers.english();
      return spanish != nullptr && english != nullptr &&
             foreign_word::english_not_spanish(w, *spanish, *english);
    }
    if (w.script != draft::Script::latin || w.letters < foreign_word::k_min_letters) return false;
    spell::Speller* english = spellers.english();
    return english != nullptr && english->check(w.text);
  }

  // Marks each word: English or listed, and whether it may be reported.
  std::vector<Mark> classify(const std::string& text, const Sentence& sentence,
                             const std::string& language, const std::vector<PhraseMatch>& matches,
                             Spellers& spellers) const {
    const bool spanish_text = language == "es";
    const bool greek_text = language == "el";
    const std::vector<Word>& words = sentence.words;
    std::vector<Mark> out(words.size());
    for (const PhraseMatch& match : matches)
      for (std::size_t i = match.first_word; i < match.end_word; ++i) {
        out[i].listed = true;
        out[i].listed_tail = i > match.first_word;
      }
    std::size_t first_word = words.size();
    for (std::size_t i = 0; i < words.size(); ++i) {
      const Word& w = words[i];
      if (w.kind != draft::TokenKind::word || w.letters == 0) continue;
      if (first_word == words.size()) first_word = i;
      const bool english_word = out[i].listed || english_only(w, spanish_text, spellers);
      // Greek text: any Latin word makes a run (product names), English or not.
      out[i].english = english_word || (greek_text && w.script == draft::Script::latin);
      out[i].reportable = english_word && may_report(text, w, i == first_word) &&
                          (out[i].listed || !in_hyphenated_compound(text, w));
    }
    // What follows only takes marks back: a sentence with nothing to report (most) is done.
    if (std::ranges::none_of(out, [](const Mark& m) { return m.reportable; })) return out;
    // Two English words in a row, or a line mostly English, are English writing, not a word;
    // a line mostly in another language (French, Latin) is no Spanish line.
    std::size_t line_start = 0;
    for (std::size_t i = 1; i <= words.size(); ++i) {
      if (i < words.size() && !newline_between(text, words[i - 1], words[i])) continue;
      quiet_english_writing(out, words, line_start, i);
      const bool any = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(line_start),
                                   out.begin() + static_cast<std::ptrdiff_t>(i),
                                   [](const Mark& m) { return m.reportable; });
      if (any && spanish_text && !mostly_spanish(words, line_start, i, spellers))
        for (std::size_t k = line_start; k < i; ++k) out[k].reportable = false;
      line_start = i;
    }
    return out;
  }

  // True when more than half the words of words[begin, end) (one line), two or more, are
  // Spanish; capitalised words inside the line count as names.
  bool mostly_spanish(const std::vector<Word>& words, std::size_t begin, std::size_t end,
                      Spellers& spellers) const {
    spell::Speller* spanish = m_spell != nullptr ? spellers.spanish() : nullptr;
    if (spanish == nullptr) return true;
    int total = 0, spanish_words = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const Word& w = words[i];
      if (!prose(w) || w.letters < 2 || w.has_digit) continue;
      const bool name = total > 0 && w.shape != draft::CaseShape::lower;
      ++total;
      if (name || spanish->check(w.text)) ++spanish_words;
    }
    return total < 2 || spanish_words * 2 > total;
  }

  // Only the gap is read: a search for the next newline would run to the end of a long line
  // for every pair of words on it.
  static bool newline_between(const std::string& text, const Word& a, const Word& b) {
    for (std::size_t at = a.range.end; at < b.range.begin && at < text.size(); ++at)
      if (text[at] == '\n') return true;
    return false;
  }

  // Within words[begin, end) (one line of the sentence): quiets runs of two English words or
  // more, and every word when most of the line's words are English.
  static void quiet_english_writing(std::vector<Mark>& marks, const std::vector<Word>& words,
                                    std::size_t begin, std::size_t end) {
    // A listed phrase of several words ("tracking number") counts as one word.
    int total = 0, english = 0;
    for (std::size_t i = begin; i < end; ++i) {
      if (words[i].kind != draft::TokenKind::word || words[i].letters == 0) continue;
      if (marks[i].listed_tail) continue;
      ++total;
      if (marks[i].english) ++english;
    }
    if (total >= 2 && english * 2 > total) {
      for (std::size_t i = begin; i < end; ++i) marks[i].reportable = false;
      return;
    }
    std::size_t run_start = begin;
    int run = 0;
    for (std::size_t i = begin; i <= end; ++i) {
      const bool word = i < end && words[i].kind == draft::TokenKind::word && words[i].letters > 0;
      if (word && marks[i].listed_tail) continue;
      if (word && marks[i].english) {
        if (run == 0) run_start = i;
        ++run;
        continue;
      }
      if (i < end && !word) continue;  // numbers and punctuation tokens do not break a run
      if (run >= 2)
        for (std::size_t j = run_start; j < i; ++j) marks[j].reportable = false;
      run = 0;
    }
  }

  // A part of a hyphenated compound ("check-in", "pop-up", "follow-up"): the compound is one
  // word, spelling's to judge, and no English word of a sentence.
  static bool in_hyphenated_compound(std::string_view text, const Word& w) {
    const auto letter_at = [&](std::size_t i) {
      return i < text.size() && (std::isalpha(static_cast<unsigned char>(text[i])) ||
                                 static_cast<unsigned char>(text[i]) >= 0x80);
    };
    return (w.range.begin >= 2 && text[w.range.begin - 1] == '-' && letter_at(w.range.begin - 2)) ||
           (w.range.end + 1 < text.size() && text[w.range.end] == '-' &&
            letter_at(w.range.end + 1));
  }

  bool may_report(const std::string& text, const Word& w, bool sentence_start) const {
    if (w.has_digit || w.has_underscore || w.is_header_name) return false;
    if (w.in_acronym_list || w.shape == draft::CaseShape::upper) return false;
    if (w.shape == draft::CaseShape::mixed) return false;                     // iPhone, eBay
    if (w.shape == draft::CaseShape::title && !sentence_start) return false;  // brands, names
    if (!m_words.empty() && m_words.contains(text::fold(w.text))) return false;
    // "the “Submit” button": the writer quotes the English on purpose.
    if (w.range.begin > 0 && is_quote_mark(std::string_view(text).substr(0, w.range.begin)))
      return false;
    return true;
  }

  spell::SpellService* m_spell;
  PhraseMatcher m_alternatives;
  personal_data::Detector m_personal_data;  // a password is never printed back
  std::set<std::string> m_words;
};

}  // namespace

const RuleInfo& foreign_word_info() { return k_info; }

std::unique_ptr<Rule> make_foreign_word(const RuleContext& context) {
  return std::make_unique<ForeignWord>(context);
}

}  // namespace replylint::rules
