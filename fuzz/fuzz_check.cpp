// libFuzzer target: the whole check pipeline (parse, segment, every rule on, resolve, the JSON
// and text reports) as `replylint check` runs it on one input.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "data/data.hpp"
#include "engine/engine.hpp"
#include "report/render.hpp"

namespace rl = replylint;

namespace {

// A folder whose config turns every rule on and names organisation domains, so that
// visible-recipients has internal and external addresses to tell apart.
std::filesystem::path config_folder() {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("replylint-fuzz-check-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / ".replylint.toml")
      << "org-domains = [\"example.com\", \"empresa.es\"]\n"
         "placeholders = ['<<[A-Z_]+>>']\n"
         "[rules.shouting]\nenabled = true\n[rules.spelling]\nenabled = true\n"
         "[rules.missing-quote]\nenabled = true\n[rules.visible-recipients]\nenabled = true\n";
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const rl::data::DataSet& rules = rl::data::default_data();
  static const std::filesystem::path dir = config_folder();
  static rl::engine::Engine engine(rules, {dir / ".replylint.toml"});
  rl::report::Report report;
  report.files.push_back(engine.check_bytes(
      "fuzz.eml", std::string(reinterpret_cast<const char*>(data), size), dir / "fuzz.eml"));
  (void)rl::report::to_json(report).dump();
  (void)rl::report::render_text(report, {});
  return 0;
}
