// --format sarif and --format github, and parallel runs that print what a serial run prints.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "report/render.hpp"
#include "run.hpp"

namespace fs = std::filesystem;
using namespace replylint;
using nlohmann::json;

namespace {

// A report with one finding of each severity, one in a decoded MIME part, and a failed input.
report::Report sample_report() {
  report::Report r;
  report::FileReport a;
  a.path = "plantillas/respuesta pedido ñ.txt";
  auto add = [&](const char* rule, report::Severity severity, int line, int column, int end_column,
                 std::string text, std::string part = "") {
    report::Finding f;
    f.diagnostic.rule = rule;
    f.diagnostic.severity = severity;
    f.diagnostic.message = std::string("found '") + text + "'";
    f.diagnostic.line = f.diagnostic.end_line = line;
    f.diagnostic.column = column;
    f.diagnostic.end_column = end_column;
    f.diagnostic.text = std::move(text);
    f.diagnostic.part = std::move(part);
    a.findings.push_back(std::move(f));
  };
  add("shouting", report::Severity::warning, 3, 1, 10, "AYUDA YA");
  add("spelling", report::Severity::info, 4, 2, 5, "xyz");
  add("spelling", report::Severity::info, 9, 2, 5, "xyz");
  add("visible-recipients", report::Severity::error, 2, 5, 40, "a@b.es, c@d.es", "1.2");
  r.files.push_back(std::move(a));
  report::FileReport broken;
  broken.path = "otra/rota.eml";
  broken.error = "malformed MIME: missing closing boundary";
  r.files.push_back(std::move(broken));
  return r;
}

std::vector<report::RuleDoc> sample_rules() {
  return {
      {"shouting", "capitals",
       "\n## What it flags\nA run of words\nin capitals.\n\n## Why\nIt shouts.\n",
       report::Severity::warning},
      {"spelling", "typos", "\n## What it flags\nUnknown words.\n", report::Severity::warning},
      {"visible-recipients", "use Bcc", "\n## What it flags\nMany To.\n", report::Severity::error}};
}

// Runs python3-jsonschema on `document`; "" when valid, "SKIP" when it cannot run.
std::string validate(const json& document, const fs::path& schema) {
  const fs::path dir = test::temp_folder("validate");
  std::ofstream(dir / "doc.json") << document.dump();
  const test::Run r = test::run_in(
      "/usr/bin/python3 " +
          test::quote((fs::path(REPLYLINT_TESTS_DIR) / "templates/validate_json.py").string()) +
          " " + test::quote(schema.string()) + " doc.json",
      dir);
  fs::remove_all(dir);
  if (r.status == 3 || r.status == 127) return "SKIP";
  return r.status == 0 ? "" : r.out + r.err;
}

const fs::path k_schema =
    fs::path(REPLYLINT_TESTS_DIR) / "templates/sarif-2.1.0-subset.schema.json";

}  // namespace

TEST_CASE("SARIF log: driver rules, results, regions, notifications", "[templates]") {
  report::SarifOptions options{"9.9.9", "https://example.org/replylint", fs::current_path()};
  const json log = report::to_sarif(sample_report(), sample_rules(), options);
  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
  const json& run = log["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] ==
        "file://" + fs::current_path().generic_string() + "/");
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "replylint");
  CHECK(driver["version"] == "9.9.9");
  CHECK(driver["rules"][0]["fullDescription"]["text"] == "A run of words in capitals.");
  CHECK(driver["rules"][0]["help"]["markdown"].get<std::string>().find("## Why\nIt shouts.") !=
        std::string::npos);
  CHECK(driver["rules"][2]["defaultConfiguration"]["level"] == "error");

  const json& results = run["results"];
  REQUIRE(results.size() == 4);
  CHECK(results[0]["ruleId"] == "shouting");
  CHECK(results[0]["ruleIndex"] == 0);
  CHECK(results[0]["level"] == "warning");
  CHECK(results[1]["level"] == "note");
  CHECK(results[3]["level"] == "error");
  CHECK(results[3]["ruleIndex"] == 2);
  const json& location = results[0]["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "plantillas/respuesta%20pedido%20%C3%B1.txt");
  CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(location["region"] ==
        json{{"startLine", 3}, {"startColumn", 1}, {"endLine", 3}, {"endColumn", 10}});
  // Positions in a decoded part are no file positions: no region, the message says where.
  CHECK(!results[3]["locations"][0]["physicalLocation"].contains("region"));
  CHECK(results[3]["message"]["text"] ==
        "found 'a@b.es, c@d.es' (MIME part 1.2, line 2, column 5)");
  // Same rule, text and file: told apart by occurrence; stable across runs.
  const std::string fp1 = results[1]["partialFingerprints"]["replylint/v1"];
  const std::string fp2 = results[2]["partialFingerprints"]["replylint/v1"];
  CHECK(fp1.substr(0, 16) == fp2.substr(0, 16));
  CHECK(fp1 != fp2);
  CHECK(fp1 ==
        report::to_sarif(sample_report(), sample_rules(),
                         options)["runs"][0]["results"][1]["partialFingerprints"]["replylint/v1"]);

  CHECK(run["invocations"][0]["executionSuccessful"] == false);
  const json& note = run["invocations"][0]["toolExecutionNotifications"][0];
  CHECK(note["level"] == "error");
  CHECK(note["message"]["text"] == "otra/rota.eml: malformed MIME: missing closing boundary");

  const std::string problems = validate(log, k_schema);
  if (problems == "SKIP")
    WARN("python3-jsonschema not installed: SARIF schema check skipped");
  else
    CHECK(problems.empty());

  // A path outside the base folder becomes an absolute file URI.
  report::Report outside;
  outside.files.push_back({"/elsewhere/a b.txt", "", {}, {}, ""});
  report::Finding f;
  f.diagnostic = {"shouting", report::Severity::warning, "m", "", {}, {}, {}, "", 1, 1, 1, 2, "A"};
  outside.files[0].findings.push_back(f);
  CHECK(
      report::to_sarif(outside, sample_rules(), options)["runs"][0]["results"][0]["locations"][0]
                                                        ["physicalLocation"]["artifactLocation"] ==
      json{{"uri", "file:///elsewhere/a%20b.txt"}});
}

TEST_CASE("check --format sarif on examples/ is valid and names every finding", "[templates]") {
  const test::Run sarif = test::replylint("check --format sarif examples/", test::source_dir());
  const test::Run plain = test::replylint("check --format json examples/", test::source_dir());
  REQUIRE(sarif.status == 1);
  CHECK(sarif.err.empty());
  const json log = json::parse(sarif.out);
  const json report = json::parse(plain.out);
  const json& run = log["runs"][0];
  std::size_t findings = 0;
  for (const json& file : report["files"]) findings += file["diagnostics"].size();
  REQUIRE(run["results"].size() == findings);
  CHECK(findings > 4);
  // Every registered rule is described, and every result points at its rule.
  const test::Run rules = test::replylint("rules --format json", test::source_dir());
  CHECK(run["tool"]["driver"]["rules"].size() == json::parse(rules.out)["rules"].size());
  for (const json& result : run["results"]) {
    const json& rule = run["tool"]["driver"]["rules"][result["ruleIndex"].get<std::size_t>()];
    CHECK(rule["id"] == result["ruleId"]);
    const std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    CHECK(uri.rfind("examples/", 0) == 0);
  }
  // The first result is the first JSON diagnostic, position for position.
  const json& first = report["files"][0]["diagnostics"][0];
  const json& region = run["results"][0]["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startLine"] == first["line"]);
  CHECK(region["startColumn"] == first["column"]);
  CHECK(region["endColumn"] == first["end_column"]);

  const std::string problems = validate(log, k_schema);
  if (problems == "SKIP")
    WARN("python3-jsonschema not installed: SARIF schema check skipped");
  else
    CHECK(problems.empty());
}

TEST_CASE("workflow commands escape data and properties", "[templates]") {
  CHECK(report::github_escape_data("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext: a, b");
  CHECK(report::github_escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A");
  const std::string out = report::render_github(sample_report());
  CHECK(out ==
        "::warning file=plantillas/respuesta pedido ñ.txt,line=3,col=1,endLine=3,endColumn=10,"
        "title=replylint shouting::found 'AYUDA YA'\n"
        "::notice file=plantillas/respuesta pedido ñ.txt,line=4,col=2,endLine=4,endColumn=5,"
        "title=replylint spelling::found 'xyz'\n"
        "::notice file=plantillas/respuesta pedido ñ.txt,line=9,col=2,endLine=9,endColumn=5,"
        "title=replylint spelling::found 'xyz'\n"
        "::error file=plantillas/respuesta pedido ñ.txt,line=1,title=replylint visible-recipients::"
        "found 'a@b.es, c@d.es' (MIME part 1.2, line 2, column 5)\n"
        "::error file=otra/rota.eml,title=replylint::malformed MIME: missing closing boundary\n"
        "2 files checked: 1 error, 1 warning, 2 infos\n");
}

TEST_CASE("check --format github annotates examples/", "[templates]") {
  const test::Run r = test::replylint(
      "check --format github examples/es-borrador-con-problemas.txt", test::source_dir());
  CHECK(r.status == 1);
  CHECK(r.out.find("::warning file=examples/es-borrador-con-problemas.txt,line=") !=
        std::string::npos);
  CHECK(r.out.find(",title=replylint spelling::unknown word 'respuetsa'") != std::string::npos);
  // Multi-line text never breaks a command: every line is a command or the summary.
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    CHECK((line.rfind("::", 0) == 0 || line.find(" checked: ") != std::string::npos));
}

TEST_CASE("parallel checking (jobs 4) prints the same bytes as serial checking (jobs 1)",
          "[templates]") {
  const std::string folders =
      "examples tests/rules tests/draft/fixtures tests/message/fixtures "
      "tests/templates/repo";
  const test::Run serial =
      test::replylint("check --format json --jobs 1 " + folders, test::source_dir());
  const test::Run parallel =
      test::replylint("check --format json --jobs 4 " + folders, test::source_dir());
  const std::size_t files = json::parse(serial.out)["files"].size();
  INFO(files << " files");
  CHECK(files > 90);
  CHECK(serial.status == parallel.status);
  CHECK(serial.err == parallel.err);
  CHECK(serial.out == parallel.out);
  const test::Run sarif1 =
      test::replylint("check --format sarif -j 1 " + folders, test::source_dir());
  const test::Run sarif4 =
      test::replylint("check --format sarif -j 4 " + folders, test::source_dir());
  CHECK(sarif1.out == sarif4.out);
  // The default (every core) agrees too.
  CHECK(test::replylint("check --format json " + folders, test::source_dir()).out == serial.out);
}
