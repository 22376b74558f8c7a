// Hidden exploration: prints the segments of the reply-parser bodies in ../shared/corpus/mime
// ("[.draft-corpus]"), to review segmentation on real messages by eye.
#include "draft/draft.hpp"

#include "draft/test_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace replylint;

TEST_CASE("print segments of the reply-parser corpus bodies", "[.][draft-corpus]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(REPLYLINT_CORPUS_DIR);
  for (const char* sub : {"crisp-oss-email-reply-parser", "email_reply_parser"}) {
    if (!fs::exists(root / sub)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(root / sub))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      std::string text = s.str();
      std::erase(text, '\r');
      const draft::Draft d = draft::segment(draft::test::body_message(text), draft::test::rules_data());
      std::cout << "== " << p.filename().string() << " lang=" << d.language << "\n";
      for (const auto& seg : d.segments) {
        std::string first(draft::test::slice(d, seg.range).substr(0, 70));
        if (auto nl = first.find('\n'); nl != std::string::npos) first.resize(nl);
        std::cout << "  " << draft::to_string(seg.kind) << (seg.depth ? std::to_string(seg.depth) : "")
                  << " | " << first << "\n";
      }
    }
  }
}
