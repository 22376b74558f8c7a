#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("suppression-without-reason flags a suppression with no reason",
          "[suppression-without-reason]") {
  const std::string comment = GENERATE(
      as<std::string>{}, "{# replylint: disable-next-line shouting #}",
      "{{!-- replylint: disable-next-line shouting --}}",
      "{{! replylint: disable-next-line shouting -- }}", "<!-- replylint: disable-file -->");
  CAPTURE(comment);
  const auto found = lint("suppression-without-reason", "Hola,\n\n" + comment + "\nAVISO LEGAL.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == comment);
  CHECK(found[0].message == "suppression without a reason");
}

TEST_CASE("suppression-without-reason stays quiet on the traps", "[suppression-without-reason]") {
  const std::string text =
      GENERATE(as<std::string>{},
               "Hola,\n\n{# replylint: disable-next-line shouting -- legal notice #}\nAVISO.\n",
               "Hola,\n\n{{!-- replylint: disable-line spelling -- brand --}} Verdeluxe.\n",
               "Hola,\n\n{# replylint: enable shouting #}\n",              // enable needs no reason
               "Hola,\n\n{# a note for the translators #}\n",              // not replylint's
               "Gracias.\n\n> {# replylint: disable-file shouting #}\n");  // quoted: someone else's
  CAPTURE(text);
  CHECK(lint("suppression-without-reason", text).empty());
}
