#include "data/data.hpp"
#include "rules/organisation.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "rules/signoff.hpp"
#include "spell/spell.hpp"

#include <algorithm>

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "referral-without-cc",
    .category = Category::recipients,
    .default_severity = Severity::warning,
    .summary =
        N_("own text sends the customer to another address or department without copying them"),
    .docs = R"md(
## What it flags
Own text that sends the customer somewhere else while whoever they are sent to is not copied:
- to an **address** ("escriba a facturacion@tienda.es", "στείλτε email στο
  logistirio@vivlio.gr", "please contact billing@acme.com"): flagged when that address is
  neither in To or Cc nor the sender's own (From, Sender, Reply-To);
- to a **department or person** named without an address ("contacte con el departamento de
  facturación", "le paso con mi compañera", "επικοινωνήστε με το λογιστήριο", "reach out to our
  billing team", "I have forwarded your request to our returns team"), or a colleague named
  with their department ("escribile a Carolina de administración", "hablá con Luis del
  almacén"): flagged when nobody of
  the organisation but the sender is in To or Cc. The organisation is the `org-domains` of the
  configuration, else the domain of From; when neither tells (a free-mail sender), anyone in
  Cc counts. Which colleague stands for which department cannot be known, so any colleague
  copied is taken as the one referred to.

A referral is reported once: a department and its address in one breath ("hable con el
departamento comercial, escríbales a ventas@…") are one finding, and so is an address given
again later.

The phrases are data: `rules/<lang>/referral-without-cc.toml` (a department or person),
`referral-without-cc-address.toml` (verbs that count only when an address follows them
at once) and `referral-without-cc-ours.toml` (what the agent will do: "voy a contactar con
facturación", "I'll contact our billing team", "θα επικοινωνήσω με το λογιστήριο" keep the
case and are not referrals).

Left alone: referrals to ourselves ("contáctenos", "escríbanos", "contact us at…", "επικοινωνήστε
μαζί μας", "reply to this email"); an address already in To or Cc; the sender's own address;
quoted text, attribution lines and signatures ("Atención al cliente: soporte@…" in a signature);
a legal or data-protection footer written as own text (the cues of
`rules/<lang>/confidential-disclaimer.toml`: "puede ejercer sus derechos … escribiendo a
privacidad@…"); and a bare body with no header block, which cannot tell who is copied.

## Why
Avoid referring customers to other people; if there is no alternative, send a copy to whom you
refer them to and keep ownership of the customer's problem (seeds/001, "Pautas para responder
eficazmente": "envía una copia a quien refieres y continúa con la propiedad sobre el problema").

## Example
```text
From: Lucía Romero <lucia@tiendaverde.es>
To: ana.garcia@gmail.com
Subject: Re: Factura duplicada

Hola Ana:

Para la factura duplicada, escriba a facturacion@tiendaverde.es.

Un saludo,
Lucía
```
Use instead:
```text
From: Lucía Romero <lucia@tiendaverde.es>
To: ana.garcia@gmail.com
Cc: facturacion@tiendaverde.es
Subject: Re: Factura duplicada

Hola Ana:

He puesto en copia a facturacion@tiendaverde.es, que anulará la factura duplicada. Yo sigo
pendiente de su caso.

Un saludo,
Lucía
```
)md",
    .options = {},
};

// Words that may stand between a referral phrase and the address it names: "escriba a: x@",
// "contacte con el departamento de facturación en x@". A verb with no target of its own takes
// one word at most, so "contact us at x@" (ourselves) is not a referral to x@.
constexpr std::size_t k_gap_after_target = 4;
constexpr std::size_t k_gap_after_verb = 1;

// The first email address after the match in its sentence, with at most `max_gap` words before
// it; nullptr when there is none or a URL, file name or placeholder comes first.
const Word* address_after(const PhraseMatch& match, std::size_t max_gap) {
  const std::vector<Word>& words = match.sentence->words;
  std::size_t gap = 0;
  for (std::size_t i = match.end_word; i < words.size(); ++i) {
    switch (words[i].kind) {
      case draft::TokenKind::email:
        return &words[i];
      case draft::TokenKind::word:
      case draft::TokenKind::number:
        if (++gap > max_gap) return nullptr;
        break;
      default:
        return nullptr;
    }
  }
  return nullptr;
}

bool overlaps(Range a, Range b) { return a.begin < b.end && b.begin < a.end; }

// An email token as an address: without a "mailto:" and the brackets or dots around it.
std::string bare_address(std::string_view text) {
  if (text.size() > 7 && lowercase_ascii(std::string(text.substr(0, 7))) == "mailto:")
    text.remove_prefix(7);
  while (!text.empty() && (text.front() == '<' || text.front() == '(')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == '>' || text.back() == ')' || text.back() == '.'))
    text.remove_suffix(1);
  return lowercase_ascii(std::string(text));
}

class ReferralWithoutCc final : public Rule {
 public:
  explicit ReferralWithoutCc(const RuleContext& context)
      : m_data(context.data),
        m_org_domains(context.org_domains),
        m_targets(context.data, "referral-without-cc", context.spell),
        m_addressed(context.data, "referral-without-cc-address", context.spell),
        m_ours(context.data, "referral-without-cc-ours", context.spell),
        m_disclaimer_cues(context.data, "confidential-disclaimer", context.spell) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    if (msg.kind == message::InputKind::body) return;  // who is copied cannot be known
    const std::vector<PhraseMatch> targets = m_targets.find(draft);
    const std::vector<PhraseMatch> addressed = m_addressed.find(draft);
    if (targets.empty() && addressed.empty()) return;  // most drafts: "ours" is not needed
    const std::vector<PhraseMatch> ours = m_ours.find(draft);
    // What we will do starts no later than the referral ("I'll contact billing"); a noun inside
    // it does not cancel it ("please send an email to payroll@…" holds "an email").
    const auto is_ours = [&](const PhraseMatch& m) {
      return std::any_of(ours.begin(), ours.end(), [&](const PhraseMatch& o) {
        return o.range.begin <= m.range.begin && overlaps(o.range, m.range);
      });
    };

    struct Referral {
      Range range;
      std::string address;  // "" for a department or person
    };
    std::vector<Referral> found;
    for (const PhraseMatch& m : targets) {
      if (is_ours(m)) continue;
      const Word* address = address_after(m, k_gap_after_target);
      found.push_back(
          address ? Referral{{m.range.begin, address->range.end}, bare_address(address->text)}
                  : Referral{m.range, ""});
    }
    for (const PhraseMatch& m : addressed) {
      if (is_ours(m) || std::any_of(targets.begin(), targets.end(), [&](const PhraseMatch& t) {
            return overlaps(t.range, m.range);
          }))
        continue;
      if (const Word* address = address_after(m, k_gap_after_verb))
        found.push_back({{m.range.begin, address->range.end}, bare_address(address->text)});
    }
    std::sort(found.begin(), found.end(),
              [](const Referral& a, const Referral& b) { return a.range.begin < b.range.begin; });

    const bool colleague_copied = copies_colleague(msg);
    // One finding per referral: "hable con el departamento comercial, escríbales a ventas@…"
    // names one place twice, and so does an address given again later.
    std::vector<std::string> reported_addresses;
    std::size_t covered = 0;
    for (const Referral& referral : found) {
      if (in_disclaimer(draft, referral.range)) continue;
      if (referral.range.begin < covered) continue;
      if (!referral.address.empty() &&
          std::find(reported_addresses.begin(), reported_addresses.end(), referral.address) !=
              reported_addresses.end())
        continue;
      covered = std::max(covered, referral.range.end);
      if (!referral.address.empty()) reported_addresses.push_back(referral.address);
      if (referral.address.empty()) {
        if (colleague_copied) continue;
        out.report(referral.range,
                   "sends the customer to another department or person without copying them")
            .help("copy whom you refer the customer to (Cc) and keep ownership of the case");
      } else if (!copied(referral.address, msg) && !is_sender_address(referral.address, msg)) {
        out.report(referral.range, "sends the customer to '{}', which is not in To or Cc",
                   referral.address)
            .help("copy {} (Cc) and keep ownership of the case", referral.address);
      }
    }
  }

 private:
  // A data-protection footer's "puede ejercer sus derechos escribiendo a privacidad@…" is the
  // company's boilerplate, not a referral the agent makes.
  bool in_disclaimer(const Draft& draft, Range range) const {
    return std::any_of(draft.paragraphs.begin(), draft.paragraphs.end(),
                       [&](const draft::Paragraph& p) {
                         return p.range.begin <= range.begin && range.end <= p.range.end &&
                                legal_disclaimer(m_disclaimer_cues, p);
                       });
  }

  static bool copied(const std::string& address, const message::Message& msg) {
    for (const auto* list : {&msg.to, &msg.cc})
      for (const message::Address& a : *list)
        if (lowercase_ascii(a.address) == address) return true;
    return false;
  }

  // Somebody of the organisation other than the sender is in To or Cc (anybody in Cc when the
  // organisation is unknown).
  bool copies_colleague(const message::Message& msg) const {
    const std::vector<std::string> own = own_domains(msg, m_org_domains, m_data);
    for (const auto* list : {&msg.to, &msg.cc})
      for (const message::Address& a : *list) {
        if (a.address.empty() || is_sender_address(a.address, msg)) continue;
        if (own.empty() ? list == &msg.cc : in_domains(a.domain(), own)) return true;
      }
    return false;
  }

  const data::DataSet& m_data;
  std::vector<std::string> m_org_domains;
  PhraseMatcher m_targets;
  PhraseMatcher m_addressed;
  PhraseMatcher m_ours;
  PhraseMatcher m_disclaimer_cues;  // rules/<lang>/confidential-disclaimer.toml
};

}  // namespace

const RuleInfo& referral_without_cc_info() { return k_info; }

std::unique_ptr<Rule> make_referral_without_cc(const RuleContext& context) {
  return std::make_unique<ReferralWithoutCc>(context);
}

}  // namespace replylint::rules
