#include <algorithm>
#include <string>
#include <vector>

#include "data/data.hpp"
#include "rules/rules.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "missing-quote",
    .category = Category::quoting,
    .default_severity = Severity::warning,
    .summary = N_("a reply that quotes nothing of the message it answers"),
    .docs = R"md(
## What it flags
A reply (it has In-Reply-To or References, or a reply prefix such as "Re:", "RE:", "Απ:" or
"AW:" on its subject) whose body quotes nothing of the original: no `>` block, no attribution
line with a quote under it, no Outlook-style original-message block, no HTML blockquote.
A new message is never flagged, and neither is a forward of a reply ("Fwd: Re: …", "RV: RE:
…": the outermost prefix is a forward), which goes on to someone else, often with the original
attached.

Patch emails (git format-patch, git send-email) are not replies to a person: a message that
carries a patch, and a `[PATCH …]` or `[RFC …]` subject without a reply prefix (a series'
patches and a v2 are threaded under their cover letter with In-Reply-To), are left alone. A
review that answers a patch ("Re: [PATCH v2 1/3] …") is a reply like any other and should quote
the lines it comments on.

## Why
Include the customer's original message, or the relevant parts of it: do not expect the
customer to remember exactly what they wrote (seeds/001, "Pautas para responder eficazmente").

## Example
```text
Subject: Re: Pedido 51190
In-Reply-To: <abc@tiendaverde.es>

Hola Ana,

Ya hemos enviado el pedido.

Un saludo,
Lucía
```
Use instead:
```text
Subject: Re: Pedido 51190
In-Reply-To: <abc@tiendaverde.es>

Hola Ana,

Ya hemos enviado el pedido.

Un saludo,
Lucía

> ¿Cuándo llegará mi pedido 51190?
```
)md",
    .options = {},
};

// "[PATCH v2 1/3] Fix", "[RFC PATCH] x", "[PATCH net-next] y": a subject tag of a patch series.
bool patch_subject(std::string_view subject) {
  if (subject.empty() || subject.front() != '[') return false;
  const std::string_view tag = subject.substr(1, subject.find(']') - 1);
  return tag.starts_with("PATCH") || tag.starts_with("RFC") || tag.starts_with("patch");
}

// A patch submission: it carries a patch, or it is a series message whose In-Reply-To only
// threads it (no "Re:" on the subject).
bool is_patch_submission(const Draft& draft) {
  const message::Message& msg = draft.message();
  return draft.has_patch() ||
         (msg.subject_prefixes.empty() && patch_subject(msg.subject_without_prefixes));
}

class MissingQuote final : public Rule {
 public:
  explicit MissingQuote(const RuleContext& context) {
    for (const auto& [code, language] : context.data.languages)
      for (const std::string& prefix : language.forward_prefixes)
        m_forward_prefixes.push_back(text::fold(prefix));
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    if (!msg.is_reply || draft.quotes_original() || is_patch_submission(draft)) return;
    if (forwarded(msg)) return;
    constexpr std::string_view help =
        N_("quote the customer's message, or the parts you answer, below your reply");
    // Point at what makes it a reply: the subject, else the threading header.
    if (msg.subject_header()) {
      out.report_subject({0, msg.subject.size()}, "reply quotes nothing of the original message")
          .help(std::string(help));
    } else {
      out.report_header(msg.find_header("In-Reply-To") ? "In-Reply-To" : "References",
                        "reply quotes nothing of the original message")
          .help(std::string(help));
    }
  }

 private:
  // "Fwd: Re: Pedido", "RV: RE: …": the outermost prefix makes it a forward of a reply, sent on
  // to someone else (the original often attached as a message), not an answer to its writer.
  bool forwarded(const message::Message& msg) const {
    if (!msg.is_forward || msg.subject_prefixes.empty()) return false;
    const std::string first = text::fold(msg.subject_prefixes.front());
    return std::ranges::find(m_forward_prefixes, first) != m_forward_prefixes.end();
  }

  std::vector<std::string> m_forward_prefixes;  // text::fold()ed, every language
};

}  // namespace

const RuleInfo& missing_quote_info() { return k_info; }

std::unique_ptr<Rule> make_missing_quote(const RuleContext& context) {
  return std::make_unique<MissingQuote>(context);
}

}  // namespace replylint::rules
