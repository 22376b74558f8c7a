#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
std::string draft(const std::string& headers) {
  return "From: Lucía Romero <lucia@tiendaverde.es>\n" + headers +
         "Subject: Aviso\n\nHola,\n\nGracias.\n";
}
}  // namespace

TEST_CASE("visible-recipients flags two customers who see each other", "[visible-recipients]") {
  const auto found = lint("visible-recipients", draft("To: ana@gmail.com, pedro@hotmail.com\n"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == replylint::report::Severity::error);
  CHECK(found[0].line == 2);
  CHECK(found[0].message == "2 outside recipients from 2 parties can see each other's addresses");
  CHECK(found[0].help == "move 1 address to Bcc: pedro@hotmail.com");
  REQUIRE(found[0].find_data("addresses") != nullptr);
  CHECK(*found[0].find_data("addresses") == std::vector<std::string>{"pedro@hotmail.com"});
}

TEST_CASE("visible-recipients counts free-mail users one by one, companies once",
          "[visible-recipients]") {
  // Two people at one company are one party; the gmail user is another.
  const auto found = lint("visible-recipients",
                          draft("To: compras@acme.com\nCc: jefa@acme.com, luis@gmail.com\n"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);  // the Cc line, where the second party appears
  REQUIRE(found[0].find_data("addresses") != nullptr);
  CHECK(*found[0].find_data("addresses") == std::vector<std::string>{"luis@gmail.com"});

  CHECK(lint("visible-recipients",
             draft("To: compras@acme.com\nCc: jefa@acme.com, it@mail.acme.com\n"))
            .empty());
}

TEST_CASE("visible-recipients names every address to move", "[visible-recipients]") {
  const auto found =
      lint("visible-recipients",
           draft("To: ana@gmail.com\nCc: b@yahoo.es, c@otenet.gr, d@proveedor.es\n"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "4 outside recipients from 4 parties can see each other's addresses");
  REQUIRE(found[0].find_data("addresses") != nullptr);
  CHECK(*found[0].find_data("addresses") ==
        std::vector<std::string>{"b@yahoo.es", "c@otenet.gr", "d@proveedor.es"});
  CHECK(found[0].help == "move 3 addresses to Bcc: b@yahoo.es, c@otenet.gr, d@proveedor.es");
}

TEST_CASE("visible-recipients uses the configured organisation domains", "[visible-recipients]") {
  const std::string text = draft("To: ana@gmail.com\nCc: soporte@tiendaverde-help.com\n");
  CHECK(lint("visible-recipients", text).size() == 1);
  CHECK(
      lint("visible-recipients", text, {.org_domains = {"tiendaverde.es", "tiendaverde-help.com"}})
          .empty());
}

TEST_CASE("visible-recipients stays quiet on the traps", "[visible-recipients]") {
  const std::string headers = GENERATE(
      as<std::string>{},
      "To: ana@gmail.com\n",                                                   // one customer
      "To: ana@gmail.com\nCc: soporte@tiendaverde.es, jefe@tiendaverde.es\n",  // colleagues in Cc
      "To: lucia@tiendaverde.es\nBcc: ana@gmail.com, pedro@hotmail.com, c@otenet.gr\n",  // Bcc list
      "To: ana@gmail.com, ANA@GMAIL.COM\n",                       // same address twice
      "To: Ana <ana@gmail.com>\nCc: ventas@es.tiendaverde.es\n",  // a subdomain of ours
      "To: clientes: ;\n");                                       // empty group
  CAPTURE(headers);
  CHECK(lint("visible-recipients", draft(headers)).empty());
}

TEST_CASE("visible-recipients ignores bare bodies", "[visible-recipients]") {
  CHECK(
      lint("visible-recipients", "Hola,\n\nana@gmail.com y pedro@hotmail.com, gracias.\n").empty());
}
