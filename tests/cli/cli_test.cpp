// The built binary, run as a user runs it: on examples/, on bad input, on stdin.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <nlohmann/json.hpp>
#include "cli/run.hpp"
#include "rules/rules.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

using replylint::test::Run;
using replylint::test::slurp;

// Runs `replylint ARGS` from the source tree's top folder.
Run run(const std::string& args, const std::string& stdin_text = "") {
  return replylint::test::run_replylint(args, stdin_text);
}

std::map<std::string, std::string> snapshot(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) files[entry.path().string()] = slurp(entry.path());
  return files;
}

}  // namespace

TEST_CASE("check on examples/ reports findings and exits 1", "[cli]") {
  const auto before = snapshot(REPLYLINT_EXAMPLES_DIR);
  const Run r = run("check examples/");
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  CHECK(r.out.find("warning[spelling]: unknown word 'respuetsa'") != std::string::npos);
  CHECK(r.out.find("error[visible-recipients]") != std::string::npos);
  CHECK(r.out.find("warning[shouting]") != std::string::npos);
  CHECK(r.out.find("warning[missing-quote]") != std::string::npos);
  CHECK(r.out.find("6 files checked:") != std::string::npos);
  // Colour only on a terminal: never in a file, never with NO_COLOR.
  CHECK(r.out.find('\x1b') == std::string::npos);
  // Inputs are never written.
  CHECK(snapshot(REPLYLINT_EXAMPLES_DIR) == before);
}

TEST_CASE("clean examples exit 0", "[cli]") {
  for (const char* file : {"examples/es-respuesta-correcta.eml", "examples/el-swsti-apantisi.eml",
                           "examples/en-clean-reply.txt"}) {
    const Run r = run(std::string("check ") + file);
    INFO(file << "\n" << r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("1 file checked: 0 errors, 0 warnings, 0 infos") != std::string::npos);
  }
}

TEST_CASE("JSON report follows the contract and is stable", "[cli]") {
  const Run a = run("check --format json examples/");
  const Run b = run("check --format json examples/");
  CHECK(a.status == 1);
  CHECK(a.out == b.out);
  const auto report = nlohmann::json::parse(a.out);
  CHECK(report["version"] == 1);
  REQUIRE(report["files"].size() == 6);
  int diagnostics = 0;
  for (const auto& file : report["files"]) {
    CHECK(file.contains("path"));
    CHECK(file.contains("language"));
    for (const auto& d : file["diagnostics"]) {
      ++diagnostics;
      for (const char* key :
           {"rule", "severity", "message", "line", "column", "end_line", "end_column", "text"})
        CHECK(d.contains(key));
      CHECK(d["line"].get<int>() >= 1);
      CHECK(d["column"].get<int>() >= 1);
    }
  }
  CHECK(diagnostics > 0);
  CHECK(report["summary"]["files"] == 6);
  CHECK(report["summary"]["errors"].get<int>() >= 1);
}

TEST_CASE("the exit status follows --fail-on and --exit-zero", "[cli]") {
  // es-borrador-con-problemas has an error (visible-recipients) and warnings.
  CHECK(run("check examples/es-borrador-con-problemas.txt").status == 1);
  CHECK(run("check --fail-on error examples/es-borrador-con-problemas.txt").status == 1);
  CHECK(run("check --exit-zero examples/es-borrador-con-problemas.txt").status == 0);
  // A draft with only a warning passes --fail-on error and fails --fail-on warning or info.
  const std::string typo = "Hola,\n\nLe enviamos la respuetsa hoy.\n";
  CHECK(run("check --fail-on error -", typo).status == 0);
  CHECK(run("check --fail-on warning -", typo).status == 1);
  CHECK(run("check --fail-on info -", typo).status == 1);
  CHECK(run("check --fail-on info -", "Hola,\n\nLe enviamos la respuesta hoy.\n").status == 0);
}

TEST_CASE("a bad input gives one line on stderr and exit 2, the rest is still reported", "[cli]") {
  const Run r = run(
      "check examples/en-clean-reply.txt no/such/draft.eml examples/es-borrador-con-problemas.txt");
  CHECK(r.status == 2);
  CHECK(r.err == "replylint: error: no/such/draft.eml: no such file or folder\n");
  CHECK(r.out.find("es-borrador-con-problemas.txt:") != std::string::npos);
  CHECK(r.out.find("3 files checked:") != std::string::npos);
}

TEST_CASE("stdin is read with -", "[cli]") {
  const Run r = run("check --format json -", "Hola,\n\nLe enviamos la respuetsa hoy.\n");
  CHECK(r.status == 1);
  const auto report = nlohmann::json::parse(r.out);
  REQUIRE(report["files"][0]["diagnostics"].size() == 1);
  CHECK(report["files"][0]["path"] == "-");
  CHECK(report["files"][0]["diagnostics"][0]["text"] == "respuetsa");
}

TEST_CASE("rules and explain describe every rule", "[cli]") {
  const Run list = run("rules");
  CHECK(list.status == 0);
  for (const auto& entry : replylint::rules::registry())
    CHECK(list.out.find(entry.info.id) != std::string::npos);
  const auto json = nlohmann::json::parse(run("rules --format json").out);
  CHECK(json["rules"].size() == replylint::rules::registry().size());
  const Run explain = run("explain shouting");
  CHECK(explain.status == 0);
  CHECK(explain.out.find("## Why") != std::string::npos);
  CHECK(explain.out.find("Fix: safe, always available: ") != std::string::npos);
  CHECK(run("explain wall-of-text").out.find("Fix: none.") != std::string::npos);
  CHECK(json["rules"][0].contains("fix"));
  const Run unknown = run("explain shoutin");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown rule 'shoutin'") != std::string::npos);
}

TEST_CASE("parse prints the model as JSON", "[cli]") {
  const Run r = run("parse --format json examples/es-respuesta-correcta.eml");
  REQUIRE(r.status == 0);
  const auto model = nlohmann::json::parse(r.out);
  CHECK(model["version"] == 1);
  CHECK(model["kind"] == "mime");
  CHECK(model["is_reply"] == true);
  CHECK(model["subject"] == "Re: Pedido 51190 sin recibir");
  CHECK(model["from"][0]["address"] == "lucia@tiendaverde.es");
  bool has_quote = false, has_attribution = false, has_signature = false;
  for (const auto& s : model["segments"]) {
    has_quote |= s["kind"] == "quote";
    has_attribution |= s["kind"] == "attribution";
    has_signature |= s["kind"] == "signature";
  }
  CHECK(has_quote);
  CHECK(has_attribution);
  CHECK(has_signature);
}

TEST_CASE("usage errors exit 2", "[cli]") {
  CHECK(run("check --format xml examples/").status == 2);
  CHECK(run("frobnicate").status == 2);
  CHECK(run("--version").status == 0);
}
