// Test helpers for the draft module (test_data.hpp). It lives in a *_test.cpp file because the
// test target globs those.
#include "draft/test_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace replylint::draft::test {

namespace fs = std::filesystem;

const data::DataSet& rules_data() { return data::default_data(); }

std::string fixture(std::string_view name) {
  const fs::path path = fs::path(REPLYLINT_TESTS_DIR) / "draft" / "fixtures" / std::string(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

message::Message body_message(std::string body) {
  message::Message m;
  m.kind = message::InputKind::body;
  m.has_body = true;
  m.body.text = std::move(body);
  return m;
}

std::string_view slice(const Draft& draft, Range range) {
  return std::string_view(draft.text()).substr(range.begin, range.size());
}

std::string kinds(const Draft& draft) {
  std::string out;
  for (const Segment& s : draft.segments) {
    if (!out.empty()) out += ',';
    out += to_string(s.kind);
    if (s.kind == SegmentKind::quote) out += std::to_string(s.depth);
  }
  return out;
}

}  // namespace replylint::draft::test
