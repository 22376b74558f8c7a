#include <algorithm>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/data.hpp"
#include "rules/no_reply_address.hpp"
#include "rules/organisation.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "no-human-contact",
    .category = Category::content,
    .default_severity = Severity::info,
    .summary = N_("an automatic-looking message with no person's name and no way to reach one"),
    .docs = R"md(
## What it flags
A message that looks automatic and leaves the customer with nobody to turn to. It looks
automatic when:
- own text or the signature says so: "este es un mensaje automático", "este correo se ha
  generado automáticamente", "αυτό είναι ένα αυτόματο μήνυμα", "this is an automated message"
  (`rules/<lang>/no-human-contact.toml`);
- or it asks not to be answered: "no responda a este correo", "μην απαντήσετε σε αυτό το
  μήνυμα", "do not reply to this email", "this mailbox is not monitored"
  (`rules/<lang>/no-human-contact-no-reply.toml`), unless the same sentence makes it a condition
  ("no responda a este correo si ya lo ha resuelto", "do not reply unless…";
  `rules/<lang>/no-human-contact.unless.toml`);
- or it is a reply, or goes to someone outside the organisation, From a no-reply address or name
  (the addresses `no-reply-sender` knows), or carries `Auto-Submitted` (RFC 3834).

It is left alone as soon as own text or the signature offers a human: a phone number (with `+`
or `00`, or written in groups: "912 345 678"), an email address that takes replies and is not
the customer's own, a contact link (`…/contacto`, `…/support`; the words are
`rules/<lang>/no-human-contact-link.toml`), a "contact us" phrase ("contacte con nosotros",
"llame al", "επικοινωνήστε μαζί μας", "get in touch"; `rules/<lang>/no-human-contact-contact.toml`),
a Reply-To that takes replies, or a person's name signing it: a line of up to six capitalised
words (or words in capitals) among the last lines of own text or in the signature, one word
only after a sign-off ("Un saludo,\nLucía"). A greeting ("Hola Ana,") does not sign, and
neither do teams and businesses ("El equipo de Tienda Verde", "Customer Service", "Ξενοδοχείο
Αιγαίο"; `rules/<lang>/no-human-contact-team.toml`) or the sender's own name or domain
("Tienda Verde" From `noreply@tiendaverde.es`).
Quoted text never makes a message automatic.

The finding is on the phrase that makes the message automatic, else on the From header.

## Why
Do not hide the people: automatic answers should be supervised by a person, and a phone number
lets the customer talk to one (seeds/004 §6, "No esconder a las personas"). Mail that cannot be
answered loses the customer (seeds/003).

## Example
```text
Hola,

Hemos recibido su solicitud de devolución 8812. Este es un mensaje automático, por favor no
responda a este correo.
```
Use instead:
```text
Hola,

Hemos recibido su solicitud de devolución 8812. Este es un mensaje automático: si tiene
cualquier duda, llámenos al 912 345 678.

Lucía Romero
Atención al cliente
```
)md",
    .options = {},
};

// Lines of a signature looked at for phrases and names: the top of it, where they stand.
constexpr std::size_t k_max_signature_lines = 12;
// Lines at the end of own text looked at for a sign-off and a name.
constexpr std::size_t k_max_name_lines = 6;
// Words of a line that can be a person's name ("María José García de la Fuente" is six).
constexpr std::size_t k_max_name_words = 6;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// A telephone number in `text`: 9 to 15 digits in one run of digits, spaces, dots, dashes and
// brackets that starts with '+' or "00", or is written in two groups or more ("912 345 678",
// "(555) 123-4567", "210-1234567"). A bare run ("912345678") is an order number as often as a
// telephone: a phone word next to it ("Tel.", "llame al") is then what counts.
bool has_phone_number(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool plus = text[i] == '+' && i + 1 < text.size() && is_digit(text[i + 1]);
    const bool opens = text[i] == '(' && i + 1 < text.size() && is_digit(text[i + 1]);
    if (!plus && !opens && !is_digit(text[i])) continue;
    if (i > 0 && is_alnum(text[i - 1])) continue;
    int digits = 0, groups = 0;
    bool in_group = false;
    std::size_t j = plus ? i + 1 : i;
    for (; j < text.size(); ++j) {
      const char c = text[j];
      if (is_digit(c)) {
        ++digits;
        if (!in_group) ++groups;
        in_group = true;
      } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')') {
        in_group = false;
      } else {
        break;
      }
    }
    const bool international = plus || text.substr(i).starts_with("00");
    if (j < text.size() && is_alnum(text[j])) {
      i = j;
      continue;  // "123abc": a code
    }
    if (digits >= 9 && digits <= 15 && (international || groups >= 2)) return true;
    i = j;
  }
  return false;
}

// A line of the body, with its byte range.
struct Line {
  std::string_view text;
  std::size_t begin = 0;
};

// A line with the words on it, where a sign-off and a name are looked for: the draft's own
// words, not copies (most lines at the end of own text are prose, and are read only once).
struct LineWords {
  draft::Range range;
  std::span<const Word* const> words;
};

class NoHumanContact final : public Rule {
 public:
  explicit NoHumanContact(const RuleContext& context)
      : m_data(context.data),
        m_org_domains(context.org_domains),
        m_names(context.data),
        m_automatic(context.data, k_info.id, context.spell),
        m_no_reply(context.data, "no-human-contact-no-reply", context.spell),
        m_conditions(context.data, "no-human-contact.unless", context.spell),
        m_contact(context.data, "no-human-contact-contact", context.spell),
        m_team(context.data, "no-human-contact-team", context.spell) {
    for (const auto& [code, language] : context.data.languages) {
      m_closings.insert(language.closings.begin(), language.closings.end());
      if (const auto list = language.phrases.find("no-human-contact-link");
          list != language.phrases.end())
        for (const data::Phrase& entry : list->second)
          for (const data::PhraseToken& token : entry.tokens)
            for (const std::string& word : token.words) m_link_words.insert(text::loose_key(word));
    }
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    if (m_names.reply_to_takes_replies(msg)) return;
    // Most messages are signed by a person: a look at their last lines settles them, with the
    // words the draft already has, before any search of the whole text.
    if (signed_in_own_text(draft)) return;
    const std::vector<Line> signature = signature_lines(draft);
    std::vector<draft::Sentence> signature_sentences;
    signature_sentences.reserve(signature.size());
    for (const Line& line : signature) signature_sentences.push_back(sentence_of(line));
    // A signature follows a sign-off by definition: one word there is a name.
    for (const draft::Sentence& line : signature_sentences) {
      std::vector<const Word*> words;
      words.reserve(line.words.size());
      for (const Word& word : line.words) words.push_back(&word);
      if (is_name(draft, {line.range, words}, true)) return;
    }

    const std::optional<draft::Range> phrase = automatic_phrase(draft, signature_sentences);
    if (!phrase && !automatic_headers(msg)) return;
    if (offers_contact(draft, signature_sentences)) return;

    const std::string help =
        N_("sign it with the name of the person who supervises it, and give a phone number, an "
           "address that takes replies or a contact page");
    if (phrase)
      out.report(*phrase, "automatic message with no person's name and no way to reach one")
          .help(help);
    else
      out.report_header("From", "automatic message with no person's name and no way to reach one")
          .help(help);
  }

 private:
  // ---- Does it look automatic? ----

  // A phrase of own text (else of the signature) that says the message is automatic, else one
  // that asks not to be answered without a condition in the same sentence.
  std::optional<draft::Range> automatic_phrase(
      const Draft& draft, const std::vector<draft::Sentence>& signature) const {
    if (const auto found = m_automatic.find(draft); !found.empty()) return found.front().range;
    for (const PhraseMatch& match : m_no_reply.find(draft))
      if (!conditional(*match.sentence, match.language)) return match.range;
    for (const draft::Sentence& sentence : signature) {
      for (const std::string_view language : {"es", "el", "en"}) {
        if (const auto found = m_automatic.find(sentence, language); !found.empty())
          return found.front().range;
        for (const PhraseMatch& match : m_no_reply.find(sentence, language))
          if (!conditional(sentence, language)) return match.range;
      }
    }
    return std::nullopt;
  }

  // "no responda a este correo si ya lo ha resuelto": an instruction of a person.
  bool conditional(const draft::Sentence& sentence, std::string_view language) const {
    return !m_conditions.find(sentence, language).empty();
  }

  // A no-reply sender on a reply or a message leaving the organisation, or Auto-Submitted.
  bool automatic_headers(const message::Message& msg) const {
    if (msg.kind == message::InputKind::body) return false;
    if (const message::Header* auto_submitted = msg.find_header("Auto-Submitted");
        auto_submitted && text::fold_case(trim(auto_submitted->value)) != "no")
      return true;
    const bool says_no_reply = std::any_of(msg.from.begin(), msg.from.end(),
                                           [&](const message::Address& a) {
                                             return m_names.is_no_reply_address(a.address) ||
                                                    m_names.says_no_reply(a.name);
                                           }) ||
                               m_names.from_comment_says_no_reply(msg);
    return says_no_reply && (msg.is_reply || has_outside_recipient(msg, m_org_domains, m_data));
  }

  // ---- Is there a way to reach a person? ----

  bool offers_contact(const Draft& draft, const std::vector<draft::Sentence>& signature) const {
    if (!m_contact.find(draft).empty()) return true;
    for (const draft::Sentence& sentence : signature)
      for (const std::string_view language : {"es", "el", "en"})
        if (!m_contact.find(sentence, language).empty()) return true;
    auto reaches = [&](const Word& word) {
      return (word.kind == draft::TokenKind::email && replies_reach_someone(word.text, draft)) ||
             (word.kind == draft::TokenKind::url && is_contact_link(word.text, draft));
    };
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      if (has_phone_number(
              std::string_view(draft.text()).substr(paragraph.range.begin, paragraph.range.size())))
        return true;
      for (const Sentence& sentence : paragraph.sentences)
        if (std::any_of(sentence.words.begin(), sentence.words.end(), reaches)) return true;
    }
    for (const draft::Sentence& sentence : signature) {
      const std::string_view line =
          std::string_view(draft.text()).substr(sentence.range.begin, sentence.range.size());
      if (has_phone_number(line) ||
          std::any_of(sentence.words.begin(), sentence.words.end(), reaches))
        return true;
    }
    return false;
  }

  // An address written in the message that takes replies and is not the customer's own.
  bool replies_reach_someone(std::string_view address, const Draft& draft) const {
    if (address.starts_with("mailto:")) address.remove_prefix(7);
    if (address.find('@') == std::string_view::npos || m_names.is_no_reply_address(address))
      return false;
    const std::string wanted = lowercase_ascii(std::string(address));
    const message::Message& msg = draft.message();
    for (const auto* list : {&msg.to, &msg.cc, &msg.bcc})
      for (const message::Address& a : *list)
        if (lowercase_ascii(a.address) == wanted) return false;
    return true;
  }

  // "https://tienda.es/contacto", "help.shop.example", "mailto:soporte@…", "tel:+34…".
  bool is_contact_link(std::string_view url, const Draft& draft) const {
    const std::string key = text::loose_key(url);
    if (key.starts_with("tel:")) return true;
    if (key.starts_with("mailto:")) return replies_reach_someone(url, draft);
    std::string piece;
    for (const char c : key + ' ') {
      if (is_alnum(c)) {
        piece += c;
        continue;
      }
      if (m_link_words.contains(piece)) return true;
      piece.clear();
    }
    return false;
  }

  // ---- Does a person sign it? ----

  // A person's name in the last lines of own text, alone or after a sign-off, or a template
  // field standing for one ({{agente}}).
  bool signed_in_own_text(const Draft& draft) const {
    for (const draft::Segment& segment : draft.segments)
      if (segment.kind == draft::SegmentKind::placeholder) return true;
    std::vector<const Word*> words;  // the lines' words
    const std::vector<LineWords> lines = last_own_lines(draft, words);
    for (std::size_t i = lines.size(); i-- > 0;) {
      // The first line of own text greets; it never signs.
      if (lines[i].range.begin == draft.paragraphs.front().range.begin) continue;
      const bool after_closing =
          i > 0 && !lines[i - 1].words.empty() &&
          rest_after_closing(lines[i - 1].words) == lines[i - 1].words.size();
      if (is_name(draft, lines[i], after_closing)) return true;
    }
    return false;
  }

  // True when `line` is a person's name: up to k_max_name_words capitalised
  // words or words in capitals (lowercase particles such as "de la" between them), or the same
  // after a sign-off on the same line ("Un saludo, Lucía"). One word alone counts only after a
  // sign-off.
  bool is_name(const Draft& draft, const LineWords& line, bool after_closing) const {
    const std::size_t from = rest_after_closing(line.words);
    if (from > 0 && from < line.words.size()) after_closing = true;
    const std::size_t count = line.words.size() - std::min(from, line.words.size());
    if (count == 0 || count > k_max_name_words || (count == 1 && !after_closing)) return false;
    const std::string_view text = std::string_view(draft.text());
    const std::string_view raw =
        text.substr(line.words[from]->range.begin,
                    line.words.back()->range.end - line.words[from]->range.begin);
    // "Lucía Romero", "Lucía R.", "Νίκος Αντωνίου": no punctuation inside or after it, which
    // "Hola Ana," or "Dear Mark:" have.
    const std::string_view after =
        text.substr(line.words.back()->range.end, line.range.end - line.words.back()->range.end);
    if (raw.find_first_of(",:;!?@/") != std::string_view::npos ||
        after.find_first_of(",:;!?") != std::string_view::npos)
      return false;
    for (std::size_t i = from; i < line.words.size(); ++i) {
      const Word& word = *line.words[i];
      if (word.kind == draft::TokenKind::placeholder) return true;
      if (word.kind != draft::TokenKind::word) return false;
      const bool edge = i == from || i + 1 == line.words.size();
      // "Lucía", "LUCÍA ROMERO", the initial "R"; a team in capitals is told by its words.
      const bool capitalised =
          word.shape == draft::CaseShape::title || word.shape == draft::CaseShape::upper;
      if (!capitalised && (edge || word.shape != draft::CaseShape::lower || word.letters > 3))
        return false;
    }
    draft::Sentence rest;
    for (std::size_t i = from; i < line.words.size(); ++i) rest.words.push_back(*line.words[i]);
    for (const std::string_view language : {"es", "el", "en"})
      if (!m_team.find(rest, language).empty()) return false;
    return !names_the_sender_organisation(raw, draft.message());
  }

  // How many words of `line` a sign-off takes at its start ("Un saludo, Lucía" → 2); 0 when it
  // does not open with one, and the line's word count when it is nothing else.
  std::size_t rest_after_closing(std::span<const Word* const> words) const {
    std::string opening;
    std::size_t longest = 0;  // "Best regards" rather than "Best"
    for (std::size_t i = 0; i < words.size() && i < 4; ++i) {
      if (!opening.empty()) opening += ' ';
      opening += text::fold_case(words[i]->text);
      if (m_closings.contains(opening)) longest = i + 1;
    }
    return longest;
  }

  // "Tienda Verde" signing a mail From "Tienda Verde <noreply@tiendaverde.es>": the company.
  bool names_the_sender_organisation(std::string_view name, const message::Message& msg) const {
    std::string letters;
    for (const char c : text::loose_key(name))
      if (is_alnum(c)) letters += c;
    for (const message::Address& a : msg.from) {
      std::string display;
      for (const char c : text::loose_key(a.name))
        if (is_alnum(c)) display += c;
      if (!display.empty() && display == letters) return true;
      const std::string domain = a.domain();
      if (!letters.empty() && domain.starts_with(letters) &&
          (domain.size() == letters.size() || domain[letters.size()] == '.'))
        return true;
      const std::string organisation = organisation_of(domain);
      if (!letters.empty() && organisation.starts_with(letters + ".")) return true;
    }
    return false;
  }

  // ---- Lines ----

  draft::Sentence sentence_of(const Line& line) const {
    draft::Sentence sentence;
    sentence.words = draft::tokenize(line.text, m_data);
    for (Word& word : sentence.words) {
      word.range.begin += line.begin;
      word.range.end += line.begin;
    }
    sentence.range = {line.begin, line.begin + line.text.size()};
    return sentence;
  }

  // The first lines of each signature segment (not the "-- " delimiter).
  static std::vector<Line> signature_lines(const Draft& draft) {
    std::vector<Line> out;
    const std::string_view text = draft.text();
    for (const draft::Segment& segment : draft.segments) {
      if (segment.kind != draft::SegmentKind::signature) continue;
      std::size_t begin = segment.range.begin, taken = 0;
      while (begin < segment.range.end && taken < k_max_signature_lines) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos || end > segment.range.end) end = segment.range.end;
        const std::string_view line = text.substr(begin, end - begin);
        if (!trim(line).empty() && trim(line) != "--") {
          out.push_back({line, begin});
          ++taken;
        }
        begin = end + 1;
      }
    }
    return out;
  }

  // The last lines of own text (at most k_max_name_lines, from its last two paragraphs), where
  // a sign-off and a name stand, each with the draft's own words on it (kept in `words`).
  static std::vector<LineWords> last_own_lines(const Draft& draft,
                                               std::vector<const Word*>& words) {
    // Read from the end: a long last paragraph has many more lines than are looked at.
    std::vector<draft::Range> lines;
    const std::string_view text = draft.text();
    const std::size_t count = draft.paragraphs.size();
    const std::size_t first_paragraph = count > 2 ? count - 2 : 0;
    for (std::size_t p = count; p-- > first_paragraph && lines.size() < k_max_name_lines;) {
      const draft::Range paragraph = draft.paragraphs[p].range;
      std::size_t end = paragraph.end;
      while (end > paragraph.begin && lines.size() < k_max_name_lines) {
        const std::size_t newline = text.rfind('\n', end - 1);
        const std::size_t begin = newline != std::string_view::npos && newline >= paragraph.begin
                                      ? newline + 1
                                      : paragraph.begin;
        if (!trim(text.substr(begin, end - begin)).empty()) lines.push_back({begin, end});
        if (begin == paragraph.begin) break;
        end = begin - 1;
      }
    }
    std::reverse(lines.begin(), lines.end());
    if (lines.empty()) return {};
    // Lines and words are both in text order: one walk puts each word on its line.
    std::vector<std::size_t> firsts(lines.size() + 1, 0);  // line i: words[firsts[i], firsts[i+1])
    std::size_t at = 0;
    for (std::size_t p = first_paragraph; p < count; ++p)
      for (const Sentence& sentence : draft.paragraphs[p].sentences) {
        // A sentence whose last word begins before the kept lines puts no word on them.
        if (sentence.words.empty() || sentence.words.back().range.begin < lines.front().begin)
          continue;
        for (const Word& word : sentence.words) {
          while (at < lines.size() && lines[at].end <= word.range.begin)
            firsts[++at] = words.size();
          if (at < lines.size() && lines[at].begin <= word.range.begin) words.push_back(&word);
        }
      }
    while (at < lines.size()) firsts[++at] = words.size();
    std::vector<LineWords> out;
    out.reserve(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i)
      out.push_back({lines[i], std::span<const Word* const>(words).subspan(
                                   firsts[i], firsts[i + 1] - firsts[i])});
    return out;
  }

  const data::DataSet& m_data;
  std::vector<std::string> m_org_domains;
  NoReplyNames m_names;
  PhraseMatcher m_automatic;   // "este es un mensaje automático"
  PhraseMatcher m_no_reply;    // "no responda a este correo"
  PhraseMatcher m_conditions;  // "si", "if", "αν": a no-reply request made a condition
  PhraseMatcher m_contact;     // "contacte con nosotros", "llame al", "get in touch"
  PhraseMatcher m_team;        // "equipo", "team", "ομάδα": a signature that is no person
  std::set<std::string> m_closings;    // "un saludo", "best regards" (folded)
  std::set<std::string> m_link_words;  // "contacto", "support" (loose keys)
};

}  // namespace

const RuleInfo& no_human_contact_info() { return k_info; }

std::unique_ptr<Rule> make_no_human_contact(const RuleContext& context) {
  return std::make_unique<NoHumanContact>(context);
}

}  // namespace replylint::rules
