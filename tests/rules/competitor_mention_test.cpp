#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;
using replylint::test::LintSettings;

namespace {
LintSettings competitors() {
  LintSettings settings;
  for (const char* name : {"Zalando", "El Corte Inglés", "Amazon.es", "Πλαίσιο", "MediaMarkt"})
    settings.options.emplace_back("competitors", name);
  return settings;
}
}  // namespace

TEST_CASE("competitor-mention does nothing until configured", "[competitor-mention]") {
  CHECK(lint("competitor-mention", "En Zalando tardan más que nosotros.\n").empty());
}

TEST_CASE("competitor-mention flags a configured name as whole words, ignoring case and accents",
          "[competitor-mention]") {
  const auto [text, flagged] = GENERATE(table<std::string, std::string>({
      {"En Zalando tardan más que nosotros.\n", "Zalando"},
      {"en zalando tardan más\n", "zalando"},
      {"Eso en El Corte Ingles se lo cobran.\n", "El Corte Ingles"},  // no accent
      {"EL CORTE INGLÉS no tiene este modelo.\n", "EL CORTE INGLÉS"},
      {"Lo vimos más barato en Amazon.es, pero no incluye garantía.\n", "Amazon.es"},
      {"Στο Πλαίσιο η τιμή είναι υψηλότερη.\n", "Πλαίσιο"},
      {"Στο ΠΛΑΙΣΙΟ η τιμή είναι υψηλότερη.\n", "ΠΛΑΙΣΙΟ"},
      {"Unlike MediaMarkt, we ship for free.\n", "MediaMarkt"},
      {"Our prices are lower than MediaMarkt's.\n", "MediaMarkt's"},  // a possessive
      {"Our prices are lower than MediaMarkt\u2019s.\n", "MediaMarkt\u2019s"},
  }));
  CAPTURE(text);
  const auto found = lint("competitor-mention", text, competitors());
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == flagged);
  CHECK(found[0].severity == replylint::core::Severity::info);
  CHECK(found[0].message == "competitor named: '" + flagged + "'");
}

TEST_CASE("competitor-mention stays quiet on the traps", "[competitor-mention]") {
  REQUIRE(!lint("competitor-mention", "Zalando.\n", competitors()).empty());
  const std::string text = GENERATE(
      as<std::string>{},
      "Zalandos y zalandeo no son nombres.\n",                         // not whole words
      "El corte de pelo inglés.\n",                                    // not the whole name
      "Compruebe https://www.amazon.es/gp/your-orders y nos dice.\n",  // a link
      "Escriba a ventas@zalando.es si lo prefiere.\n",                 // an address
      "Gracias.\n\n> Zalando me lo envía en 24 horas.\n",              // quoted text
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> En Amazon.es es más "
      "barato.\n",                                           // attribution + quote
      "Un saludo,\n-- \nLucía\nAntes en El Corte Inglés\n",  // signature
      "Estimado {{CUSTOMER_NAME}}:\n");                      // placeholder
  CAPTURE(text);
  CHECK(lint("competitor-mention", text, competitors()).empty());
}

TEST_CASE("competitor-mention is quiet on the sender's own organisation", "[competitor-mention]") {
  const std::string body = "\nHola Ana,\n\nEn Zalando enviamos en 24 horas.\n";
  // From the competitor's own domain, or a subdomain of it: that is us.
  CHECK(lint("competitor-mention",
             "From: Soporte <soporte@zalando.es>\nTo: ana@example.com\nSubject: Pedido\n" + body,
             competitors(), "reply.eml")
            .empty());
  CHECK(lint("competitor-mention",
             "From: Soporte <ayuda@soporte.zalando.es>\nTo: ana@example.com\nSubject: Pedido\n" +
                 body,
             competitors(), "reply.eml")
            .empty());
  // The configured org domains say the same.
  LintSettings org = competitors();
  org.org_domains = {"elcorteingles.es"};
  CHECK(lint("competitor-mention", "En El Corte Inglés le atendemos encantados.\n", org).empty());
  // Another sender names them: flagged.
  CHECK(lint("competitor-mention",
             "From: Soporte <soporte@tienda.es>\nTo: ana@example.com\nSubject: Pedido\n" + body,
             competitors(), "reply.eml")
            .size() == 1);
}
