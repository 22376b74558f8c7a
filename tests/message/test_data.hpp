#pragma once
// Test helpers for the message module: the rule data and fixture paths.

#include "data/data.hpp"
#include "message/message.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace replylint::message::testing {

inline std::string fixture(const std::string& name) {
  return std::string(REPLYLINT_TESTS_DIR) + "/message/fixtures/" + name;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The product's own rule data (rules/ of the source tree).
inline const data::DataSet& prefix_data() { return data::default_data(); }

inline Message parse_fixture(const std::string& name) {
  return load_message(fixture(name), prefix_data());
}

}  // namespace replylint::message::testing
