#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
const std::string k_flagged = "Le paso el link de la reunión";
}

TEST_CASE("foreign-word gives the Spanish word for a listed English one", "[foreign-word]") {
  const auto found = lint("foreign-word",
                          "Hola Ana,\n\nLe paso el link para cambiar la password de su cuenta.\n\n"
                          "Un saludo,\nLucía\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == "link");
  CHECK(found[0].message == "'link' is English");
  CHECK(found[0].suggestions == std::vector<std::string>{"enlace", "vínculo"});
  CHECK(found[1].text == "password");
  CHECK(found[1].suggestions == std::vector<std::string>{"contraseña"});
  CHECK_FALSE(found[0].fix.has_value());  // "el feedback" → "el comentarios": no blind fix
}

TEST_CASE("foreign-word capitalises the alternative like the writer's word", "[foreign-word]") {
  const auto found =
      lint("foreign-word", "Hola Ana,\n\nFeedback recibido, gracias. Lo revisamos hoy.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].suggestions.front() == "Comentarios");
}

TEST_CASE("foreign-word reports an unlisted English word without a suggestion", "[foreign-word]") {
  const auto found =
      lint("foreign-word", "Hola Ana,\n\nLe mandamos la spreadsheet corregida esta misma tarde.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "spreadsheet");
  CHECK(found[0].suggestions.empty());
  CHECK(found[0].severity == replylint::core::Severity::info);
  // The configuration's words are accepted on purpose.
  CHECK(lint("foreign-word",
             "Hola Ana,\n\nLe mandamos la spreadsheet corregida esta misma tarde.\n",
             {.words = {"spreadsheet"}})
            .empty());
}

TEST_CASE("foreign-word gives the Greek word in a Greek paragraph", "[foreign-word]") {
  const auto found =
      lint("foreign-word",
           "Καλημέρα σας,\n\nΣας στείλαμε το link για την πληρωμή και ένα νέο password.\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "link");
  CHECK(found[0].suggestions == std::vector<std::string>{"σύνδεσμος"});
  CHECK(found[1].suggestions == std::vector<std::string>{"κωδικός πρόσβασης"});
}

TEST_CASE("foreign-word stays quiet on brands, loanwords and English writing", "[foreign-word]") {
  const std::string text = GENERATE(
      as<std::string>{},
      "Hola Ana,\n\nPuede pagar con PayPal, Bizum o Apple Pay en nuestra tienda online.\n",
      "Hola Ana,\n\nDescargue la app y conéctese a Microsoft Teams a las diez.\n",
      "Hola Ana,\n\nGracias por su paciencia.\n\nUn saludo / Kind regards,\nLucía\n",
      "Hola Ana,\n\nLe enviamos el pedido hoy.\nThank you for your order and best wishes.\n",
      "Hola Ana,\n\nPulse el botón “Submit” al final del formulario.\n",
      "Hola Ana,\n\nEl problem ya está resuelto.\n",  // a typo of "problema": spelling's
      "Hola Ana,\n\nEl mood de pago no cambia.\n",    // "modo" with two letters swapped
      "Hola Ana,\n\nLo revisamos toads mañana.\n",    // "todas" with two letters swapped
      "Hi Ana,\n\nPlease click the link below to reset your password.\n",  // English text
      "Καλημέρα σας,\n\nΤο smart watch σας θα παραδοθεί αύριο.\n",         // a Latin product name
      // A French line in a Spanish paragraph: "plumage" is English too, but not here.
      "Hola Ana,\n\nLe copio la fábula que nos pidió:\nSe rapporte à votre plumage, vous êtes "
      "le phénix.\n");
  CAPTURE(text);
  CHECK(lint("foreign-word", text).empty());
}

TEST_CASE("foreign-word stays quiet on the traps", "[foreign-word]") {
  // The traps prove nothing unless the same words fire in own text.
  REQUIRE(!lint("foreign-word", "Hola Ana,\n\n" + k_flagged + ".\n", {.language = "es"}).empty());
  const std::string text = GENERATE(
      as<std::string>{},
      "El IVA y el DNI van en el PDF adjunto.\n",  // acronyms
      "Το ΑΦΜ και ο ΦΠΑ είναι σωστά.\n",           // Greek acronyms
      "Gracias.\n\n> " + k_flagged + "\n",         // quoted text
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> " + k_flagged +
          "\n",                                                           // attribution + quote
      "Un saludo,\n-- \n" + k_flagged + "\n",                             // signature
      "Estimado {{CUSTOMER_NAME}}, su pedido {{ORDER_ID}} ha salido.\n",  // placeholders
      "Revise https://tienda.example.es/link/password ahora.\n",          // URL
      "From: Soporte <soporte@tienda.es>\nTo: Ana Ruiz <ana@example.com>\nSubject: Su pedido\n\n"
      "Hola Ana Ruiz,\n\nGracias por escribirnos.\n");  // names from the headers
  CAPTURE(text);
  CHECK(lint("foreign-word", text, {.language = "es"}).empty());
}
