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

std::string explain_markdown(const RuleInfo& info) {
  return fmt::format("# {}\n\n{} (category: {}, default severity: {})\n\n{}\n{}", info.id,
                     info.summary, to_string(info.category), core::to_string(info.default_severity),
                     fix_line(info), info.docs);
}

std::string unknown_rule_message(std::string_view id) {
  std::string known;
  for (const RegistryEntry& e : registry()) known += (known.empty() ? "" : ", ") + e.info.id;
  return fmt::format("unknown rule '{}' (rules: {})", id, known);
}

}  // namespace replylint::rules
