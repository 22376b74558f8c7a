#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "rules/word_case.hpp"
#include "spell/enclitic.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "accent-confusion",
    .category = Category::spelling,
    .default_severity = Severity::warning,
    .summary = N_(
        "a correct word with the wrong accent for its place: tú/tu, él/el, qué/que, πού/που, ή/η"),
    .docs = R"md(
## What it flags
A word that is correct on its own but wrong where it stands, because its accent tells two words
apart and no dictionary can see which one was meant:
- Spanish tilde diacrítica: "tu puedes" → tú, "el ha llamado" → él, "un poco mas" → más,
  "creo que si." → sí, "no se si" → sé, "una taza de te" → té, "que le de" → dé, "a mi me" → mí,
  "aun no ha llegado" → aún, "esta en camino" → está;
- Spanish interrogatives, in direct questions ("¿Como puedo…?" → ¿Cómo, "¿A que hora…?" → qué,
  "¿Porque no llega?" → Por qué) and indirect ones ("no sé que hacer" → qué, "no sabemos cuando
  llegará" → cuándo, "díganos porque lo devuelve" → por qué);
- Spanish verb/noun pairs: "el envió llegará" → envío, "ayer le envío" → envió, "es muy
  practico" → práctico;
- Greek πού/που, πώς/πως and ή/η: "Που είναι η παραγγελία;" → Πού, "δεν ξέρω πως να" → πώς,
  "δύο η τρεις μέρες" → ή;
- Greek's second accent before a possessive μου, σου, μας, σας: a word stressed on its third
  syllable from the end takes one on its last ("το αίτημα σας" → αίτημά, "στο κατάστημα μας" →
  κατάστημά). Before a verb the pronoun may be the verb's object ("ο υπάλληλος σας ενημέρωσε":
  the clerk informed you), so a verb after it keeps the finding back, unless it is an auxiliary
  or a passive ("το αίτημα σας είναι έτοιμο", "το αίτημα σας καταχωρήθηκε"); an unstressed ι
  before the last vowel makes one syllable with it ("τα σπίτια μας").

The contexts are data, `rules/<lang>/accent-confusion*.toml`: a phrase with the forms that are
right in it (`suggest`; two words joined by `_`, as `por_qué`, are right for the one word written
without the space); a word of the match that has one of them without its accents, or with the
wrong ones, is flagged. Context words must be written as listed, accents included, and
nothing but spaces may stand between the words of a match. `accent-confusion-question.toml` holds
the interrogatives that must open a question (right after `¿`, or first in a sentence ending in
`?` or Greek `;`), `accent-confusion-opening.toml` those that must follow `¿`,
`accent-confusion-end.toml` what must end the sentence or be followed by a comma or
other stop ("claro que si.", "eso si, …"),
`accent-confusion-infinitive.toml` what an infinitive must follow ("no sé que hacer"),
`accent-confusion-answer.toml` the answer that opens a sentence, its first word followed by a
comma ("Si, le confirmo que…" → Sí; "Si, por el contrario, …" is a condition), and
`accent-confusion.unless.toml` matches that excuse any they overlap ("¿Como le comenté…").
Precision comes first: "el pedido", "se lo enviamos", "si quiere", "lo intentamos, mas no fue
posible", "el que usted prefiera", "θα σας πούμε πως…" and the relative "που" stay quiet.

Left alone: quoted text, attribution lines, signatures, placeholders and English paragraphs.

## Why
Take the time to check the spelling of your message before you send it (seeds/001, "Pautas
para responder eficazmente"). The spelling checker accepts both "tu" and "tú": only the context
tells that "tu puedes" is wrong.

## Example
```text
Hola Ana,

¿Como puedo ayudarle? El envió llegará mañana y aun no sé que hacer con la devolución.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

¿Cómo puedo ayudarle? El envío llegará mañana. Si quiere, se lo enviamos a su oficina.

Un saludo,
Lucía
```
)md",
    .options = {},
    .fix = FixInfo{Applicability::unsafe, false,
                   N_("writes the word with its accent when there is one reading")},
};

// Where a context list's matches must stand in their sentence.
enum class Place { anywhere, question, opening, end, before_infinitive, answer };

struct ContextList {
  const char* suffix;  // of the data file: accent-confusion<suffix>.toml
  Place place;
};

constexpr std::array<ContextList, 6> k_lists{{{"", Place::anywhere},
                                              {"-question", Place::question},
                                              {"-opening", Place::opening},
                                              {"-end", Place::end},
                                              {"-infinitive", Place::before_infinitive},
                                              {"-answer", Place::answer}}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The text between two words holds nothing but spaces ("no sé, como le dije" is two parts).
bool only_spaces(std::string_view text) { return std::ranges::all_of(text, is_space); }

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool prose(const Word& w) { return w.kind == draft::TokenKind::word && w.letters > 0; }

// A Spanish infinitive, alone or with up to two enclitics ("hacer", "solucionarlo",
// "enviárselo"), by its comparison key (accents off). Nouns and adjectives in -ar/-er/-ir that
// follow "no sé que" in real mail are few; the common ones are listed.
bool spanish_infinitive(const Word& w) {
  static const std::set<std::string, std::less<>> k_not_verbs{
      "ayer",    "mejor",   "lugar",      "hogar",   "mujer",    "taller",  "cualquier",
      "similar", "regular", "particular", "popular", "familiar", "titular", "dolar",
      "mar",     "par",     "bar",        "collar",  "pilar",    "placer",  "deber"};
  if (!prose(w)) return false;
  std::string_view key = w.key;
  if (k_not_verbs.contains(key)) return false;
  static constexpr std::array<std::string_view, 11> k_clitics{
      "los", "las", "les", "nos", "lo", "la", "le", "me", "te", "se", "os"};
  for (int round = 0; round < 3; ++round) {
    if (key.size() >= 4 && (key.ends_with("ar") || key.ends_with("er") || key.ends_with("ir")))
      return true;
    const auto clitic = std::ranges::find_if(k_clitics, [&](std::string_view c) {
      return key.size() > c.size() + 3 && key.ends_with(c);
    });
    if (clitic == k_clitics.end()) return false;
    key.remove_suffix(clitic->size());
  }
  return false;
}

class AccentConfusion final : public Rule {
 public:
  // Forms only (no stemmer): the contexts list every form they take, and stems would relate
  // "como" to "comer".
  explicit AccentConfusion(const RuleContext& context)
      : m_exceptions(context.data, std::string(k_info.id) + ".unless", nullptr) {
    for (const ContextList& list : k_lists)
      m_lists.push_back(
          {PhraseMatcher(context.data, std::string(k_info.id) + list.suffix, nullptr), list.place});
    for (const auto& [code, language] : context.data.languages)
      for (const ContextList& list : k_lists)
        if (const auto phrases = language.phrases.find(std::string(k_info.id) + list.suffix);
            phrases != language.phrases.end())
          for (const data::Phrase& phrase : phrases->second)
            m_right_forms.emplace(&phrase, right_forms_of(phrase));
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    std::set<std::size_t> reported;  // begins of flagged words: two lists may find one word
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      const std::string& language =
          paragraph.language.empty() ? draft.language : paragraph.language;
      if (language != "es" && language != "el") continue;
      for (const Sentence& sentence : paragraph.sentences) {
        if (language == "el") check_enclitic_accents(draft.text(), sentence, reported, out);
        std::vector<PhraseMatch> exceptions;
        bool exceptions_read = false;
        const Questions questions = questions_in(draft.text(), sentence);
        for (const Compiled& list : m_lists) {
          if (!questions.may_hold(list.place)) continue;
          std::set<std::size_t> judged;  // begins of words a phrase of this list has judged
          for (const PhraseMatch& match : list.matcher.find_each(sentence, language)) {
            if (!in_place(draft.text(), sentence, match, list.place)) continue;
            if (!exceptions_read) {
              exceptions = m_exceptions.find(sentence, language);
              exceptions_read = true;
            }
            if (std::ranges::any_of(exceptions, [&](const PhraseMatch& e) {
                  return e.range.begin < match.range.end && match.range.begin < e.range.end;
                }))
              continue;
            report_match(sentence, match, judged, reported, out);
          }
        }
      }
    }
  }

 private:
  struct Compiled {
    PhraseMatcher matcher;
    Place place;
  };

  // The forms that are right in a phrase's context (its `suggest`), worked out once per phrase
  // rather than for every match of it.
  // A form of two words is listed with '_' between them ("por_qué"): it is right for the one
  // word written without the space ("¿Porque no llega?" → "por qué").
  struct RightForms {
    std::vector<std::string> written;  // as listed, '_' made a space
    std::vector<std::string> folded;   // text::fold: accents kept ("ς" is "σ" there)
    std::vector<std::string> keys;     // text::word_key of each, without its space
  };

  static RightForms right_forms_of(const data::Phrase& phrase) {
    RightForms out;
    for (std::string_view listed : split(phrase.suggest)) {
      std::string form(listed);
      std::replace(form.begin(), form.end(), '_', ' ');
      out.folded.push_back(text::fold(form));
      std::string key = text::word_key(out.folded.back());
      std::erase(key, ' ');
      out.keys.push_back(std::move(key));
      out.written.push_back(std::move(form));
    }
    return out;
  }

  // What in_place needs of a sentence before a question or opening list is searched: most
  // sentences ask nothing, and those lists are then not searched at all.
  struct Questions {
    bool opening_mark = false;  // a '¿' anywhere in the sentence
    bool closing_mark = false;  // it ends in '?' or ';'
    bool may_hold(Place place) const {
      switch (place) {
        case Place::question:
          return opening_mark || closing_mark;
        case Place::opening:
          return opening_mark;
        default:
          return true;
      }
    }
  };

  static Questions questions_in(const std::string& text, const Sentence& sentence) {
    const std::string_view whole =
        trim_right(std::string_view(text).substr(sentence.range.begin, sentence.range.size()));
    return {whole.find("¿") != std::string_view::npos,
            whole.ends_with("?") || whole.ends_with(";")};
  }

  // Flags each word of `match` that has a key of one of the phrase's right forms but none of
  // those forms as written; the context words must be exactly as listed. A word is judged by
  // the first phrase of a list that has a right form for it (matches come earliest and longest
  // first): a longer context decides, yet a phrase's context words stay open to the others
  // ("el numero": "él + noun" finds "el" right, "el + numero" wants "número"), and two wrong
  // words may share a phrase's words ("aun no sabemos cuando": aún, cuándo).
  void report_match(const Sentence& sentence, const PhraseMatch& match,
                    std::set<std::size_t>& judged, std::set<std::size_t>& reported,
                    Reporter& out) const {
    const auto known = m_right_forms.find(match.phrase);
    RightForms computed;  // a phrase of no list here: none in a check
    const RightForms& forms =
        known != m_right_forms.end() ? known->second : (computed = right_forms_of(*match.phrase));
    const std::vector<std::string>& written_forms = forms.written;
    const std::vector<std::string>& right = forms.folded;
    std::vector<const Word*> words;
    for (std::size_t i = match.first_word; i < match.end_word; ++i)
      if (sentence.words[i].kind == draft::TokenKind::word ||
          sentence.words[i].kind == draft::TokenKind::number)
        words.push_back(&sentence.words[i]);
    if (!aligns(words, 0, match.phrase->tokens, 0, forms)) return;
    for (const Word* w : words) {
      std::vector<std::string> suggestions;
      bool written_right = false;
      for (std::size_t f = 0; f < right.size(); ++f) {
        if (forms.keys[f] != w->key) continue;
        if (text::fold(w->text) == right[f]) written_right = true;
        suggestions.push_back(capital_like(w->text, written_forms[f]));
      }
      if (suggestions.empty() || !judged.insert(w->range.begin).second || written_right) continue;
      if (!reported.insert(w->range.begin).second) continue;
      auto finding =
          out.report(w->range, "'{}' here is written '{}'", w->text, suggestions.front());
      if (!match.phrase->help.empty()) finding.help(match.phrase->help);
      finding.suggestions(suggestions);
      if (suggestions.size() == 1)
        finding.replace_with(suggestions.front(), Applicability::unsafe,
                             core::i18n::fragment("write '{}'", suggestions.front()));
    }
  }

  static std::vector<std::string_view> split(std::string_view forms) {
    std::vector<std::string_view> out;
    while (!forms.empty()) {
      const std::size_t space = std::min(forms.find(' '), forms.size());
      if (space > 0) out.push_back(forms.substr(0, space));
      forms.remove_prefix(std::min(space + 1, forms.size()));
    }
    return out;
  }

  // True when words[w…] can be laid on tokens[t…] with every context word (one whose key is
  // not a right form's) written as one of its token's forms, accents included.
  static bool aligns(const std::vector<const Word*>& words, std::size_t w,
                     const std::vector<data::PhraseToken>& tokens, std::size_t t,
                     const RightForms& right) {
    if (t == tokens.size()) return w == words.size();
    const data::PhraseToken& token = tokens[t];
    if (token.optional && aligns(words, w, tokens, t + 1, right)) return true;
    if (w == words.size()) return false;
    if (!fits(*words[w], token, right)) return false;
    return aligns(words, w + 1, tokens, t + 1, right);
  }

  static bool fits(const Word& word, const data::PhraseToken& token, const RightForms& right) {
    if (token.words.empty()) return true;  // `*`
    const bool target =
        std::ranges::any_of(right.keys, [&](const std::string& key) { return key == word.key; });
    if (target) return true;  // the word being checked: any accents
    const std::string written = text::fold(word.text);
    return std::ranges::any_of(token.words,
                               [&](const std::string& form) { return form == written; });
  }

  // True when `match` stands where its list requires in `sentence`, with only spaces between
  // its words.
  static bool in_place(const std::string& text, const Sentence& sentence, const PhraseMatch& match,
                       Place place) {
    const std::vector<Word>& words = sentence.words;
    for (std::size_t i = match.first_word + 1; i < match.end_word; ++i) {
      std::string_view between = std::string_view(text).substr(
          words[i - 1].range.end, words[i].range.begin - words[i - 1].range.end);
      // An answer's first word is followed by its comma: "Si, le confirmo".
      if (place == Place::answer && i == match.first_word + 1) {
        if (!between.starts_with(',')) return false;
        between.remove_prefix(1);
      }
      if (!only_spaces(between)) return false;
    }
    const std::string_view before = trim_right(std::string_view(text).substr(
        sentence.range.begin, words[match.first_word].range.begin - sentence.range.begin));
    const std::string_view whole =
        trim_right(std::string_view(text).substr(sentence.range.begin, sentence.range.size()));
    switch (place) {
      case Place::anywhere:
        return true;
      case Place::opening:
        return before.ends_with("¿");
      case Place::question: {
        if (before.ends_with("¿")) return true;
        // No opening mark in the sentence: a question written without one (Greek never has
        // one) opens with its first word.
        const bool first = std::ranges::none_of(
            words.begin(), words.begin() + static_cast<std::ptrdiff_t>(match.first_word), prose);
        return first && whole.find("¿") == std::string_view::npos &&
               (whole.ends_with("?") || whole.ends_with(";"));
      }
      case Place::end: {
        // The end of the sentence, or of a clause: "creo que sí.", "eso sí, …", "para él, …".
        std::size_t next = match.end_word;
        while (next < words.size() && !prose(words[next]) &&
               words[next].kind != draft::TokenKind::number)
          ++next;
        if (next == words.size()) return true;
        const std::size_t last_end = words[match.end_word - 1].range.end;
        const std::string_view between =
            std::string_view(text).substr(last_end, words[next].range.begin - last_end);
        const std::size_t mark = between.find_first_not_of(" \t");
        return mark != std::string_view::npos &&
               std::string_view(",;:.!?)").find(between[mark]) != std::string_view::npos;
      }
      case Place::answer:
        // The first word of the sentence ("¡Si, claro!" and "—Si, …" too).
        return match.end_word > match.first_word + 1 &&
               std::ranges::none_of(words.begin(),
                                    words.begin() + static_cast<std::ptrdiff_t>(match.first_word),
                                    prose) &&
               std::ranges::none_of(
                   before, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
      case Place::before_infinitive: {
        if (match.end_word >= words.size()) return false;
        const Word& next = words[match.end_word];
        return only_spaces(std::string_view(text).substr(
                   words[match.end_word - 1].range.end,
                   next.range.begin - words[match.end_word - 1].range.end)) &&
               spanish_infinitive(next);
      }
    }
    return false;
  }

  // Greek's second accent: a word stressed on its third syllable from the end takes one on its
  // last before a possessive μου, σου, μας, σας ("το αίτημα σας" → "αίτημά σας"). Before a verb
  // the pronoun may be the verb's object instead ("ο υπάλληλος σας ενημέρωσε": the clerk
  // informed you), and the single accent is right: a verb-like word after the pronoun keeps
  // the finding back, unless it is an auxiliary ("το αίτημά σας είναι …") or a passive.
  static void check_enclitic_accents(const std::string& text, const Sentence& sentence,
                                     std::set<std::size_t>& reported, Reporter& out) {
    const std::vector<Word>& words = sentence.words;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      const Word& w = words[i];
      const Word& pronoun = words[i + 1];
      if (!prose(w) || w.script != draft::Script::greek || w.letters < 5) continue;
      if (!spell::is_greek_possessive(pronoun.text)) continue;
      if (!only_spaces(
              std::string_view(text).substr(w.range.end, pronoun.range.begin - w.range.end)))
        continue;
      const std::optional<std::string> accented = spell::with_enclitic_accent(w.text);
      if (!accented) continue;
      if (i + 2 < words.size() && prose(words[i + 2]) &&
          only_spaces(std::string_view(text).substr(
              pronoun.range.end, words[i + 2].range.begin - pronoun.range.end)) &&
          verb_like(words[i + 2].text) && !passive_perfect(words, i + 2))
        continue;
      if (!reported.insert(w.range.begin).second) continue;
      out.report(w.range, "'{}' here is written '{}'", w.text, *accented)
          .help(N_("a word stressed on its third syllable from the end takes a second accent "
                   "before μου, σου, μας, σας"))
          .suggestions({*accented})
          .replace_with(*accented, Applicability::unsafe,
                        core::i18n::fragment("write '{}'", *accented));
    }
  }

  // A passive perfect from `at` on: έχει, έχουν, είχε or είχαν, adverbs such as ήδη, then a
  // passive form ("το αίτημα σας έχει ήδη καταχωρηθεί": your request has been registered),
  // which takes no object, unless it is one of sending or giving ("έχει σταλεί", "έχει δοθεί").
  static bool passive_perfect(const std::vector<Word>& words, std::size_t at) {
    static constexpr std::array<std::string_view, 4> k_have{"έχει", "έχουν", "είχε", "είχαν"};
    if (std::ranges::find(k_have, words[at].text) == k_have.end()) return false;
    static constexpr std::array<std::string_view, 5> k_adverbs{"ήδη", "πλέον", "μόλις", "ξανά",
                                                               "επιτυχώς"};
    std::size_t k = at + 1;
    while (k < words.size() && std::ranges::find(k_adverbs, words[k].text) != k_adverbs.end()) ++k;
    if (k >= words.size() || !words[k].text.ends_with("θεί")) return false;
    static constexpr std::array<std::string_view, 6> k_sent{"σταλ",     "αποσταλ", "δοθ",
                                                            "επιστραφ", "προωθ",   "διαβιβασ"};
    return std::ranges::none_of(k_sent,
                                [&](std::string_view b) { return words[k].text.starts_with(b); });
  }

  // A Greek word with a verb's ending (ενημέρωσε, στέλνει, καλούν, έστειλαν, λύθηκε), not an
  // auxiliary, which leaves the pronoun before it possessive.
  static bool verb_like(std::string_view word) {
    // Not έχει: "ο συνάδελφος σας έχει στείλει" (has sent you) takes the pronoun as its object.
    static constexpr std::array<std::string_view, 7> k_auxiliaries{"είναι",  "ήταν",   "θα", "δεν",
                                                                   "μπορεί", "πρέπει", "να"};
    if (text::count_code_points(word) < 3) return false;  // με, σε, να: not verbs
    if (std::ranges::find(k_auxiliaries, word) != k_auxiliaries.end()) return false;
    // A passive takes no object ("το αίτημά σας καταχωρήθηκε"), but one of sending or giving
    // may take "to you" ("το μήνυμα σας στάλθηκε").
    static constexpr std::array<std::string_view, 4> k_passive{"θηκε", "θηκαν", "ται", "νται"};
    static constexpr std::array<std::string_view, 7> k_sent{"στάλ",     "αποστάλ", "εστάλ",   "δόθ",
                                                            "επιστράφ", "προωθ",   "διαβιβάσ"};
    if (std::ranges::any_of(k_passive, [&](std::string_view e) { return word.ends_with(e); }))
      return std::ranges::any_of(k_sent, [&](std::string_view b) { return word.starts_with(b); });
    // The past's first person too ("σας εξήγησα", "σας έστειλα"), and "απαντά".
    static constexpr std::array<std::string_view, 15> k_endings{"ε",    "έ",   "ει",   "εί", "ουν",
                                                                "ούν",  "αν",  "ω",    "ώ",  "ουμε",
                                                                "ούμε", "ετε", "είτε", "σα", "ά"};
    return std::ranges::any_of(k_endings, [&](std::string_view e) { return word.ends_with(e); });
  }

  std::vector<Compiled> m_lists;
  PhraseMatcher m_exceptions;
  std::unordered_map<const data::Phrase*, RightForms> m_right_forms;
};

}  // namespace

const RuleInfo& accent_confusion_info() { return k_info; }

std::unique_ptr<Rule> make_accent_confusion(const RuleContext& context) {
  return std::make_unique<AccentConfusion>(context);
}

}  // namespace replylint::rules
