// libFuzzer target: the whole check pipeline (parse, segment, every rule on, resolve, the JSON
// and text reports) as `replylint check` runs it on one input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/data.hpp"
#include "engine/engine.hpp"
#include "report/render.hpp"

namespace rl = replylint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const rl::data::DataSet& rules = rl::data::default_data();
  // Every rule is on by default; no config is looked up (the folder has none: "/" is fine).
  static rl::engine::Engine engine(rules, {});
  rl::report::Report report;
  report.files.push_back(engine.check_bytes(
      "fuzz.eml", std::string(reinterpret_cast<const char*>(data), size), "/fuzz.eml"));
  (void)rl::report::to_json(report).dump();
  (void)rl::report::render_text(report, {});
  return 0;
}
