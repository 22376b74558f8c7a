// overquoting: counts over the segments the draft already found (quote depth, Outlook header
// blocks, attribution lines); the quoted text is only tokenised, to look for a legal disclaimer,
// when everything else already says the quote is long and the answer short.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "overquoting",
    .category = Category::quoting,
    .default_severity = Severity::info,
    .summary = N_("a long original quoted whole (older messages, signature, disclaimer) under a "
                  "short answer"),
    .docs = R"md(
## What it flags
A reply that quotes a long original whole under a short answer. All three must hold:

- **long**: at least `min-quoted-lines` lines of quoted text (not counting empty ones), counting
  quoted lines (`>`, an HTML `<blockquote>`) and Outlook's original-message blocks
  ("-----Mensaje original-----", "De: … Enviado: …", "Από: … Στάλθηκε: …", "From: … Sent: …");
- **short answer**: the quoted text has at least `min-ratio` times as many words as own text
  (the signature is not own text);
- **whole**: the quote carries what nobody needs quoted back: the original's own quoted history
  (quotes nested two levels or more, or a second attribution line or header block inside it), its
  signature (a `-- ` line), a legal disclaimer (the cues of
  `rules/<lang>/confidential-disclaimer.toml`: "si ha recibido este mensaje por error", "εκ
  παραδρομής", "intended recipient"), or Outlook's header block, which only a full quote has.

The finding sits on the first line of the quote (its attribution line or header block) and says
how many lines were quoted and what to cut.

Left alone: inline replies (own text between pieces of the quote, the good practice); forwards
(a Fwd/RV/ΠΡΘ subject or a forwarded-message block: they pass a message on, they do not answer
it); patch emails; short originals; and long answers.

## Why
Quote the customer's message, or specific parts of it, so they need not remember what they wrote;
but if it is very long, include only the relevant parts (seeds/001, "Pautas para responder
eficazmente": "solo incluye las porciones relevantes del mensaje si este es muy largo"). Be clear
and concise (same section): a two-line answer above three screens of thread, signatures and
disclaimers buries the answer, above all on a phone.

## Example
```text
Hola Ana:

Ya está resuelto: el reembolso sale hoy.

Un saludo,
Lucía

El mar, 4 feb 2025 a las 9:30, Ana Ruiz <ana@example.es> escribió:
> Buenos días:
>
> Sigo sin noticias del reembolso del pedido 48213. Les escribí la semana
> pasada y me dijeron que tardaría tres días laborables, pero ya han pasado
> siete y en mi cuenta no aparece nada. ¿Pueden decirme qué ha pasado?
>
> Además, el segundo artículo del pedido tampoco ha llegado, y la página de
> seguimiento lleva cinco días diciendo "en tránsito". Si no llega antes del
> viernes, prefiero que me devuelvan también su importe.
>
> Les adjunto el justificante del primer pago por si les hace falta para
> localizarlo.
>
> Gracias,
> Ana Ruiz
> --
> Ana Ruiz Martín
> Calle Mayor 12, 3º B
> 28013 Madrid
>
> El lun, 27 ene 2025 a las 11:02, Tiendaverde <soporte@tiendaverde.es> escribió:
>> Hola Ana:
>>
>> Hemos tramitado el reembolso del pedido 48213. Lo verá en su cuenta en
>> un plazo de tres días laborables.
>>
>> Un saludo,
>> Atención al cliente
```
Use instead:
```text
Hola Ana:

Ya está resuelto: el reembolso sale hoy.

Un saludo,
Lucía

El mar, 4 feb 2025 a las 9:30, Ana Ruiz <ana@example.es> escribió:
> Sigo sin noticias del reembolso del pedido 48213.
```

## Options
`min-quoted-lines` (default 20): a quote shorter than this (in non-empty lines) is left alone.

`min-ratio` (default 5): a quote with fewer than this many words per word of own text is left
alone (the answer is not short next to it).
)md",
    .options =
        {
            {"min-quoted-lines", std::int64_t{20},
             "shortest quote (non-empty lines) that can be flagged"},
            {"min-ratio", std::int64_t{5},
             "quoted words per word of own text from which the answer is short"},
        },
};

bool is_quoted(draft::SegmentKind kind) {
  return kind == draft::SegmentKind::quote || kind == draft::SegmentKind::original_header;
}

// The line without its quote markers ("> > x", ">>x") and surrounding blanks.
std::string_view content_of(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>')) ++i;
  std::size_t e = line.size();
  while (e > i && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r')) --e;
  return line.substr(i, e - i);
}

// Runs of non-blank bytes holding a letter or digit (any non-ASCII byte counts as a letter):
// close enough to the tokenizer's words to compare quote and answer, at a byte scan's cost.
std::size_t rough_words(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false, has_letter = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t') {
      words += in_word && has_letter ? 1 : 0;
      in_word = has_letter = false;
      continue;
    }
    in_word = true;
    const auto u = static_cast<unsigned char>(c);
    has_letter = has_letter || u >= 0x80 || (u >= '0' && u <= '9') ||
                 ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
  }
  return words + (in_word && has_letter ? 1 : 0);
}

// What the quote holds, from one pass over its lines.
struct QuoteFacts {
  std::size_t lines = 0;
  std::size_t words = 0;
  int max_depth = 0;
  int header_blocks = 0;           // Outlook original-message blocks
  bool inner_attribution = false;  // an attribution line after quoted text began
  bool signature = false;          // a quoted "-- " line
  std::size_t first = 0;           // index of the first quoted segment
};

class Overquoting final : public Rule {
 public:
  explicit Overquoting(const RuleContext& context)
      : m_data(context.data),
        m_min_lines(context.options.integer("min-quoted-lines")),
        m_min_ratio(context.options.integer("min-ratio")),
        m_disclaimer_cues(context.data, "confidential-disclaimer", context.spell) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const std::vector<draft::Segment>& segments = draft.segments;
    const auto first =
        std::ranges::find_if(segments, [](const draft::Segment& s) { return is_quoted(s.kind); });
    if (first == segments.end() || draft.message().is_forward) return;
    for (const draft::Segment& s : segments)
      if (s.kind == draft::SegmentKind::forward || s.kind == draft::SegmentKind::patch) return;
    if (answers_inline(draft)) return;

    const std::string_view text = draft.text();
    const QuoteFacts quote = facts(text, segments);
    if (static_cast<std::int64_t>(quote.lines) < m_min_lines) return;
    std::size_t own_words = 0;
    for (const draft::Paragraph& p : draft.paragraphs)
      for (const Sentence& s : p.sentences) own_words += s.words.size();
    // No answer at all is a draft not yet written, not an answer buried under its quote.
    if (own_words == 0 ||
        static_cast<std::int64_t>(quote.words) < m_min_ratio * static_cast<std::int64_t>(own_words))
      return;

    const bool history =
        quote.max_depth >= 2 || quote.header_blocks >= 2 || quote.inner_attribution;
    const bool disclaimer = has_disclaimer(text, segments);
    if (!history && !quote.signature && !disclaimer && quote.header_blocks == 0) return;

    namespace i18n = core::i18n;
    std::vector<i18n::Fragment> cut;
    if (history) cut.push_back(i18n::fragment("the older messages"));
    if (quote.signature) cut.push_back(i18n::fragment("the signature"));
    if (disclaimer) cut.push_back(i18n::fragment("the legal disclaimer"));
    if (quote.header_blocks > 0) cut.push_back(i18n::fragment("the header block"));
    const i18n::Fragment what = i18n::join(cut, i18n::fragment(", "), i18n::fragment(" and "));
    out.report(start_of_quote(text, segments, quote.first),
               "the whole original is quoted ({} lines) for an answer of {} words", quote.lines,
               own_words)
        .help("keep only the lines you answer; cut {}", what);
  }

 private:
  // Own words with quoted text both before and after them: the reply answers point by point.
  static bool answers_inline(const Draft& draft) {
    std::size_t first_quote = std::string_view::npos, last_quote = 0;
    for (const draft::Segment& s : draft.segments) {
      if (!is_quoted(s.kind)) continue;
      first_quote = std::min(first_quote, s.range.begin);
      last_quote = std::max(last_quote, s.range.end);
    }
    return std::ranges::any_of(draft.paragraphs, [&](const draft::Paragraph& p) {
      return p.range.begin > first_quote && p.range.end < last_quote &&
             std::ranges::any_of(p.sentences, [](const Sentence& s) { return !s.words.empty(); });
    });
  }

  static QuoteFacts facts(std::string_view text, const std::vector<draft::Segment>& segments) {
    QuoteFacts f;
    bool began = false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const draft::Segment& s = segments[i];
      if (s.kind == draft::SegmentKind::attribution && began) f.inner_attribution = true;
      if (!is_quoted(s.kind)) continue;
      if (!began) f.first = i;
      began = true;
      if (s.kind == draft::SegmentKind::original_header) ++f.header_blocks;
      f.max_depth = std::max(f.max_depth, s.depth);
      for (std::size_t b = s.range.begin; b <= s.range.end;) {
        std::size_t e = text.find('\n', b);
        if (e == std::string_view::npos || e > s.range.end) e = s.range.end;
        const std::string_view line = text.substr(b, e - b);
        const std::string_view content = content_of(line);
        if (!content.empty()) {
          ++f.lines;
          f.words += rough_words(content);
          if (s.kind == draft::SegmentKind::quote && content == "--") f.signature = true;
        }
        b = e + 1;
      }
    }
    return f;
  }

  // A disclaimer in the quoted text, by the same cues and test as wall-of-text's: two cues, or
  // one of two words or more. Only reached for long quotes under short answers.
  bool has_disclaimer(std::string_view text, const std::vector<draft::Segment>& segments) const {
    if (m_disclaimer_cues.empty()) return false;
    std::string joined;
    for (const draft::Segment& s : segments) {
      if (!is_quoted(s.kind)) continue;
      for (std::size_t b = s.range.begin; b <= s.range.end;) {
        std::size_t e = text.find('\n', b);
        if (e == std::string_view::npos || e > s.range.end) e = s.range.end;
        joined += content_of(text.substr(b, e - b));
        joined += ' ';
        b = e + 1;
      }
    }
    Sentence all;
    all.range = {0, joined.size()};
    all.words = draft::tokenize(joined, m_data);
    for (const std::string_view language : {"es", "el", "en"}) {
      std::size_t cues = 0;
      for (const PhraseMatch& m : m_disclaimer_cues.find(all, language))
        if (m.end_word - m.first_word >= 2 || ++cues >= 2) return true;
    }
    return false;
  }

  // The first line of the quote, or of the attribution line just above it.
  static Range start_of_quote(std::string_view text, const std::vector<draft::Segment>& segments,
                              std::size_t first) {
    std::size_t at = first;
    if (at > 0 && segments[at - 1].kind == draft::SegmentKind::attribution) --at;
    const Range r = segments[at].range;
    std::size_t end = text.find('\n', r.begin);
    if (end == std::string_view::npos || end > r.end) end = r.end;
    return {r.begin, end};
  }

  const data::DataSet& m_data;
  std::int64_t m_min_lines;
  std::int64_t m_min_ratio;
  PhraseMatcher m_disclaimer_cues;  // rules/<lang>/confidential-disclaimer.toml
};

}  // namespace

const RuleInfo& overquoting_info() { return k_info; }

std::unique_ptr<Rule> make_overquoting(const RuleContext& context) {
  return std::make_unique<Overquoting>(context);
}

}  // namespace replylint::rules
