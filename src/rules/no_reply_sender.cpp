#include "data/data.hpp"
#include "rules/no_reply_address.hpp"
#include "rules/organisation.hpp"
#include "rules/rules.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "no-reply-sender",
    .category = Category::recipients,
    .default_severity = Severity::warning,
    .summary = N_("a reply or customer message sent from a no-reply address"),
    .docs = R"md(
## What it flags
A reply, or a message to someone outside the sender's organisation, sent From an address that
takes no replies: its local part says so (`noreply`, `no-reply`, `do_not_reply`,
`noresponder`, `no-responda`, `mhn-apantate`… the lists are `rules/<lang>/no-reply-sender.toml`,
all languages together), as the
whole local part or as one part of it between `.`, `-`, `_` or `+` (`noreply-soporte`,
`ventas.noreply`, `info+noreply`), never inside a longer word (`noreplyco`, `norelia`), or its
host is a no-reply one under the organisation's domain (`avisos@noreply.banco.es`); also a
Reply-To that names only such addresses, under any From (the customer's answer goes there; the
finding is then on Reply-To). A display
name that says so on a real address ("No Reply <ventas@tienda.es>", also in a comment: "Tienda
(No Reply) <ventas@tienda.es>") is flagged too: the customer reads the name and does not write
back.

Left alone:
- a Reply-To with an address that takes replies: answers reach a person;
- an internal message: nothing makes it a reply (In-Reply-To, References, "Re:", "Απ:") and every
  recipient is of the organisation (the `org-domains` of the configuration, else the domain of
  From), such as a notification to a colleague;
- a bare body with no header block, and a message with no From;
- names and addresses that only contain "reply" ("Reply Studio", `replies@…`).

Otherwise the finding is on the From header.

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

class NoReplySender final : public Rule {
 public:
  explicit NoReplySender(const RuleContext& context)
      : m_data(context.data), m_org_domains(context.org_domains), m_names(context.data) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    if (msg.kind == message::InputKind::body || msg.from.empty()) return;
    if (m_names.reply_to_takes_replies(msg)) return;
    if (!msg.is_reply && !has_outside_recipient(msg, m_org_domains, m_data)) return;
    // A Reply-To overrides From for the customer's answer: a no-reply one there loses the
    // answer as surely as a no-reply From does.
    for (const message::Address& target : msg.reply_to) {
      if (m_names.is_no_reply_address(target.address)) {
        out.report_header("Reply-To", "replies go to the no-reply address '{}'", target.address)
            .help("point Reply-To at an address that takes replies, or remove it");
        return;
      }
    }
    for (const message::Address& sender : msg.from) {
      if (m_names.is_no_reply_address(sender.address)) {
        out.report_header("From", "sent from the no-reply address '{}'", sender.address)
            .help("send it from an address that takes replies, or add a Reply-To that does");
        return;
      }
      if (m_names.says_no_reply(sender.name)) {
        out.report_header("From", "the sender's name '{}' tells the customer not to reply",
                          sender.name)
            .help("name a person or a team that reads the replies");
        return;
      }
    }
    // A comment of the From field ("Tienda Azul (No Reply) <ventas@…>") is no part of the
    // parsed name, yet mail clients show it.
    if (std::string comment; m_names.from_comment_says_no_reply(msg, &comment)) {
      out.report_header("From", "the sender's name '{}' tells the customer not to reply", comment)
          .help("name a person or a team that reads the replies");
      return;
    }
  }

 private:
  const data::DataSet& m_data;
  std::vector<std::string> m_org_domains;
  NoReplyNames m_names;
};

}  // namespace

const RuleInfo& no_reply_sender_info() { return k_info; }

std::unique_ptr<Rule> make_no_reply_sender(const RuleContext& context) {
  return std::make_unique<NoReplySender>(context);
}

}  // namespace replylint::rules
