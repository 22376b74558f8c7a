// Hidden exploration: prints the segments of the reply-parser bodies in ../shared/corpus/mime
// ("[.draft-corpus]"), to review segmentation on real messages by eye.
#include "draft/draft.hpp"

#include "draft/test_data.hpp"

#include <catch2/catch.hpp>

#include <chrono>
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
      const draft::Draft d =
          draft::segment(draft::test::body_message(text), draft::test::rules_data());
      std::cout << "== " << p.filename().string() << " lang=" << d.language << "\n";
      for (const auto& seg : d.segments) {
        std::string first(draft::test::slice(d, seg.range).substr(0, 70));
        if (auto nl = first.find('\n'); nl != std::string::npos) first.resize(nl);
        std::cout << "  " << draft::to_string(seg.kind)
                  << (seg.depth ? std::to_string(seg.depth) : "") << " | " << first << "\n";
      }
    }
  }
}

TEST_CASE("every corpus file's raw bytes segment without a crash", "[.][draft-corpus]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(REPLYLINT_CORPUS_DIR);
  if (!fs::exists(root)) return;
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() == ".json") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    const draft::Draft d =
        draft::segment(draft::test::body_message(s.str()), draft::test::rules_data());
    for (const auto* sentence : d.own_sentences()) CHECK(sentence->range.end <= d.text().size());
    ++files;
  }
  std::cout << files << " corpus files segmented\n";
}

TEST_CASE("time 10,000 segmentations of the fixtures", "[.][draft-bench]") {
  const std::vector<std::string> names = {"es-gmail.txt", "el-gmail-wrapped.txt",
                                          "en-outlook-original.txt", "signature-dashes.txt"};
  std::vector<std::string> bodies;
  for (const auto& n : names) bodies.push_back(draft::test::fixture(n));
  const auto t0 = std::chrono::steady_clock::now();
  std::size_t words = 0;
  for (int i = 0; i < 10000; ++i) {
    const draft::Draft d = draft::segment(draft::test::body_message(bodies[i % bodies.size()]),
                                          draft::test::rules_data());
    for (const auto* s : d.own_sentences()) words += s->words.size();
  }
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  std::cout << "10000 drafts in " << ms << " ms (" << words << " words)\n";
}
