// wall-of-text: word counts over the draft's own paragraphs and sentences. A paragraph is cut
// into the blocks a reader sees (list items, lines the writer ended on purpose, code lines) by a
// byte scan of its lines; no regex, no tokenising of its own.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "rules/signoff.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "wall-of-text",
    .category = Category::style,
    .default_severity = Severity::info,
    .summary = N_("paragraphs or sentences of own text too long to read on a phone"),
    .docs = R"md(
## What it flags
A paragraph of own text with more than `max-paragraph-words` words, or a sentence with more than
`max-sentence-words` words: on a phone the first fills the whole screen without a break, the
second runs over ten lines before its full stop.

A paragraph is what the reader sees as one block: a list item (`-`, `*`, `•`, `1.`, `2)`, `a)`)
is a block of its own, and so is a field of a form or record ("Horario de recepción: de 8:00 a
15:00": a label of up to four words and a colon), a line the writer ended with a full stop, a question or a colon
and then a line break (an HTML `<p>`, `<div>` or `<br>`, a format=flowed hard break, or a short
line in hard-wrapped plain text), and every line of a paragraph whose lines are all shorter than
50 characters (an order summary, an address). A URL, an address, a number or a placeholder counts
as one word.

Left alone: quoted text, attribution lines, signatures, patches, code lines (indented four
spaces or a tab, inside a ```` ``` ```` fence, or mostly symbols), and a legal disclaimer written
as own text (a paragraph with the cues of `rules/<lang>/confidential-disclaimer.toml`, such as
"si ha recibido este mensaje por error", "εκ παραδρομής", "intended recipient").

## Why
Be clear and concise (seeds/001, "Pautas para responder eficazmente": "Se claro y conciso en tus
respuestas"). A customer reads the answer on a phone, where 120 words with no break fill the
screen. Plain-language guides put a sentence's ceiling at 25 words and call one over 40 hard
to follow (the Oxford Guide to Plain English, GOV.UK); Spanish and Greek take more words than
English to say the same, so the default sentence limit, 50, only catches sentences that are hard
in any of the three languages. Of the source articles themselves, the five longest sentences
(54 to 78 words, in seeds/000, seeds/001 and seeds/003) are flagged, and none of the paragraphs
(the longest has 78 words).

## Example
```text
Hola Ana:

Le escribimos en relación con su consulta sobre el pedido 48213, que según nuestros registros salió del almacén de Zaragoza el lunes por la tarde y que, por un retraso del transportista que afecta a varias provincias del norte desde la semana pasada, todavía no ha llegado a la oficina de reparto de su ciudad, aunque esperamos que lo haga en los próximos dos o tres días laborables como máximo.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana:

Su pedido 48213 salió del almacén de Zaragoza el lunes. El transportista lleva retraso en el norte desde la semana pasada, así que aún no ha llegado a su ciudad. Esperamos que llegue en dos o tres días laborables.

Un saludo,
Lucía
```

## Options
`max-paragraph-words` (default 120): a block of up to this many words is left alone (about a
phone screen).

`max-sentence-words` (default 50): a sentence of up to this many words is left alone.
)md",
    .options =
        {
            {"max-paragraph-words", std::int64_t{120},
             "longest paragraph (in words) that is left alone"},
            {"max-sentence-words", std::int64_t{50},
             "longest sentence (in words) that is left alone"},
        },
};

// Lines of hard-wrapped plain text are at most ~80 columns; a longer one means the client does
// not wrap, so every line break in that paragraph was typed.
constexpr std::size_t k_wrapped_line_columns = 100;
// A line ended on purpose in hard-wrapped text stops well short of the wrap column.
constexpr double k_short_line_ratio = 0.7;
// No client wraps this narrow: a paragraph of such lines (an order summary, "Talla: M",
// an address) was typed line by line, and each line is read on its own.
constexpr std::size_t k_narrow_line_columns = 50;
// A code line is mostly symbols: one byte in this many, or more.
constexpr std::size_t k_code_symbol_share = 6;

std::size_t columns(std::string_view line) {
  return static_cast<std::size_t>(text::count_code_points(line));
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "- x", "* x", "• x", "1. x", "12) x", "a) x", "β) x": an item of a list.
bool is_list_item(std::string_view line) {
  const std::string_view t = trim_left(line);
  for (const std::string_view bullet : {"-", "*", "+", "•", "·", "–", "—", "▪", "◦", "‣", "►"})
    if (starts_with(t, bullet) && t.size() > bullet.size() &&
        (t[bullet.size()] == ' ' || t[bullet.size()] == '\t'))
      return true;
  std::size_t i = 0;
  while (i < t.size() && i < 3 && t[i] >= '0' && t[i] <= '9') ++i;
  if (i == 0) {
    // One letter, Latin or Greek (two bytes), then ')'.
    if (!t.empty() && ((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z')))
      i = 1;
    else if (t.size() >= 2 &&
             (static_cast<unsigned char>(t[0]) == 0xCE || static_cast<unsigned char>(t[0]) == 0xCF))
      i = 2;
    else
      return false;
    return i + 1 < t.size() && t[i] == ')' && t[i + 1] == ' ';
  }
  return i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && (t[i + 1] == ' ' || t[i + 1] == '\t');
}

// The line ends a sentence or introduces what follows: '.', '!', '?', ':', ';' (also the Greek
// question mark after NFC) or '…', maybe inside closing quotes or brackets.
bool ends_sentence(std::string_view line) {
  std::string_view t = trim_right(line);
  for (;;) {
    if (!t.empty() && (t.back() == ')' || t.back() == '"' || t.back() == '\'')) {
      t.remove_suffix(1);
    } else if (t.ends_with("»") || t.ends_with("”") || t.ends_with("’")) {
      t.remove_suffix(2);
    } else {
      break;
    }
  }
  if (t.ends_with("…")) return true;
  return !t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?' || t.back() == ':' ||
                        t.back() == ';');
}

// Every line of a long paragraph is read: a table, not a switch per byte.
constexpr std::array<bool, 256> k_code_symbols = [] {
  std::array<bool, 256> table{};
  for (const unsigned char c : std::string_view("{}[]()<>=;|\\`$#")) table[c] = true;
  return table;
}();

bool is_code_line(std::string_view line) {
  if (starts_with(line, "\t") || starts_with(line, "    ")) return true;
  std::size_t symbols = 0, blanks = 0;
  for (const char c : line) {
    blanks += c == ' ' || c == '\t' ? 1 : 0;
    symbols += k_code_symbols[static_cast<unsigned char>(c)] ? 1 : 0;
  }
  const std::size_t visible = line.size() - blanks;
  return visible > 0 && symbols * k_code_symbol_share >= visible;
}

// A line of a form or a record: a label of a few words, a colon and its value ("Dirección:
// Almacén Central", "Horario de recepción: de 8:00 a 15:00", "Άφιξη: 12/07"). Each is a line of
// its own to the reader, as a list item is.
bool is_field_line(std::string_view line) {
  line = trim_left(line);
  const std::size_t colon = line.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return false;
  const std::string_view label = line.substr(0, colon);
  if (std::count(label.begin(), label.end(), ' ') > 3) return false;
  if (label.find_first_of(".,;!?()\"") != std::string_view::npos) return false;
  const auto lead = static_cast<unsigned char>(label[0]);
  return (lead >= 'A' && lead <= 'Z') || lead >= 0x80;
}

// A run of lines of one paragraph that reads as one block. Code blocks are not prose.
struct Block {
  Range range;
  bool code = false;
};

// Cuts a paragraph into the blocks its reader sees.
std::vector<Block> blocks_of(std::string_view text, Range paragraph, bool typed_line_breaks) {
  struct Line {
    Range range;
    std::size_t columns = 0;
  };
  std::vector<Line> lines;
  std::size_t longest = 0;
  for (std::size_t b = paragraph.begin; b <= paragraph.end;) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos || e > paragraph.end) e = paragraph.end;
    lines.push_back({{b, e}, columns(text.substr(b, e - b))});
    longest = std::max(longest, lines.back().columns);
    b = e + 1;
  }
  const bool typed = typed_line_breaks || longest > k_wrapped_line_columns;
  const bool line_by_line = longest < k_narrow_line_columns;
  std::vector<Block> out;
  bool fenced = false, ended = true;
  for (const Line& line : lines) {
    const std::string_view v = text.substr(line.range.begin, line.range.size());
    const bool fence = starts_with(trim_left(v), "```");
    const bool code = fence || fenced || is_code_line(v);
    if (fence) fenced = !fenced;
    const bool starts_block = out.empty() || ended || code != out.back().code ||
                              (!code && (is_list_item(v) || is_field_line(v)));
    if (starts_block)
      out.push_back({line.range, code});
    else
      out.back().range.end = line.range.end;
    const bool short_line =
        static_cast<double>(line.columns) < k_short_line_ratio * static_cast<double>(longest);
    ended = line_by_line || (!code && ends_sentence(v) && (typed || short_line));
  }
  return out;
}

// The words that start in `range`. A sentence's words are in text order, and a paragraph cut
// into many one-line blocks asks for every block and sentence: two binary searches, not a count.
std::size_t words_in(const std::vector<Word>& words, Range range) {
  const auto starts_before = [](const Word& w, std::size_t offset) {
    return w.range.begin < offset;
  };
  const auto first = std::lower_bound(words.begin(), words.end(), range.begin, starts_before);
  const auto last = std::lower_bound(first, words.end(), range.end, starts_before);
  return static_cast<std::size_t>(last - first);
}

class WallOfText final : public Rule {
 public:
  explicit WallOfText(const RuleContext& context)
      : m_max_paragraph_words(context.options.integer("max-paragraph-words")),
        m_max_sentence_words(context.options.integer("max-sentence-words")),
        m_disclaimer_cues(context.data, "confidential-disclaimer", context.spell) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const std::int64_t smallest = std::min(m_max_paragraph_words, m_max_sentence_words);
    const message::Body& body = draft.message().body;
    const bool typed_line_breaks = body.content_type == "text/html" || body.flowed;
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      // Most paragraphs are shorter than either limit: nothing to cut or match.
      std::int64_t total = 0;
      for (const Sentence& s : paragraph.sentences)
        total += static_cast<std::int64_t>(s.words.size());
      if (total <= smallest) continue;
      check_paragraph(draft, paragraph, typed_line_breaks, out);
    }
  }

 private:
  void check_paragraph(const Draft& draft, const draft::Paragraph& paragraph,
                       bool typed_line_breaks, Reporter& out) const {
    const std::string_view text = draft.text();
    const std::vector<Block> blocks = blocks_of(text, paragraph.range, typed_line_breaks);

    struct Finding {
      Range range;
      std::size_t words;
      bool sentence;
    };
    std::vector<Finding> found;
    for (const Block& block : blocks) {
      if (block.code) continue;
      std::size_t in_block = 0;
      for (const Sentence& s : paragraph.sentences) in_block += words_in(s.words, block.range);
      bool whole_block_reported = false;
      for (const Sentence& s : paragraph.sentences) {
        const Range piece{std::max(s.range.begin, block.range.begin),
                          std::min(s.range.end, block.range.end)};
        if (piece.begin >= piece.end) continue;
        const std::size_t n = words_in(s.words, piece);
        if (static_cast<std::int64_t>(n) <= m_max_sentence_words) continue;
        found.push_back({trimmed(text, piece), n, true});
        whole_block_reported = whole_block_reported || n == in_block;
      }
      if (static_cast<std::int64_t>(in_block) > m_max_paragraph_words && !whole_block_reported)
        found.push_back({block.range, in_block, false});
    }
    if (found.empty() || legal_disclaimer(m_disclaimer_cues, paragraph)) return;
    std::ranges::sort(found, [](const Finding& a, const Finding& b) {
      return a.range.begin != b.range.begin ? a.range.begin < b.range.begin
                                            : a.sentence < b.sentence;
    });
    for (const Finding& f : found) {
      if (f.sentence)
        out.report(f.range, "sentence of {} words", f.words)
            .help("split it into sentences of one idea each (at most {} words)",
                  m_max_sentence_words);
      else
        out.report(f.range, "paragraph of {} words", f.words)
            .help("break it into shorter paragraphs or a list (at most {} words each)",
                  m_max_paragraph_words);
    }
  }

  static Range trimmed(std::string_view text, Range r) {
    while (r.begin < r.end &&
           (text[r.begin] == ' ' || text[r.begin] == '\n' || text[r.begin] == '\t'))
      ++r.begin;
    while (r.end > r.begin &&
           (text[r.end - 1] == ' ' || text[r.end - 1] == '\n' || text[r.end - 1] == '\t'))
      --r.end;
    return r;
  }

  std::int64_t m_max_paragraph_words;
  std::int64_t m_max_sentence_words;
  PhraseMatcher m_disclaimer_cues;  // rules/<lang>/confidential-disclaimer.toml
};

}  // namespace

const RuleInfo& wall_of_text_info() { return k_info; }

std::unique_ptr<Rule> make_wall_of_text(const RuleContext& context) {
  return std::make_unique<WallOfText>(context);
}

}  // namespace replylint::rules
