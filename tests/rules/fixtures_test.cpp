// Runs every fixture draft under tests/rules/<rule-id>/ with only that rule enabled and compares
// its findings with the .expected file beside it (no .expected file: the rule must stay silent).
// REPLYLINT_BLESS=1 rewrites the .expected files after an intended change.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "rules/rule_test.hpp"
#include "rules/rules.hpp"

namespace fs = std::filesystem;
using namespace replylint;

TEST_CASE("every rule fixture gives exactly its expected diagnostics", "[rules][fixtures]") {
  const bool bless = std::getenv("REPLYLINT_BLESS") != nullptr;
  int fixtures = 0;
  for (const rules::RegistryEntry& entry : rules::registry()) {
    const fs::path folder = fs::path(REPLYLINT_TESTS_DIR) / "rules" / entry.info.id;
    INFO("rule " << entry.info.id);
    REQUIRE(fs::is_directory(folder));
    std::vector<fs::path> drafts;
    for (const auto& file : fs::directory_iterator(folder))
      if (file.path().extension() == ".eml" || file.path().extension() == ".txt")
        drafts.push_back(file.path());
    std::sort(drafts.begin(), drafts.end());
    // A rule that does nothing until configured runs its fixtures with the folder's config.toml
    // (`[rules.<id>]` options, as a .replylint.toml writes them).
    test::LintSettings settings;
    if (fs::exists(folder / "config.toml"))
      settings.options = test::options_from_toml(
          entry.info.id, test::read_file((folder / "config.toml").string()));
    CHECK(drafts.size() >= 4);  // each rule has firing fixtures and quiet traps
    for (const fs::path& draft : drafts) {
      ++fixtures;
      std::string actual;
      for (const auto& d : test::lint(entry.info.id, test::read_file(draft.string()), settings,
                                      draft.filename().string()))
        actual += test::expected_line(d) + "\n";
      fs::path expected_path = draft;
      expected_path.replace_extension(".expected");
      if (bless) {
        if (actual.empty()) {
          fs::remove(expected_path);
        } else {
          std::ofstream(expected_path, std::ios::binary) << actual;
        }
        continue;
      }
      const std::string expected =
          fs::exists(expected_path) ? test::read_file(expected_path.string()) : "";
      INFO("fixture " << draft.string());
      CHECK(actual == expected);
    }
  }
  CHECK(fixtures > 0);
}
