#include "rules/rule.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace replylint::rules {

std::string_view to_string(Category category) {
  switch (category) {
    case Category::tone:
      return "tone";
    case Category::privacy:
      return "privacy";
    case Category::quoting:
      return "quoting";
    case Category::spelling:
      return "spelling";
    case Category::recipients:
      return "recipients";
    case Category::content:
      return "content";
    case Category::style:
      return "style";
  }
  return "style";
}

std::string_view to_string(OptionType type) {
  switch (type) {
    case OptionType::boolean:
      return "boolean";
    case OptionType::integer:
      return "integer";
    case OptionType::string:
      return "string";
    case OptionType::string_list:
      return "list of strings";
  }
  return "string";
}

OptionType type_of(const OptionValue& value) {
  switch (value.index()) {
    case 0:
      return OptionType::boolean;
    case 1:
      return OptionType::integer;
    case 2:
      return OptionType::string;
    default:
      return OptionType::string_list;
  }
}

std::string to_string(const OptionValue& value) {
  if (const bool* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const std::int64_t* number = std::get_if<std::int64_t>(&value))
    return std::to_string(*number);
  if (const std::string* text = std::get_if<std::string>(&value)) return *text;
  std::string out = "[";
  for (const std::string& item : std::get<std::vector<std::string>>(value))
    out += (out.size() > 1 ? ", \"" : "\"") + item + "\"";
  return out + "]";
}

RuleOptions::RuleOptions(const std::vector<OptionInfo>& table) {
  for (const OptionInfo& option : table) m_values.emplace_back(option.name, option.default_value);
}

void RuleOptions::set(std::string_view name, OptionValue value) {
  for (auto& [known, current] : m_values)
    if (known == name) {
      current = std::move(value);
      return;
    }
  m_values.emplace_back(std::string(name), std::move(value));
}

const OptionValue& RuleOptions::find(std::string_view name) const {
  for (const auto& [known, value] : m_values)
    if (known == name) return value;
  throw std::logic_error(fmt::format("rule option '{}' is not in the rule's option table", name));
}

namespace {

template <typename T>
const T& typed(const OptionValue& value, std::string_view name, OptionType wanted) {
  if (const T* found = std::get_if<T>(&value)) return *found;
  throw std::logic_error(fmt::format("rule option '{}' is read as {} but holds {}", name,
                                     to_string(wanted), to_string(type_of(value))));
}

}  // namespace

bool RuleOptions::boolean(std::string_view name) const {
  return typed<bool>(find(name), name, OptionType::boolean);
}

std::int64_t RuleOptions::integer(std::string_view name) const {
  return typed<std::int64_t>(find(name), name, OptionType::integer);
}

const std::string& RuleOptions::string(std::string_view name) const {
  return typed<std::string>(find(name), name, OptionType::string);
}

const std::vector<std::string>& RuleOptions::list(std::string_view name) const {
  return typed<std::vector<std::string>>(find(name), name, OptionType::string_list);
}

Reporter::Builder& Reporter::Builder::data(std::string key, std::vector<std::string> values) {
  for (auto& [name, list] : diagnostic().data)
    if (name == key) {
      list = std::move(values);
      return *this;
    }
  diagnostic().data.emplace_back(std::move(key), std::move(values));
  return *this;
}

Reporter::Builder& Reporter::Builder::replace_with(std::string replacement,
                                                   Applicability applicability,
                                                   core::i18n::Fragment title) {
  diagnostic().fix = core::Fix{std::move(title.english),
                               applicability,
                               {{diagnostic().location, std::move(replacement)}},
                               std::move(title.localized)};
  return *this;
}

Reporter::Builder Reporter::add(core::Location where, std::string localized, std::string message) {
  core::Diagnostic& d = m_found.emplace_back();
  d.rule = m_rule;
  d.severity = m_severity;
  d.message = std::move(message);
  d.message_localized = std::move(localized);
  d.location = std::move(where);
  return Builder(m_found, m_found.size() - 1);
}

}  // namespace replylint::rules
