#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"
#include "spell/hunspell_speller.hpp"

using replylint::test::lint;

TEST_CASE("spelling flags a Spanish typo with suggestions", "[spelling]") {
  const auto found =
      lint("spelling", "Hola Ana,\n\nLe enviamos la respuetsa mañana por la tarde.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 16);
  CHECK(found[0].end_column == 25);
  CHECK(found[0].text == "respuetsa");
  CHECK(found[0].message == "unknown word 'respuetsa'");
  REQUIRE(!found[0].suggestions.empty());
  CHECK(found[0].suggestions.size() <= 3);
  CHECK(std::find(found[0].suggestions.begin(), found[0].suggestions.end(), "respuesta") !=
        found[0].suggestions.end());
}

TEST_CASE("spelling counts accents outside capitals", "[spelling]") {
  const auto es = lint("spelling", "El importe minimo del pedido es de veinte euros.\n");
  REQUIRE(es.size() == 1);
  CHECK(es[0].text == "minimo");
  const auto el = lint("spelling", "Ο πελατης μας έστειλε ένα μήνυμα χθες το βράδυ.\n");
  REQUIRE(el.size() == 1);
  CHECK(el[0].text == "πελατης");
  // Greek suggestions come back from ISO-8859-7 as UTF-8.
  CHECK(std::find(el[0].suggestions.begin(), el[0].suggestions.end(), "πελάτης") !=
        el[0].suggestions.end());
}

TEST_CASE("spelling accepts Greek capitals without accents", "[spelling]") {
  CHECK(lint("spelling", "Η ΠΑΡΑΓΓΕΛΙΑ ΣΑΣ ΕΧΕΙ ΑΠΟΣΤΑΛΕΙ σήμερα το πρωί.\n").empty());
}

TEST_CASE("spelling checks English paragraphs against English", "[spelling]") {
  const auto found =
      lint("spelling", "Hello Ana,\n\nWe will recieve your parcel tomorrow and send it back.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "recieve");
}

TEST_CASE("spelling checks Latin words in Greek text against English only", "[spelling]") {
  const auto found =
      lint("spelling",
           "Καλησπέρα σας, το email σας και το newsletter έφτασαν, αλλά το recieve απέτυχε.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "recieve");
}

TEST_CASE("spelling accepts the config's words", "[spelling]") {
  const std::string text = "Gracias por usar Tiendaverdeplus y la app de tiendaverdeplus.\n";
  CHECK(lint("spelling", text).size() == 1);  // the capitalised one is a name, the other is not
  CHECK(lint("spelling", text, {.words = {"Tiendaverdeplus"}}).empty());
}

TEST_CASE("spelling: the lang option forces the dictionary", "[spelling]") {
  const std::string text = "Thank you for your order, it ships tomorrow.\n";
  CHECK(lint("spelling", text).empty());
  CHECK(!lint("spelling", text, {.language = "es"}).empty());
}

TEST_CASE("spelling stays quiet on the traps", "[spelling]") {
  const std::string text = GENERATE(
      as<std::string>{},
      "Gracias.\n\n> Ola, kiero debolber el pedidoo\n",  // quoted customer text
      "Hola,\n\nYa salió.\n\nEl jue, 6 mar 2025 a las 22:10, Ana <ana@gmail.com> escribió:\n> "
      "Grasias\n",                                           // attribution
      "Un saludo,\n-- \nLucía Romerox\nTiendaverdex SLU\n",  // signature
      "Vea https://tiendaverde.example/pedidos?id=51190&ref=xyzq y escriba a "
      "soportex@tiendaverde.es.\n",                                            // URL, email
      "Adjunto factura_2025.pdf y presupuestoxx.docx con el IVA y el NIF.\n",  // file names,
                                                                               // acronyms
      "El código ABC123 y el lote X9_Y8 están en la caja 51190.\n",  // digits, underscores, numbers
      "Estimado {{ nombre_cliente }}, su pedido {pedido} y ${referencia} salen hoy.\n",  // placeholders
      "Gracias por escribir al equipo de Zyxwvut en Villarrubia de los Ojos.\n",  // proper nouns
      "Le enviamos el enlace por email y WhatsApp, y la newsletter también.\n",   // project
                                                                                  // additions
      "Σας ευχαριστούμε για την παραγγελία σας.\n");                              // clean Greek
  CAPTURE(text);
  CHECK(lint("spelling", text).empty());
}

TEST_CASE("spelling leaves names from the headers alone", "[spelling]") {
  const std::string draft =
      "From: Soporte <soporte@tienda.es>\nTo: Xoana Brauliñez <xoana@example.com>\nSubject: "
      "Pedido\n\n"
      "Xoana, brauliñez es su apellido y su usuario es xoana.\n";
  CHECK(lint("spelling", draft).empty());
}

TEST_CASE("spelling spends Hunspell's slow search on a few words only", "[spelling]") {
  // "tommorow" is two edits away: the cheap candidates miss it, Hunspell's search finds it.
  const std::string text = "Hello Ana,\n\nThe parcel will arrive tommorow morning.\n";
  const auto slow = lint("spelling", text);
  REQUIRE(slow.size() == 1);
  CHECK(std::find(slow[0].suggestions.begin(), slow[0].suggestions.end(), "tomorrow") !=
        slow[0].suggestions.end());
  const auto fast = lint("spelling", text, {.options = {{"max-slow-suggestions", "0"}}});
  REQUIRE(fast.size() == 1);
  CHECK(fast[0].text == "tommorow");
  CHECK(fast[0].suggestions.empty());
}

TEST_CASE("spelling leaves an English word in Spanish to foreign-word, without loading Hunspell",
          "[spelling]") {
  // "tweet" is in no Spanish dictionary; en_US lists it: foreign-word reports it, at info.
  replylint::spell::SpellService spell(replylint::spell::Options{});
  const std::string text =
      "Hola Ana,\n\nPuede escribirnos un tweet y le responderemos enseguida.\n";
  CHECK(lint("spelling", text, {.spell = &spell}).empty());
  CHECK_FALSE(replylint::spell::hunspell_loaded(*spell.get("es")));  // no search, no load
  // A cognate with its final vowel dropped is a Spanish typo, even though English lists it.
  const auto cut = lint("spelling", "Hola Ana,\n\nEl problem ya está resuelto.\n");
  REQUIRE(cut.size() == 1);
  CHECK(cut[0].text == "problem");
  // A word no dictionary lists does get the search (and Spanish Hunspell is loaded for it).
  replylint::spell::SpellService other(replylint::spell::Options{});
  const auto typo =
      lint("spelling", "Hola Ana,\n\nPuede escribirnos un xwqzt y le responderemos.\n",
           {.spell = &other});
  REQUIRE(typo.size() == 1);
  CHECK(replylint::spell::hunspell_loaded(*other.get("es")));
}
