#include "rules/rules.hpp"
#include "rules/tone_phrases.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "hostile-tone",
    .category = Category::tone,
    .default_severity = Severity::warning,
    .summary = N_("blaming, mocking, lecturing or insulting the customer"),
    .docs = R"md(
## What it flags
Wording of own text that blames, mocks or lectures the customer: reproach for having to say
something again ("como ya le dije", "όπως σας έχουμε ήδη εξηγήσει", "as I already told you",
"per my last email", "como le expliqué en mi correo anterior", "like I said before"), telling
the customer they did not read ("usted no ha leído", "si hubiera leído", "αν είχατε
διαβάσει", "you should have read"), blame ("es culpa suya", "φταίτε εσείς",
"it's your fault"), condescension ("lea bien", "διαβάστε προσεκτικά", "obviously you
didn't") and insults, to the customer or about them to a colleague ("es usted un maleducado",
"the customer is an idiot", "ο πελάτης είναι γκρινιάρης"). The phrases are data, per language, in `rules/<lang>/hostile-tone.toml`; where an
entry has a kinder wording, the finding suggests it (and offers it as an unsafe fix: a tone
rewrite needs a human's eye).

Left alone: a friendly recap of another channel ("como ya le dije por teléfono, el pedido
llegará mañana", "όπως σας έχουμε ήδη ενημερώσει με SMS", "as I told you by email": the
exceptions in `rules/<lang>/hostile-tone.unless.toml`, found within four words after the
phrase), a polite instruction ("Παρακαλούμε διαβάστε προσεκτικά τις οδηγίες"), self-criticism ("si hubiera leído
su mensaje antes"), "it's not your fault", words such as "obviamente" or "es evidente que"
that do not address the customer ("obviamente le devolveremos el importe"), and everything in
quoted text, attribution lines and signatures: the customer may be rude; the reply may not.

## Why
Never speak badly of customers or answer them in bad manners, even when their criticism seems
unfair: stay on the resolution of their problem (seeds/002 §3, "Hablar mal de los clientes"),
and keep personal fights out of the company's voice (seeds/002 §10).

## Example
```text
Hola Ana,

Como ya le dije, el plazo de devolución es de 14 días.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Como le comenté por teléfono, el plazo de devolución es de 14 días.

Un saludo,
Lucía
```
)md",
    .options = {},
    .fix = FixInfo{Applicability::unsafe, false,
                   N_("replaces the phrase with the kinder wording of its phrase list, where there "
                      "is one")},
};

class HostileTone final : public Rule {
 public:
  explicit HostileTone(const RuleContext& context)
      : m_phrases(context.data, k_info.id, context.spell, ExcuseScope::adjacent) {}

  const RuleInfo& info() const override { return k_info; }

  // Own text only: the matcher never searches quotes, attribution lines or signatures.
  void check(const Draft& draft, Reporter& out) const override {
    for (const PhraseMatch& match : m_phrases.find(draft))
      report_tone(draft, match, N_("reproachful wording"), N_("explain it again without reproach"),
                  out);
  }

 private:
  TonePhrases m_phrases;
};

}  // namespace

const RuleInfo& hostile_tone_info() { return k_info; }

std::unique_ptr<Rule> make_hostile_tone(const RuleContext& context) {
  return std::make_unique<HostileTone>(context);
}

}  // namespace replylint::rules
