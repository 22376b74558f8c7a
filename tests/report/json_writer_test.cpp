// render_json writes the JSON report as text instead of dumping nlohmann::json objects; the text
// must stay what nlohmann prints for to_json(report), byte for byte, for any report.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "data/data.hpp"
#include "engine/engine.hpp"
#include "report/render.hpp"
#include "report/report.hpp"

using namespace replylint;

namespace {

std::string nlohmann_dump(const report::Report& report) {
  return report::to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

void check_same_text(const report::Report& report) {
  const std::string expected = nlohmann_dump(report);
  CHECK(report::render_json(report, 1) == expected);
  CHECK(report::render_json(report, 3) == expected);
}

// Every byte that JSON or UTF-8 treats specially, and sequences nlohmann's decoder rejects.
std::vector<std::string> awkward_strings() {
  std::vector<std::string> out = {
      "",
      "plain",
      "a \"quoted\" \\ back\\slash / slash",
      "ñandú ΠΑΡΑΚΑΛΩ 日本 😀 \u2028 \u00a0",
      "\x7f del",
      std::string("nul \0 inside", 12),
      "\xc3",                  // truncated at the end
      "\xe2\x82",              // truncated three-byte sequence
      "a\x80z",                // lone continuation byte
      "\xc0\x80 overlong",     // overlong NUL
      "\xe0\x80\x80",          // overlong three-byte
      "\xed\xa0\x80",          // UTF-16 surrogate
      "\xf4\x90\x80\x80",      // past U+10FFFF
      "\xf5\x80\x80\x80",      // never a lead byte
      "\xf0\x9f\x98 cut",      // four-byte sequence missing its last byte
      "ok ñ then \xff and é",  // valid around invalid
  };
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  out.push_back(controls);
  return out;
}

}  // namespace

TEST_CASE("render_json writes nlohmann's text for the reports of every example and fixture",
          "[report][json]") {
  engine::Engine engine(data::default_data(), engine::Options{});
  report::Report report;
  std::set<std::string> paths;
  for (const char* root : {REPLYLINT_EXAMPLES_DIR, REPLYLINT_TESTS_DIR})
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file() && (extension == ".eml" || extension == ".txt"))
        paths.insert(entry.path().string());
    }
  for (const std::string& path : paths) report.files.push_back(engine.check_file(path));
  std::size_t findings = 0, fixes = 0;
  for (const report::FileReport& file : report.files) {
    findings += file.findings.size();
    for (const report::Finding& f : file.findings) fixes += f.diagnostic.fix ? 1 : 0;
  }
  REQUIRE(report.files.size() > 50);
  REQUIRE(findings > 100);
  REQUIRE(fixes > 0);
  check_same_text(report);
}

TEST_CASE("render_json escapes and orders every field as nlohmann does", "[report][json]") {
  const std::vector<std::string> strings = awkward_strings();
  report::Report report;
  check_same_text(report);  // no files at all

  int serial = 0;
  for (const std::string& s : strings) {
    report::FileReport file;
    file.path = s;
    file.language = s;
    ++serial;
    for (int variant = 0; variant < 6; ++variant) {
      report::Diagnostic d;
      d.rule = s;
      d.message = s;
      d.text = s;
      d.line = 3 + variant;
      d.column = -variant;  // negative numbers print as nlohmann prints them
      d.end_line = 4 + variant;
      d.end_column = 2147483647;
      if (variant % 2 == 0) d.part = variant == 0 ? s : "1.2";
      if (variant != 1) d.help = s;
      if (variant >= 2) d.message_localized = s, d.help_localized = s + "!";
      if (variant == 3) d.suggestions = strings;
      if (variant == 4) d.suggestions = {s};
      // Rule lists between, before, after and over standard keys; empty lists are left out
      // and the first non-empty list of a name wins.
      d.data = {{"addresses", {s, "b@example.com"}},
                {"zz", {}},
                {"message_a", {s}},
                {"rule", {"never over rule"}},
                {"part", {"only when there is no part"}},
                {"fix", {"only when there is no fix"}},
                {"message_line", {"only outside a mailbox"}},
                {"suggestions", {"only without suggestions"}},
                {"zz", {"second zz"}},
                {"zz", {"third zz"}},
                {"", {"empty name"}},
                {s, {"named by the awkward string"}},
                {"en\"d", {}}};
      if (variant == 5) d.data.clear();
      if (variant != 1) {
        core::Fix fix;
        fix.title = s;
        fix.applicability = static_cast<core::Applicability>(variant % 3);
        if (variant == 2) fix.title_localized = s;
        if (variant != 3) {
          for (auto origin : {report::Location::Origin::body, report::Location::Origin::subject,
                              report::Location::Origin::header}) {
            core::Edit e;
            e.location.origin = origin;
            e.location.range = {std::size_t{7}, std::size_t{1} << 40};
            if (origin == report::Location::Origin::header) e.location.header = s;
            e.replacement = s;
            e.line = 1, e.column = 2, e.end_line = 3, e.end_column = -4;
            fix.edits.push_back(e);
          }
        }
        d.fix = fix;
      }
      file.findings.push_back({.diagnostic = d});
    }
    if (serial % 2 == 0) file.warnings = {s, "second"};
    if (serial % 3 == 0) file.error = s;
    if (serial % 4 != 1) file.fixed = serial % 4 == 0 ? 0 : serial;
    if (serial % 5 != 0) {
      report::MailboxMessage m;
      m.mailbox = s;
      m.format = serial % 2 ? "mboxrd" : "maildir";
      m.index = serial;
      m.message_id = s;
      m.from_line = serial % 2 ? 10 * serial : 0;
      m.unescaped = {{1, 2}, {4, 1}, {6, 3}};
      file.mailbox = m;
    }
    report.files.push_back(file);
    check_same_text(report);
  }
  // Enough files to be rendered on several threads.
  while (report.files.size() < 300) report.files.push_back(report.files[report.files.size() % 17]);
  check_same_text(report);
}
