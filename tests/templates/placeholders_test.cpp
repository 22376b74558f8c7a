// Template placeholders: built-in styles and the config's own patterns are left alone by every
// rule, in a whole repository of templates.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "config/config.hpp"
#include "data/data.hpp"
#include "draft/draft.hpp"
#include "rules/rules.hpp"
#include "run.hpp"
#include "util/error.hpp"

namespace fs = std::filesystem;
using namespace replylint;
using nlohmann::json;

namespace {

std::vector<std::string> placeholder_tokens(const std::string& text,
                                            const std::vector<std::string>& extra) {
  message::Message m;
  m.kind = message::InputKind::body;
  m.body.text = text;
  const draft::Draft d = draft::segment(std::move(m), data::default_data(), {"", extra});
  std::vector<std::string> out;
  for (const draft::Sentence* s : d.own_sentences())
    for (const draft::Word& w : s->words)
      if (w.kind == draft::TokenKind::placeholder) out.push_back(w.text);
  return out;
}

std::string config_error(const std::string& toml) {
  const fs::path dir = test::temp_folder("placeholder-config");
  std::ofstream(dir / ".replylint.toml") << toml;
  try {
    config::load_config(dir / ".replylint.toml");
  } catch (const InputError& e) {
    return e.describe().substr(e.describe().find(".replylint.toml"));
  }
  return "no error";
}

// Every diagnostic of a JSON report as "path:line:col rule: message".
std::vector<std::string> diagnostics(const std::string& report) {
  std::vector<std::string> out;
  const json parsed = json::parse(report);
  for (const json& file : parsed["files"])
    for (const json& d : file["diagnostics"])
      out.push_back(file["path"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()) +
                    ":" + std::to_string(d["column"].get<int>()) + " " +
                    d["rule"].get<std::string>() + ": " + d["message"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("every built-in placeholder style is one placeholder token", "[templates]") {
  CHECK(placeholder_tokens("Hola {{ nombre }} y {{nombre}}, {nombre}, ${nombre}, %NOMBRE% y "
                           "{% if x %}sí{% endif %}.\n",
                           {}) == std::vector<std::string>{"{{ nombre }}", "{{nombre}}", "{nombre}",
                                                           "${nombre}", "%NOMBRE%", "{% if x %}",
                                                           "{% endif %}"});
}

TEST_CASE("a config placeholder pattern counts only when it is configured", "[templates]") {
  const std::string text = "Le atiende [% nombreagente %] y @@CODIGO@@.\n";
  CHECK(placeholder_tokens(text, {}).empty());
  CHECK(placeholder_tokens(text, {R"(\[%\s*[a-z_.]+\s*%\])"}) ==
        std::vector<std::string>{"[% nombreagente %]"});
  CHECK(placeholder_tokens(text, {R"(\[%\s*[a-z_.]+\s*%\])", "@@[A-Z]+@@"}) ==
        std::vector<std::string>{"[% nombreagente %]", "@@CODIGO@@"});
  // A line of nothing but configured placeholders is a placeholder segment, not own text.
  message::Message m;
  m.kind = message::InputKind::body;
  m.body.text = "Hola.\n\n@@SALUDO@@ @@FIRMA@@\n";
  const draft::Draft d = draft::segment(std::move(m), data::default_data(), {"", {"@@[A-Z]+@@"}});
  REQUIRE(d.segments.size() >= 2);
  CHECK(d.segments.back().kind == draft::SegmentKind::placeholder);
}

TEST_CASE("placeholder patterns in overrides accumulate per file", "[templates]") {
  const config::Config c = config::load_config(test::template_repo() / ".replylint.toml");
  const auto legal =
      config::resolve(c, test::template_repo() / "templates/legal/es/condiciones.txt");
  CHECK(legal.placeholders == std::vector<std::string>{R"(\[%\s*[A-Za-z_.]+\s*%\])", "«[a-z_]+»"});
  const auto plain =
      config::resolve(c, test::template_repo() / "templates/es/confirmacion-pedido.txt");
  CHECK(plain.placeholders == std::vector<std::string>{R"(\[%\s*[A-Za-z_.]+\s*%\])"});
}

TEST_CASE("bad placeholder patterns are config errors with file:line", "[templates]") {
  CHECK(config_error("placeholders = ['x*']\n") ==
        ".replylint.toml:1: placeholder pattern matches empty text: 'x*'");
  CHECK(config_error("placeholders = ['(?<ph>x)']\n") ==
        ".replylint.toml:1: placeholder pattern has a named group: '(?<ph>x)' (use (?:...))");
  CHECK(config_error("[[overrides]]\nfiles = ['a/**']\nplaceholders = [\n  '[[a-z]',\n]\n") ==
        ".replylint.toml:4: pattern does not compile: '[[a-z]' (U_REGEX_MISSING_CLOSE_BRACKET)");
  // Look-arounds are not named groups.
  CHECK(config_error("placeholders = ['(?<!x)\\{\\{x\\}\\}']\n") == "no error");
}

TEST_CASE("every rule stays quiet on the placeholders of a template repository", "[templates]") {
  const test::Run r = test::replylint("check --format json .", test::template_repo());
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(diagnostics(r.out).empty());
  CHECK(json::parse(r.out)["summary"]["files"] == 5);
  const json parsed = json::parse(r.out);
  for (const json& file : parsed["files"]) CHECK(!file.contains("warnings"));
}

TEST_CASE("without their marks the same templates are flagged", "[templates]") {
  // The control for the test above: the words inside the placeholders are what the rules would
  // flag, so the quiet run is the placeholders' doing. Each file goes through stdin under its own
  // name, so the config and its overrides still apply.
  const std::regex marks(R"(\{\{|\}\}|\{%|%\}|\$\{|\[%|«|»|[{}%])");
  for (const char* name :
       {"templates/es/confirmacion-pedido.txt", "templates/es/respuesta-devolucion.eml",
        "templates/el/epivevaiosi-paraggelias.txt", "templates/en/welcome.tmpl",
        "templates/legal/es/condiciones.txt"}) {
    const std::string bare =
        std::regex_replace(test::slurp(test::template_repo() / name), marks, " ");
    const test::Run r =
        test::replylint(std::string("check --format json --stdin-filename ") + name + " -",
                        test::template_repo(), bare);
    INFO(name << "\n" << bare << r.err << r.out);
    CHECK(r.status == 1);
    CHECK(diagnostics(r.out).size() >= 2);
  }
}

TEST_CASE("the config's own placeholder patterns work only when configured", "[templates]") {
  const fs::path dir = test::temp_folder("no-placeholders");
  // Still a template: unfilled-placeholder stays off; only the patterns are missing.
  std::ofstream(dir / "plain.toml")
      << "words = [\"Tiendaverde\"]\n[rules.unfilled-placeholder]\nenabled = false\n";
  const std::string file = "templates/en/welcome.tmpl";
  const test::Run with = test::replylint("check --format json " + file, test::template_repo());
  CHECK(diagnostics(with.out).empty());
  const test::Run without = test::replylint(
      "check --format json --config " + test::quote((dir / "plain.toml").string()) + " " + file,
      test::template_repo());
  INFO(without.out << without.err);
  CHECK(diagnostics(without.out) ==
        std::vector<std::string>{
            "templates/en/welcome.tmpl:4:57 spelling: unknown word 'agnt.name'"});
  fs::remove_all(dir);
}
