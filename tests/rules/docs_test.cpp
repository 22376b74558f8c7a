// Docs are tests: every rule's documentation has its sections, its example fires and its
// "Use instead" block stays quiet; ids are unique, kebab-case and sorted.
#include <catch2/catch.hpp>

#include <regex>

#include "rules/rule_test.hpp"
#include "rules/rules.hpp"

using namespace replylint;

namespace {
// The first ```text block after `marker` in `docs`.
std::string block_after(const std::string& docs, const std::string& marker) {
  const auto at = docs.find(marker);
  if (at == std::string::npos) return {};
  const auto open = docs.find("```text\n", at);
  if (open == std::string::npos) return {};
  const auto close = docs.find("```", open + 8);
  if (close == std::string::npos) return {};
  return docs.substr(open + 8, close - open - 8);
}
}  // namespace

TEST_CASE("rule ids are unique, kebab-case and sorted", "[rules][docs]") {
  const auto& all = rules::registry();
  REQUIRE(all.size() >= 4);
  const std::regex kebab("[a-z]+(-[a-z]+)*");
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(std::regex_match(all[i].info.id, kebab));
    if (i > 0) CHECK(all[i - 1].info.id < all[i].info.id);
    CHECK(rules::find_rule(all[i].info.id) == &all[i]);
  }
  CHECK(rules::find_rule("no-such-rule") == nullptr);
}

TEST_CASE("every rule documents itself and its example is honest", "[rules][docs]") {
  for (const rules::RegistryEntry& entry : rules::registry()) {
    const rules::RuleInfo& info = entry.info;
    INFO("rule " << info.id);
    CHECK(!info.summary.empty());
    CHECK(info.summary.back() != '.');
    for (const char* section : {"## What it flags", "## Why", "## Example", "Use instead:"})
      CHECK(info.docs.find(section) != std::string::npos);
    CHECK(info.docs.find("seeds/") != std::string::npos);  // traced to a source article
    // scripts/new-rule.py's placeholders are all filled in.
    CHECK(info.docs.find("TODO") == std::string::npos);
    CHECK(info.docs.find("seeds/NNN") == std::string::npos);
    if (!info.options.empty()) CHECK(info.docs.find("## Options") != std::string::npos);
    for (const rules::OptionInfo& option : info.options)
      CHECK(info.docs.find("`" + option.name + "`") != std::string::npos);

    const std::string bad = block_after(info.docs, "## Example");
    const std::string good = block_after(info.docs, "Use instead:");
    REQUIRE(!bad.empty());
    REQUIRE(!good.empty());
    // A rule that does nothing until configured shows the config its examples run with, as a
    // ```toml block of `[rules.<id>]` options between "## Example" and the example.
    test::LintSettings settings;
    const auto example = info.docs.find("## Example");
    const auto toml_open = info.docs.find("```toml\n", example);
    if (toml_open != std::string::npos && toml_open < info.docs.find("```text\n", example)) {
      const auto toml_close = info.docs.find("```", toml_open + 8);
      settings.options = test::options_from_toml(
          info.id, info.docs.substr(toml_open + 8, toml_close - toml_open - 8));
    }
    CHECK(!test::lint(info.id, bad, settings).empty());
    CHECK(test::lint(info.id, good, settings).empty());
  }
}
