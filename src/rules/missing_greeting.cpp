// missing-greeting: reads the opening of own text only (its first sentence and first line).
#include <algorithm>

#include "rules/courtesy.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "missing-greeting",
    .category = Category::tone,
    .default_severity = Severity::info,
    .summary =
        N_("own text that opens with neither a greeting (Hola, Αγαπητέ, Dear…) nor a thank-you"),
    .docs = R"md(
## What it flags
A message whose own text does not open with a greeting. The opening is the first sentence of
own text: above the quote in a top-posted reply, above the first answer in an inline or
bottom-posted one, whatever the quote, attribution line, Outlook "De: … Enviado: …" block or
forwarded message around it. It greets when:

- it starts with a greeting of `rules/<lang>/missing-greeting.toml` ("Hola", "Buenos días",
  "Estimada Sra. García:", "Muy señor mío", "Καλημέρα σας", "Αγαπητέ κύριε", "Γεια σου",
  "Αξιότιμη κυρία", "Dear", "Hi there", "Good morning", "To whom it may concern"), at the very
  start or after a name and a comma ("Ana, buenos días"); a placeholder counts as the name
  ("Hola {{nombre}},");
- its first line is a name alone, ending in a comma, colon or exclamation mark ("Ana:", "Sr.
  García,", "κ. Παπαδόπουλε,", "{{nombre}}:"), or a name of the message's headers alone ("Ana
  García"); or the sentence opens by addressing the recipient by a name of the headers or a
  placeholder ("Ana, su pedido ha salido.");
- it thanks the reader or wishes them well (`rules/<lang>/missing-greeting.unless.toml`:
  "Gracias por su mensaje", "Le agradecemos su paciencia", "Espero que se encuentre bien", "Σας
  ευχαριστούμε για την επικοινωνία", "Ελπίζω να είστε καλά", "Thank you for contacting us", "I
  hope you are well"). This is a choice: an agent who opens by thanking the customer has been
  courteous, and asking for a "Hola" on top would be noise. A thank-you later in the message
  does not count.

An image's alt text or a bare link above the text ("logo.png") and PGP armor are not the opening.
A letter's head (a few short lines: "Madrid, 3 de febrero de 2025", "Ref.: pedido 51190") may
stand above the greeting.

A new message (not a reply) is read the same way: a first message to a customer greets too.

Left alone: short messages (fewer than `min-words` words of own text: "OK, gracias",
"Thanks!"), drafts with no own text (only a quote or a forward), patch emails and their reviews
(a patch, or a `[PATCH …]`/`[RFC …]` subject), and greetings that are not own text: the
customer's "Hola" in the quote, the attribution line, the signature.

The finding points at the first own word; the help and an unsafe fix propose the greeting of the
opening's language (the entry with a `suggest` in the language's list: "Hola:", "Καλημέρα
σας,", "Hello,").

## Why
Serve customers with kindness: online, where there is no face-to-face contact, the answer to
their mail is the whole of the relationship, and neglecting it loses them (seeds/000,
"Descuidar el servicio al cliente": "si no atendemos rápidamente y con amabilidad… terminen por
dejar de ser nuestros clientes"; seeds/001, "El servicio al cliente en Internet"). A greeting by
name is the first human touch (seeds/004 §13, "Explotar el toque humano"), and mail with customers
is to be handled "με επαγγελματισμό και υπευθυνότητα", with professionalism (seeds/003, "Δεν
απαντάτε στα email των πελατών").

## Example
```text
Su pedido 51190 salió ayer de nuestro almacén y llegará el jueves por la tarde. Puede seguir el
envío desde su cuenta.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana:

Su pedido 51190 salió ayer de nuestro almacén y llegará el jueves por la tarde. Puede seguir el
envío desde su cuenta.

Un saludo,
Lucía
```

## Options
`min-words` (default 15): own text with fewer words is a note, not a letter, and is left alone
(by missing-closing too, which has the same option).
)md",
    .options = {{"min-words", std::int64_t{15}, "shortest own text (in words) that is checked"}},
    .fix =
        FixInfo{Applicability::unsafe, false, N_("adds the language's usual greeting at the top")},
};

// A greeting may follow the name it addresses ("Ana, buenos días"), not other words ("Le
// deseamos buenos días" does not open with a greeting).
constexpr std::size_t k_max_vocative_words = 4;

bool is_name_word(const Word& word) {
  if (word.kind == draft::TokenKind::placeholder) return true;
  if (word.kind != draft::TokenKind::word) return false;
  return word.is_header_name || word.shape == draft::CaseShape::title ||
         word.shape == draft::CaseShape::upper || word.shape == draft::CaseShape::mixed;
}

// "de", "del", "la", "van", "του": lowercase words inside a name ("Ana de la Fuente").
bool is_name_particle(const Word& word) {
  return word.kind == draft::TokenKind::word && word.shape == draft::CaseShape::lower &&
         word.letters <= 3;
}

std::string_view between(const std::string& text, std::size_t from, std::size_t to) {
  return std::string_view(text).substr(from, to - from);
}

// "Madrid, 3 de febrero de 2025", "Sr. D. Juan García\nCalle Mayor 3\n28001 Madrid", "Ref.:
// pedido 51190": a few short lines above a formal letter's greeting.
constexpr std::size_t k_max_head_lines = 4;
constexpr std::size_t k_max_head_line_tokens = 6;

bool letter_head(const std::string& text, const draft::Paragraph& paragraph) {
  std::size_t lines = 0;
  std::size_t begin = paragraph.range.begin;
  auto sentence = paragraph.sentences.begin();
  auto word = sentence == paragraph.sentences.end() ? std::vector<Word>::const_iterator{}
                                                    : sentence->words.begin();
  while (begin < paragraph.range.end) {
    const std::size_t end = std::min(text.find('\n', begin), paragraph.range.end);
    if (++lines > k_max_head_lines) return false;
    std::size_t tokens = 0;
    while (sentence != paragraph.sentences.end()) {
      if (word == sentence->words.end()) {
        if (++sentence != paragraph.sentences.end()) word = sentence->words.begin();
        continue;
      }
      if (word->range.begin >= end) break;
      ++tokens;
      ++word;
    }
    if (tokens > k_max_head_line_tokens) return false;
    const std::string_view line = std::string_view(text).substr(begin, end - begin);
    const std::size_t last = line.find_last_not_of(" \t\r");
    if (last != std::string_view::npos && (line[last] == ',' || line[last] == ':')) return false;
    begin = end + 1;
  }
  return true;
}

bool separates(std::string_view gap) {
  return gap.find_first_of(",:;!\n") != std::string_view::npos;
}

class MissingGreeting final : public Rule {
 public:
  explicit MissingGreeting(const RuleContext& context)
      : m_data(context.data),
        m_greetings(context.data, k_info.id, context.spell),
        m_courtesies(context.data, std::string(k_info.id) + ".unless", context.spell),
        m_proposed(proposed_phrases(context.data, k_info.id)),
        m_min_words(context.options.integer("min-words")) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    if (courtesy_exempt(draft, m_min_words)) return;
    const OpeningSentence opening = opening_sentence(draft);
    if (opening.sentence == nullptr) return;
    const std::string& language = language_of(draft, *opening.paragraph);
    if (greets(draft, opening, language)) return;
    // A letter's head (place and date, address, reference) above the greeting.
    if (letter_head(draft.text(), *opening.paragraph)) {
      const OpeningSentence next = opening_sentence(draft, opening.paragraph);
      if (next.sentence != nullptr && greets(draft, next, language_of(draft, *next.paragraph)))
        return;
    }

    const Word& first = opening.sentence->words.front();
    auto finding = out.report(first.range, "message opens without a greeting");
    const auto proposed = m_proposed.find(language);
    if (proposed == m_proposed.end()) {
      finding.help("open with a greeting that addresses the reader by name");
      return;
    }
    const std::string& greeting = proposed->second;
    finding.help("open with a greeting, such as '{}' with the reader's name", greeting);
    const std::size_t at = opening.paragraph->range.begin;
    core::i18n::Fragment title = core::i18n::fragment("add '{}' at the top", greeting);
    finding.fix(core::Fix{
        .title = std::move(title.english),
        .applicability = Applicability::unsafe,
        .edits = {{{core::Location::Origin::body, Range{at, at}, {}}, greeting + "\n\n"}},
        .title_localized = std::move(title.localized),
    });
  }

 private:
  bool greets(const Draft& draft, const OpeningSentence& opening,
              const std::string& language) const {
    const Sentence& sentence = *opening.sentence;
    const std::string& text = draft.text();
    for (const std::string& code : phrase_languages(m_data, language)) {
      for (const PhraseMatch& match : m_greetings.find(sentence, code))
        if (opens(text, sentence, match)) return true;
      if (!m_courtesies.find(sentence, code).empty()) return true;
    }
    return name_line(text, *opening.paragraph) || addressed_by_name(text, sentence);
  }

  // At the start of the sentence, or after a name and a comma: "Ana, buenos días".
  static bool opens(const std::string& text, const Sentence& sentence, const PhraseMatch& match) {
    if (match.first_word == 0) return true;
    if (match.first_word > k_max_vocative_words) return false;
    const Word& before = sentence.words[match.first_word - 1];
    return separates(between(text, before.range.end, match.range.begin)) &&
           std::all_of(sentence.words.begin(), sentence.words.begin() + match.first_word,
                       [](const Word& w) { return is_name_word(w) || is_name_particle(w); });
  }

  // The paragraph's first line is a name alone: "Ana:", "Sr. García,", "{{nombre}}:", or a name
  // of the headers without punctuation ("Ana García").
  static bool name_line(const std::string& text, const draft::Paragraph& paragraph) {
    const std::size_t line_end =
        std::min(text.find('\n', paragraph.range.begin), paragraph.range.end);
    std::vector<const Word*> words;
    for (const Sentence& sentence : paragraph.sentences)
      for (const Word& word : sentence.words)
        if (word.range.end <= line_end) words.push_back(&word);
    if (words.empty() || words.size() > k_max_vocative_words + 1) return false;
    bool named = false, from_headers = true;
    for (const Word* word : words) {
      if (is_name_word(*word)) {
        named = true;
        from_headers =
            from_headers && (word->is_header_name || word->kind == draft::TokenKind::placeholder);
      } else if (!is_name_particle(*word) && !abbreviation(text, *word)) {
        return false;
      }
    }
    if (!named) return false;
    const std::string_view rest = between(text, words.back()->range.end, line_end);
    const std::size_t mark = rest.find_first_not_of(" \t.");
    if (mark == std::string_view::npos) return from_headers;
    return rest.find_first_not_of(" \t", mark + 1) == std::string_view::npos &&
           std::string_view(",:;!").find(rest[mark]) != std::string_view::npos;
  }

  // "κ." in "κ. Παπαδόπουλε,": a short lowercase word with its period.
  static bool abbreviation(const std::string& text, const Word& word) {
    return word.kind == draft::TokenKind::word && word.letters <= 3 &&
           word.range.end < text.size() && text[word.range.end] == '.';
  }

  // "Ana, su pedido ha salido.": the sentence opens with a name of the headers (or a
  // placeholder) followed by a comma or colon.
  static bool addressed_by_name(const std::string& text, const Sentence& sentence) {
    bool known = false;
    for (std::size_t i = 0; i < sentence.words.size() && i < k_max_vocative_words; ++i) {
      const Word& word = sentence.words[i];
      if (!is_name_word(word) && !is_name_particle(word) && !abbreviation(text, word)) return false;
      known = known || word.is_header_name || word.kind == draft::TokenKind::placeholder;
      const std::size_t next =
          i + 1 < sentence.words.size() ? sentence.words[i + 1].range.begin : sentence.range.end;
      const std::string_view gap = between(text, word.range.end, next);
      if (gap.find_first_of(",:") != std::string_view::npos) return known;
    }
    return false;
  }

  const data::DataSet& m_data;
  PhraseMatcher m_greetings;
  PhraseMatcher m_courtesies;
  std::map<std::string, std::string, std::less<>> m_proposed;
  std::int64_t m_min_words;
};

}  // namespace

const RuleInfo& missing_greeting_info() { return k_info; }

std::unique_ptr<Rule> make_missing_greeting(const RuleContext& context) {
  return std::make_unique<MissingGreeting>(context);
}

}  // namespace replylint::rules
