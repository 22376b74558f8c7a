#include <fmt/format.h>

#include "rules/rules.hpp"
#include "rules/suppression.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "unused-suppression",
    .category = Category::style,
    .default_severity = Severity::warning,
    .summary = N_("a replylint suppression comment that suppresses nothing"),
    .docs = R"md(
## What it flags
A suppression comment (docs/suppressions.md) in a template's own comment syntax,
`{# replylint: disable-next-line shouting -- reason #}`, `{{!-- … --}}`, `{{! … }}`, `{% # … %}`,
`{% comment %}…{% endcomment %}` or `<!-- … -->`, that no longer hides anything: each rule it names that found nothing where it
applies (ruff's RUF100), a rule id that does not exist, and a directive that is not one of
`disable-next-line`, `disable-line`, `disable`, `enable` or `disable-file`. A rule that is not
enabled for the file finds nothing, so its suppression is unused too.

Left alone: suppressions that hid a finding, `enable` comments, and comments in quoted text.

## Why
A suppression is an exception to the guidelines, kept in the template for a reason; once the
text is fixed it only hides the next real problem in that line, and the checks that protect a
message before it is sent (seeds/001, "Tómate el tiempo necesario para revisar … antes de
enviarlo") stop seeing it.

## Example
```text
Hola Ana,

{# replylint: disable-next-line shouting -- the legal notice must be in capitals #}
Le escribimos para confirmar su pedido.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Le escribimos para confirmar su pedido.

Un saludo,
Lucía
```
)md",
    .options = {},
};

class UnusedSuppression final : public Rule {
 public:
  const RuleInfo& info() const override { return k_info; }

  // Reports every target; the engine (engine/suppress.cpp) drops those that hid a finding.
  void check(const Draft& draft, Reporter& out) const override {
    for (const Suppression& s : find_suppressions(draft)) {
      if (s.kind == SuppressionKind::unknown) {
        out.report(s.directive_range, "unknown suppression directive '{}'", s.directive)
            .help("write disable-next-line, disable-line, disable, enable or disable-file");
        continue;
      }
      for (const Suppression::Target& t : s.rules) {
        if (find_rule(t.rule) == nullptr) {
          out.report(t.range, "unknown rule '{}' in a suppression", t.rule)
              .help("`replylint rules` lists the rule ids");
        } else if (s.kind != SuppressionKind::enable) {
          out.report(t.range, "suppression of '{}' hides nothing", t.rule)
              .help(s.rules.size() == 1 ? N_("remove the comment") : N_("remove the rule from it"));
        }
      }
      if (s.rules.empty() && s.kind != SuppressionKind::enable)
        out.report(s.directive_range, "suppression of every rule hides nothing")
            .help("remove the comment");
    }
  }
};

}  // namespace

const RuleInfo& unused_suppression_info() { return k_info; }

std::unique_ptr<Rule> make_unused_suppression(const RuleContext& /*context*/) {
  return std::make_unique<UnusedSuppression>();
}

}  // namespace replylint::rules
