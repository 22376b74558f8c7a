#include <catch2/catch.hpp>

#include "report/render.hpp"
#include "report/report.hpp"

using namespace replylint;

namespace {
draft::Draft body_draft(std::string text, bool in_file = true, int first_line = 1,
                        std::string part = "") {
  message::Message m;
  m.path = "a.eml";
  m.body.text = std::move(text);
  m.body.in_file = in_file;
  m.body.first_line = first_line;
  m.body.part = std::move(part);
  return draft::Draft(std::move(m));
}

report::Finding at(const draft::Draft& d, std::size_t begin, std::size_t end) {
  report::Diagnostic diag;
  diag.rule = "spelling";
  diag.message = "unknown word";
  diag.location.range = {begin, end};
  return report::resolve(d, diag);
}
}  // namespace

TEST_CASE("resolve counts lines from the body's file line and columns in code points", "[report]") {
  const auto d = body_draft("Hola,\n\nLa respuetsa ñandú está aquí.\n", true, 12);
  const std::string& text = d.text();
  const auto begin = text.find("ñandú");
  const auto f = at(d, begin, begin + std::string("ñandú").size());
  CHECK(f.diagnostic.line == 14);
  CHECK(f.diagnostic.column == 14);
  CHECK(f.diagnostic.end_column == 19);
  CHECK(f.diagnostic.text == "ñandú");
  CHECK(f.diagnostic.part.empty());
  CHECK(f.source_line == "La respuetsa ñandú está aquí.");
}

TEST_CASE("resolve reports decoded parts with their part id", "[report]") {
  const auto d = body_draft("uno\ndos tres\n", false, 40, "1.2");
  const auto f = at(d, 8, 12);
  CHECK(f.diagnostic.part == "1.2");
  CHECK(f.diagnostic.line == 2);
  CHECK(f.diagnostic.column == 5);
  CHECK(f.diagnostic.text == "tres");
}

TEST_CASE("resolve clamps ranges and never splits a character", "[report]") {
  const auto d = body_draft("ñ");
  const auto f = at(d, 1, 99);  // inside the two bytes of ñ, past the end
  CHECK(f.diagnostic.line == 1);
  CHECK(f.diagnostic.column == 1);
  CHECK(f.diagnostic.end_column == 2);
}

TEST_CASE("text report draws carets in display cells", "[report]") {
  const auto d = body_draft("日本 ñandú respuetsa\n");
  const std::string& text = d.text();
  const auto begin = text.find("respuetsa");
  report::Report r;
  r.files.push_back({.path = "a.eml", .findings = {at(d, begin, begin + 9)}});
  const std::string out = report::render_text(r, {});
  CHECK(out.find("a.eml:1:10: warning[spelling]: unknown word\n") != std::string::npos);
  CHECK(out.find("1 | 日本 ñandú respuetsa\n") != std::string::npos);
  // 日本 is four cells wide, then a space, ñandú (5), a space: the caret starts at cell 12.
  CHECK(out.find("  |            ^^^^^^^^^\n") != std::string::npos);
  CHECK(out.find("1 file checked: 0 errors, 1 warning, 0 infos\n") != std::string::npos);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(report::render_text(r, {.color = true}).find("\x1b[") != std::string::npos);
}

TEST_CASE("text report cuts long lines around the span", "[report]") {
  std::string line(300, 'a');
  line.replace(200, 9, "respuetsa");
  const auto d = body_draft(line + "\n");
  report::Report r;
  r.files.push_back({.path = "a.eml", .findings = {at(d, 200, 209)}});
  const std::string out = report::render_text(r, {});
  CHECK(out.find("1 | …") != std::string::npos);
  CHECK(out.find("respuetsa") != std::string::npos);
  CHECK(out.find("…\n") != std::string::npos);
  CHECK(report::display_width("日本") == 4);
  CHECK(report::display_width("e\u0301") == 1);
}

TEST_CASE("JSON report has the contract's fields", "[report]") {
  const auto d = body_draft("la respuetsa\n");
  report::Finding f = at(d, 3, 12);
  f.diagnostic.suggestions = {"respuesta"};
  report::Report r;
  r.files.push_back({.path = "a.eml", .language = "es", .findings = {f}});
  const auto j = report::to_json(r);
  CHECK(j["version"] == 1);
  const auto& item = j["files"][0]["diagnostics"][0];
  CHECK(item["rule"] == "spelling");
  CHECK(item["severity"] == "warning");
  CHECK(item["line"] == 1);
  CHECK(item["column"] == 4);
  CHECK(item["end_line"] == 1);
  CHECK(item["end_column"] == 13);
  CHECK(item["text"] == "respuetsa");
  CHECK(item["suggestions"] == nlohmann::json::array({"respuesta"}));
  CHECK(!item.contains("part"));
  CHECK(j["summary"] == nlohmann::json{{"files", 1}, {"errors", 0}, {"warnings", 1}, {"infos", 0}});
}

TEST_CASE("render_json prints to_json's dump byte for byte, on any number of threads", "[report]") {
  const auto d = body_draft("la respuetsa, \"ΠΑΡΑΚΑΛΩ\"\nsegunda línea\n");
  report::Report r;
  CHECK(report::render_json(r, 1) == report::to_json(r).dump(2));
  for (int i = 0; i < 300; ++i) {
    report::FileReport file{.path = "d" + std::to_string(i) + ".eml",
                            .language = i % 2 ? "es" : "el"};
    if (i % 3 == 0) {
      report::Finding f = at(d, 3, 12);
      f.diagnostic.suggestions = {"respuesta", "re\nspuesta"};
      f.diagnostic.help = "a \"quoted\" help\twith a tab";
      file.findings.push_back(f);
      file.findings.push_back(at(d, 14, 30));
    }
    if (i % 7 == 0) file.warnings = {"one warning", "two"};
    if (i % 11 == 0) file.error = "cannot read: no such file";
    r.files.push_back(std::move(file));
    if (i == 0 || i == 299) {
      const std::string expected = report::to_json(r).dump(2);
      CHECK(report::render_json(r, 1) == expected);
      CHECK(report::render_json(r, 4) == expected);
    }
  }
}
