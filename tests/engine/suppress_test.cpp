// Inline suppressions in templates' own comments, through the whole engine: every default rule
// runs, so the comments themselves must stay quiet too.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

#include "data/data.hpp"
#include "engine/engine.hpp"

using namespace replylint;
namespace fs = std::filesystem;

namespace {

engine::Engine& shared_engine() {
  static engine::Engine engine(data::default_data(), engine::Options{.language = "es"});
  return engine;
}

// Findings of `text` as a file of an empty config folder, as "line rule" strings.
std::vector<std::string> lint(const std::string& text, const std::string& name = "t.txt") {
  static const fs::path folder = [] {
    std::random_device random;
    fs::path dir = fs::temp_directory_path() / ("replylint-suppress-" + std::to_string(random()));
    fs::create_directories(dir);
    return dir;
  }();
  const report::FileReport file =
      shared_engine().check_bytes((folder / name).string(), text, folder / name);
  REQUIRE(file.error.empty());
  std::vector<std::string> out;
  for (const report::Finding& f : file.findings)
    out.push_back(std::to_string(f.diagnostic.line) + " " + f.diagnostic.rule);
  return out;
}

const std::string k_shout = "AVISO LEGAL: ESTE MENSAJE ES CONFIDENCIAL.\n";
const std::string k_head = "Hola Ana,\n\nLe escribimos para confirmar su pedido de ayer.\n\n";
const std::string k_tail = "\nUn saludo,\nLucía\n";

}  // namespace

TEST_CASE("without a suppression the shouting line fires", "[suppress]") {
  CHECK(lint(k_head + k_shout + k_tail) == std::vector<std::string>{"5 shouting"});
}

TEST_CASE("disable-next-line in each template language hides the next line, quietly",
          "[suppress]") {
  const std::string comment = GENERATE(
      as<std::string>{},
      "{# replylint: disable-next-line shouting -- the legal notice is in capitals #}",
      "{#- replylint: disable-next-line shouting -- Jinja whitespace control -#}",
      "{{!-- replylint: disable-next-line shouting -- the legal notice is in capitals --}}",
      "{{! replylint: disable-next-line shouting -- the legal notice is in capitals }}",
      "<!-- replylint: disable-next-line shouting -- the legal notice is in capitals -->",
      "{% # replylint: disable-next-line shouting -- Liquid's inline comment %}",
      "{% comment %}replylint: disable-next-line shouting -- Liquid's block comment{% "
      "endcomment %}",
      "{%- comment -%}replylint: disable-next-line shouting -- whitespace control{%- endcomment "
      "-%}",
      "{%comment%}replylint: disable-next-line shouting -- no spaces{%endcomment%}",
      "{# replylint: disable-next-line spelling, shouting -- two rules #}",
      "{# replylint: disable-next-line -- every rule #}");
  CAPTURE(comment);
  const auto found = lint(k_head + comment + "\n" + k_shout + k_tail);
  // No shouting, and nothing on the comment line (spelling, unfilled-placeholder, shouting):
  // "spelling" in the two-rule comment hid nothing, so only that target is reported unused.
  if (comment.find("spelling,") != std::string::npos)
    CHECK(found == std::vector<std::string>{"5 unused-suppression"});
  else
    CHECK(found.empty());
}

TEST_CASE("disable-line, disable … enable and disable-file", "[suppress]") {
  CHECK(lint(k_head +
             "AVISO LEGAL: ESTE MENSAJE ES CONFIDENCIAL. "
             "{# replylint: disable-line shouting -- legal #}\n" +
             k_tail)
            .empty());
  const std::string block = k_head + "{# replylint: disable shouting -- the legal block #}\n" +
                            k_shout + k_shout + "{# replylint: enable shouting #}\n" + k_shout +
                            k_tail;
  CHECK(lint(block) == std::vector<std::string>{"9 shouting"});
  const std::string unclosed = k_head + "{# replylint: disable shouting -- to the end #}\n" +
                               k_shout + "\n" + k_shout + k_tail;
  CHECK(lint(unclosed).empty());
  // disable-file reaches the subject too.
  const std::string draft =
      "From: Lucía <lucia@tiendaverde.es>\nTo: ana@example.com\n"
      "Subject: AVISO IMPORTANTE SOBRE SU PEDIDO\n\n" +
      k_head + "<!-- replylint: disable-file shouting -- legal text -->\n" + k_shout + k_tail;
  CHECK(lint(draft).empty());
}

TEST_CASE("an unused suppression is reported, the hidden line's neighbours are not hidden",
          "[suppress]") {
  // The comment applies to the next line only: a blank line in between hides nothing.
  const auto found =
      lint(k_head + "{# replylint: disable-next-line shouting -- legal #}\n\n" + k_shout + k_tail);
  CHECK(found == std::vector<std::string>{"5 unused-suppression", "7 shouting"});
}

TEST_CASE("a suppression without a reason still applies and is reported", "[suppress]") {
  CHECK(lint(k_head + "{{! replylint: disable-next-line shouting }}\n" + k_shout + k_tail) ==
        std::vector<std::string>{"5 suppression-without-reason"});
}

TEST_CASE("unknown rules and directives are reported and hide nothing", "[suppress]") {
  CHECK(lint(k_head + "{# replylint: disable-next-line shoutin -- typo #}\n" + k_shout + k_tail) ==
        std::vector<std::string>{"5 unused-suppression", "6 shouting"});
  CHECK(lint(k_head + "{# replylint: disable-nextline shouting -- typo #}\n" + k_shout + k_tail) ==
        std::vector<std::string>{"5 unused-suppression", "6 shouting"});
}

TEST_CASE("a suppression in quoted text is someone else's and does nothing", "[suppress]") {
  const std::string text = k_head + k_shout + k_tail +
                           "\nEl 3 de marzo, Ana escribió:\n"
                           "> {# replylint: disable-file -- not ours #}\n> Hola\n";
  CHECK(lint(text) == std::vector<std::string>{"5 shouting"});
}

TEST_CASE("an HTML-only message keeps its suppression comments, next to the block they precede",
          "[suppress]") {
  const std::string html_head =
      "From: Lucía <lucia@tiendaverde.es>\nTo: ana@example.com\nSubject: Su pedido\n"
      "Content-Type: text/html; charset=utf-8\n\n"
      "<html><body><p>Hola Ana,</p><p>Le escribimos para confirmar su pedido de ayer.</p>\n";
  const std::string notice = "<p>AVISO LEGAL: ESTE MENSAJE ES CONFIDENCIAL.</p>\n";
  const std::string html_tail = "<p>Un saludo,<br>Lucía</p></body></html>\n";
  CHECK(lint(html_head + notice + html_tail, "t.eml") == std::vector<std::string>{"5 shouting"});
  // Between blocks, the comment is the line just above the notice; inside one, on its line.
  CHECK(lint(html_head + "<!-- replylint: disable-next-line shouting -- legal -->\n" + notice +
                 html_tail,
             "t.eml")
            .empty());
  CHECK(lint(html_head +
                 "<p>AVISO LEGAL: ESTE MENSAJE ES CONFIDENCIAL. <!-- replylint: disable-line "
                 "shouting -- legal --></p>\n" +
                 html_tail,
             "t.eml")
            .empty());
  // Any other comment stays out of the text.
  CHECK(lint(html_head + "<!-- [if mso]>TABLA DE DISEÑO<![endif] -->\n" + notice + html_tail,
             "t.eml") == std::vector<std::string>{"5 shouting"});
}
