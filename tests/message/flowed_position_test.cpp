// Positions in a format=flowed body: the decoded text joins lines, but reports must still lead
// the user to the word in the file (report::Resolver maps back through Body::flowed_map).
#include "data/data.hpp"
#include "draft/draft.hpp"
#include "engine/engine.hpp"
#include "message/message.hpp"
#include "message/test_data.hpp"
#include "report/report.hpp"

#include <catch2/catch.hpp>

using namespace replylint;
using message::testing::parse_fixture;
using message::testing::prefix_data;

namespace {

report::Diagnostic at_body(const std::string& text, std::string_view word) {
  report::Diagnostic d;
  const std::size_t begin = text.find(word);
  REQUIRE(begin != std::string::npos);
  d.location.range = {begin, begin + word.size()};
  return d;
}

}  // namespace

TEST_CASE(
    "flowed: a word on the second physical line of a paragraph is reported where it is "
    "in the file",
    "[message][flowed]") {
  const draft::Draft draft =
      draft::segment(parse_fixture("flowed-thunderbird-en.eml"), prefix_data());
  report::Resolver resolver(draft);
  const report::Finding f = resolver.resolve(at_body(draft.text(), "recieved"));
  CHECK(f.diagnostic.line == 13);
  CHECK(f.diagnostic.column == 31);
  CHECK(f.diagnostic.end_line == 13);
  CHECK(f.diagnostic.end_column == 39);
  CHECK(f.diagnostic.text == "recieved");
  CHECK(f.diagnostic.part.empty());
  CHECK(f.source_line == "warehouse this morning and we recieved the tracking number from the ");
  // A word after a joined quote line, and after the space-stuffing of an own line.
  const report::Finding q = resolver.resolve(at_body(draft.text(), "delivery"));
  CHECK(q.diagnostic.line == 18);
  CHECK(q.diagnostic.column == 3);
  const report::Finding s = resolver.resolve(at_body(draft.text(), "now on"));
  CHECK(s.diagnostic.line == 24);
  CHECK(s.diagnostic.column == 7);
}

TEST_CASE("flowed: a space-stuffed own line is own text, a quoted flowed paragraph is a quote",
          "[message][flowed]") {
  const draft::Draft draft =
      draft::segment(parse_fixture("flowed-thunderbird-en.eml"), prefix_data());
  const std::string& text = draft.text();
  const auto kind_at = [&](std::string_view needle) {
    const std::size_t at = text.find(needle);
    REQUIRE(at != std::string::npos);
    for (const draft::Segment& s : draft.segments)
      if (s.range.begin <= at && at < s.range.end) return s;
    FAIL("no segment holds " << needle);
    return draft::Segment{};
  };
  CHECK(kind_at("> 5 is wrong").kind == draft::SegmentKind::own);
  CHECK(kind_at("From now on").kind == draft::SegmentKind::own);
  const draft::Segment quote = kind_at("I ordered two lamps");
  CHECK(quote.kind == draft::SegmentKind::quote);
  CHECK(quote.depth == 1);
  CHECK(kind_at("An earlier line").depth == 2);
  // The quote segment spans its physical lines in the file.
  report::Resolver resolver(draft);
  report::Diagnostic d;
  d.location.range = quote.range;
  const report::Finding f = resolver.resolve(d);
  CHECK(f.diagnostic.line == 17);
  CHECK(f.diagnostic.end_line == 18);
}

TEST_CASE("flowed DelSp=yes: a word split at a soft break spans both lines", "[message][flowed]") {
  const draft::Draft draft = draft::segment(parse_fixture("flowed-delsp.eml"), prefix_data());
  report::Resolver resolver(draft);
  const report::Finding f = resolver.resolve(at_body(draft.text(), "recieved"));
  CHECK(f.diagnostic.line == 7);
  CHECK(f.diagnostic.column == 37);
  CHECK(f.diagnostic.end_line == 8);
  CHECK(f.diagnostic.end_column == 4);
  CHECK(f.diagnostic.text == "recieved");
}

TEST_CASE("a finding on a folded header spans all its lines", "[message]") {
  const draft::Draft draft = draft::segment(parse_fixture("folded-cc.eml"), prefix_data());
  report::Resolver resolver(draft);
  report::Diagnostic d;
  d.location.origin = report::Location::Origin::header;
  d.location.header = "Cc";
  const report::Finding f = resolver.resolve(d);
  CHECK(f.diagnostic.line == 3);
  CHECK(f.diagnostic.column == 5);
  CHECK(f.diagnostic.end_line == 5);
  CHECK(f.diagnostic.end_column == 30);
}

TEST_CASE("flowed: the spelling finding in a checked draft points at the word in the file",
          "[message][flowed]") {
  engine::Engine engine(data::default_data(), engine::Options{{}, "en", {}});
  const report::FileReport file =
      engine.check_file(message::testing::fixture("flowed-thunderbird-en.eml"));
  REQUIRE(file.error.empty());
  std::vector<report::Diagnostic> spelling;
  for (const report::Finding& f : file.findings)
    if (f.diagnostic.rule == "spelling") spelling.push_back(f.diagnostic);
  REQUIRE(spelling.size() == 1);
  CHECK(spelling[0].text == "recieved");
  CHECK(spelling[0].line == 13);
  CHECK(spelling[0].column == 31);
}

TEST_CASE("flowed quoted-printable: positions are in the decoded part as written, with the part",
          "[message][flowed]") {
  const draft::Draft draft = draft::segment(parse_fixture("flowed-qp-es.eml"), prefix_data());
  REQUIRE(draft.message().body.flowed);
  CHECK_FALSE(draft.message().body.in_file);
  CHECK(draft.text() ==
        "Hola Ana:\n\nEl paquete salió esta mañana y ya tenemos el número de seguimiento de la "
        "respuetsa del transportista.\n\n> ¿Cuándo llega el pedido?\n");
  report::Resolver resolver(draft);
  const report::Finding f = resolver.resolve(at_body(draft.text(), "respuetsa"));
  CHECK(f.diagnostic.part == "1");
  CHECK(f.diagnostic.line == 4);  // the part's fourth line, as the sender's client wrapped it
  CHECK(f.diagnostic.column == 19);
  CHECK(f.diagnostic.end_column == 28);
}
