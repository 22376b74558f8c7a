// fix::apply_fixes on hand-made fixes: choice by applicability, first wins on overlap, refusals
// (quoted text, signature), header edits, charset widening; fix::unified_diff.
#include <catch2/catch.hpp>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "fix/fix.hpp"
#include "message/message.hpp"

namespace {

using namespace replylint;
using core::Applicability;
using Origin = core::Location::Origin;

draft::Draft draft_of(std::string bytes, std::string path = "test.txt") {
  const data::DataSet& data = data::default_data();
  return draft::segment(message::parse_message(std::move(path), std::move(bytes), data), data);
}

// A diagnostic with a fix of one body edit replacing `old` (first occurrence) by `replacement`.
core::Diagnostic body_fix(const draft::Draft& d, std::string_view old, std::string replacement,
                          Applicability applicability = Applicability::safe,
                          std::string rule = "test-rule") {
  const std::size_t at = d.text().find(old);
  REQUIRE(at != std::string::npos);
  core::Diagnostic out;
  out.rule = std::move(rule);
  out.line = 1;
  out.fix = core::Fix{"replace it",
                      applicability,
                      {{{Origin::body, {at, at + old.size()}, {}}, std::move(replacement)}}};
  return out;
}

}  // namespace

TEST_CASE("apply_fixes chooses by applicability and never applies display-only", "[fix]") {
  const draft::Draft d = draft_of("Hola Ana,\n\nuno dos tres cuatro.\n");
  const std::vector<core::Diagnostic> fixes = {
      body_fix(d, "uno", "UNO", Applicability::safe),
      body_fix(d, "dos", "DOS", Applicability::unsafe),
      body_fix(d, "tres", "TRES", Applicability::display_only)};
  CHECK(fix::apply_fixes(d, fixes, Applicability::safe).bytes ==
        "Hola Ana,\n\nUNO dos tres cuatro.\n");
  CHECK(fix::apply_fixes(d, fixes, Applicability::unsafe).bytes ==
        "Hola Ana,\n\nUNO DOS tres cuatro.\n");
  CHECK(!fix::applies(Applicability::display_only, Applicability::display_only));
}

TEST_CASE("apply_fixes: of two overlapping fixes the first wins, the other waits", "[fix]") {
  const draft::Draft d = draft_of("Hola Ana,\n\nuno dos tres cuatro.\n");
  const std::vector<core::Diagnostic> fixes = {
      body_fix(d, "dos tres", "2 3"), body_fix(d, "uno dos", "1 2"), body_fix(d, "cuatro", "4")};
  const fix::Pass pass = fix::apply_fixes(d, fixes, Applicability::safe);
  CHECK(pass.bytes == "Hola Ana,\n\n1 2 tres 4.\n");
  CHECK(pass.applied.size() == 2);
  CHECK(pass.notes.empty());  // an overlap is not a refusal: the next pass sees it again
}

TEST_CASE("apply_fixes refuses edits of quoted text, attribution and signature", "[fix]") {
  const std::string text =
      "Hola Ana,\n\nGracias.\n\nEl lunes, Ana escribió:\n> NO FUNCIONA\n\nUn saludo,\n-- \nMarta "
      "Ruiz\n";
  const draft::Draft d = draft_of(text);
  for (const char* old : {"NO FUNCIONA", "Ana escribió", "Marta Ruiz"}) {
    CAPTURE(old);
    const fix::Pass pass = fix::apply_fixes(d, {body_fix(d, old, "x")}, Applicability::safe);
    CHECK(pass.bytes == text);
    CHECK(pass.applied.empty());
    REQUIRE(pass.notes.size() == 1);
    CHECK(pass.notes[0].find("quoted text, an attribution line, a signature") != std::string::npos);
  }
}

TEST_CASE("apply_fixes edits address headers: a header emptied goes, a new one is added", "[fix]") {
  const std::string text =
      "From: a@acme.example\nTo: b@one.example\nCc: c@two.example\nSubject: Hola\n\nHola,\n\n"
      "Gracias.\n";
  const draft::Draft d = draft_of(text);
  core::Diagnostic move;
  move.rule = "visible-recipients";
  move.fix = core::Fix{
      "move Cc to Bcc",
      Applicability::unsafe,
      {{{Origin::header, {0, 13}, "Cc"}, ""}, {{Origin::header, {0, 0}, "Bcc"}, "c@two.example"}}};
  CHECK(fix::apply_fixes(d, {move}, Applicability::safe).bytes == text);
  const fix::Pass pass = fix::apply_fixes(d, {move}, Applicability::unsafe);
  CHECK(pass.bytes ==
        "From: a@acme.example\nTo: b@one.example\nBcc: c@two.example\nSubject: Hola\n\nHola,\n\n"
        "Gracias.\n");
}

TEST_CASE("apply_fixes widens a part's charset to UTF-8 only when a replacement needs it",
          "[fix]") {
  const std::string head =
      "From: a@acme.example\nTo: b@one.example\nSubject: Hola\nMIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n";
  const std::string text = head + "Hola Ana,\n\nEl env\xEDo sale hoy.\n";
  const draft::Draft d = draft_of(text, "a.eml");
  // In Latin-1: stays Latin-1.
  const fix::Pass latin = fix::apply_fixes(d, {body_fix(d, "hoy", "mañana")}, Applicability::safe);
  CHECK(latin.bytes == head + "Hola Ana,\n\nEl env\xEDo sale ma\xF1" + "ana.\n");
  // Greek has no Latin-1 form: the part becomes UTF-8, its Content-Type says so.
  const fix::Pass greek = fix::apply_fixes(d, {body_fix(d, "hoy", "σήμερα")}, Applicability::safe);
  CHECK(greek.bytes.find("Content-Type: text/plain; charset=utf-8\n") != std::string::npos);
  CHECK(greek.bytes.find("El envío sale σήμερα.\n") != std::string::npos);
}

TEST_CASE("unified_diff gives hunks with three lines of context", "[fix]") {
  CHECK(fix::unified_diff("a.txt", "x\n", "x\n").empty());
  CHECK(fix::unified_diff("a.txt", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nV\n6\n7\n8\n") ==
        "--- a/a.txt\n+++ b/a.txt\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+V\n 6\n 7\n 8\n");
  CHECK(fix::unified_diff("a.txt", "a\n", "b\nx") ==
        "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1,2 @@\n-a\n+b\n+x\n\\ No newline at end of file\n");
}

namespace {

// A multipart/alternative message with `plain` and `html` as its two parts.
std::string alternative(const std::string& plain, const std::string& html) {
  return "From: a@x.example\nTo: b@y.example\nSubject: hi\nMIME-Version: 1.0\n"
         "Content-Type: multipart/alternative; boundary=\"b\"\n\n--b\n"
         "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" +
         plain + "\n--b\nContent-Type: text/html; charset=utf-8\n\n" + html + "\n--b--\n";
}

// A fix replacing the `n`-th occurrence of `old` in the body by `replacement`.
core::Diagnostic nth_fix(const draft::Draft& d, std::string_view old, std::size_t n,
                         std::string replacement) {
  std::size_t at = d.text().find(old);
  for (std::size_t i = 0; i < n; ++i) at = d.text().find(old, at + 1);
  REQUIRE(at != std::string::npos);
  core::Diagnostic out = body_fix(d, old, std::move(replacement));
  out.fix->edits.front().location.range = {at, at + old.size()};
  return out;
}

}  // namespace

TEST_CASE("apply_fixes edits the HTML alternative at the same occurrence as the text", "[fix]") {
  const draft::Draft d = draft_of(alternative("Hola,\n\nSTOP IT. Gracias. STOP IT.\n",
                                              "<p>Hola,</p><p>STOP IT. Gracias. STOP IT.</p>"),
                                  "a.eml");
  // The second occurrence alone, then both in one pass: each lands on its own in the HTML.
  fix::Pass pass = fix::apply_fixes(d, {nth_fix(d, "STOP IT", 1, "Stop it")}, Applicability::safe);
  CHECK(pass.notes.empty());
  CHECK(pass.bytes.find("\nSTOP IT. Gracias. Stop it.\n") != std::string::npos);
  CHECK(pass.bytes.find("<p>STOP IT. Gracias. Stop it.</p>") != std::string::npos);
  pass = fix::apply_fixes(
      d, {nth_fix(d, "STOP IT", 0, "Stop it"), nth_fix(d, "STOP IT", 1, "Stop it")},
      Applicability::safe);
  CHECK(pass.bytes.find("<p>Stop it. Gracias. Stop it.</p>") != std::string::npos);
  CHECK(pass.applied.size() == 2);
}

TEST_CASE("apply_fixes leaves a fix whose text the HTML alternative holds another number of times",
          "[fix]") {
  const std::string bytes =
      alternative("Hola,\n\nSTOP IT. Gracias.\n", "<p>Hola,</p><p>STOP IT. Gracias. STOP IT.</p>");
  const draft::Draft d = draft_of(bytes, "a.eml");
  const fix::Pass pass =
      fix::apply_fixes(d, {nth_fix(d, "STOP IT", 0, "Stop it")}, Applicability::safe);
  CHECK(pass.bytes == bytes);
  CHECK(pass.applied.empty());
  REQUIRE(pass.notes.size() == 1);
  CHECK(pass.notes[0].find("part 2 (text/html) is an alternative of the text") !=
        std::string::npos);
}
