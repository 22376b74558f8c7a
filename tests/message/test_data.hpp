#pragma once
// Test helpers for the message module: a DataSet holding only the reply/forward prefixes,
// read from rules/<lang>/reply-prefixes.toml with toml++ (the data loader lives in another
// module), and fixture paths.

#include "data/data.hpp"
#include "message/message.hpp"

#include <toml++/toml.h>

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

// Prefixes as written in the data files; the parser folds case itself.
inline const data::DataSet& prefix_data() {
  static const data::DataSet k_data = [] {
    data::DataSet set;
    for (const char* code : {"es", "el", "en"}) {
      const std::string path =
          std::string(REPLYLINT_TESTS_DIR) + "/../rules/" + code + "/reply-prefixes.toml";
      const toml::table table = toml::parse_file(path);
      data::LanguageData& language = set.languages[code];
      language.code = code;
      for (const auto& v : *table["reply"].as_array()) {
        language.reply_prefixes.push_back(*v.value<std::string>());
      }
      for (const auto& v : *table["forward"].as_array()) {
        language.forward_prefixes.push_back(*v.value<std::string>());
      }
    }
    return set;
  }();
  return k_data;
}

inline Message parse_fixture(const std::string& name) {
  return load_message(fixture(name), prefix_data());
}

}  // namespace replylint::message::testing
