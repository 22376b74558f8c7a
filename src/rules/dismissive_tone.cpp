#include "rules/rules.hpp"
#include "rules/tone_phrases.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "dismissive-tone",
    .category = Category::tone,
    .default_severity = Severity::warning,
    .summary = N_("apathy towards the customer's problem with no way forward"),
    .docs = R"md(
## What it flags
Apathy in own text: "no es nuestro problema", "no podemos hacer nada", "eso no nos corresponde",
"δεν είναι δικό μας πρόβλημα", "δεν μπορούμε να κάνουμε τίποτα", "δεν μας αφορά", "there is
nothing we can do", "not our problem", "you'll have to deal with it" (not "I'll deal with it
today": that is us doing our job). The phrases are data, per language, in
`rules/<lang>/dismissive-tone.toml`; where an entry has a kinder wording, the finding suggests
it (and, when the phrase is a clause of its own, with nothing but punctuation after it in its
sentence and no connective before it, "así que no es nuestro problema", offers it as an unsafe
fix: a tone rewrite needs a human's eye).

A negative that offers a way forward is not apathy: the rule stays quiet when the same sentence
or the next one holds one of the way-forward markers of `rules/<lang>/dismissive-tone.unless.toml`
("pero podemos", "sin embargo, le ofrecemos", "hasta que recibamos", "αλλά μπορούμε να",
"ωστόσο, μπορείτε", "μπορείτε να την επιστρέψετε", "but we can", "however, we can", "until we
receive", "instead", "feel free to contact us"…). A bare "sin embargo", "however" or "ωστόσο"
is not one: what follows it must offer something.

Left alone as well: quoted text, attribution lines and signatures (the customer may write "it's
not my problem"; the reply may not).

## Why
A brand cannot afford to give in to apathy (seeds/002 §8, "Dejarse llevar por la apatía"): serve
with kindness (seeds/000) and always say what can be done next.

## Example
```text
Hola Ana,

El retraso es del transportista, no es nuestro problema.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Lamentablemente no podemos ofrecer reembolso, pero podemos cambiarle el producto hoy mismo.

Un saludo,
Lucía
```
)md",
    .options = {},
    .fix = FixInfo{Applicability::unsafe, false,
                   N_("replaces the phrase with the kinder wording of its phrase list, where there "
                      "is one")},
};

class DismissiveTone final : public Rule {
 public:
  explicit DismissiveTone(const RuleContext& context)
      : m_phrases(context.data, k_info.id, context.spell, ExcuseScope::nearby) {}

  const RuleInfo& info() const override { return k_info; }

  // Own text only: the matcher never searches quotes, attribution lines or signatures.
  void check(const Draft& draft, Reporter& out) const override {
    for (const PhraseMatch& match : m_phrases.find(draft))
      report_tone(draft, match, N_("dismissive wording"),
                  N_("say what you can do for the customer"), out, FixWhen::clause_ends);
  }

 private:
  TonePhrases m_phrases;
};

}  // namespace

const RuleInfo& dismissive_tone_info() { return k_info; }

std::unique_ptr<Rule> make_dismissive_tone(const RuleContext& context) {
  return std::make_unique<DismissiveTone>(context);
}

}  // namespace replylint::rules
