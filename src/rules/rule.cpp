#include "rules/rule.hpp"

#include <charconv>

namespace replylint::rules {

std::string_view to_string(Category category) {
  switch (category) {
    case Category::tone: return "tone";
    case Category::privacy: return "privacy";
    case Category::quoting: return "quoting";
    case Category::spelling: return "spelling";
    case Category::recipients: return "recipients";
    case Category::content: return "content";
    case Category::style: return "style";
  }
  return "style";
}

std::string_view to_string(OptionType type) {
  switch (type) {
    case OptionType::boolean: return "boolean";
    case OptionType::integer: return "integer";
    case OptionType::string: return "string";
    case OptionType::string_list: return "list of strings";
  }
  return "string";
}

void RuleOptions::set_list(std::string name, std::vector<std::string> values) {
  m_lists.emplace_back(std::move(name), std::move(values));
}

const std::string* RuleOptions::find(std::string_view name) const {
  // Later settings (overrides) win, so search from the back.
  for (auto it = m_values.rbegin(); it != m_values.rend(); ++it)
    if (it->first == name) return &it->second;
  return nullptr;
}

int RuleOptions::get_int(std::string_view name, int fallback) const {
  const std::string* value = find(name);
  if (!value) return fallback;
  int result = fallback;
  auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), result);
  return ec == std::errc{} && ptr == value->data() + value->size() ? result : fallback;
}

bool RuleOptions::get_bool(std::string_view name, bool fallback) const {
  const std::string* value = find(name);
  if (!value) return fallback;
  if (*value == "true") return true;
  if (*value == "false") return false;
  return fallback;
}

std::string RuleOptions::get_string(std::string_view name, std::string fallback) const {
  const std::string* value = find(name);
  return value ? *value : fallback;
}

std::vector<std::string> RuleOptions::get_list(std::string_view name,
                                               std::vector<std::string> fallback) const {
  for (auto it = m_lists.rbegin(); it != m_lists.rend(); ++it)
    if (it->first == name) return it->second;
  return fallback;
}

Reporter::Builder Reporter::add(report::Location where, std::string message) {
  report::Diagnostic& d = m_found.emplace_back();
  d.rule = m_rule;
  d.severity = m_severity;
  d.message = std::move(message);
  d.location = std::move(where);
  return Builder(d);
}

}  // namespace replylint::rules
