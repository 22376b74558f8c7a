// Docs are tests: every rule's documentation has its sections, its example fires and its
// "Use instead" block stays quiet; ids are unique, kebab-case and sorted.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "rules/catalogue.hpp"
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

// RuleInfo::fix is what `explain` promises; the rule's findings on its example and on every
// fixture of tests/rules/<id>/ must keep that promise.
TEST_CASE("every rule's stated fix is the fix it attaches", "[rules][docs][fix]") {
  namespace fs = std::filesystem;
  int fixes_seen = 0;
  for (const rules::RegistryEntry& entry : rules::registry()) {
    const rules::RuleInfo& info = entry.info;
    INFO("rule " << info.id);
    const std::string explained = rules::explain_markdown(info);
    if (info.fix) {
      CHECK(explained.find(std::string("Fix: ") +
                           std::string(core::to_string(info.fix->applicability)) + ", " +
                           (info.fix->always ? "always" : "sometimes") + " available: ") !=
            std::string::npos);
      CHECK(!info.fix->summary.empty());
      CHECK(info.fix->summary.back() != '.');
    } else {
      CHECK(explained.find("Fix: none.") != std::string::npos);
    }
    std::vector<std::pair<std::string, std::string>> inputs{
        {"example.txt", block_after(info.docs, "## Example")}};
    const fs::path folder = fs::path(REPLYLINT_TESTS_DIR) / "rules" / info.id;
    test::LintSettings settings;
    if (fs::exists(folder / "config.toml"))
      settings.options =
          test::options_from_toml(info.id, test::read_file((folder / "config.toml").string()));
    for (const auto& file : fs::directory_iterator(folder))
      if (file.path().extension() == ".eml" || file.path().extension() == ".txt")
        inputs.emplace_back(file.path().filename().string(), test::read_file(file.path().string()));
    bool fixed = false;
    for (const auto& [name, text] : inputs) {
      INFO("input " << name);
      for (const report::Diagnostic& d : test::lint(info.id, text, settings, name)) {
        if (!info.fix) {
          CHECK_FALSE(d.fix);
          continue;
        }
        if (info.fix->always) CHECK(d.fix);
        if (!d.fix) continue;
        fixed = true;
        ++fixes_seen;
        // Never safer than stated; a safe rule's fix is unsafe where a form is a guess (shouting:
        // OLVIDE is olvide or olvidé).
        CHECK(d.fix->applicability <= info.fix->applicability);
        CHECK(!d.fix->title.empty());
        CHECK(!d.fix->edits.empty());
      }
    }
    // A rule that states a fix shows one on its example or a fixture.
    if (info.fix) CHECK(fixed);
  }
  CHECK(fixes_seen > 0);
}
