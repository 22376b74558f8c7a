#include <algorithm>
#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("spelling accepts enclitic imperatives and prefixed words", "[spelling][morphology]") {
  CHECK(lint("spelling",
             "Hola Jorge:\n\nIndíquenos el horario y envíenoslo hoy; díganos también si quiere "
             "comunicárselo al coautor. Tras la reubicación, el superusuario podrá reindexar las "
             "subconsultas.\n")
            .empty());
  CHECK(lint("spelling",
             "Καλησπέρα σας,\n\nΠαρακαλούμε ξαναστείλτε μας τον κωδικό της δωροεπιταγής.\n")
            .empty());
}

TEST_CASE("spelling still flags an enclitic without its accent", "[spelling][morphology]") {
  const auto found = lint("spelling", "Hola Jorge:\n\nPor favor, indiquenos la dirección.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "indiquenos");
  CHECK(std::find(found[0].suggestions.begin(), found[0].suggestions.end(), "indiquenos") ==
        found[0].suggestions.end());
}

TEST_CASE("spelling ranks suggestions by the word before", "[spelling][morphology]") {
  const auto noun = lint("spelling", "Hola Ana:\n\nEl envio llegará el lunes.\n");
  REQUIRE(noun.size() == 1);
  REQUIRE(noun[0].suggestions.size() >= 2);
  CHECK(noun[0].suggestions[0] == "envío");
  const auto verb = lint("spelling", "Hola Ana:\n\nUsted envio la devolución ayer.\n");
  REQUIRE(verb.size() == 1);
  REQUIRE(!verb[0].suggestions.empty());
  CHECK(verb[0].suggestions[0] == "envió");
}

TEST_CASE("spelling keeps a Spanish word with two letters swapped, even when English has it",
          "[spelling][morphology]") {
  const auto found =
      lint("spelling", "Hola Ana:\n\nEl mood de pago no cambia y lo revisamos toads mañana.\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "mood");
  CHECK(found[1].text == "toads");
}

TEST_CASE("spelling accepts a Greek second accent before an enclitic only",
          "[spelling][morphology]") {
  CHECK(lint("spelling",
             "Καλησπέρα σας,\n\nΤο όνομά σας και η πρόσβασή σας στο ευρετήριό του είναι "
             "έτοιμα.\n")
            .empty());
  const auto found = lint("spelling",
                          "Καλησπέρα σας,\n\nΗ πρόσβασής στο ευρετήριό είναι έτοιμη, η πρόσβάση "
                          "σας και η σελίδά μου όχι.\n");
  REQUIRE(found.size() == 4);
  CHECK(found[0].text == "πρόσβασής");  // no enclitic after it
  CHECK(found[1].text == "ευρετήριό");
  CHECK(found[2].text == "πρόσβάση");  // the second accent not on the last syllable
  CHECK(found[3].text == "σελίδά");    // a word stressed on its penult
}
