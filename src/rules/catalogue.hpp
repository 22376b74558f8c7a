#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "rules/rule.hpp"

namespace replylint::rules {

/// The rule catalogue as `replylint rules --format json` prints it and the MCP tool list_rules
/// returns it: {"version": 1, "rules": [{"id", "category", "severity", "summary",
/// "options": [{"name", "type", "default", "summary"}], "fix": null or {"applicability",
/// "always", "summary"}}]}, sorted by id.
nlohmann::json catalogue_json();

/// A rule's documentation as `replylint explain ID` prints it: a "# id" title, the summary line
/// with category and default severity, the fix line ("Fix: none." or "Fix: unsafe, sometimes
/// available: …."), then the Markdown docs.
std::string explain_markdown(const RuleInfo& info);

/// "unknown rule 'ID' (rules: a, b, c)": the message for an id that is not in the registry.
std::string unknown_rule_message(std::string_view id);

}  // namespace replylint::rules
