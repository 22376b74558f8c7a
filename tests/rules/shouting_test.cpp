#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("shouting flags a sentence in capitals", "[shouting]") {
  const auto found = lint("shouting", "Hola Ana,\n\nPOR FAVOR ENVÍE EL FORMULARIO HOY.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 1);
  CHECK(found[0].end_column == 34);  // code points, end exclusive; the period is not flagged
  CHECK(found[0].text == "POR FAVOR ENVÍE EL FORMULARIO HOY");
  CHECK(found[0].message == "sentence written in capitals");
  REQUIRE(found[0].suggestions.size() == 1);
  CHECK(found[0].suggestions[0] == "Por favor envíe el formulario hoy");
}

TEST_CASE("shouting flags Greek capitals by Unicode case", "[shouting]") {
  const auto found = lint("shouting", "Καλησπέρα,\n\nΠΑΡΑΚΑΛΩ ΣΤΕΙΛΤΕ ΤΗΝ ΠΑΡΑΓΓΕΛΙΑ ΣΗΜΕΡΑ.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == "ΠΑΡΑΚΑΛΩ ΣΤΕΙΛΤΕ ΤΗΝ ΠΑΡΑΓΓΕΛΙΑ ΣΗΜΕΡΑ");
  REQUIRE(!found[0].suggestions.empty());
  // Lowercased by Unicode rules, with the accents capitals drop restored from the dictionary.
  CHECK(found[0].suggestions[0] == "Παρακαλώ στείλτε την παραγγελία σήμερα");
}

TEST_CASE("shouting flags a run of capitals inside a sentence", "[shouting]") {
  const auto found = lint("shouting", "Le repito que NO VAMOS A DEVOLVER el dinero.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "NO VAMOS A DEVOLVER");
  CHECK(found[0].message == "4 words in a row written in capitals");
  CHECK(found[0].suggestions == std::vector<std::string>{"no vamos a devolver"});
}

TEST_CASE("shouting flags a new subject in capitals, not a reply's inherited one", "[shouting]") {
  // "RE: …" keeps the customer's subject: their capitals, not the agent's.
  CHECK(lint("shouting",
             "From: Ana <ana@example.es>\nTo: b@example.com\nSubject: RE: URGENTE PEDIDO NO "
             "RECIBIDO\n\nHola,\n\nGracias.\n")
            .empty());
  const auto found =
      lint("shouting",
           "From: Ana <ana@example.es>\nTo: b@example.com\nSubject: URGENTE PEDIDO NO RECIBIDO\n\n"
           "Hola,\n\nGracias.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 10);
  CHECK(found[0].text == "URGENTE PEDIDO NO RECIBIDO");
  CHECK(found[0].message == "subject written in capitals");
}

TEST_CASE("shouting keeps acronyms in its suggestion", "[shouting]") {
  const auto found = lint("shouting", "DEBE PAGAR EL IVA ANTES DEL VIERNES.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].suggestions == std::vector<std::string>{"Debe pagar el IVA antes del viernes"});
}

TEST_CASE("shouting honours min-words", "[shouting]") {
  const std::string text = "Esto es MUY MUY importante para nosotros.\n";
  CHECK(lint("shouting", text).empty());
  CHECK(lint("shouting", text, {.options = {{"min-words", "2"}}}).size() == 1);
}

TEST_CASE("shouting stays quiet on the traps", "[shouting]") {
  const std::string text =
      GENERATE(as<std::string>{},
               "El IVA y el DNI van en el PDF adjunto.\n",                         // acronyms
               "Adjunto el PDF con el NIF, el IBAN y la referencia SEPA.\n",       // acronyms in a
                                                                                   // row
               "Gracias.\n\n> NO FUNCIONA NADA DESDE AYER\n",                      // quoted text
               "Un saludo,\n-- \nACME SUPPORT TEAM MADRID\n",                      // signature
               "Estimado {{CUSTOMER_NAME}}, su pedido {{ORDER_ID}} ha salido.\n",  // placeholders
               "Estimado %CUSTOMER_NAME% y ${ORDER_REF}:\n",                       // placeholders
               "Το ΑΦΜ και ο ΦΠΑ είναι σωστά.\n",                                  // Greek acronyms
               "Revise https://TIENDA.EXAMPLE.ES/PEDIDOS/ESTADO ahora.\n",         // URL
               "El código es ABC_DEF_GHI o X1Y2Z3 W4V5.\n",  // underscores and digits
               "Gracias, OK.\n",                             // one word
               "El jue, 6 mar 2025 a las 22:10, ANA GARCIA <ana@example.es> escribió:\n> "
               "HOLA\n");  // attribution
  CAPTURE(text);
  CHECK(lint("shouting", text).empty());
}

TEST_CASE("shouting leaves names from the headers alone", "[shouting]") {
  const std::string draft =
      "From: Soporte <soporte@tienda.es>\nTo: JUAN PEREZ <juan@example.com>\nSubject: Su pedido\n\n"
      "Hola JUAN PEREZ,\n\nGracias por escribirnos.\n";
  CHECK(lint("shouting", draft).empty());
}

TEST_CASE("shouting writes British spellings and keeps PIN in capitals", "[shouting]") {
  const auto found =
      lint("shouting",
           "Hi Tom,\n\nYOUR ACCOUNT WAS CANCELLED ON 3 FEB AND THE COLOUR IS WRONG, WE "
           "APOLOGISE.\n\nYOUR PIN AND SSO LOGIN WILL NOT WORK UNTIL MONDAY.\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].suggestions ==
        std::vector<std::string>{
            "Your account was cancelled on 3 Feb and the colour is wrong, we apologise"});
  CHECK(found[1].suggestions ==
        std::vector<std::string>{"Your PIN and SSO login will not work until Monday"});
}

TEST_CASE("shouting reads MAS as más, and says the fix needs a reader", "[shouting]") {
  const auto found =
      lint("shouting", "Hola Ana:\n\nNECESITAMOS UN POCO MAS DE TIEMPO.\n", {.language = "es"});
  REQUIRE(found.size() == 1);
  CHECK(found[0].suggestions == std::vector<std::string>{"Necesitamos un poco más de tiempo"});
  REQUIRE(found[0].fix.has_value());
  CHECK(found[0].fix->applicability == replylint::core::Applicability::unsafe);
  // Words the list does not name keep their reading, and the fix its safety.
  const auto plain =
      lint("shouting", "Hola Ana:\n\nNECESITAMOS UN POCO DE TIEMPO.\n", {.language = "es"});
  REQUIRE(plain.size() == 1);
  REQUIRE(plain[0].fix.has_value());
  CHECK(plain[0].fix->applicability == replylint::core::Applicability::safe);
}

TEST_CASE("shouting reads US and IT as pronouns after a verb, as acronyms after 'the'",
          "[shouting]") {
  const auto found = lint("shouting",
                          "Hi Tom,\n\nIF THE PROBLEM CONTINUES PLEASE CALL US OR SEND IT BACK.\n\n"
                          "THE US OFFICE AND OUR IT TEAM ARE CLOSED TODAY.\n",
                          {.language = "en"});
  REQUIRE(found.size() == 2);
  CHECK(found[0].suggestions ==
        std::vector<std::string>{"If the problem continues please call us or send it back"});
  CHECK(found[1].suggestions ==
        std::vector<std::string>{"The US office and our IT team are closed today"});
  for (const auto& f : found) {
    REQUIRE(f.fix.has_value());
    CHECK(f.fix->applicability == replylint::core::Applicability::unsafe);
  }
}

TEST_CASE("shouting picks the noun or the verb a hidden accent stands for by the word before",
          "[shouting]") {
  const auto found = lint("shouting",
                          "Hola Ana:\n\nEL ENVIO SALE MAÑANA POR LA TARDE.\n\n"
                          "YA LE ENVIO LA FACTURA AYER POR CORREO.\n",
                          {.language = "es"});
  REQUIRE(found.size() == 2);
  CHECK(found[0].suggestions == std::vector<std::string>{"El envío sale mañana por la tarde"});
  CHECK(found[1].suggestions == std::vector<std::string>{"Ya le envió la factura ayer por correo"});
  for (const auto& f : found) {
    REQUIRE(f.fix.has_value());
    CHECK(f.fix->applicability == replylint::core::Applicability::unsafe);
  }
}
