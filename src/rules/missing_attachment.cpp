#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "missing-attachment",
    .category = Category::content,
    .default_severity = Severity::warning,
    .summary = N_("own text says something is attached but the message has no attachment"),
    .docs = R"md(
## What it flags
A sentence of own text that says this message carries a file ("le adjunto la factura",
"adjuntamos", "encontrará adjunto", "σας επισυνάπτω", "θα βρείτε συνημμένο", "please find
attached", "I've attached", "see the attached") when the message has no attachment. The phrases
are `rules/<lang>/missing-attachment.toml`; only the first claim of a message is reported. A
line that lists the files as a form would ("Adjunto: factura-51190.pdf", "Συνημμένο:
τιμολόγιο.pdf", "Attachments: invoice.pdf") is a claim too: a label at the start of the line, a
colon, a file name.

What counts as an attachment: any part that is not an image (a PDF, a spreadsheet, a forwarded
message, an inline PDF as Apple Mail sends it), an image not marked `Content-Disposition:
inline`, and an inline image of 100 KB or more (a screenshot or a photo pasted into the
message). A small inline image is a logo in an HTML signature, not the file the text promises;
a PGP or S/MIME signature part is not one either. A mutt draft's `Attach:` pseudo-headers count
when they name a file (an empty one does not).

Left alone:
- a bare body with no headers: it cannot say whether a file will be attached;
- the customer's file: "el archivo adjunto que nos envió", "το συνημμένο αρχείο που μας
  στείλατε", "the attached file you sent", "the file you attached is empty" (the phrases of
  `rules/<lang>/missing-attachment-not-ours.toml` cancel a claim they overlap);
- a negation ("no le adjunto", "δεν σας επισυνάπτω", "is not attached") and a condition ("si le
  adjunto", "if I attach");
- the future and requests: "le adjuntaré", "I will attach it tomorrow", "could you attach a
  screenshot?", "¿puede adjuntar la factura?" (a promise for a later message, or the customer's
  file): verbs are listed form by form, never stemmed;
- a claim inside a question ("¿ha recibido la factura adjunta?", "Λάβατε το συνημμένο;");
- quoted text, attribution lines and signatures.

## Why
A complete answer gives the customer everything it promises (seeds/001, "Pautas para responder
eficazmente"): an answer that says "le adjunto la factura" and arrives without it costs the
customer a second message and the team a second reply.

## Example
```text
From: Soporte <soporte@tienda.example>
To: Ana <ana@example.com>
Subject: Re: Factura del pedido 51190

Hola Ana,

Le adjunto la factura del pedido.

Un saludo,
Lucía
```
Use instead:
```text
From: Soporte <soporte@tienda.example>
To: Ana <ana@example.com>
Subject: Re: Factura del pedido 51190
Attach: factura-51190.pdf

Hola Ana,

Le adjunto la factura del pedido.

Un saludo,
Lucía
```
)md",
    .options = {},
};

// Logos in HTML signatures are a few KB; a screenshot or a photo is larger.
constexpr std::uint64_t k_min_inline_image_size = 100 * 1024;

// A part the text can mean by "attached": see the docs for what counts.
bool is_promised_file(const message::Attachment& part) {
  const std::string_view type = part.content_type;
  if (type == "application/pgp-signature" || type == "application/pkcs7-signature" ||
      type == "application/x-pkcs7-signature")
    return false;
  if (!type.starts_with("image/")) return true;
  return !part.is_inline || part.size >= k_min_inline_image_size;
}

bool has_attachment(const message::Message& msg) {
  if (std::any_of(msg.attachments.begin(), msg.attachments.end(), is_promised_file)) return true;
  // An empty "Attach:" (a mutt template's slot never filled) names no file.
  return std::any_of(msg.headers.begin(), msg.headers.end(), [](const message::Header& h) {
    return h.name.size() == 6 && (h.name[0] == 'A' || h.name[0] == 'a') &&
           std::string_view(h.name).substr(1) == "ttach" &&
           h.value.find_first_not_of(" \t\r\n") != std::string::npos;
  });
}

// The text from the claim's end to the end of its sentence (and the punctuation the sentence
// range may leave out, up to the end of the line).
std::string_view rest_of_sentence(const std::string& text, const PhraseMatch& match) {
  std::size_t end = std::max(match.range.end, match.sentence->range.end);
  while (end < text.size() && end < match.sentence->range.end + 8 && text[end] != '\n') ++end;
  return std::string_view(text).substr(match.range.end, end - match.range.end);
}

// A claim inside a question asks about a file ("¿ha recibido la factura adjunta?"); it does not
// promise one. Spanish opens the question with '¿'; English and Greek (';' or U+037E, the Greek
// question mark) only close it: a claim is in the question when no clause break (a comma
// included: "I've attached it, can you confirm?") lies between it and the question mark.
bool in_question(const std::string& text, const PhraseMatch& match) {
  const std::string_view sentence_head = std::string_view(text).substr(
      match.sentence->range.begin, match.range.begin - match.sentence->range.begin);
  const std::string_view rest = rest_of_sentence(text, match);
  const std::size_t opened = sentence_head.rfind("¿");
  if (opened != std::string_view::npos && sentence_head.find('?', opened) == std::string_view::npos)
    return true;
  const bool greek = match.language == "el";
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c == '?') return true;
    if (greek && (c == ';' || rest.substr(i).starts_with("\xCD\xBE"))) return true;
    if (c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '\n') return false;
    if (rest.substr(i).starts_with("¿")) return false;
  }
  return false;
}

// A line that lists the files, as a form would: "Adjunto: factura-51190.pdf", "Attachments:
// invoice.pdf", "Συνημμένο: τιμολόγιο.pdf". The label opens the sentence and a file name follows
// its colon, so "Adjunto: ninguno" and "adjunto" as an adjective stay quiet.
std::optional<Range> file_list_label(const std::string& text, const Sentence& sentence) {
  static constexpr std::array<std::string_view, 13> k_labels{
      "adjunto",   "adjuntos",       "adjunta",       "adjuntas",    "anexo",
      "anexos",    "attached",       "attachment",    "attachments", "συνημμενο",
      "συνημμενα", "επισυναπτομενο", "επισυναπτομενα"};
  const std::vector<Word>& words = sentence.words;
  if (words.size() < 2 || words[0].kind != draft::TokenKind::word) return std::nullopt;
  const std::string key = text::loose_key(words[0].text);
  if (std::find(k_labels.begin(), k_labels.end(), key) == k_labels.end()) return std::nullopt;
  const Range label = words[0].range;
  if (label.begin > 0 && text[label.begin - 1] != '\n') return std::nullopt;
  std::size_t i = label.end;
  if (i >= text.size() || text[i] != ':') return std::nullopt;
  if (words[1].kind != draft::TokenKind::filename) return std::nullopt;
  return Range{label.begin, i + 1};
}

bool overlaps(const PhraseMatch& a, const PhraseMatch& b) {
  return a.sentence == b.sentence && a.first_word < b.end_word && b.first_word < a.end_word;
}

class MissingAttachment final : public Rule {
 public:
  explicit MissingAttachment(const RuleContext& context)
      : m_claims(context.data, k_info.id, context.spell),
        m_not_ours(context.data, "missing-attachment-not-ours", context.spell) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    if (msg.kind == message::InputKind::body || has_attachment(msg)) return;
    for (const Sentence* sentence : draft.own_sentences()) {
      if (const auto label = file_list_label(draft.text(), *sentence)) {
        const std::string_view found =
            std::string_view(draft.text()).substr(label->begin, label->size());
        out.report(*label, "'{}' but the message has no attachment", found)
            .help(N_("attach the file before sending, or take the sentence out"));
        return;
      }
    }
    const std::vector<PhraseMatch> claims = m_claims.find(draft);
    if (claims.empty()) return;
    const std::vector<PhraseMatch> not_ours = m_not_ours.find(draft);
    for (const PhraseMatch& claim : claims) {
      const bool cancelled = std::any_of(not_ours.begin(), not_ours.end(),
                                         [&](const auto& n) { return overlaps(claim, n); });
      if (cancelled || in_question(draft.text(), claim)) continue;
      const std::string_view found =
          std::string_view(draft.text()).substr(claim.range.begin, claim.range.size());
      out.report(claim.range, "'{}' but the message has no attachment", found)
          .help(claim.phrase->help.empty() ? N_("attach the file before sending")
                                           : claim.phrase->help);
      return;  // one finding says it: the other claims are about the same missing file
    }
  }

 private:
  PhraseMatcher m_claims;
  PhraseMatcher m_not_ours;
};

}  // namespace

const RuleInfo& missing_attachment_info() { return k_info; }

std::unique_ptr<Rule> make_missing_attachment(const RuleContext& context) {
  return std::make_unique<MissingAttachment>(context);
}

}  // namespace replylint::rules
