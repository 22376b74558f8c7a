// One finding per slip when two rules see the same word: the whole engine, every default rule.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "data/data.hpp"
#include "engine/engine.hpp"

using namespace replylint;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// "line:column rule" for each finding of the fixture, checked as a file of `folder` (whose
// .replylint.toml, if any, applies).
std::vector<std::string> findings(const fs::path& folder) {
  static engine::Engine engine(data::default_data(), engine::Options{.language = "es"});
  const fs::path fixture =
      fs::path(REPLYLINT_TESTS_DIR) / "engine" / "fixtures" / "accent-slip-and-typo.txt";
  const fs::path path = folder / "reply.txt";
  const report::FileReport file = engine.check_bytes(path.string(), read(fixture), path);
  REQUIRE(file.error.empty());
  std::vector<std::string> out;
  for (const report::Finding& f : file.findings)
    out.push_back(std::to_string(f.diagnostic.line) + ":" + std::to_string(f.diagnostic.column) +
                  " " + f.diagnostic.rule);
  return out;
}

fs::path fresh_folder(const std::string& config) {
  std::random_device random;
  const fs::path dir =
      fs::temp_directory_path() / ("replylint-repeated-" + std::to_string(random()));
  fs::create_directories(dir);
  if (!config.empty()) std::ofstream(dir / ".replylint.toml") << config;
  return dir;
}

}  // namespace

TEST_CASE("a word accent-confusion reports is not also an unknown word", "[engine]") {
  const fs::path folder = fresh_folder("");
  // "envio" after "su": accent-confusion's alone; "tambien", no accent rule's: spelling's.
  CHECK(findings(folder) == std::vector<std::string>{"3:4 accent-confusion", "3:57 spelling"});
  fs::remove_all(folder);
}

TEST_CASE("with accent-confusion off, spelling reports the word itself", "[engine]") {
  const fs::path folder = fresh_folder("[rules.accent-confusion]\nenabled = false\n");
  CHECK(findings(folder) == std::vector<std::string>{"3:4 spelling", "3:57 spelling"});
  fs::remove_all(folder);
}
