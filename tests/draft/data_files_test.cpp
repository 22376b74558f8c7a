// The test-only DataSet builder (test_data.hpp) and checks of the draft's rules/ data files.
// It lives in a *_test.cpp file because the test target globs those.
#include "draft/test_data.hpp"

#include <catch2/catch.hpp>
#include <toml++/toml.h>
#include <unicode/regex.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace replylint::draft::test {
namespace {

namespace fs = std::filesystem;

const fs::path k_rules = fs::path(REPLYLINT_TESTS_DIR) / ".." / "rules";

std::vector<std::string> strings(const toml::node& node, const std::string& what) {
  const toml::array* array = node.as_array();
  if (!array) throw std::runtime_error(what + ": not an array");
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    auto s = item.value<std::string>();
    if (!s) throw std::runtime_error(what + ": not a string");
    out.push_back(*s);
  }
  return out;
}

std::vector<data::Pattern> patterns(const toml::node& node, const std::string& file) {
  std::vector<data::Pattern> out;
  for (std::string& p : strings(node, file)) out.push_back({std::move(p), file, 0});
  return out;
}

void load_language(const fs::path& dir, data::LanguageData& lang) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const std::string file = entry.path().string();
    const toml::table table = toml::parse_file(file);
    for (const auto& [key, node] : table) {
      const std::string k(key.str());
      if (name == "quoting.toml") {
        if (k == "attribution") lang.attribution = patterns(node, file);
        else if (k == "attribution-start") lang.attribution_start = patterns(node, file);
        else if (k == "attribution-end") lang.attribution_end = patterns(node, file);
        else if (k == "original-markers") lang.original_markers = strings(node, file);
        else if (k == "original-fields") lang.original_fields = strings(node, file);
        else if (k == "forward-markers") lang.forward_markers = strings(node, file);
        else throw std::runtime_error(file + ": unknown key '" + k + "'");
      } else if (name == "signature.toml") {
        if (k == "mobile-footers") lang.signature_lines = patterns(node, file);
        else if (k == "closings") lang.closings = strings(node, file);
        else throw std::runtime_error(file + ": unknown key '" + k + "'");
      } else if (name == "language.toml") {
        if (k == "stopwords") lang.stopwords = strings(node, file);
        else throw std::runtime_error(file + ": unknown key '" + k + "'");
      } else if (name == "acronyms.toml") {
        if (k == "acronyms")
          for (std::string& a : strings(node, file)) lang.acronyms.insert(std::move(a));
        else throw std::runtime_error(file + ": unknown key '" + k + "'");
      }
      // Other files (reply prefixes, phrase lists) belong to other modules.
    }
  }
}

data::DataSet load() {
  data::DataSet ds;
  for (const char* code : {"es", "el", "en"}) {
    data::LanguageData& lang = ds.languages[code];
    lang.code = code;
    load_language(k_rules / code, lang);
  }
  const toml::table common = toml::parse_file((k_rules / "common" / "placeholders.toml").string());
  for (const auto& [key, node] : common) {
    if (key.str() != "patterns") throw std::runtime_error("placeholders.toml: unknown key");
    ds.placeholders = patterns(node, "placeholders.toml");
  }
  return ds;
}

}  // namespace

const data::DataSet& rules_data() {
  static const data::DataSet ds = load();
  return ds;
}

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

using namespace replylint;

TEST_CASE("the draft's rules/ files parse with only known keys", "[draft]") {
  const data::DataSet& ds = draft::test::rules_data();
  REQUIRE(ds.languages.size() == 3);
  for (const auto& [code, lang] : ds.languages) {
    CAPTURE(code);
    CHECK_FALSE(lang.attribution.empty());
    CHECK_FALSE(lang.attribution_start.empty());
    CHECK_FALSE(lang.attribution_end.empty());
    CHECK_FALSE(lang.original_markers.empty());
    CHECK_FALSE(lang.original_fields.empty());
    CHECK_FALSE(lang.forward_markers.empty());
    CHECK_FALSE(lang.signature_lines.empty());
    CHECK(lang.stopwords.size() >= 50);
    CHECK(lang.acronyms.size() >= 20);
  }
  CHECK(ds.placeholders.size() >= 5);
}

TEST_CASE("every pattern in the draft's rules/ files compiles with ICU", "[draft]") {
  const data::DataSet& ds = draft::test::rules_data();
  std::vector<data::Pattern> all = ds.placeholders;
  for (const auto& [code, lang] : ds.languages)
    for (const auto* list : {&lang.attribution, &lang.attribution_start, &lang.attribution_end,
                             &lang.signature_lines})
      all.insert(all.end(), list->begin(), list->end());
  for (const data::Pattern& p : all) {
    CAPTURE(p.file, p.regex);
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr;
    std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(p.regex), UREGEX_CASE_INSENSITIVE, perr, status));
    CHECK(U_SUCCESS(status));
  }
}
