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

namespace {
using replylint::core::Applicability;
using replylint::core::Edit;
using replylint::core::Location;

// The edit of `fix` on header `name`, or nullptr.
const Edit* edit_of(const replylint::core::Fix& fix, const std::string& name) {
  for (const Edit& e : fix.edits)
    if (e.location.origin == Location::Origin::header && e.location.header == name) return &e;
  return nullptr;
}
}  // namespace

TEST_CASE("visible-recipients' unsafe fix moves the listed addresses to a new Bcc",
          "[visible-recipients][fix]") {
  const auto found = lint("visible-recipients",
                          draft("To: Ana García <ana@gmail.com>, pedro@hotmail.com\n"
                                "Cc: \"López, Marta\" <marta@yahoo.es>, soporte@tiendaverde.es\n"));
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  const auto& fix = *found[0].fix;
  CHECK(fix.applicability == Applicability::unsafe);
  CHECK(fix.title == "move 2 addresses to Bcc");
  REQUIRE(fix.edits.size() == 3);
  const Edit* to = edit_of(fix, "To");
  const Edit* cc = edit_of(fix, "Cc");
  const Edit* bcc = edit_of(fix, "Bcc");
  REQUIRE(to);
  REQUIRE(cc);
  REQUIRE(bcc);
  // The whole decoded value is rewritten; the first customer in To and the colleague stay.
  CHECK(to->location.range.begin == 0);
  CHECK(to->location.range.end ==
        std::string("Ana García <ana@gmail.com>, pedro@hotmail.com").size());
  CHECK(to->replacement == "Ana García <ana@gmail.com>");
  CHECK(cc->replacement == "soporte@tiendaverde.es");
  // No Bcc yet: an insertion at {0, 0} of a new header; display names keep their quoting.
  CHECK(bcc->location.range.begin == 0);
  CHECK(bcc->location.range.end == 0);
  CHECK(bcc->replacement == "pedro@hotmail.com, \"López, Marta\" <marta@yahoo.es>");
}

TEST_CASE("visible-recipients' fix empties Cc and appends to an existing Bcc",
          "[visible-recipients][fix]") {
  const auto found = lint("visible-recipients", draft("To: ana@gmail.com\n"
                                                      "Cc: luis@gmail.com\n"
                                                      "Bcc: archivo@tiendaverde.es\n"));
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  const auto& fix = *found[0].fix;
  REQUIRE(fix.edits.size() == 2);
  CHECK(edit_of(fix, "To") == nullptr);  // To keeps its one customer untouched
  const Edit* cc = edit_of(fix, "Cc");
  REQUIRE(cc);
  CHECK(cc->location.range.size() == std::string("luis@gmail.com").size());
  CHECK(cc->replacement.empty());  // the whole value replaced by nothing: the header goes
  const Edit* bcc = edit_of(fix, "Bcc");
  REQUIRE(bcc);
  const std::size_t end = std::string("archivo@tiendaverde.es").size();
  CHECK(bcc->location.range.begin == end);
  CHECK(bcc->location.range.end == end);
  CHECK(bcc->replacement == ", luis@gmail.com");
}

TEST_CASE("visible-recipients offers no fix it cannot write faithfully",
          "[visible-recipients][fix]") {
  const auto grouped =
      lint("visible-recipients", draft("To: Clientes: ana@gmail.com, pedro@hotmail.com;\n"));
  REQUIRE(grouped.size() == 1);
  CHECK_FALSE(grouped[0].fix);
  const auto twice = lint("visible-recipients",
                          draft("To: ana@gmail.com\nCc: luis@gmail.com\nCc: eva@gmail.com\n"));
  REQUIRE(twice.size() == 1);
  CHECK_FALSE(twice[0].fix);
}
