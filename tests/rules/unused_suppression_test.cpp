// unused-suppression on its own reports every suppression target; the engine drops those that
// hid a finding (tests/engine/suppress_test.cpp).
#include <catch2/catch.hpp>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "rules/rule_test.hpp"
#include "rules/suppression.hpp"

using replylint::test::lint;

TEST_CASE("unused-suppression reports each target of a suppression", "[unused-suppression]") {
  const auto found = lint("unused-suppression",
                          "Hola,\n\n{# replylint: disable-next-line shouting, spelling -- x #}\n"
                          "Gracias.\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == "shouting");
  CHECK(found[0].message == "suppression of 'shouting' hides nothing");
  CHECK(found[0].help == "remove the rule from it");
  CHECK(found[1].text == "spelling");
}

TEST_CASE("unused-suppression names unknown rules and directives", "[unused-suppression]") {
  auto found = lint("unused-suppression", "Hola,\n\n{{! replylint: disable-line shoutin -- x }}\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "unknown rule 'shoutin' in a suppression");
  found = lint("unused-suppression", "Hola,\n\n<!-- replylint: disable-nextline -- x -->\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "unknown suppression directive 'disable-nextline'");
  found = lint("unused-suppression", "Hola,\n\n{# replylint: disable-file -- x #}\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "suppression of every rule hides nothing");
  CHECK(found[0].text == "disable-file");
}

TEST_CASE("unused-suppression stays quiet on the traps", "[unused-suppression]") {
  const std::string text = GENERATE(
      as<std::string>{},
      "Hola,\n\n{# replylint: enable shouting #}\nGracias.\n",             // enable needs nothing
      "Hola,\n\n{# a comment about replylint: nothing to do #}\n",         // not a directive
      "Hola,\n\nreplylint: disable-file shouting -- not in a comment\n",   // no comment
      "Gracias.\n\n> {# replylint: disable-file shouting -- quoted #}\n",  // someone else's
      "Hola,\n\n{# replylint: disable-next-line shouting -- unclosed\n");  // no closer
  CAPTURE(text);
  CHECK(lint("unused-suppression", text).empty());
}

TEST_CASE("suppression comments are parsed with their targets, reason and line",
          "[unused-suppression][suppress]") {
  using namespace replylint;
  message::Message msg;
  msg.body.text =
      "Hola,\n"
      "{#- replylint: disable-next-line shouting,spelling  --  legal text -#}\n"
      "Texto {{! replylint: disable-line spelling }} y <!-- replylint: disable -- x -->\n";
  const draft::Draft draft = draft::segment(std::move(msg), data::default_data());
  const auto all = rules::find_suppressions(draft);
  REQUIRE(all.size() == 3);
  CHECK(all[0].kind == rules::SuppressionKind::next_line);
  CHECK(all[0].line == 1);
  REQUIRE(all[0].rules.size() == 2);
  CHECK(all[0].rules[0].rule == "shouting");
  CHECK(all[0].rules[1].rule == "spelling");
  CHECK(draft.text().substr(all[0].rules[1].range.begin, all[0].rules[1].range.size()) ==
        "spelling");
  CHECK(all[0].reason == "legal text");
  CHECK(all[1].kind == rules::SuppressionKind::line);
  CHECK(all[1].line == 2);
  CHECK(all[1].reason.empty());
  CHECK(all[2].kind == rules::SuppressionKind::disable);
  CHECK(all[2].rules.empty());
  CHECK(all[2].reason == "x");
  CHECK(rules::is_suppression_comment("{{!-- replylint: disable-line shouting -- x --}}"));
  CHECK(rules::is_suppression_comment("{# replylint: disable-file #}"));
  CHECK_FALSE(rules::is_suppression_comment("{{ nombre }}"));
  CHECK_FALSE(rules::is_suppression_comment("{# just a note #}"));
}
