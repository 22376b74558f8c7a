// A repository of old templates adopts replylint with a baseline and inline suppressions
// (docs/baseline.md, docs/suppressions.md), through the built binary on tests/baseline/repo.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/run.hpp"
#include "report/baseline.hpp"

namespace fs = std::filesystem;
using namespace replylint;

namespace {

fs::path fresh_copy() {
  const fs::path dir = test::scratch_dir("baseline");
  fs::copy(fs::path(REPLYLINT_TESTS_DIR) / "baseline" / "repo", dir, fs::copy_options::recursive);
  return dir;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Every finding of a JSON report as "path:line rule".
std::vector<std::string> findings(const test::Run& run) {
  const nlohmann::json report = nlohmann::json::parse(run.out);
  std::vector<std::string> out;
  for (const auto& file : report["files"])
    for (const auto& d : file["diagnostics"])
      out.push_back(file["path"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()) +
                    " " + d["rule"].get<std::string>());
  return out;
}

const std::string k_check = "check --format json -j2 ";

}  // namespace

TEST_CASE("the template repository's suppressions hide their lines and nothing else",
          "[baseline][suppress]") {
  const fs::path repo = fresh_copy();
  const test::Run run = test::run_replylint(k_check + "templates", "", repo);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  // The suppressed legal notice (.j2) and product names (.hbs) stay quiet, and so do the
  // comments; the old problems of the .txt templates are found.
  CHECK(findings(run) == std::vector<std::string>{
                             "templates/el/epivevaiosi.txt:5 shouting",
                             "templates/es/recordatorio-pago.txt:5 shouting",
                             "templates/es/recordatorio-pago.txt:9 shouting",
                             "templates/es/respuesta-retraso.txt:3 spelling",
                             "templates/es/respuesta-retraso.txt:5 shouting",
                         });
}

TEST_CASE("a baseline hides today's findings and fails only on new ones", "[baseline]") {
  const fs::path repo = fresh_copy();
  const test::Run written =
      test::run_replylint(k_check + "--write-baseline replylint-baseline.json templates", "", repo);
  INFO(written.out << written.err);
  CHECK(written.status == 0);
  CHECK(findings(written).empty());
  CHECK(written.err.find("5 findings hidden by the baseline") != std::string::npos);

  const nlohmann::json baseline = nlohmann::json::parse(read(repo / "replylint-baseline.json"));
  CHECK(baseline["version"] == 1);
  REQUIRE(baseline["findings"].size() == 4);  // the two identical notices are one entry
  std::size_t counted = 0;
  for (const auto& entry : baseline["findings"]) {
    CHECK(entry["fingerprint"].get<std::string>().size() == 16);
    CHECK(entry["path"].get<std::string>().starts_with("templates/"));
    CHECK(entry["path"].get<std::string>().find('\\') == std::string::npos);
    counted += entry["count"].get<std::size_t>();
    if (entry["path"] == "templates/es/recordatorio-pago.txt") CHECK(entry["count"] == 2);
  }
  CHECK(counted == 5);

  // Unchanged: passes, from another folder too (paths are relative to the baseline's folder).
  const test::Run again =
      test::run_replylint(k_check + "--baseline replylint-baseline.json templates", "", repo);
  CHECK(again.status == 0);
  CHECK(findings(again).empty());
  const test::Run from_above =
      test::run_replylint(k_check + "--baseline " + repo.filename().string() +
                              "/replylint-baseline.json " + repo.filename().string() + "/templates",
                          "", repo.parent_path());
  CHECK(from_above.status == 0);

  // Lines move (a paragraph added above), and one new problem appears elsewhere.
  const fs::path retraso = repo / "templates/es/respuesta-retraso.txt";
  std::string text = read(retraso);
  text.insert(text.find("\n\n") + 2,
              "Gracias por su paciencia.\n\nHemos hablado con el transportista esta mañana.\n\n");
  write(retraso, text);
  const fs::path pago = repo / "templates/es/recordatorio-pago.txt";
  std::string pago_text = read(pago);
  pago_text.replace(pago_text.find("Un saludo"), 0, "POR FAVOR NO RESPONDA A ESTE MENSAJE.\n\n");
  write(pago, pago_text);
  const fs::path greek = repo / "templates/el/epivevaiosi.txt";
  std::string greek_text = read(greek);
  greek_text.replace(greek_text.find("Με εκτίμηση"), 0,
                     "ΓΙΑ ΟΠΟΙΑΔΗΠΟΤΕ ΑΠΟΡΙΑ ΚΑΛΕΣΤΕ ΜΑΣ ΣΤΟ ΤΗΛΕΦΩΝΟ.\n\n");
  write(greek, greek_text);

  const test::Run after =
      test::run_replylint(k_check + "--baseline replylint-baseline.json templates", "", repo);
  INFO(after.out << after.err);
  CHECK(after.status == 1);
  // Only the new ones: a third identical notice (the baseline counted two) and the Greek line.
  const std::vector<std::string> got = findings(after);
  REQUIRE(got.size() == 2);
  CHECK(got[0].starts_with("templates/el/epivevaiosi.txt:"));
  CHECK(got[0].ends_with(" shouting"));
  CHECK(got[1].starts_with("templates/es/recordatorio-pago.txt:"));
  CHECK(got[1].ends_with(" shouting"));
  CHECK(after.err.find("5 findings hidden by the baseline") != std::string::npos);
  CHECK(after.err.find("no longer match") == std::string::npos);

  // A fixed problem leaves a stale entry, reported on stderr; it fails nothing.
  std::string fixed = read(retraso);
  fixed.replace(fixed.find("respueta"), 8, "respuesta");
  write(retraso, fixed);
  const test::Run stale = test::run_replylint(
      k_check + "--baseline replylint-baseline.json templates/es/respuesta-retraso.txt", "", repo);
  INFO(stale.out << stale.err);
  CHECK(stale.status == 0);
  CHECK(stale.err.find("1 baseline entry no longer match") != std::string::npos);
}

TEST_CASE("a baseline that is not one is an error", "[baseline]") {
  const fs::path repo = fresh_copy();
  write(repo / "bad.json", "{\"findings\": []}");
  const test::Run bad = test::run_replylint("check --baseline bad.json templates", "", repo);
  CHECK(bad.status == 2);
  CHECK(bad.err.find("is not a replylint baseline") != std::string::npos);
  const test::Run missing =
      test::run_replylint("check --baseline nowhere.json templates", "", repo);
  CHECK(missing.status == 2);
}

TEST_CASE("fingerprints ignore line numbers and white space, not the text", "[baseline]") {
  report::Finding a;
  a.diagnostic.rule = "shouting";
  a.diagnostic.text = "POR FAVOR  NO RESPONDA";
  a.source_line = "  POR FAVOR  NO RESPONDA.";
  a.diagnostic.line = 3;
  report::Finding b = a;
  b.diagnostic.line = 30;
  b.diagnostic.text = "POR FAVOR NO RESPONDA";
  b.source_line = "POR FAVOR NO\tRESPONDA.";
  CHECK(report::fingerprint("t/a.txt", a) == report::fingerprint("t/a.txt", b));
  CHECK(report::fingerprint("t/a.txt", a) != report::fingerprint("t/b.txt", a));
  report::Finding c = a;
  c.diagnostic.rule = "spelling";
  CHECK(report::fingerprint("t/a.txt", a) != report::fingerprint("t/a.txt", c));
  report::Finding d = a;
  d.source_line = "POR FAVOR NO RESPONDA HOY.";
  CHECK(report::fingerprint("t/a.txt", a) != report::fingerprint("t/a.txt", d));
}
