#include "rules/catalogue.hpp"

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace replylint::rules {

nlohmann::json catalogue_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const RegistryEntry& e : registry()) {
    nlohmann::json options = nlohmann::json::array();
    for (const OptionInfo& o : e.info.options)
      options.push_back({{"name", o.name},
                         {"type", to_string(o.type())},
                         {"default", to_string(o.default_value)},
                         {"summary", o.summary}});
    out.push_back({{"id", e.info.id},
                   {"category", to_string(e.info.category)},
                   {"severity", core::to_string(e.info.default_severity)},
                   {"summary", e.info.summary},
                   {"options", std::move(options)},
                   {"fix", e.info.fix ? nlohmann::json{{"applicability",
                                                        core::to_string(e.info.fix->applicability)},
                                                       {"always", e.info.fix->always},
                                                       {"summary", e.info.fix->summary}}
                                      : nlohmann::json(nullptr)}});
  }
  return {{"version", 1}, {"rules", std::move(out)}};
}

std::string fix_line(const RuleInfo& info) {
  if (!info.fix) return "Fix: none.";
  return fmt::format("Fix: {}, {} available: {}.", core::to_string(info.fix->applicability),
                     info.fix->always ? "always" : "sometimes", info.fix->summary);
}

namespace {

// The localised copy of `piece` when there is one, else its English text.
const std::string& in_reader_language(const core::i18n::Fragment& piece) {
  return piece.localized.empty() ? piece.english : piece.localized;
}

}  // namespace

std::string explain_markdown(const RuleInfo& info) {
  namespace i18n = core::i18n;
  // The summary, the fix line and the docs' prose follow the active catalog; ids, categories,
  // severities and the docs' examples (which the docs test runs) stay as written.
  const i18n::Fragment heading =
      i18n::fragment("{} (category: {}, default severity: {})", i18n::translated(info.summary),
                     to_string(info.category), core::to_string(info.default_severity));
  const i18n::Fragment fix =
      !info.fix ? i18n::fragment("Fix: none.")
                : i18n::fragment(
                      "Fix: {}, {} available: {}.", core::to_string(info.fix->applicability),
                      info.fix->always ? i18n::fragment("always") : i18n::fragment("sometimes"),
                      i18n::translated(info.fix->summary));
  return fmt::format("# {}\n\n{}\n\n{}\n{}", info.id, in_reader_language(heading),
                     in_reader_language(fix), i18n::translate_markdown(info.docs));
}

std::string unknown_rule_message(std::string_view id) {
  std::string known;
  for (const RegistryEntry& e : registry()) known += (known.empty() ? "" : ", ") + e.info.id;
  return in_reader_language(core::i18n::fragment("unknown rule '{}' (rules: {})", id, known));
}

}  // namespace replylint::rules
