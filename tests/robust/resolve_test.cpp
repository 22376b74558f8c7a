// Positions through the per-draft line index (report::Resolver), including a line too long to
// show whole: the source line becomes a window and its columns still underline the span.
#include <catch2/catch.hpp>
#include <string>

#include "draft/draft.hpp"
#include "report/report.hpp"

namespace rl = replylint;

namespace {

rl::draft::Draft draft_of(std::string text, int first_line = 1) {
  rl::message::Message m;
  m.has_body = true;
  m.body.text = std::move(text);
  m.body.first_line = first_line;
  return rl::draft::Draft(std::move(m));
}

rl::report::Diagnostic at(std::size_t begin, std::size_t end) {
  rl::report::Diagnostic d;
  d.location.range = {begin, end};
  return d;
}

// The code points of `s` from 1-based column `from` to `to` (exclusive).
std::string columns(const std::string& s, int from, int to) {
  std::string out;
  int col = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
    if (col >= from && col < to) out += s[i];
  }
  return out;
}

}  // namespace

TEST_CASE("resolver: lines and code-point columns from the index", "[robust]") {
  const auto draft = draft_of("Hola,\n\nañoño ένα dos\nfin", 8);
  rl::report::Resolver resolver(draft);
  const std::string& text = draft.text();
  const auto f =
      resolver.resolve(at(text.find("ένα"), text.find("ένα") + std::string("ένα").size()));
  CHECK(f.diagnostic.line == 10);
  CHECK(f.diagnostic.column == 7);
  CHECK(f.diagnostic.end_line == 10);
  CHECK(f.diagnostic.end_column == 10);
  CHECK(f.diagnostic.text == "ένα");
  CHECK(f.source_line == "añoño ένα dos");
  // The old entry point gives the same answer.
  const auto g = rl::report::resolve(draft, at(text.find("ένα"), text.find("ένα") + 6));
  CHECK(g.diagnostic.column == f.diagnostic.column);
  CHECK(g.source_line == f.source_line);
  // Past the end: clamped to the text.
  const auto end = resolver.resolve(at(text.size() + 10, text.size() + 20));
  CHECK(end.diagnostic.line == 11);
  CHECK(end.diagnostic.column == 4);
}

TEST_CASE("resolver: a span deep in a 1 MB line shows a window around it", "[robust]") {
  std::string line;
  while (line.size() < 1'000'000) line += "palabra ñandú ";
  const std::size_t begin = line.find("ñandú", 600'000);
  const auto draft = draft_of("Hola,\n\n" + line + "\n\nAna");
  rl::report::Resolver resolver(draft);
  const auto f = resolver.resolve(at(7 + begin, 7 + begin + std::string("ñandú").size()));
  CHECK(f.diagnostic.line == 3);
  // Columns count code points: every "ñandú" before it has two 2-byte letters.
  const std::string before = line.substr(0, begin);
  int points = 0;
  for (unsigned char c : before) points += (c & 0xC0) != 0x80;
  CHECK(f.diagnostic.column == points + 1);
  CHECK(f.source_line.size() < 4100);
  CHECK(f.source_line.rfind("…", 0) == 0);
  CHECK(columns(f.source_line, f.source_column, f.source_end_column) == "ñandú");
}
