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

TEST_CASE("spelling leaves Latin words of Greek text alone when no English word is near",
          "[spelling]") {
  // Commands and brands are not misspelt English; a slip of an English word ("pasword") is.
  const auto found =
      lint("spelling",
           "Καλησπέρα σας, εκτελέστε nmcli και έπειτα το xrandr στο filemanager, με το pasword "
           "του λογαριασμού σας.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "pasword");
}

TEST_CASE("spelling checks Latin words in Greek text against English only", "[spelling]") {
  const auto found =
      lint("spelling",
           "Καλησπέρα σας, το email σας και το newsletter έφτασαν, αλλά το recieve απέτυχε.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "recieve");
}

TEST_CASE("spelling takes a word own text uses three times, far from any known word, for a term",
          "[spelling]") {
  // English: the command is a term; the slip next to a known word is a typo however often.
  const auto english =
      lint("spelling",
           "Hi Ana,\n\nPlease run logrotate in the folder. If logrotate shows nothing, "
           "close logrotate and send us the recieve log, the recieve time and the "
           "recieve date.\n");
  REQUIRE(english.size() == 3);
  for (const auto& f : english) CHECK(f.text == "recieve");
  // Uses in the quoted original do not count: twice in own text is still unknown.
  const auto quoted = lint("spelling",
                           "Hola Ana:\n\nEjecute texinfo y, si texinfo falla, avísenos.\n\n"
                           "El 3 de marzo, Ana escribió:\n> texinfo no funciona\n");
  REQUIRE(quoted.size() == 2);
  CHECK(quoted[0].text == "texinfo");
  CHECK(quoted[1].text == "texinfo");
  // The count is of the word in any case: a capitalised use at a sentence's start counts too.
  CHECK(lint("spelling",
             "Hola Ana:\n\nProcmail filtra el correo. Revise procmail y, si procmail falla, "
             "avísenos.\n")
            .empty());
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
      "Σας ευχαριστούμε για την παραγγελία σας.\n",                               // clean Greek
      "Hi Tom,\n\nRun `npm ci` and `stackpilotx doctor`; the --ssox flag maps /ssox/callback.\n",
      "Hi Tom,\n\nThe webhooks, the hotfix, the allowlist and the config are ready.\n");
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

namespace {

// The words a lint of `text` flags, in order.
std::vector<std::string> flagged(const std::string& text,
                                 const replylint::test::LintSettings& settings = {}) {
  std::vector<std::string> words;
  for (const auto& d : lint("spelling", text, settings)) words.push_back(d.text);
  return words;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("spelling checks a hyphenated compound as a whole, then by parts", "[spelling]") {
  // Whole: the dictionary or the additions list the compound.
  CHECK(flagged("Hola Ana,\n\nLe enviamos el e-mail con la factura esta mañana.\n").empty());
  CHECK(flagged("Hello Ana,\n\nOnline check-in opens a day before your flight.\n").empty());
  // A prefix before a hyphen, in Spanish, English and Greek; and a suspended one.
  CHECK(flagged("Hola Ana,\n\nComo ex-cliente tiene un descuento en la pre-venta.\n").empty());
  CHECK(flagged("Hola Ana,\n\nEl servicio pre- y post-venta es gratuito.\n").empty());
  CHECK(flagged("Hello Ana,\n\nYour pre-order ships with the co-signed form.\n").empty());
  CHECK(flagged("Καλησπέρα,\n\nΗ δια-δικτυακή πληρωμή ολοκληρώθηκε σήμερα.\n").empty());
  // Compound adjectives of two known words.
  CHECK(flagged("Hola Ana,\n\nEl análisis físico-químico del agua está listo.\n").empty());
  // A typo beside the hyphen is still a typo; so is an unknown first part that is no prefix.
  CHECK(flagged("Hola Ana,\n\nComo ex-clinete tiene un descuento.\n") == Words{"clinete"});
  CHECK(flagged("Hello Ana,\n\nYour pre-ordr ships on Monday.\n") == Words{"ordr"});
  CHECK(flagged("Hola Ana,\n\nEl análisis fisico-químico del agua está listo.\n") ==
        Words{"fisico"});
  CHECK(flagged("Hello Ana,\n\nYour prex-order ships on Monday.\n") == Words{"prex"});
}

TEST_CASE("spelling reads abbreviations with their periods", "[spelling]") {
  const std::string text = GENERATE(
      as<std::string>{},
      "Καλησπέρα σας,\n\nΤο ραντεβού είναι στις 9:30 π.μ. και όχι στις 5 μ.μ. της Τρίτης.\n",
      "Αγαπητή κα. Παπαδοπούλου,\n\nΗ παραγγελία σας, π.χ. ο φάκελος, στάλθηκε χθες κτλ.\n",
      "Estimada Sra. García:\n\nUds. pueden pasar a las 9 a. m., p. ej. el lunes, etc.\n",
      "Estimada Dña. Lucía:\n\nLe atenderá el Dr. Pérez a las 5 p. m. en la Avda. Sol.\n",
      "Hello Ana,\n\nBring an ID, e.g. a passport, i.e. something with a photo, at 9 a.m.\n",
      "Hola Ana,\n\nPuede enviarlo en PDF, p.ej. desde el móvil.\n",
      "Αγαπητή κα Μιχαηλίδου,\n\nΗ παραγγελία των 3 τεμ. στάλθηκε στους κ.κ. Νικολάου.\n",
      "Hola Ana,\n\nLe enviamos la factura proforma para el ferri de mañana.\n");
  CAPTURE(text);
  CHECK(flagged(text).empty());
}

TEST_CASE("spelling still flags typos next to abbreviations and periods", "[spelling]") {
  CHECK(flagged("Hola Ana,\n\nGracias por su mensage.\n") == Words{"mensage"});
  CHECK(flagged("Hola Ana,\n\nLe esperamos a las 9 a. m. para la revisoin.\n") ==
        Words{"revisoin"});
  CHECK(flagged("Καλησπέρα,\n\nΣτις 9:30 π.μ. θα σας στειλουμε το δέμα.\n") == Words{"στειλουμε"});
}

TEST_CASE("spelling leaves codes and passwords alone", "[spelling]") {
  const std::string text = GENERATE(
      as<std::string>{}, "Hola Ana,\n\nSu contraseña temporal es Tk93!mq y caduca mañana.\n",
      "Hola Ana,\n\nEl modelo ABX-99k y el lote qwz-7781 llegan el lunes.\n",
      "Hello Ana,\n\nYour tracking number is 1Z999AA1xkcd and the voucher code is WQX#kdf.\n",
      "Καλησπέρα,\n\nΟ κωδικός σας είναι xk7!pqr και η παραγγελία 88zk-wq.\n",
      "Hola Ana,\n\nEl pedido#4411zz ya ha salido.\n",
      "Hello Ana,\n\nFollow @brightdeskhq for updates, or the #sso-incidents channel.\n",
      "Hola Ana,\n\nSíganos en Instagram (@tiendaverde).\n");
  CAPTURE(text);
  CHECK(flagged(text).empty());
}

TEST_CASE("spelling still flags typos beside punctuation", "[spelling]") {
  CHECK(flagged("Hola Ana,\n\n¡Gracias por su mensage!\n") == Words{"mensage"});
  CHECK(flagged("Hola Ana,\n\nEl pedido (ver **factrua**) ya ha salido.\n") == Words{"factrua"});
  CHECK(flagged("Hola Ana,\n\n1.Introduccion del pedido.\n") == Words{"Introduccion"});
  CHECK(flagged("Hello Ana,\n\nThe code is X9-77 and the recieved parcel is fine.\n") ==
        Words{"recieved"});
}

TEST_CASE("spelling judges a line of another language by that language", "[spelling]") {
  CHECK(flagged("Hola Ana,\n\nGracias por su paciencia.\n\nUn saludo / Kind regards\n").empty());
  CHECK(flagged("Hola Ana,\n\nLe enviamos la factura hoy.\nThanks for your patience.\n").empty());
  CHECK(flagged("Hello Ana,\n\nThe invoice is attached.\nBest regards / Un saludo cordial\n")
            .empty());
  // A typo in the English line is still flagged (and gets English suggestions).
  const auto found = lint("spelling",
                          "Hola Ana,\n\nGracias por su paciencia.\n\nUn saludo / "
                          "Kind regrads\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "regrads");
  CHECK(std::find(found[0].suggestions.begin(), found[0].suggestions.end(), "regards") !=
        found[0].suggestions.end());
  // A Spanish word with its accent dropped or a letter doubled is a typo even when English has
  // the result.
  CHECK(flagged("Hola Ana,\n\nLa velocidad maxima es alta y hay diferencias entree los dos.\n") ==
        Words{"maxima", "entree"});
  // One English word in a Spanish sentence does not make it English, nor a Spanish typo English;
  // the English word itself is foreign-word's finding, not a typo.
  CHECK(flagged("Hola Ana,\n\nLe enviamos el mensage con el invoice ahora.\n") == Words{"mensage"});
}

TEST_CASE("spelling accepts American and British English, as configured", "[spelling]") {
  const std::string gb = "Hello Ana,\n\nYour authorisation was cancelled; the colours are fine.\n";
  const std::string us = "Hello Ana,\n\nYour authorization was canceled; the colors are fine.\n";
  CHECK(flagged(gb).empty());
  CHECK(flagged(us).empty());
  CHECK(flagged(gb, {.options = {{"english", "us"}}}) ==
        Words{"authorisation", "cancelled", "colours"});
  // en_GB also accepts the Oxford -ize ("authorization").
  CHECK(flagged(us, {.options = {{"english", "gb"}}}) == Words{"canceled", "colors"});
  CHECK(flagged("Hello Ana,\n\nThe colours were cancelld.\n") == Words{"cancelld"});
  // British spelling of Latin words in Greek text too.
  CHECK(flagged("Καλησπέρα,\n\nΤο authorisation στάλθηκε.\n").empty());
}

TEST_CASE("spelling loads no Hunspell for a word only en_GB knows", "[spelling]") {
  replylint::spell::SpellService spell(replylint::spell::Options{});
  CHECK(flagged("Hello Ana,\n\nThe colours of your order were personalised.\n", {.spell = &spell})
            .empty());
  CHECK_FALSE(replylint::spell::hunspell_loaded(*spell.get("en")));
  CHECK_FALSE(replylint::spell::hunspell_loaded(*spell.get("en-GB")));
}
