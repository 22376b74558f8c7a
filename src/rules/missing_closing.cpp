// missing-closing: reads the end of own text (its last lines and last sentence) and the top of
// the signature below it.
#include <algorithm>
#include <cctype>

#include "rules/courtesy.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "missing-closing",
    .category = Category::tone,
    .default_severity = Severity::info,
    .summary = N_("own text that ends without a sign-off (Un saludo, Με εκτίμηση, Best regards…)"),
    .docs = R"md(
## What it flags
A message whose own text ends without a sign-off. The end is the last paragraph of own text
before the signature, the quote of a top-posted reply or the end of the message: its final short
lines (the sign-off and the name, title, company and contact lines under it, up to ten) and the
last sentence above them. It signs off when one of them holds a phrase of
`rules/<lang>/missing-closing.toml`:

- a sign-off ("Un saludo", "Saludos cordiales", "Atentamente", "Le saluda atentamente", "Με
  εκτίμηση", "Φιλικά", "Χαιρετισμούς", "Καλή συνέχεια", "Best regards", "Kind regards",
  "Cheers", "Sincerely", "Best,");
- thanks or a last offer of help, which close a message just as well ("Gracias", "Quedamos a su
  disposición", "No dude en contactarnos", "Ευχαριστούμε", "Παραμένουμε στη διάθεσή σας", "Μη
  διστάσετε", "Thank you", "Let us know if you need anything else", "Have a great day").

In the last sentence a one-word phrase counts near its start or end ("Muchas gracias por su
paciencia.", "…, gracias."), not in its middle ("We will do our best to ship it today."), and
"gracias a su aviso", "thanks to your report" are prepositions, not thanks
(`rules/<lang>/missing-closing.unless.toml`).

**A signature is not a sign-off.** A name, alone or in a signature block, says who wrote; the
closing formula takes leave of the reader (seeds/000: serve with kindness). So "Su pedido ha
salido.\n\nLucía" is flagged. But a sign-off written into the signature counts: the first two
lines under the `-- ` line ("-- \nUn saludo,\nLucía", as mail clients insert a stored
signature). A postscript ("PD:", "P.S.", "Υ.Γ."), a legal disclaimer (the cues of
`confidential-disclaimer.toml`), a mailing footer with a way to opt out (those of
`unsubscribe-missing-opt-out.toml`) and an eco or automatic-mail footer
(`missing-closing-footer.toml`: "Antes de imprimir este correo…", "Please do not reply to this
email") after the sign-off are skipped.

Left alone: short messages (fewer than `min-words` words of own text: "OK, gracias",
"Thanks!"), drafts with no own text, patch emails and their reviews (a patch, or a `[PATCH …]`/
`[RFC …]` subject), and sign-offs that are not own text: the customer's "Un saludo" in the quote
is not yours. A greeting in the first words of the message ("Saludos, Ana:") is not a sign-off.

The finding points at the last sentence of own text above the name; the help and an unsafe fix
propose the sign-off of that paragraph's language (the entry with a `suggest` in the language's
list: "Un saludo,", "Με εκτίμηση,", "Best regards,").

## Why
Serve customers with kindness (seeds/000, "Descuidar el servicio al cliente": "si no atendemos
rápidamente y con amabilidad… terminen por dejar de ser nuestros clientes"): an answer that
stops without taking leave reads as curt. A sign-off followed by a person's name is the human
touch the articles ask for (seeds/004 §13, "Explotar el toque humano"; §6, "No esconder a las
personas"), and mail with customers is to be handled "με επαγγελματισμό και υπευθυνότητα", with
professionalism (seeds/003, "Δεν απαντάτε στα email των πελατών").

## Example
```text
Hola Ana:

Su pedido 51190 salió ayer de nuestro almacén y llegará el jueves por la tarde. Puede seguir el
envío desde su cuenta.

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
(by missing-greeting too, which has the same option).
)md",
    .options = {{"min-words", std::int64_t{15}, "shortest own text (in words) that is checked"}},
    .fix = FixInfo{Applicability::unsafe, false, N_("adds the language's usual sign-off")},
};

// The sign-off block under the last sentence: "Un saludo," and the name, title, company, address,
// phone and web lines of an undelimited signature.
constexpr std::size_t k_max_signoff_lines = 10;
constexpr int k_max_signoff_words = 8;        // a longer line without contact details is prose
constexpr int k_max_contact_words = 16;       // "Calle Mayor 3, 28001 Madrid | Tel. 910 000 000"
constexpr int k_max_exclamation_words = 3;    // "Thanks!" belongs to the block; a question does not
constexpr std::size_t k_edge_words = 2;       // a one-word phrase near the last sentence's edges
constexpr std::size_t k_signature_lines = 2;  // lines of a '-- ' signature read for a sign-off
constexpr std::size_t k_max_trailers = 2;     // postscripts and footers skipped at the end

// One line of own text with the tokens on it.
struct Line {
  Range range;
  std::vector<const Word*> words;
  const draft::Paragraph* paragraph = nullptr;
};

std::vector<Line> lines_of(const std::string& text, const draft::Paragraph& paragraph) {
  std::vector<Line> out;
  std::size_t begin = paragraph.range.begin;
  while (begin < paragraph.range.end) {
    const std::size_t end = std::min(text.find('\n', begin), paragraph.range.end);
    out.push_back({{begin, end}, {}, &paragraph});
    begin = end + 1;
  }
  std::size_t at = 0;
  for (const Sentence& sentence : paragraph.sentences)
    for (const Word& word : sentence.words) {
      while (at < out.size() && out[at].range.end < word.range.begin) ++at;
      if (at < out.size()) out[at].words.push_back(&word);
    }
  std::erase_if(out, [](const Line& line) { return line.words.empty(); });
  return out;
}

char last_mark(const std::string& text, const Line& line) {
  const std::string_view view = std::string_view(text).substr(line.range.begin, line.range.size());
  const std::size_t last = view.find_last_not_of(" \t\r");
  return last == std::string_view::npos ? '\0' : view[last];
}

// A line of the sign-off block: short and not ended like a sentence ("Un saludo,", "Lucía
// Romero", "Responsable de Atención al Cliente", "Tiendaverde S.L."), or contact details
// ("Tel. 910 000 000", "www.tiendaverde.es").
bool signoff_line(const std::string& text, const Line& line) {
  int words = 0;
  bool contact = false;
  for (const Word* word : line.words) {
    if (word->kind == draft::TokenKind::word) ++words;
    contact = contact || word->kind == draft::TokenKind::url ||
              word->kind == draft::TokenKind::email || word->kind == draft::TokenKind::number;
  }
  if (contact && words <= k_max_contact_words) return true;
  if (words > k_max_signoff_words) return false;
  const char mark = last_mark(text, line);
  // "Thanks!", "CEO @ Acme !"; "Can you help?" is prose.
  if (mark == '!' || mark == '?') return words <= k_max_exclamation_words;
  if (mark != '.') return true;
  // "S.L.", "Inc.", "Α.Ε.": a company's abbreviation, not the end of a sentence.
  const Word& last = *line.words.back();
  return last.kind == draft::TokenKind::word && last.letters <= 3 &&
         last.shape != draft::CaseShape::lower;
}

// "PD:", "P.D.", "P.S.", "PS:", "Υ.Γ.", "ΥΓ:" opening a paragraph: the letters of the mark
// with dots and spaces between them, then a colon, a dot, a space or a dash.
bool postscript(const std::string& text, const draft::Paragraph& paragraph) {
  static constexpr std::string_view k_marks[] = {"PPS", "PS", "PD", "ΥΓ"};
  const std::string_view head = std::string_view(text).substr(
      paragraph.range.begin, std::min<std::size_t>(16, paragraph.range.size()));
  for (const std::string_view mark : k_marks) {
    std::size_t i = 0, m = 0;
    while (m < mark.size() && i < head.size()) {
      const unsigned char c = static_cast<unsigned char>(head[i]);
      if (static_cast<unsigned char>(mark[m]) < 0x80) {
        if (std::toupper(c) != static_cast<unsigned char>(mark[m])) break;
        ++i;
        ++m;
      } else {
        // A Greek capital (two bytes), or its lowercase: "υ.γ." (U+03C5 U+03B3).
        const std::string_view upper = mark.substr(m, 2);
        const std::string_view lower = upper == "Υ" ? "υ" : "γ";
        if (head.substr(i, 2) != upper && head.substr(i, 2) != lower) break;
        i += 2;
        m += 2;
      }
      while (i < head.size() && (head[i] == '.' || head[i] == ' ') && m < mark.size()) ++i;
    }
    if (m < mark.size()) continue;
    if (i == head.size()) return true;
    if (std::string_view(".: -,").find(head[i]) != std::string_view::npos) return true;
  }
  return false;
}

bool is_single_word(const PhraseMatch& match) { return match.end_word - match.first_word == 1; }

class MissingClosing final : public Rule {
 public:
  explicit MissingClosing(const RuleContext& context)
      : m_data(context.data),
        m_closings(context.data, k_info.id, context.spell),
        m_not_closings(context.data, std::string(k_info.id) + ".unless", context.spell),
        m_disclaimers(context.data, "confidential-disclaimer", context.spell),
        m_opt_outs(context.data, "unsubscribe-missing-opt-out", context.spell),
        m_footers(context.data, "missing-closing-footer", context.spell),
        m_proposed(proposed_phrases(context.data, k_info.id)),
        m_min_words(context.options.integer("min-words")) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    if (courtesy_exempt(draft, m_min_words)) return;
    const std::string& text = draft.text();
    std::vector<const draft::Paragraph*> paragraphs;
    for (const draft::Paragraph& paragraph : draft.paragraphs)
      if (std::any_of(paragraph.sentences.begin(), paragraph.sentences.end(),
                      [](const Sentence& s) { return !s.words.empty(); }))
        paragraphs.push_back(&paragraph);
    if (paragraphs.empty()) return;
    const OpeningSentence opening = opening_sentence(draft);
    const std::size_t own_end = paragraphs.back()->range.end;

    // Postscripts, disclaimers and opt-out footers below the sign-off are not where it ends. A
    // footer with no blank line above it ("Με εκτίμηση,\nΝίκος\nΤο μήνυμα αυτό είναι
    // εμπιστευτικό…") cuts its paragraph where it starts.
    std::size_t end = paragraphs.size();
    std::size_t cut = text.size();  // lines of the last paragraph from here on are left out
    for (std::size_t skipped = 0; end > 1 && skipped < k_max_trailers; ++skipped) {
      const draft::Paragraph& last = *paragraphs[end - 1];
      const std::optional<std::size_t> footer_begin = footer(draft, last);
      if (footer_begin && line_start(text, *footer_begin) > last.range.begin) {
        cut = line_start(text, *footer_begin);
        break;
      }
      if (!postscript(text, last) && !footer_begin && !pgp_armor(draft, last)) break;
      --end;
    }

    // Walk up from the last line over the sign-off block to the last line of prose.
    std::vector<Line> block;  // bottom-up
    std::optional<Line> prose;
    for (std::size_t p = end; p-- > 0 && !prose;) {
      std::vector<Line> lines = lines_of(text, *paragraphs[p]);
      if (p + 1 == end && cut < text.size()) {
        // The footer's first lines may hold no cue ("Harbour Bank plc is authorised by…"):
        // prose lines under the signature's short lines go with it.
        while (!lines.empty() && lines.back().range.begin >= cut) lines.pop_back();
        auto signoff = [&](const Line& line) { return signoff_line(text, line); };
        while (lines.size() > 1 && !signoff(lines.back()) &&
               std::any_of(lines.begin(), lines.end() - 1, signoff))
          lines.pop_back();
      }
      for (std::size_t l = lines.size(); l-- > 0;) {
        if (block.size() < k_max_signoff_lines && signoff_line(text, lines[l])) {
          block.push_back(std::move(lines[l]));
          continue;
        }
        prose = std::move(lines[l]);
        break;
      }
    }
    const Sentence* last_sentence = nullptr;
    std::string language = draft.language;
    if (prose) {
      const Word* last_word = prose->words.back();
      for (const Sentence& sentence : prose->paragraph->sentences)
        if (sentence.range.begin <= last_word->range.begin &&
            last_word->range.end <= sentence.range.end)
          last_sentence = &sentence;
      language = language_of(draft, *prose->paragraph);
    } else if (!block.empty()) {
      language = language_of(draft, *block.front().paragraph);
    }

    if (signs_off(draft, opening, block, last_sentence, language)) return;
    if (signature_signs_off(draft, own_end, language)) return;

    const Sentence* flagged = last_sentence;
    if (flagged == nullptr) {
      for (const Sentence& sentence : paragraphs[end - 1]->sentences)
        if (!sentence.words.empty()) flagged = &sentence;
    }
    if (flagged == nullptr) return;
    auto finding = out.report(flagged->range, "message ends without a sign-off");
    const auto proposed = m_proposed.find(language);
    if (proposed == m_proposed.end()) {
      finding.help("end with a sign-off above your name");
      return;
    }
    const std::string& closing = proposed->second;
    finding.help("end with a sign-off, such as '{}', above your name", closing);
    // Above the name when the block is a name line, after the last line when there is no block.
    std::optional<core::Edit> edit;
    core::i18n::Fragment title;
    if (block.empty() && prose) {
      edit =
          core::Edit{{core::Location::Origin::body, Range{prose->range.end, prose->range.end}, {}},
                     "\n\n" + closing};
      title = core::i18n::fragment("add '{}' at the end", closing);
    } else if (!block.empty() && name_line(text, block.back())) {
      const std::size_t at = block.back().range.begin;
      edit = core::Edit{{core::Location::Origin::body, Range{at, at}, {}}, closing + "\n"};
      title = core::i18n::fragment("add '{}' above the name", closing);
    }
    if (edit)
      finding.fix(core::Fix{.title = std::move(title.english),
                            .applicability = Applicability::unsafe,
                            .edits = {*edit},
                            .title_localized = std::move(title.localized)});
  }

 private:
  bool signs_off(const Draft& draft, const OpeningSentence& opening, const std::vector<Line>& block,
                 const Sentence* last_sentence, const std::string& language) const {
    // The sentences the block's lines belong to, and the last sentence of prose.
    std::vector<const Sentence*> sentences;
    auto add = [&](const Sentence* s) {
      if (s && std::find(sentences.begin(), sentences.end(), s) == sentences.end())
        sentences.push_back(s);
    };
    for (const Line& line : block)
      for (const Sentence& sentence : line.paragraph->sentences)
        if (sentence.range.begin < line.range.end && line.range.begin < sentence.range.end)
          add(&sentence);
    add(last_sentence);
    const std::size_t block_begin = block.empty() ? draft.text().size() : block.back().range.begin;
    for (const std::string& code : phrase_languages(m_data, language)) {
      for (const Sentence* sentence : sentences) {
        const std::vector<PhraseMatch> excuses = m_not_closings.find(*sentence, code);
        for (const PhraseMatch& match : m_closings.find(*sentence, code)) {
          // "Saludos, Ana:" greets; it does not sign off.
          if (sentence == opening.sentence && match.first_word <= k_edge_words) continue;
          if (std::any_of(excuses.begin(), excuses.end(), [&](const PhraseMatch& e) {
                return e.range.begin <= match.range.begin && match.range.end <= e.range.end;
              }))
            continue;
          if (match.range.begin >= block_begin) return true;
          if (sentence != last_sentence) continue;
          if (!is_single_word(match) || match.first_word <= k_edge_words ||
              match.end_word + k_edge_words >= sentence->words.size())
            return true;
        }
      }
    }
    return false;
  }

  // The first lines of the signature just below own text ("-- \nUn saludo,\nLucía").
  bool signature_signs_off(const Draft& draft, std::size_t own_end,
                           const std::string& language) const {
    const std::string& text = draft.text();
    const auto signature =
        std::find_if(draft.segments.begin(), draft.segments.end(), [&](const draft::Segment& s) {
          return s.kind == draft::SegmentKind::signature && s.range.begin >= own_end;
        });
    if (signature == draft.segments.end()) return false;
    std::size_t read = 0;
    for (std::size_t begin = signature->range.begin;
         begin < signature->range.end && read < k_signature_lines;) {
      const std::size_t end = std::min(text.find('\n', begin), signature->range.end);
      const std::string_view line = std::string_view(text).substr(begin, end - begin);
      begin = end + 1;
      const std::size_t first = line.find_first_not_of(" \t\r-_");
      if (first == std::string_view::npos) continue;
      ++read;
      Sentence sentence;
      sentence.range = {0, line.size()};
      sentence.words = draft::tokenize(line, m_data);
      for (const std::string& code : phrase_languages(m_data, language))
        if (!m_closings.find(sentence, code).empty()) return true;
    }
    return false;
  }

  // Where a legal disclaimer, a mailing list's opt-out footer, an eco or automatic-mail footer
  // starts in `paragraph` (its first sentence holding a cue), if it holds one.
  std::optional<std::size_t> footer(const Draft& draft, const draft::Paragraph& paragraph) const {
    const std::string& language = language_of(draft, paragraph);
    for (const Sentence& sentence : paragraph.sentences)
      for (const std::string& code : phrase_languages(m_data, language))
        if (!m_disclaimers.find(sentence, code).empty() ||
            !m_opt_outs.find(sentence, code).empty() || !m_footers.find(sentence, code).empty())
          return sentence.range.begin;
    return std::nullopt;
  }

  static std::size_t line_start(const std::string& text, std::size_t at) {
    const std::size_t newline = text.rfind('\n', at == 0 ? 0 : at - 1);
    return at == 0 || newline == std::string::npos ? 0 : newline + 1;
  }

  // "Lucía Romero": the name a sign-off goes above.
  static bool name_line(const std::string& text, const Line& line) {
    if (line.words.size() > 4) return false;
    const char mark = last_mark(text, line);
    if (mark == ',' || mark == ':' || mark == '.') return false;
    return std::all_of(line.words.begin(), line.words.end(), [](const Word* w) {
      return w->kind == draft::TokenKind::word &&
             (w->shape == draft::CaseShape::title || w->shape == draft::CaseShape::upper ||
              w->is_header_name || w->letters <= 3);
    });
  }

  const data::DataSet& m_data;
  PhraseMatcher m_closings;
  PhraseMatcher m_not_closings;  // "gracias a su aviso": not thanks
  PhraseMatcher m_disclaimers;   // a legal disclaimer's cues (confidential's data)
  PhraseMatcher m_opt_outs;      // a mailing footer's ways to opt out (unsubscribe-missing's data)
  PhraseMatcher m_footers;       // eco and automatic-mail footers (missing-closing-footer.toml)
  std::map<std::string, std::string, std::less<>> m_proposed;
  std::int64_t m_min_words;
};

}  // namespace

const RuleInfo& missing_closing_info() { return k_info; }

std::unique_ptr<Rule> make_missing_closing(const RuleContext& context) {
  return std::make_unique<MissingClosing>(context);
}

}  // namespace replylint::rules
