// The shipped JSON Schemas (schemas/*.v1.json) describe what the program really prints: real
// reports and parse models, from every kind of input, are checked with a real validator
// (Debian's python3-jsonschema), and a renamed field must fail so the check cannot pass vacuously.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/run.hpp"

namespace {

using namespace replylint::test;
using nlohmann::json;

const fs::path k_report_schema = project_dir() / "schemas" / "report.v1.json";
const fs::path k_parse_schema = project_dir() / "schemas" / "parse.v1.json";

// Validates `files` against `schema`; the validator's exit status (0 valid, 1 invalid, 2 broken).
Run validate(const fs::path& schema, const std::vector<fs::path>& files) {
  std::string command =
      std::string(k_debian_python) + " " +
      shell_quote((project_dir() / "tests" / "schemas" / "validate_json.py").string()) + " " +
      shell_quote(schema.string());
  for (const fs::path& f : files) command += " " + shell_quote(f.string());
  return run_shell(command);
}

fs::path write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Every input kind the checker accepts: the examples, each rule's fixtures, the message parser's
// fixtures (MIME in many charsets and encodings, HTML, drafts, bare bodies, broken files), a
// missing file and stdin. Returns the report files written to `dir`.
std::vector<fs::path> real_reports(const fs::path& dir) {
  std::vector<std::string> runs = {
      "check --format json examples/",
      "check --format json tests/message/fixtures/ tests/message/fixtures/binary.bin "
      "tests/message/fixtures/mbox-two.mbox no/such/draft.eml",
      "check --format json tests/mailbox/fixtures/sent.mboxrd tests/mailbox/fixtures/broken.mbox "
      "tests/mailbox/fixtures/empty.mbox tests/mailbox/fixtures/Maildir",
      "check --format json --mbox-format mboxo tests/mailbox/fixtures/sent.mboxo",
  };
  for (const auto& entry : fs::directory_iterator(project_dir() / "tests" / "rules"))
    if (entry.is_directory())
      runs.push_back("check --format json " +
                     shell_quote(fs::relative(entry.path(), project_dir()).string()));
  std::vector<fs::path> out;
  for (const std::string& args : runs) {
    const Run r = run_replylint(args);
    INFO(args << "\n" << r.err);
    REQUIRE(r.status <= 2);
    REQUIRE(!r.out.empty());
    out.push_back(write(dir / ("report" + std::to_string(out.size()) + ".json"), r.out));
  }
  // In Spanish and Greek: the localised copies and the report's locale.
  runs.clear();
  runs.push_back("--locale es check --format json tests/rules");
  runs.push_back("check --locale el --format json examples");
  for (const std::string& args : runs) {
    const Run r = run_replylint(args);
    INFO(args << "\n" << r.err);
    REQUIRE(r.status <= 2);
    out.push_back(write(dir / ("report" + std::to_string(out.size()) + ".json"), r.out));
  }
  const Run stdin_run = run_replylint("check --format json --stdin-filename drafts/a.txt -",
                                      "Hola,\n\nLe enviamos la respuetsa hoy.\n");
  out.push_back(write(dir / "report-stdin.json", stdin_run.out));
  // After --fix: the counts of fixes applied (on copies: the fixtures stay as they are).
  const fs::path drafts = dir / "fix-drafts";
  fs::create_directories(drafts);
  for (const auto& entry : fs::directory_iterator(project_dir() / "tests" / "fix" / "drafts"))
    fs::copy_file(entry.path(), drafts / entry.path().filename());
  const Run fixed =
      run_replylint("check --fix --unsafe-fixes --format json " + shell_quote(drafts.string()));
  out.push_back(write(dir / "report-fixed.json", fixed.out));
  return out;
}

}  // namespace

TEST_CASE("real reports from every kind of input validate against schemas/report.v1.json",
          "[agent]") {
  const fs::path dir = scratch_dir("schema-reports");
  const std::vector<fs::path> reports = real_reports(dir);
  const Run v = validate(k_report_schema, reports);
  INFO(v.out << v.err);
  CHECK(v.status == 0);
  CHECK(v.out.find(std::to_string(reports.size()) + " documents checked") != std::string::npos);

  // The reports exercise every optional field, so the schema's description of each is tested,
  // and the rules a schema cannot state hold too.
  std::set<std::string> seen;
  for (const fs::path& path : reports) {
    const json report = json::parse(slurp(path));
    if (report.contains("locale")) seen.insert("locale");
    int counted = 0;
    for (const json& file : report["files"]) {
      for (const char* key : {"warnings", "error", "fixed", "mailbox"})
        if (file.contains(key)) seen.insert(key);
      for (const json& d : file["diagnostics"]) {
        ++counted;
        for (const char* key : {"part", "help", "suggestions", "addresses", "fix", "message_line",
                                "message_localized", "help_localized"})
          if (d.contains(key)) seen.insert(key);
        CAPTURE(d.dump());
        CHECK(std::pair(d["end_line"].get<int>(), d["end_column"].get<int>()) >=
              std::pair(d["line"].get<int>(), d["column"].get<int>()));
        if (d["rule"] == "visible-recipients") CHECK(!d["addresses"].empty());
        if (d["rule"] == "spelling")
          CHECK(d["text"].get<std::string>().find(' ') == std::string::npos);
      }
    }
    const json& summary = report["summary"];
    CHECK(summary["files"] == report["files"].size());
    CHECK(summary["errors"].get<int>() + summary["warnings"].get<int>() +
              summary["infos"].get<int>() ==
          counted);
  }
  CHECK(seen == std::set<std::string>{"addresses", "error", "fix", "fixed", "help",
                                      "help_localized", "locale", "mailbox", "message_line",
                                      "message_localized", "part", "suggestions", "warnings"});
}

TEST_CASE("real parse models validate against schemas/parse.v1.json", "[agent]") {
  const fs::path dir = scratch_dir("schema-parse");
  std::vector<fs::path> inputs;
  for (const fs::path folder :
       {project_dir() / "examples", project_dir() / "tests" / "message" / "fixtures"})
    for (const auto& entry : fs::directory_iterator(folder)) inputs.push_back(entry.path());
  for (const auto& entry : fs::recursive_directory_iterator(project_dir() / "tests" / "rules"))
    if (entry.path().extension() == ".eml" || entry.path().extension() == ".txt")
      inputs.push_back(entry.path());
  std::sort(inputs.begin(), inputs.end());

  std::vector<fs::path> models;
  std::set<std::string> kinds, segment_kinds;
  for (const fs::path& input : inputs) {
    const Run r = run_replylint("parse --format json " + shell_quote(input.string()));
    if (r.status != 0) continue;  // unreadable on purpose (empty, binary): nothing to describe
    models.push_back(write(dir / ("model" + std::to_string(models.size()) + ".json"), r.out));
    const json model = json::parse(r.out);
    kinds.insert(model["kind"].get<std::string>());
    for (const json& s : model["segments"]) segment_kinds.insert(s["kind"].get<std::string>());
  }
  models.push_back(write(dir / "model-stdin.json",
                         run_replylint("parse --format json -", "Hola,\n\n> cita\n").out));
  REQUIRE(models.size() > 50);
  const Run v = validate(k_parse_schema, models);
  INFO(v.out << v.err);
  CHECK(v.status == 0);
  CHECK(kinds == std::set<std::string>{"body", "draft", "mime"});
  for (const char* kind : {"own", "quote", "attribution", "original-header", "signature"}) {
    CAPTURE(kind);
    CHECK(segment_kinds.count(kind) == 1);
  }
}

TEST_CASE("a report or model with a renamed field fails validation", "[agent]") {
  const fs::path dir = scratch_dir("schema-negative");
  const json report = json::parse(run_replylint("check --format json examples/").out);
  const json model =
      json::parse(run_replylint("parse --format json examples/es-respuesta-correcta.eml").out);
  const fs::path good = write(dir / "good.json", report.dump());
  REQUIRE(validate(k_report_schema, {good}).status == 0);
  REQUIRE(validate(k_parse_schema, {write(dir / "good-model.json", model.dump())}).status == 0);

  // Finds the first diagnostic holding `key` and renames it.
  const auto renamed = [&](const std::string& key, const std::string& to) {
    json copy = report;
    for (json& file : copy["files"])
      for (json& d : file["diagnostics"])
        if (d.contains(key)) {
          d[to] = d[key];
          d.erase(key);
          return write(dir / (to + ".json"), copy.dump());
        }
    FAIL("no diagnostic has '" << key << "'");
    return fs::path();
  };
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"end_column", "endColumn"}, {"suggestions", "suggestion"}, {"addresses", "bcc"}}) {
    const Run v = validate(k_report_schema, {renamed(from, to)});
    INFO(from << " -> " << to << "\n" << v.out << v.err);
    CHECK(v.status == 1);
    CHECK(v.err.find(to) != std::string::npos);
  }
  json summary_renamed = report;
  summary_renamed["summary"]["warning"] = summary_renamed["summary"]["warnings"];
  summary_renamed["summary"].erase("warnings");
  CHECK(validate(k_report_schema, {write(dir / "summary.json", summary_renamed.dump())}).status ==
        1);

  json model_renamed = model;
  model_renamed["segments"][0]["endLine"] = model_renamed["segments"][0]["end_line"];
  model_renamed["segments"][0].erase("end_line");
  CHECK(validate(k_parse_schema, {write(dir / "model.json", model_renamed.dump())}).status == 1);
  // A broken schema is reported as such (exit 2), never as "valid".
  CHECK(validate(write(dir / "bad-schema.json", R"({"type": 12})"), {good}).status == 2);
}
