#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "data/data.hpp"
#include "rules/organisation.hpp"  // lowercase_ascii, names_the_sender
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "incomplete-answer",
    .category = Category::content,
    .default_severity = Severity::info,
    .summary =
        N_("the original asks several questions and the reply is far too short to answer them"),
    .docs = R"md(
## What it flags
A reply whose quoted original asks at least `min-questions` questions while own text has fewer
than `words-per-question` words for each of them: three questions answered in one line. A
question is a sentence of the customer's latest message that ends with a question mark: `?`
(Spanish `¿…?` included), the Greek question mark `;` (U+037E, or the ASCII semicolon in a
paragraph written in Greek, never in Spanish, English or code), or an item of a numbered,
lettered or bulleted list ("1. … 2. …", "a) … b) …", "- … - …") introduced as questions ("Tengo estas dudas:", "My questions:", "Θα ήθελα να
μάθω:"; `rules/<lang>/incomplete-answer-list.toml`).

Only the latest message counts: quoted text at depth one, up to its signature (`-- `) or the
older history it quotes (deeper `>` levels, a nested "-----Original Message-----" or
"De:/Enviado:" block). Questions that ask for nothing are not counted: greetings and pleas such as
"¿Me pueden ayudar?", "Any ideas?", "Μπορείτε να με βοηθήσετε;" or "¿Cómo es posible?"
(`rules/<lang>/incomplete-answer-rhetorical.toml`). Every word, number and link of own text
counts towards the answer except its sign-off and what follows it (a closing such as "Un saludo,"
opening one of the last two paragraphs, then name, title, address, telephone).

An interleaved reply answers per question: when own text stands between the quoted parts, only
the questions with no own text below them count as unanswered, and the rule speaks when at least
`min-questions` of them are left and own text is still short.

Left alone: a reply that says the answers are elsewhere or will follow ("ver respuestas abajo",
"le llamo ahora", "I'll get back to you on the rest", "θα σας καλέσουμε", "le adjunto el manual";
`rules/<lang>/incomplete-answer.unless.toml`), forwards, messages that quote nothing, a
follow-up quoting the sender's own message (its attribution line or header block names the From
address), and questions in older quoted history or in the quoted signature.

The finding is on own text (on the first quoted part when there is none, or on the first quoted
part left unanswered in an interleaved reply) and says how many questions were asked.

## Why
Give a complete answer: define the customer's problems, their solutions and the steps to follow
(seeds/001, "Pautas para responder eficazmente"). A slow answer is always better than a fast but
incomplete one (seeds/002 §7, "Informar mal al cliente").

## Example
```text
Hola Ana,

Su pedido sale mañana.

Un saludo,
Lucía

El lun, 3 feb 2025 a las 10:12, Ana García <ana.garcia@gmail.com> escribió:
> Hola, ¿cuándo sale mi pedido? ¿Puedo cambiar la dirección de entrega?
> ¿Tiene algún coste el cambio?
```
Use instead:
```text
Hola Ana,

Su pedido sale mañana. Puede cambiar la dirección de entrega desde su cuenta hasta
esta noche, y el cambio no tiene ningún coste.

Un saludo,
Lucía

El lun, 3 feb 2025 a las 10:12, Ana García <ana.garcia@gmail.com> escribió:
> Hola, ¿cuándo sale mi pedido? ¿Puedo cambiar la dirección de entrega?
> ¿Tiene algún coste el cambio?
```

## Options
`min-questions` (default 3): fewer questions in the quoted original are left alone.
`words-per-question` (default 4): own text with at least this many words per question asked
is taken as an answer (its sign-off, name and signature lines do not count).
)md",
    .options = {{"min-questions", std::int64_t{3},
                 "fewest questions in the quoted original that the rule looks at"},
                {"words-per-question", std::int64_t{4},
                 "own words per question asked that are taken as an answer"}},
};

// A question of the quoted original, as written (markers removed), in its language's script.
struct Question {
  std::string text;
  bool greek = false;
  bool from_list = false;  // an item of a numbered list of questions (never rhetorical)
};

// The questions of one quoted part (a depth-1 quote segment) of the latest message.
struct QuotedPart {
  const draft::Segment* segment = nullptr;
  std::vector<Question> questions;
  int own_words_after = 0;  // words of own text between this part and the next quoted part
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trim_lines(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// A quoted line without its '>' markers (a flowed, HTML or Outlook quote has none).
std::string_view strip_markers(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (is_space(line[i]) || line[i] == '>')) ++i;
  return trim(line.substr(i));
}

bool is_signature_delimiter(std::string_view line) { return line == "--" || line == "-- "; }

// "-----Original Message-----", "-----Mensaje original-----", "________" (Outlook): a quoted
// original quoting an older one. A rule of dashes without letters is just a rule.
bool is_history_marker(std::string_view line) {
  if (line.size() >= 8 && line.find_first_not_of('_') == std::string_view::npos) return true;
  if (!line.starts_with("-----")) return false;
  return std::any_of(line.begin(), line.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

bool is_greek_letter(UChar32 c) {
  return (c >= 0x0386 && c <= 0x03FF) || (c >= 0x1F00 && c <= 0x1FFF);
}
bool is_latin_letter(UChar32 c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// Greek when Greek letters outnumber Latin ones: the ASCII ';' is a question mark there only.
bool mostly_greek(std::string_view text) {
  int greek = 0, latin = 0;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0x80) {
      latin += is_latin_letter(c) ? 1 : 0;
      continue;
    }
    greek += is_greek_letter(c) ? 1 : 0;
    latin += is_latin_letter(c) ? 1 : 0;
  }
  return greek > latin;
}

// A list item opening a line: "1. ", "2) ", "10. " (numbers), "a) ", "b. " (letters), "α) ",
// "β) " (Greek letters), or a bullet ("- ", "* ", "• ", "– ").
struct ListItem {
  enum Kind { none, number, letter, greek_letter, bullet } kind = none;
  int ordinal = 0;          // 1 for "1.", "a)", "α)"; 0 for a bullet (it takes the list's next)
  std::size_t text_at = 0;  // where the item's text begins
};

ListItem list_item(std::string_view line) {
  const auto followed_by_space = [&](std::size_t at) {
    return at + 1 < line.size() && is_space(line[at + 1]);
  };
  std::size_t i = 0;
  int number = 0;
  while (i < line.size() && i < 2 && line[i] >= '0' && line[i] <= '9')
    number = number * 10 + (line[i++] - '0');
  if (i > 0)
    return i < line.size() && (line[i] == '.' || line[i] == ')') && followed_by_space(i)
               ? ListItem{ListItem::number, number, i + 1}
               : ListItem{};
  if (line.size() >= 2 && line[0] >= 'a' && line[0] <= 'h' && (line[1] == ')' || line[1] == '.') &&
      followed_by_space(1))
    return {ListItem::letter, line[0] - 'a' + 1, 2};
  // α β γ δ ε ζ η θ: U+03B1 to U+03B8, two bytes each.
  if (line.size() >= 3 && line[0] == '\xCE' && line[1] >= '\xB1' && line[1] <= '\xB8' &&
      line[2] == ')' && followed_by_space(2))
    return {ListItem::greek_letter, line[1] - '\xB1' + 1, 3};
  for (const std::string_view mark : {"-", "*", "\u2022", "\u2013"})
    if (line.starts_with(mark) && followed_by_space(mark.size() - 1))
      return {ListItem::bullet, 0, mark.size()};
  return {};
}

// The last sentence of `text` (after its last '.', '!' or '?' but the final one), trimmed.
std::string_view last_sentence(std::string_view text) {
  text = trim(text);
  if (text.size() < 2) return text;
  const std::size_t stop = text.find_last_of(".!?", text.size() - 2);
  return stop == std::string_view::npos ? text : trim(text.substr(stop + 1));
}

constexpr std::string_view k_closers = ")]\"'»”’";
constexpr std::string_view k_greek_question_mark = "\xCD\xBE";     // U+037E
constexpr std::string_view k_fullwidth_question = "\xEF\xBC\x9F";  // U+FF1F
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";            // U+2026

bool ends_with_question_mark(std::string_view text) {
  return text.ends_with('?') || text.ends_with(';') || text.ends_with(k_greek_question_mark) ||
         text.ends_with(k_fullwidth_question);
}

// True when questions_of_paragraph() counts a question in `item` (a list item) by its mark: '?',
// the Greek or full-width one, or in Greek text a ';' ending a word ("1. Έχετε πάρκινγκ;").
bool counted_as_question(std::string_view item) {
  if (item.find('?') != std::string_view::npos ||
      item.find(k_greek_question_mark) != std::string_view::npos ||
      item.find(k_fullwidth_question) != std::string_view::npos)
    return true;
  if (!mostly_greek(item) || item.find_first_of("{}=") != std::string_view::npos) return false;
  for (std::size_t at = item.find(';'); at != std::string_view::npos; at = item.find(';', at + 1))
    if (at > 0 && !is_space(item[at - 1]) && (at + 1 == item.size() || is_space(item[at + 1])))
      return true;
  return false;
}

// The questions of one paragraph of quoted text: each sentence ending with a question mark
// counts once ("¿Y el envío??" is one). A '?' inside a link or a query string is not one.
void questions_of_paragraph(std::string_view paragraph, std::vector<Question>& out) {
  const bool greek = mostly_greek(paragraph);
  // ';' as a question mark is a Greek habit; in code (braces, assignments) it ends statements.
  const bool semicolon_asks = greek && paragraph.find_first_of("{}=") == std::string_view::npos;
  std::size_t sentence_begin = 0;
  auto at_boundary = [&](std::size_t after) {
    if (after >= paragraph.size()) return true;
    const char next = paragraph[after];
    return is_space(next) || next == '\n' || next == '?' || next == '!' ||
           k_closers.find(next) != std::string_view::npos ||
           static_cast<unsigned char>(next) >= 0x80;  // », ”, …
  };
  auto in_link = [&](std::size_t at) {
    std::size_t token = paragraph.find_last_of(" \t\n", at);
    token = token == std::string_view::npos ? 0 : token + 1;
    const std::string_view word = paragraph.substr(token, at - token);
    return word.find("://") != std::string_view::npos || word.starts_with("www.");
  };
  auto close_sentence = [&](std::size_t end, bool question) {
    const std::string_view sentence =
        trim_lines(paragraph.substr(sentence_begin, end - sentence_begin));
    if (question && !sentence.empty()) out.push_back({std::string(sentence), greek, false});
    sentence_begin = end;
  };
  for (std::size_t i = 0; i < paragraph.size(); ++i) {
    const char c = paragraph[i];
    std::size_t mark = 0;  // bytes of a question mark at i
    // The Greek and full-width question marks and the ellipsis start with a non-ASCII byte.
    const bool multibyte = static_cast<unsigned char>(c) >= 0x80;
    if (c == '?') {
      mark = 1;
    } else if (multibyte && (paragraph.substr(i).starts_with(k_greek_question_mark) ||
                             paragraph.substr(i).starts_with(k_fullwidth_question))) {
      mark = paragraph.substr(i).starts_with(k_greek_question_mark) ? 2 : 3;
    } else if (c == ';' && semicolon_asks && i > 0 && !is_space(paragraph[i - 1])) {
      mark = 1;
    }
    if (mark > 0) {
      if (!at_boundary(i + mark) || in_link(i)) continue;
      std::size_t end = i + mark;
      while (end < paragraph.size() && (paragraph[end] == '?' || paragraph[end] == '!')) ++end;
      close_sentence(end, true);
      i = end - 1;
    } else if ((c == '.' || c == '!') && at_boundary(i + 1)) {
      close_sentence(i + 1, false);
    } else if (multibyte && paragraph.substr(i).starts_with(k_ellipsis)) {
      close_sentence(i + 3, false);
      i += 2;
    } else if (c == '\n' && list_item(paragraph.substr(i + 1)).kind != ListItem::none) {
      close_sentence(i, false);  // each list item is a sentence of its own
    }
  }
}

class IncompleteAnswer final : public Rule {
 public:
  explicit IncompleteAnswer(const RuleContext& context)
      : m_data(context.data),
        m_min_questions(std::max<std::int64_t>(1, context.options.integer("min-questions"))),
        m_words_per_question(context.options.integer("words-per-question")),
        m_rhetorical(context.data, "incomplete-answer-rhetorical", context.spell),
        m_list_intros(context.data, "incomplete-answer-list", context.spell),
        m_excuses(context.data, "incomplete-answer.unless", context.spell) {
    for (const auto& [code, language] : context.data.languages) {
      m_original_fields.insert(language.original_fields.begin(), language.original_fields.end());
      m_closings.insert(language.closings.begin(), language.closings.end());
    }
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    if (msg.is_forward || !draft.quotes_original()) return;
    std::vector<QuotedPart> parts = latest_message(draft);
    std::size_t asked = 0;
    for (const QuotedPart& part : parts) asked += part.questions.size();
    if (asked < static_cast<std::size_t>(m_min_questions)) return;
    const int own_words = words_of_own_text(draft);
    // Cheapest test first: rhetorical questions only lower the count, and the bar with it.
    if (own_words >= m_words_per_question * static_cast<std::int64_t>(asked)) return;

    asked = 0;
    std::size_t unanswered = 0, parts_with_questions = 0, answered_inline = 0;
    const QuotedPart* first_unanswered = nullptr;
    for (QuotedPart& part : parts) {
      std::erase_if(part.questions, [&](const Question& q) { return rhetorical(q); });
      if (part.questions.empty()) continue;
      asked += part.questions.size();
      ++parts_with_questions;
      if (part.own_words_after > 0) {
        ++answered_inline;
      } else {
        unanswered += part.questions.size();
        if (first_unanswered == nullptr) first_unanswered = &part;
      }
    }
    if (asked < static_cast<std::size_t>(m_min_questions) ||
        own_words >= m_words_per_question * static_cast<std::int64_t>(asked))
      return;
    // Own text after a quoted question, with more quoted text below it: an inline reply.
    const bool interleaved = answered_inline > 0 && parts_with_questions > 1;
    if (interleaved && unanswered < static_cast<std::size_t>(m_min_questions)) return;
    if (!m_excuses.find(draft).empty()) return;

    const core::i18n::Fragment help = core::i18n::fragment(
        "answer each of the {} questions (the problem, the solution and the next "
        "steps), or say when you will",
        asked);
    if (interleaved) {
      out.report(first_unanswered->segment->range,
                 "{} of the customer's {} questions have no answer below them", unanswered, asked)
          .help(help);
    } else if (own_words == 0) {
      out.report(parts.front().segment->range,
                 "the customer asked {} questions and the reply says nothing", asked)
          .help(help);
    } else {
      out.report(own_text_range(draft), "the customer asked {} questions and the reply has {} {}",
                 asked, own_words,
                 own_words == 1 ? core::i18n::fragment("word") : core::i18n::fragment("words"))
          .help(help);
    }
  }

 private:
  // The depth-1 quoted parts of the message being answered, in order, up to its signature or
  // the older history it quotes, with the own words that follow each.
  std::vector<QuotedPart> latest_message(const Draft& draft) const {
    std::vector<QuotedPart> parts;
    bool ended = false;
    for (const draft::Segment& segment : draft.segments) {
      switch (segment.kind) {
        case draft::SegmentKind::quote:
          if (segment.depth != 1 || ended) break;
          parts.push_back({&segment, {}, 0});
          ended = read_part(draft.text(), segment.range, parts.back().questions);
          break;
        case draft::SegmentKind::original_header:
        case draft::SegmentKind::attribution:
          // A second header block or attribution after the quote opens older history; the
          // first one naming the sender quotes the sender's own message (a follow-up), whose
          // questions were the sender's, not the customer's.
          if (!parts.empty())
            ended = true;
          else if (names_the_sender(draft, segment.range, m_data))
            return {};
          break;
        case draft::SegmentKind::forward:
        case draft::SegmentKind::patch:
          ended = true;
          break;
        case draft::SegmentKind::own:
          if (!parts.empty()) parts.back().own_words_after += answer_words_in(draft, segment.range);
          break;
        case draft::SegmentKind::signature:
        case draft::SegmentKind::placeholder:
          break;
      }
    }
    return parts;
  }

  // Adds the questions of the quoted lines in `range`; true when the latest message ends there
  // (its signature, or a quoted older message).
  bool read_part(std::string_view body, draft::Range range, std::vector<Question>& out) const {
    std::string paragraph;                 // lines since the last blank line, markers removed
    std::string last_line;                 // the last line of text before this one
    std::vector<std::string> items;        // the current list's items
    ListItem::Kind kind = ListItem::none;  // … numbered, lettered or bulleted
    int next_item = 0;                     // the ordinal its next item takes
    bool list_of_questions = false;        // the line before its "1." introduces questions
    bool intro_is_question = false;        // … and is itself a question, counted as such

    auto close_list = [&] {
      if (list_of_questions && items.size() >= 2) {
        // An intro such as "¿Me pueden aclarar lo siguiente?" was counted: it stands for one item.
        std::size_t skip = intro_is_question ? 1 : 0;
        for (const std::string& item : items) {
          if (counted_as_question(item)) continue;  // by its question mark
          if (skip > 0) {
            --skip;
            continue;
          }
          out.push_back({item, false, true});
        }
      }
      items.clear();
      kind = ListItem::none;
      next_item = 0;
    };
    auto flush = [&] {
      if (!paragraph.empty()) questions_of_paragraph(paragraph, out);
      paragraph.clear();
    };

    std::string_view rest = body.substr(range.begin, range.end - range.begin);
    bool ended = false;
    while (!rest.empty()) {
      const std::size_t newline = rest.find('\n');
      const std::string_view line = strip_markers(rest.substr(0, newline));
      rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
      if (is_signature_delimiter(line) || is_history_marker(line) ||
          starts_header_block(line, rest)) {
        ended = true;
        break;
      }
      if (line.empty()) {
        flush();
        continue;
      }
      const ListItem item = list_item(line);
      // A bullet goes on its bullets' list, or starts one.
      const int number = item.kind == ListItem::bullet
                             ? (kind == ListItem::bullet ? next_item : 1)
                             : (item.kind == kind || item.ordinal == 1 ? item.ordinal : 0);
      if (item.kind != ListItem::none && number > 0 && (number == 1 || number == next_item)) {
        if (number == 1) {
          close_list();
          const std::string_view intro = last_sentence(paragraph.empty() ? last_line : paragraph);
          list_of_questions = asks_for_list(intro);
          intro_is_question = list_of_questions && ends_with_question_mark(intro);
          kind = item.kind;
        }
        items.emplace_back(trim(line.substr(item.text_at)));
        next_item = number + 1;
      } else if (!items.empty() && !paragraph.empty()) {
        items.back() += ' ';  // an item wrapped onto the next line
        items.back() += line;
      } else {
        close_list();
      }
      if (!paragraph.empty()) paragraph += '\n';
      paragraph += line;
      last_line = line;
    }
    flush();
    close_list();
    return ended;
  }

  // "De: Ana" followed by "Enviado: …": a quoted Outlook header block of an older message.
  bool starts_header_block(std::string_view line, std::string_view rest) const {
    if (!is_field_line(line)) return false;
    const std::string_view next = strip_markers(rest.substr(0, rest.find('\n')));
    return is_field_line(next);
  }

  bool is_field_line(std::string_view line) const {
    const std::string_view name = text::field_name(line);
    return !name.empty() && m_original_fields.contains(text::fold_case(name));
  }

  // The sentence before a numbered list introduces questions: "Tengo estas dudas:", "My
  // questions:", "Θα ήθελα να μάθω τα εξής:".
  bool asks_for_list(std::string_view intro) const {
    if (intro.empty() || (intro.back() != ':' && !ends_with_question_mark(intro))) return false;
    return matches(m_list_intros, intro, mostly_greek(intro), false);
  }

  bool rhetorical(const Question& question) const {
    return !question.from_list && matches(m_rhetorical, question.text, question.greek, true);
  }

  // True when a phrase of `matcher` is in `text` (quoted text, so not in the draft's
  // sentences), ending it when `at_end`: Greek text with the Greek list, other text with the
  // Spanish and English ones.
  bool matches(const PhraseMatcher& matcher, std::string_view text, bool greek, bool at_end) const {
    draft::Sentence sentence;
    sentence.words = draft::tokenize(text, m_data);
    sentence.range = {0, text.size()};
    auto found = [&](std::string_view language) {
      const std::vector<PhraseMatch> matches = matcher.find(sentence, language);
      return std::any_of(matches.begin(), matches.end(), [&](const PhraseMatch& m) {
        return !at_end || m.end_word == sentence.words.size();
      });
    };
    return greek ? found("el") : found("es") || found("en");
  }

  // Every token of own text that can answer counts (words, numbers, links: "el 14", "20 €"),
  // the sign-off of each own part and what follows it excepted.
  int words_of_own_text(const Draft& draft) const {
    int words = 0;
    for (const draft::Segment& segment : draft.segments)
      if (segment.kind == draft::SegmentKind::own) words += answer_words_in(draft, segment.range);
    return words;
  }

  // The words of the own paragraphs in `range` before its sign-off: "Un saludo," or "Best
  // regards, Sarah" opening one of its last two paragraphs, and the name, title, address and
  // telephone below it, answer nothing.
  int answer_words_in(const Draft& draft, draft::Range range) const {
    std::vector<const draft::Paragraph*> paragraphs;
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      if (paragraph.range.begin < range.begin) continue;
      if (paragraph.range.begin >= range.end) break;
      paragraphs.push_back(&paragraph);
    }
    std::size_t end = paragraphs.size();
    for (std::size_t i = paragraphs.size() >= 2 ? paragraphs.size() - 2 : 0; i < paragraphs.size();
         ++i)
      if (is_sign_off(draft, *paragraphs[i])) {
        end = i;
        break;
      }
    int words = 0;
    for (std::size_t i = 0; i < end; ++i)
      for (const Sentence& sentence : paragraphs[i]->sentences)
        words += static_cast<int>(sentence.words.size());
    return words;
  }

  // A paragraph whose first line is a closing of rules/<lang>/signature.toml ("Un saludo,",
  // "Με εκτίμηση"), or that opens with one and holds little more ("Best regards, Sarah Jones").
  bool is_sign_off(const Draft& draft, const draft::Paragraph& paragraph) const {
    std::string_view first_line =
        std::string_view(draft.text()).substr(paragraph.range.begin, paragraph.range.size());
    first_line = trim(first_line.substr(0, first_line.find('\n')));
    while (!first_line.empty() &&
           std::string_view(",.!:;").find(first_line.back()) != std::string_view::npos)
      first_line.remove_suffix(1);
    if (m_closings.contains(text::fold_case(first_line))) return true;
    std::size_t words = 0;
    for (const Sentence& sentence : paragraph.sentences) words += sentence.words.size();
    if (words > k_max_sign_off_words) return false;  // "Gracias por su paciencia. Su pedido…"
    std::vector<const Word*> all;
    for (const Sentence& sentence : paragraph.sentences)
      for (const Word& word : sentence.words) all.push_back(&word);
    std::string opening;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!opening.empty()) opening += ' ';
      opening += text::fold_case(all[i]->text);
      if (!m_closings.contains(opening)) continue;
      // Only a name may follow: "Best regards, Sarah Jones", not "Thanks for your order".
      return std::all_of(
          all.begin() + static_cast<std::ptrdiff_t>(i) + 1, all.end(), [](const Word* w) {
            return w->shape == draft::CaseShape::title || w->shape == draft::CaseShape::upper;
          });
    }
    return false;
  }

  static constexpr std::size_t k_max_sign_off_words = 7;

  // The own text of the reply: its paragraphs in the own segment holding the most words (a
  // top-posted reply above the quote, or a bottom-posted one below it).
  static draft::Range own_text_range(const Draft& draft) {
    draft::Range best{};
    int best_words = -1;
    for (const draft::Segment& segment : draft.segments) {
      if (segment.kind != draft::SegmentKind::own) continue;
      draft::Range range{};
      int words = 0;
      for (const draft::Paragraph& paragraph : draft.paragraphs) {
        if (paragraph.range.begin < segment.range.begin) continue;
        if (paragraph.range.begin >= segment.range.end) break;
        if (words == 0 && range.end == 0) range.begin = paragraph.range.begin;
        range.end = paragraph.range.end;
        for (const Sentence& sentence : paragraph.sentences)
          words += static_cast<int>(sentence.words.size());
      }
      if (words > best_words && range.end > 0) {
        best = range;
        best_words = words;
      }
    }
    return best;
  }

  const data::DataSet& m_data;
  std::int64_t m_min_questions;
  std::int64_t m_words_per_question;
  PhraseMatcher m_rhetorical;               // questions that ask for nothing: "¿me pueden ayudar?"
  PhraseMatcher m_list_intros;              // "tengo estas dudas:", "my questions:"
  PhraseMatcher m_excuses;                  // own text that answers elsewhere or later
  std::set<std::string> m_original_fields;  // "de", "enviado", "from", "από" (folded)
  std::set<std::string> m_closings;         // "un saludo", "best regards" (folded)
};

}  // namespace

const RuleInfo& incomplete_answer_info() { return k_info; }

std::unique_ptr<Rule> make_incomplete_answer(const RuleContext& context) {
  return std::make_unique<IncompleteAnswer>(context);
}

}  // namespace replylint::rules
