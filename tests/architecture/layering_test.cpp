// Data flows forward only (docs/architecture.md): each module under src/ may include the modules
// it stands on and nothing further down the pipeline. This reads every `#include "module/…"` in
// src/ and fails on one the table below does not allow, naming the file and the line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace fs = std::filesystem;

namespace {

// The table of docs/architecture.md, "stands on" column. Change both together, and only forward.
const std::map<std::string, std::set<std::string>>& allowed_includes() {
  static const std::map<std::string, std::set<std::string>> k_allowed{
      {"util", {}},
      {"text", {}},
      {"core", {}},
      {"data", {"util", "text"}},
      {"message", {"util", "text", "data"}},
      {"draft", {"core", "message", "data", "text"}},
      {"spell", {"util", "text"}},
      {"rules", {"core", "draft", "data", "spell", "text"}},
      {"config", {"util", "text", "core", "rules"}},
      {"report", {"core", "draft", "text"}},
      {"engine", {"util", "data", "message", "draft", "spell", "rules", "config", "report"}},
      {"hook", {"util", "data", "message", "report", "engine"}},
      {"fix", {"util", "text", "core", "message", "draft", "report", "engine"}},
      {"mcp", {"util", "data", "rules", "report", "engine", "fix"}},
      {"milter", {"util", "core", "message", "config", "report", "hook"}},
      {"lsp", {"util", "core", "data", "message", "draft", "config", "rules", "report", "engine"}},
      {"cli",
       {"util", "data", "draft", "message", "report", "rules", "engine", "hook", "mcp", "lsp",
        "milter", "config", "spell", "text", "core", "fix"}},
  };
  return k_allowed;
}

}  // namespace

TEST_CASE("no module includes one further down the pipeline", "[architecture]") {
  const fs::path src = fs::path(REPLYLINT_TESTS_DIR) / ".." / "src";
  REQUIRE(fs::is_directory(src));
  const std::regex project_include(R"re(^\s*#\s*include\s+"([a-z_]+)/[^"]+")re");
  std::set<std::string> modules_seen;
  int includes_checked = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = fs::relative(entry.path(), src);
    const std::string module = relative.begin()->string();
    modules_seen.insert(module);
    INFO("file src/" << relative.generic_string());
    const auto rule = allowed_includes().find(module);
    REQUIRE(rule != allowed_includes().end());  // a new module needs its row in the table
    std::ifstream in(entry.path());
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::smatch match;
      if (!std::regex_search(line, match, project_include)) continue;
      const std::string target = match[1];
      if (target == module) continue;
      ++includes_checked;
      INFO("line " << number << ": " << line);
      CHECK(rule->second.count(target) == 1);
    }
  }
  // The walk really saw the tree: every module of the table and a good number of includes.
  for (const auto& [module, allowed] : allowed_includes()) CHECK(modules_seen.count(module) == 1);
  CHECK(includes_checked > 50);
}
