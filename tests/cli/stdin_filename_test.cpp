// `check -` with --stdin-filename NAME: the config found from NAME and its [[overrides]] apply
// exactly as they would to a file of that name.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/run.hpp"

using namespace replylint::test;
using nlohmann::json;

namespace {

const std::string k_typo = "Hola,\n\nLe enviamos la respuetsa hoy.\n";

// A project folder with a config whose overrides turn spelling off for templates/ and make it an
// error under urgent/; the named files need not exist.
fs::path make_project() {
  const fs::path dir = scratch_dir("stdin-filename") / "project";
  fs::create_directories(dir / "sub");
  std::ofstream(dir / ".replylint.toml") << "words = [\"Tiendaverde\"]\n\n"
                                            "[[overrides]]\nfiles = [\"templates/**\"]\n"
                                            "rules.spelling.enabled = false\n\n"
                                            "[[overrides]]\nfiles = [\"urgent/*.txt\"]\n"
                                            "rules.spelling.severity = \"error\"\n";
  return dir;
}

json check_stdin(const std::string& name, const fs::path& cwd, int expected_status) {
  const Run r = run_replylint("check --format json --stdin-filename " + shell_quote(name) + " -",
                              k_typo, cwd);
  INFO(name << "\n" << r.out << r.err);
  CHECK(r.status == expected_status);
  CHECK(r.err.empty());
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("stdin named by --stdin-filename gets the config and overrides of that name", "[agent]") {
  const fs::path project = make_project();

  SECTION("no override matches: the base config applies") {
    const json report = check_stdin("drafts/a.txt", project, 1);
    CHECK(report["files"][0]["path"] == "drafts/a.txt");
    REQUIRE(report["files"][0]["diagnostics"].size() == 1);
    CHECK(report["files"][0]["diagnostics"][0]["severity"] == "warning");
  }
  SECTION("an override turns the rule off") {
    const json report = check_stdin("templates/es/welcome.txt", project, 0);
    CHECK(report["files"][0]["path"] == "templates/es/welcome.txt");
    CHECK(report["files"][0]["diagnostics"].empty());
  }
  SECTION("an override changes the severity") {
    const json report = check_stdin("urgent/a.txt", project, 1);
    REQUIRE(report["files"][0]["diagnostics"].size() == 1);
    CHECK(report["files"][0]["diagnostics"][0]["severity"] == "error");
    CHECK(report["summary"]["errors"] == 1);
  }
  SECTION("the glob is relative to the config's folder, wherever replylint runs") {
    // From a subfolder, "../templates/x.txt" is the project's templates/x.txt.
    CHECK(check_stdin("../templates/x.txt", project / "sub", 0)["files"][0]["diagnostics"].empty());
    // From elsewhere, an absolute name finds the project's config.
    CHECK(check_stdin((project / "templates" / "x.txt").string(), fs::temp_directory_path(),
                      0)["files"][0]["diagnostics"]
              .empty());
    CHECK(check_stdin((project / "urgent" / "x.txt").string(), fs::temp_directory_path(),
                      1)["files"][0]["diagnostics"][0]["severity"] == "error");
  }
  SECTION("a file of the same name on disk gets the same report") {
    fs::create_directories(project / "templates");
    std::ofstream(project / "templates" / "same.txt") << k_typo;
    fs::create_directories(project / "urgent");
    std::ofstream(project / "urgent" / "same.txt") << k_typo;
    for (const char* name : {"templates/same.txt", "urgent/same.txt"}) {
      const Run from_file = run_replylint(std::string("check --format json ") + name, "", project);
      const Run from_stdin = run_replylint(
          std::string("check --format json --stdin-filename ") + name + " -", k_typo, project);
      CAPTURE(name);
      CHECK(from_file.status == from_stdin.status);
      CHECK(from_file.out == from_stdin.out);
    }
  }
}

TEST_CASE("without --stdin-filename, stdin takes the config of the working folder", "[agent]") {
  const fs::path project = make_project();
  std::ofstream(project / "sub" / ".replylint.toml") << "[rules.spelling]\nseverity = \"info\"\n";
  const Run r = run_replylint("check --format json -", k_typo, project / "sub");
  INFO(r.out << r.err);
  CHECK(r.status == 0);  // an info is below the default --fail-on warning
  const json report = json::parse(r.out);
  CHECK(report["files"][0]["path"] == "-");
  REQUIRE(report["files"][0]["diagnostics"].size() == 1);
  CHECK(report["files"][0]["diagnostics"][0]["severity"] == "info");
}
