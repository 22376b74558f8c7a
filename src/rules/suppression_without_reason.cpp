#include "rules/rules.hpp"
#include "rules/suppression.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "suppression-without-reason",
    .category = Category::style,
    .default_severity = Severity::warning,
    .summary = N_("a replylint suppression comment that gives no reason"),
    .docs = R"md(
## What it flags
A suppression comment (docs/suppressions.md) with no reason after ` -- `:
`{# replylint: disable-next-line shouting #}` instead of
`{# replylint: disable-next-line shouting -- the legal notice must be in capitals #}`
(ESLint's require-description). The suppression still applies; `enable` needs no reason.

Left alone: comments in quoted text, and template comments that are not replylint's.

## Why
Whoever edits the template next must know why the guideline does not apply here, or the
exception outlives its cause and the text is no longer checked before it is sent (seeds/001,
"Tómate el tiempo necesario para revisar … antes de enviarlo").

## Example
```text
Hola Ana,

{# replylint: disable-next-line shouting #}
AVISO LEGAL: ESTE MENSAJE ES CONFIDENCIAL.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

{# replylint: disable-next-line shouting -- the legal notice must be in capitals #}
AVISO LEGAL: ESTE MENSAJE ES CONFIDENCIAL.

Un saludo,
Lucía
```
)md",
    .options = {},
};

class SuppressionWithoutReason final : public Rule {
 public:
  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    for (const Suppression& s : find_suppressions(draft)) {
      if (s.kind == SuppressionKind::enable || !s.reason.empty()) continue;
      out.report(s.comment, "suppression without a reason")
          .help("say why after ' -- ', before the comment closes");
    }
  }
};

}  // namespace

const RuleInfo& suppression_without_reason_info() { return k_info; }

std::unique_ptr<Rule> make_suppression_without_reason(const RuleContext& /*context*/) {
  return std::make_unique<SuppressionWithoutReason>();
}

}  // namespace replylint::rules
