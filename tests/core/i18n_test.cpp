// Messages in the reader's language (core/i18n.hpp): the localised copy beside the English
// message, arguments and fragments translated, a broken translation falling back to English.
#include "core/i18n.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "cli/run.hpp"
#include "rules/catalogue.hpp"
#include "rules/rule.hpp"
#include "rules/rules.hpp"

using namespace replylint;
using namespace replylint::test;
namespace i18n = replylint::core::i18n;

namespace {

// Switches the catalog for one test and back to English after it, leaving LANGUAGE as it was.
class LocaleGuard {
 public:
  LocaleGuard() {
    if (const char* value = std::getenv("LANGUAGE")) m_saved = value;
  }
  ~LocaleGuard() {
    i18n::activate("en");
    if (m_saved)
      setenv("LANGUAGE", m_saved->c_str(), 1);
    else
      unsetenv("LANGUAGE");
  }

 private:
  std::optional<std::string> m_saved;
};

// The msgids of the committed template, po/replylint.pot (written with --no-wrap: one line each).
std::set<std::string> template_msgids() {
  std::ifstream in(std::string(REPLYLINT_TESTS_DIR) + "/../po/replylint.pot");
  REQUIRE(in);
  std::set<std::string> ids;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("msgid \"")) continue;
    std::string id;
    for (std::size_t i = 7; i + 1 < line.size(); ++i) {
      if (line[i] != '\\') {
        id += line[i];
        continue;
      }
      const char escaped = line[++i];
      id += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
    }
    ids.insert(id);
  }
  return ids;
}

core::Diagnostic report_unknown_word(const std::string& word) {
  rules::Reporter out("spelling", core::Severity::warning);
  out.report({0, 1}, "unknown word '{}'", word).help("write it in sentence case");
  return out.diagnostics().front();
}

}  // namespace

TEST_CASE("i18n: English by default: no localised copy", "[i18n]") {
  LocaleGuard guard;
  REQUIRE(i18n::activate("en"));
  CHECK(i18n::active_language().empty());
  const core::Diagnostic d = report_unknown_word("respuetsa");
  CHECK(d.message == "unknown word 'respuetsa'");
  CHECK(d.message_localized.empty());
  CHECK(d.help_localized.empty());
}

TEST_CASE("i18n: --locale es gives a Spanish copy, the message stays English", "[i18n]") {
  LocaleGuard guard;
  REQUIRE(i18n::activate("es"));
  CHECK(i18n::active_language() == "es");
  const core::Diagnostic d = report_unknown_word("respuetsa");
  CHECK(d.message == "unknown word 'respuetsa'");
  CHECK(d.message_localized == "palabra desconocida «respuetsa»");
  CHECK(d.help == "write it in sentence case");
  CHECK(d.help_localized == "escríbala en minúsculas, con mayúscula solo al principio");
}

TEST_CASE("i18n: LANGUAGE=el under the C locale gives Greek", "[i18n]") {
  LocaleGuard guard;
  setenv("LANGUAGE", "el", 1);
  REQUIRE(i18n::activate());
  CHECK(i18n::active_language() == "el");
  CHECK(report_unknown_word("x").message_localized == "άγνωστη λέξη «x»");
  // A full locale name works without that locale being generated.
  REQUIRE(i18n::activate("el_GR.UTF-8"));
  CHECK(i18n::active_language() == "el");
}

TEST_CASE("i18n: fragments and joined lists are translated inside the message", "[i18n]") {
  LocaleGuard guard;
  REQUIRE(i18n::activate("es"));
  rules::Reporter out("overquoting", core::Severity::info);
  const i18n::Fragment what =
      i18n::join({i18n::fragment("the older messages"), i18n::fragment("the signature"),
                  i18n::fragment("the legal disclaimer")},
                 i18n::fragment(", "), i18n::fragment(" and "));
  out.report({0, 1}, "{} in the reply", i18n::translated("payment card number"))
      .help("keep only the lines you answer; cut {}", what);
  const core::Diagnostic& d = out.diagnostics().front();
  CHECK(d.message == "payment card number in the reply");
  CHECK(d.message_localized == "número de tarjeta de pago en la respuesta");
  CHECK(d.help ==
        "keep only the lines you answer; cut the older messages, the signature and the legal "
        "disclaimer");
  CHECK(d.help_localized ==
        "conserve solo las líneas que responde; elimine los mensajes anteriores, la firma y el "
        "aviso legal");
}

TEST_CASE("i18n: an unknown language is English, and says so to the caller", "[i18n]") {
  LocaleGuard guard;
  CHECK_FALSE(i18n::activate("fr"));
  CHECK(i18n::active_language().empty());
  CHECK(report_unknown_word("x").message_localized.empty());
  setenv("LANG", "fr_FR.UTF-8", 1);  // from the environment it is no error at all
  unsetenv("LANGUAGE");
  CHECK(i18n::activate());
  CHECK(i18n::active_language().empty());
  unsetenv("LANG");
}

TEST_CASE("i18n: a translation with broken placeholders falls back to English", "[i18n]") {
  LocaleGuard guard;
  const fs::path dir = scratch_dir("i18n-broken");
  fs::create_directories(dir / "es" / "LC_MESSAGES");
  std::ofstream(dir / "broken.po") << "msgid \"\"\nmsgstr \"\"\n"
                                      "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                                      "\"Language: es\\n\"\n\n"
                                      "msgid \"unknown word '{}'\"\n"
                                      "msgstr \"palabra {:d} desconocida\"\n\n"
                                      "msgid \"{} in the reply\"\n"
                                      "msgstr \"{} en {la respuesta\"\n\n"
                                      "msgid \"sentence of {} words\"\n"
                                      "msgstr \"frase de {} palabras y {}\"\n";
  const Run made =
      run_shell("msgfmt -o " + shell_quote((dir / "es/LC_MESSAGES/replylint.mo").string()) + " " +
                shell_quote((dir / "broken.po").string()));
  REQUIRE(made.status == 0);
  REQUIRE(i18n::activate("es", dir.string()));
  rules::Reporter out("test", core::Severity::warning);
  out.report({0, 1}, "unknown word '{}'", std::string("x"));
  out.report({0, 1}, "{} in the reply", std::string("x"));
  out.report({0, 1}, "sentence of {} words", 40);
  for (const core::Diagnostic& d : out.diagnostics()) {
    CAPTURE(d.message);
    CHECK(!d.message.empty());
    CHECK(d.message_localized.empty());
  }
}

TEST_CASE("i18n: the CLI speaks Spanish and Greek, JSON keeps English beside", "[i18n][cli]") {
  const std::string draft = "Subject: Re: pedido\n\nHOLA, SU PEDIDO ESTA LISTO PARA HOY.\n";
  const Run es = run_replylint("check --locale es -", draft);
  CHECK(es.status == 1);  // warnings: the exit status is the same in every language
  CHECK(es.out.find("frase escrita en mayúsculas") != std::string::npos);
  CHECK(es.out.find("= ayuda: ") != std::string::npos);
  CHECK(es.out.find("[shouting]") != std::string::npos);  // rule ids are never translated

  const Run el = run_shell(
      "LANGUAGE=el LANG=C NO_COLOR=1 " + shell_quote(REPLYLINT_BINARY) + " check --format json -",
      draft);
  CHECK(el.status == 1);
  INFO(el.out << el.err);
  const auto report = nlohmann::json::parse(el.out);
  CHECK(report.value("locale", "") == "el");
  bool seen = false;
  for (const auto& d : report["files"][0]["diagnostics"])
    if (d["rule"] == "shouting") {
      seen = true;
      CHECK(d.value("message", "") == "sentence written in capitals");
      CHECK(d.value("message_localized", "") == "πρόταση γραμμένη με κεφαλαία");
    }
  CHECK(seen);

  const Run en = run_replylint("check --format json -", draft);
  CHECK(nlohmann::json::parse(en.out).contains("locale") == false);
  CHECK(en.out.find("message_localized") == std::string::npos);

  const Run fr = run_replylint("check --locale fr -", draft);
  CHECK(fr.status == 1);
  CHECK(fr.out.find("sentence written in capitals") != std::string::npos);
  CHECK(fr.err.find("no translation for 'fr'") != std::string::npos);
}

TEST_CASE("i18n: explain, help and errors follow the locale; ids and options stay", "[i18n][cli]") {
  const Run es = run_replylint("--locale es explain shouting");
  CHECK(es.status == 0);
  CHECK(es.out.find("# shouting\n\npalabras, frases o un asunto escritos en mayúsculas (categoría: "
                    "tone, gravedad por defecto: warning)") != std::string::npos);
  CHECK(es.out.find("Corrección: safe, disponible siempre: escribe las mayúsculas") !=
        std::string::npos);

  const Run el = run_shell("LANGUAGE=el NO_COLOR=1 " + shell_quote(REPLYLINT_BINARY) + " --help");
  CHECK(el.status == 0);
  CHECK(el.out.find("ελέγχει πρόχειρα και εμφανίζει αναφορά") != std::string::npos);
  CHECK(el.out.find("--locale") != std::string::npos);

  const Run check_help = run_replylint("check --help --locale es");
  CHECK(check_help.out.find("--fail-on") != std::string::npos);
  CHECK(check_help.out.find("gravedad mínima que hace que el estado de salida sea 1") !=
        std::string::npos);

  const Run unknown = run_replylint("--locale el explain no-such-rule");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("άγνωστος κανόνας «no-such-rule»") != std::string::npos);

  const Run en = run_replylint("explain shouting");
  CHECK(en.out.find("words, sentences or a subject written in capitals (category: tone, default "
                    "severity: warning)") != std::string::npos);
}

TEST_CASE("i18n: a phrase file's help is localised; JSON keeps it English beside", "[i18n][cli]") {
  const std::string draft =
      "Subject: Re: pedido\n\nHola, Marta:\n\nLe envío el link para ver su pedido. Creo que si.\n\n"
      "Un saludo,\nAna\n";
  const Run text = run_replylint("check --locale es -", draft);
  INFO(text.out << text.err);
  CHECK(text.out.find("= ayuda: en español: enlace") != std::string::npos);
  CHECK(text.out.find("= ayuda: «sí» es afirmación; «si» es condicional") != std::string::npos);
  CHECK(text.out.find("in Spanish: enlace") == std::string::npos);

  const Run json = run_replylint("check --locale es --format json -", draft);
  INFO(json.out << json.err);
  const auto report = nlohmann::json::parse(json.out);
  bool foreign = false, accent = false;
  for (const auto& d : report["files"][0]["diagnostics"]) {
    if (d["rule"] == "foreign-word") {
      foreign = true;
      CHECK(d.value("message", "") == "'link' is English");
      CHECK(d.value("help", "") == "in Spanish: enlace");
      CHECK(d.value("help_localized", "") == "en español: enlace");
    } else if (d["rule"] == "accent-confusion") {
      accent = true;
      CHECK(d.value("help", "") == "'sí' is yes; 'si' is if");
      CHECK(d.value("help_localized", "") == "«sí» es afirmación; «si» es condicional");
    }
  }
  CHECK(foreign);
  CHECK(accent);

  const Run greek = run_replylint("check --locale el --format json -", draft);
  const auto greek_report = nlohmann::json::parse(greek.out);
  bool greek_seen = false;
  for (const auto& d : greek_report["files"][0]["diagnostics"])
    if (d["rule"] == "foreign-word") {
      greek_seen = true;
      CHECK(d.value("help_localized", "") == "στα ισπανικά: enlace");
    }
  CHECK(greek_seen);
}

TEST_CASE("i18n: Markdown units are headings, list items and paragraphs, never code", "[i18n]") {
  const std::string docs =
      "\n## What it flags\nA run of words in\ncapitals.\n\n- first item\n  goes on\n- second\n"
      "Use instead:\n```text\nHOLA ANA\n\n## not a heading\n```\n";
  CHECK(i18n::markdown_units(docs) ==
        std::vector<std::string>{"What it flags", "A run of words in capitals.",
                                 "first item goes on", "second Use instead:"});

  LocaleGuard guard;
  REQUIRE(i18n::activate("en"));
  CHECK(i18n::translate_markdown(docs) == docs);  // English: byte for byte as written
}

TEST_CASE("i18n: every unit of every rule's docs is a msgid of the template", "[i18n]") {
  // scripts/translations.py splits the docs for the .pot; explain splits them again to look
  // each unit up. A unit the two disagree on would stay English in every language.
  const std::set<std::string> ids = template_msgids();
  for (const rules::RegistryEntry& entry : rules::registry())
    for (const std::string& unit : i18n::markdown_units(entry.info.docs)) {
      INFO(entry.info.id << ": " << unit);
      CHECK(ids.contains(unit));
    }
}

TEST_CASE("i18n: explain translates each rule's prose and keeps its examples", "[i18n]") {
  LocaleGuard guard;
  for (const char* language : {"es", "el"}) {
    REQUIRE(i18n::activate(language));
    for (const rules::RegistryEntry& entry : rules::registry()) {
      const std::string explained = rules::explain_markdown(entry.info);
      for (const std::string& unit : i18n::markdown_units(entry.info.docs)) {
        INFO(language << " " << entry.info.id << ": " << unit);
        CHECK(i18n::translate(unit) != unit);
      }
      // The examples (code blocks) are the same bytes in every language: the docs test runs them.
      const std::string& docs = entry.info.docs;
      for (std::size_t open = docs.find("\n```"); open != std::string::npos;) {
        const std::size_t close = docs.find("\n```", open + 4);
        REQUIRE(close != std::string::npos);
        INFO(language << " " << entry.info.id);
        CHECK(explained.find(docs.substr(open, close + 4 - open)) != std::string::npos);
        open = docs.find("\n```", close + 4);
      }
    }
  }
}

TEST_CASE("i18n: explain's prose, the summary line and CLI11's words in Spanish and Greek",
          "[i18n][cli]") {
  const Run es = run_replylint("--locale es explain shouting");
  CHECK(es.status == 0);
  CHECK(es.out.find("## Qué detecta\n") != std::string::npos);
  CHECK(es.out.find("## What it flags") == std::string::npos);
  CHECK(es.out.find("POR FAVOR ENVÍE EL FORMULARIO HOY.") != std::string::npos);
  CHECK(es.out.find("`min-words`") != std::string::npos);  // option names stay as they are

  const Run el = run_replylint("--locale el explain personal-data");
  CHECK(el.status == 0);
  CHECK(el.out.find("## Τι εντοπίζει\n") != std::string::npos);
  CHECK(el.out.find("## Why") == std::string::npos);

  const std::string draft = "Subject: Re: pedido\n\nHola Ana,\n\nSU PEDIDO ESTA LISTO PARA HOY.\n";
  const Run one = run_replylint("check --locale es --exit-zero -", draft);
  INFO(one.out << one.err);
  CHECK(one.out.find("1 archivo revisado: 0 errores, ") != std::string::npos);
  const Run greek = run_replylint("check --locale el --exit-zero -", draft);
  CHECK(greek.out.find("ελέγχθηκε 1 αρχείο: 0 σφάλματα, ") != std::string::npos);
  const Run english = run_replylint("check --exit-zero -", draft);
  CHECK(english.out.find("1 file checked: 0 errors, ") != std::string::npos);

  const Run help = run_replylint("check --help --locale es");
  CHECK(help.out.find("Uso: ") != std::string::npos);
  CHECK(help.out.find("Opciones:") != std::string::npos);
  CHECK(help.out.find("muestra esta ayuda y sale") != std::string::npos);
  CHECK(help.out.find("lee los archivos mbox en este formato") != std::string::npos);
}

TEST_CASE("i18n: a fix's title has a localised copy beside the English one", "[i18n][cli]") {
  const std::string draft = "Subject: Re: pedido\n\nHola Ana,\n\nSU PEDIDO ESTA LISTO PARA HOY.\n";
  const Run es = run_replylint("check --locale es --format json --exit-zero -", draft);
  INFO(es.out << es.err);
  const auto report = nlohmann::json::parse(es.out);
  bool seen = false;
  for (const auto& d : report["files"][0]["diagnostics"])
    if (d["rule"] == "shouting" && d.contains("fix")) {
      seen = true;
      CHECK(d["fix"].value("title", "") == "write it in sentence case");
      CHECK(d["fix"].value("title_localized", "") ==
            "escríbala en minúsculas, con mayúscula solo al principio");
    }
  CHECK(seen);
  const Run en = run_replylint("check --format json --exit-zero -", draft);
  CHECK(en.out.find("title_localized") == std::string::npos);
}
