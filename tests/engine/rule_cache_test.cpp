// Engine builds each rule once per distinct rule settings, not once per draft.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

#include "data/data.hpp"
#include "engine/engine.hpp"

using namespace replylint;
namespace fs = std::filesystem;

namespace {

const rules::RuleInfo k_counted_info{"test-counted",
                                     rules::Category::style,
                                     core::Severity::info,
                                     "counts how often it is built",
                                     "",
                                     {{"limit", std::int64_t{2}, "a number"}}};

std::atomic<int> g_built{0};

class Counted final : public rules::Rule {
 public:
  explicit Counted(std::int64_t limit) : m_limit(limit) {}
  const rules::RuleInfo& info() const override { return k_counted_info; }
  void check(const draft::Draft& draft, rules::Reporter& out) const override {
    out.report({0, std::min<std::size_t>(1, draft.text().size())}, "limit {}", m_limit);
  }

 private:
  std::int64_t m_limit;
};

}  // namespace

TEST_CASE("the engine builds rules once per configuration, not once per draft", "[engine]") {
  std::random_device random;
  const fs::path dir =
      fs::temp_directory_path() / ("replylint-rule-cache-" + std::to_string(random()));
  fs::create_directories(dir / "legal");
  std::ofstream(dir / ".replylint.toml")
      << "[[overrides]]\nfiles = [\"legal/**\"]\nrules.shouting.min-words = 5\n";

  engine::Options options;
  options.extra_rules.push_back(
      {k_counted_info, [](const rules::RuleContext& context) -> std::unique_ptr<rules::Rule> {
         ++g_built;
         return std::make_unique<Counted>(context.options.integer("limit"));
       }});
  engine::Engine engine(data::default_data(), std::move(options));
  g_built = 0;
  std::vector<engine::Input> inputs;
  for (int i = 0; i < 40; ++i) {
    engine::Input input;
    input.path = (dir / (i % 2 ? "legal" : "") / ("d" + std::to_string(i) + ".txt")).string();
    input.bytes = "Hola,\n\nGracias por escribir.\n";
    input.config_path = input.path;
    inputs.push_back(std::move(input));
  }
  const auto reports = engine.check_all(inputs, 4);
  REQUIRE(reports.size() == 40);
  for (const report::FileReport& r : reports) {
    INFO(r.path << ": " << r.error);
    REQUIRE(r.error.empty());
    CHECK(std::any_of(r.findings.begin(), r.findings.end(), [](const report::Finding& f) {
      return f.diagnostic.rule == "test-counted";
    }));
  }
  // Two rule settings (the base and the legal override); a race may build one twice, never more.
  CHECK(g_built >= 2);
  CHECK(g_built <= 2 + 4);
  const int after_first_pass = g_built;
  engine.check_all(inputs, 1);
  CHECK(g_built == after_first_pass);  // all cached now
  engine.reload_configs();
  engine.check_all(inputs, 1);
  CHECK(g_built == after_first_pass + 2);  // a reload forgets them
  fs::remove_all(dir);
}

TEST_CASE("files read from disk take their own folder's settings, overrides included", "[engine]") {
  std::random_device random;
  const fs::path dir =
      fs::temp_directory_path() / ("replylint-file-settings-" + std::to_string(random()));
  fs::create_directories(dir / "templates");
  fs::create_directories(dir / "sent");
  std::ofstream(dir / ".replylint.toml")
      << "[[overrides]]\nfiles = [\"templates/**\"]\nrules.unfilled-placeholder.enabled = false\n";
  const std::string draft = "Hola {{nombre}},\n\nSu pedido ya ha salido.\n\nUn saludo,\nLucía\n";
  std::vector<engine::Input> inputs;
  for (const char* name : {"templates/a.txt", "sent/b.txt", "templates/c.txt", "d.txt"}) {
    std::ofstream(dir / name) << draft;
    engine::Input input;
    input.path = (dir / name).string();
    input.config_path = input.path;
    inputs.push_back(std::move(input));
  }
  engine::Engine engine(data::default_data(), engine::Options{});
  auto flagged = [&] {
    std::vector<bool> out;
    for (const report::FileReport& r : engine.check_all(inputs, 2)) {
      INFO(r.path << ": " << r.error);
      REQUIRE(r.error.empty());
      out.push_back(std::any_of(r.findings.begin(), r.findings.end(), [](const auto& f) {
        return f.diagnostic.rule == "unfilled-placeholder";
      }));
    }
    return out;
  };
  CHECK(flagged() == std::vector<bool>{false, true, false, true});
  CHECK(flagged() == std::vector<bool>{false, true, false, true});  // remembered, the same
  // Without the override (and after a reload), the templates are drafts like the others.
  std::ofstream(dir / ".replylint.toml") << "language = \"es\"\n";
  engine.reload_configs();
  CHECK(flagged() == std::vector<bool>{true, true, true, true});
  fs::remove_all(dir);
}
