#include "data/data.hpp"
#include "rules/organisation.hpp"
#include "rules/rules.hpp"
#include "text/text.hpp"

#include <algorithm>
#include <cctype>

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "no-reply-sender",
    .category = Category::recipients,
    .default_severity = Severity::warning,
    .summary = "a reply or customer message sent from a no-reply address",
    .docs = R"md(
## What it flags
A reply, or a message to someone outside the sender's organisation, sent From an address that
takes no replies: its local part says so (`noreply`, `no-reply`, `do_not_reply`,
`noresponder`, `no-responda`, `mhn-apantate`… the lists are `rules/<lang>/no-reply-sender.toml`,
all languages together), as the
whole local part or as one part of it between `.`, `-`, `_` or `+` (`noreply-soporte`,
`ventas.noreply`, `info+noreply`), never inside a longer word (`noreplyco`, `norelia`). A display
name that says so on a real address ("No Reply <ventas@tienda.es>") is flagged too: the customer
reads the name and does not write back.

Left alone:
- a Reply-To with an address that takes replies: answers reach a person;
- an internal message: nothing makes it a reply (In-Reply-To, References, "Re:", "Απ:") and every
  recipient is of the organisation (the `org-domains` of the configuration, else the domain of
  From), such as a notification to a colleague;
- a bare body with no header block, and a message with no From;
- names and addresses that only contain "reply" ("Reply Studio", `replies@…`).

The finding is on the From header.

## Why
Do not hide the people: automatic answers should be supervised by a person, and the customer
should be able to reach one (seeds/004 §6, "No esconder a las personas"); mail left unanswered,
or that cannot be answered, loses the customer (seeds/003).

## Example
```text
From: Tienda Verde <noreply@tiendaverde.es>
To: ana.garcia@gmail.com
Subject: Re: Pedido 51190

Hola Ana,

Su pedido 51190 salió ayer.
```
Use instead:
```text
From: Tienda Verde <noreply@tiendaverde.es>
Reply-To: Lucía Romero <lucia@tiendaverde.es>
To: ana.garcia@gmail.com
Subject: Re: Pedido 51190

Hola Ana,

Su pedido 51190 salió ayer.
```
)md",
    .options = {},
};

// Cuts `text` (already loose-keyed) at every ASCII character that is not a letter or a digit:
// the separators of a local part (. - _ + =) and the spaces and punctuation of a display name.
std::vector<std::string> pieces_of(const std::string& text) {
  std::vector<std::string> out;
  std::string piece;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && !std::isalnum(byte)) {
      if (!piece.empty()) out.push_back(std::move(piece));
      piece.clear();
    } else {
      piece += c;
    }
  }
  if (!piece.empty()) out.push_back(std::move(piece));
  return out;
}

// Every spelling a listed entry stands for, its words run together: "no [reply|answer]" gives
// "noreply" and "noanswer"; an optional word gives the forms with and without it.
void expand(const std::vector<data::PhraseToken>& tokens, std::size_t next, std::string joined,
            std::vector<std::string>& out) {
  if (next == tokens.size()) {
    if (!joined.empty() && std::find(out.begin(), out.end(), joined) == out.end())
      out.push_back(std::move(joined));
    return;
  }
  const data::PhraseToken& token = tokens[next];
  if (token.optional || token.words.empty()) expand(tokens, next + 1, joined, out);
  for (const std::string& word : token.words)
    expand(tokens, next + 1, joined + text::loose_key(word), out);
}

std::vector<std::string> no_reply_local_parts(const data::DataSet& data) {
  std::vector<std::string> out;
  for (const auto& [code, language] : data.languages)
    if (const auto list = language.phrases.find(std::string(k_info.id));
        list != language.phrases.end())
      for (const data::Phrase& entry : list->second) expand(entry.tokens, 0, "", out);
  return out;
}

class NoReplySender final : public Rule {
 public:
  explicit NoReplySender(const RuleContext& context)
      : m_data(context.data),
        m_org_domains(context.org_domains),
        m_local_parts(no_reply_local_parts(context.data)) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    if (msg.kind == message::InputKind::body || msg.from.empty()) return;
    if (std::any_of(msg.reply_to.begin(), msg.reply_to.end(), [&](const message::Address& a) {
          return a.address.find('@') != std::string::npos && !says_no_reply(local_part(a));
        }))
      return;
    if (!msg.is_reply && !to_outside(msg)) return;
    for (const message::Address& sender : msg.from) {
      if (says_no_reply(local_part(sender))) {
        out.report_header("From", "sent from the no-reply address '{}'", sender.address)
            .help("send it from an address that takes replies, or add a Reply-To that does");
        return;
      }
      if (says_no_reply(sender.name)) {
        out.report_header("From", "the sender's name '{}' tells the customer not to reply",
                          sender.name)
            .help("name a person or a team that reads the replies");
        return;
      }
    }
  }

 private:
  static std::string local_part(const message::Address& a) {
    return a.address.substr(0, a.address.rfind('@'));
  }

  // True when a run of whole pieces of `text`, joined, is a listed no-reply local part
  // (digits at its end aside: "noreply2").
  bool says_no_reply(const std::string& text) const {
    if (text.empty()) return false;
    const std::vector<std::string> pieces = pieces_of(text::loose_key(text));
    for (std::size_t first = 0; first < pieces.size(); ++first) {
      std::string joined;
      for (std::size_t last = first; last < pieces.size() && last < first + 4; ++last) {
        joined += pieces[last];
        std::string_view bare = joined;
        while (!bare.empty() && std::isdigit(static_cast<unsigned char>(bare.back())))
          bare.remove_suffix(1);
        if (std::find(m_local_parts.begin(), m_local_parts.end(), bare) != m_local_parts.end())
          return true;
      }
    }
    return false;
  }

  // A recipient outside the sender's organisation (any recipient but the sender when the
  // organisation is unknown).
  bool to_outside(const message::Message& msg) const {
    const std::vector<std::string> own = own_domains(msg, m_org_domains, m_data);
    for (const auto* list : {&msg.to, &msg.cc, &msg.bcc})
      for (const message::Address& a : *list) {
        if (a.address.empty() || is_sender_address(a.address, msg)) continue;
        if (own.empty() || !in_domains(a.domain(), own)) return true;
      }
    return false;
  }

  const data::DataSet& m_data;
  std::vector<std::string> m_org_domains;
  std::vector<std::string> m_local_parts;  // text::loose_key()ed, words run together
};

}  // namespace

const RuleInfo& no_reply_sender_info() { return k_info; }

std::unique_ptr<Rule> make_no_reply_sender(const RuleContext& context) {
  return std::make_unique<NoReplySender>(context);
}

}  // namespace replylint::rules
