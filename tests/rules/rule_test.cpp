#include "rules/rule_test.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "engine/engine.hpp"
#include "message/message.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"

namespace replylint::test {

namespace {
spell::SpellService& shared_spell() {
  static spell::SpellService service(
      spell::Options{.morphology = engine::word_formation(data::default_data())});
  return service;
}

rules::OptionValue typed_option(const rules::RuleInfo& info, const std::string& name,
                                const std::string& text) {
  const auto option = std::find_if(info.options.begin(), info.options.end(),
                                   [&](const rules::OptionInfo& o) { return o.name == name; });
  INFO("option " << name << " of " << info.id);
  REQUIRE(option != info.options.end());
  switch (option->type()) {
    case rules::OptionType::boolean:
      return text == "true";
    case rules::OptionType::integer:
      return std::int64_t{std::stoll(text)};
    case rules::OptionType::string:
      return text;
    case rules::OptionType::string_list:
      return std::vector<std::string>{text};
  }
  return text;
}
}  // namespace

std::vector<report::Finding> lint_findings(std::string_view rule_id, std::string text,
                                           const LintSettings& settings, std::string path) {
  const data::DataSet& data = data::default_data();
  const rules::RegistryEntry* entry = rules::find_rule(rule_id);
  REQUIRE(entry != nullptr);
  message::Message msg = message::parse_message(path, std::move(text), data);
  const draft::Draft draft = draft::segment(std::move(msg), data, {settings.language});
  rules::RuleOptions options(entry->info.options);
  std::vector<std::string> listed;  // list options seen so far: a repeated one collects values
  for (const auto& [name, value] : settings.options) {
    rules::OptionValue typed = typed_option(entry->info, name, value);
    if (auto* list = std::get_if<std::vector<std::string>>(&typed)) {
      if (std::find(listed.begin(), listed.end(), name) != listed.end()) {
        std::vector<std::string> all = options.list(name);
        all.insert(all.end(), list->begin(), list->end());
        typed = std::move(all);
      }
      listed.push_back(name);
    }
    options.set(name, std::move(typed));
  }
  const rules::RuleContext context{options, data, settings.spell ? settings.spell : &shared_spell(),
                                   settings.org_domains, settings.words};
  const auto rule = entry->make(context);
  rules::Reporter reporter(entry->info.id, entry->info.default_severity);
  rule->check(draft, reporter);
  // As the engine does: resolve, sort, mask sensitive values.
  report::FileReport file;
  for (report::Diagnostic& d : reporter.diagnostics())
    file.findings.push_back(report::resolve(draft, std::move(d)));
  report::sort_findings(file.findings);
  report::redact(file);
  return std::move(file.findings);
}

std::vector<std::pair<std::string, std::string>> options_from_toml(std::string_view rule_id,
                                                                   const std::string& toml_text) {
  std::vector<std::pair<std::string, std::string>> out;
  toml::table config;
  try {
    config = toml::parse(toml_text);
  } catch (const toml::parse_error& error) {
    FAIL("options do not parse: " << error.description());
  }
  const toml::table* table = config["rules"][rule_id].as_table();
  if (table == nullptr) return out;
  for (const auto& [key, node] : *table) {
    const std::string name(key.str());
    if (const toml::array* array = node.as_array()) {
      for (const toml::node& item : *array) out.emplace_back(name, item.value_or(std::string()));
    } else if (auto text = node.value<std::string>()) {
      out.emplace_back(name, *text);
    } else if (auto number = node.value<std::int64_t>()) {
      out.emplace_back(name, std::to_string(*number));
    } else if (auto flag = node.value<bool>()) {
      out.emplace_back(name, *flag ? "true" : "false");
    }
  }
  return out;
}

std::vector<report::Diagnostic> lint(std::string_view rule_id, std::string text,
                                     const LintSettings& settings, std::string path) {
  std::vector<report::Diagnostic> out;
  for (report::Finding& f : lint_findings(rule_id, std::move(text), settings, std::move(path)))
    out.push_back(std::move(f.diagnostic));
  return out;
}

std::string expected_line(const report::Diagnostic& d) {
  std::string line = fmt::format("{}:{}-{}:{} {} {}: {}", d.line, d.column, d.end_line,
                                 d.end_column, report::to_string(d.severity), d.rule, d.message);
  if (!d.part.empty()) line = fmt::format("part {} ", d.part) + line;
  if (!d.suggestions.empty()) line += fmt::format(" [{}]", fmt::join(d.suggestions, ", "));
  return line;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace replylint::test
