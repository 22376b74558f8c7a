#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("dismissive-tone flags apathy with no way forward", "[dismissive-tone]") {
  const std::string text = GENERATE(
      as<std::string>{}, "El retraso es del transportista, no es nuestro problema.\n",
      "No podemos hacer nada.\n", "Lo sentimos, pero no podemos hacer nada más.\n",
      "No podemos hacer absolutamente nada.\n", "Tendrá que arreglárselas con el transportista.\n",
      "Eso ya no nos corresponde.\n", "Eso no nos corresponde.\n", "No es asunto nuestro.\n",
      "No hay nada que podamos hacer al respecto.\n", "NO ES NUESTRO PROBLEMA.\n",
      "no podemos hacer nada, el fallo es del banco\n", "Δεν είναι δικό μας πρόβλημα.\n",
      "Δυστυχώς δεν μπορούμε να κάνουμε τίποτα.\n", "Αυτό δεν μας αφορά.\n",
      "Δεν μπορουμε να κανουμε τιποτα.\n",  // without accents
      "There is nothing we can do.\n", "There's nothing more we can do about the delay.\n",
      "That's not our problem.\n", "That is not our responsibility.\n",
      "We cannot help you with this.\n", "You'll have to deal with it.\n",
      "I'm afraid there isn't anything we can do about it.\n",
      "There's not much we can do about it, sorry.\n",
      "Eso ya no depende de nosotros, tendrá que reclamarle a ellos.\n",
      "Αυτό δεν εξαρτάται από εμάς.\n", "Me temo que no hay mucho que podamos hacer.\n",
      "Δυστυχώς δεν μπορούμε να κάνουμε πολλά.\n", "You will just have to live with it.\n");
  CAPTURE(text);
  const auto found = lint("dismissive-tone", "Hola,\n\n" + text + "\nUn saludo,\nLucía\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].message.starts_with("dismissive wording '"));
  CHECK(!found[0].help.empty());
}

TEST_CASE("dismissive-tone stays quiet on a polite no with a way forward", "[dismissive-tone]") {
  // Without the way forward each of these fires, so the traps cannot pass vacuously.
  REQUIRE(lint("dismissive-tone", "No podemos hacer nada.\n").size() == 1);
  REQUIRE(lint("dismissive-tone", "There is nothing we can do.\n").size() == 1);
  REQUIRE(lint("dismissive-tone", "Δεν μπορούμε να κάνουμε τίποτα.\n").size() == 1);
  const std::string text = GENERATE(
      as<std::string>{},
      // the same sentence
      "Lamentablemente no podemos hacer nada con el envío, pero podemos devolverle los gastos.\n",
      "No podemos hacer nada desde aquí, sin embargo le ofrecemos un cupón de 10 €.\n",
      "No podemos hacer nada hasta que recibamos el formulario firmado.\n",
      "No podemos hacer nada sin el número de pedido.\n",
      "Eso no nos corresponde a nosotros sino al transportista, que ya está en copia.\n",
      "Δεν μπορούμε να κάνουμε τίποτα για την καθυστέρηση, αλλά μπορούμε να σας επιστρέψουμε τα "
      "μεταφορικά.\n",
      "Δεν μπορούμε να κάνουμε τίποτα μέχρι να λάβουμε την απόδειξη.\n",
      "There is nothing we can do about the delay, but we can refund the shipping.\n",
      "There is nothing we can do until the carrier replies.\n",
      "That is not our responsibility, however we have contacted the courier for you.\n",
      // the next sentence
      "No podemos hacer nada con el banco. Sin embargo, le ofrecemos un vale de compra.\n",
      "Δεν μπορούμε να κάνουμε τίποτα με την τράπεζα. Ωστόσο, σας προτείνουμε μια λύση.\n",
      "There is nothing we can do about the bank. However, we can send a new card today.\n",
      "There is nothing we can do about the bank.\n\nWhat we can do is send a new card today.\n",
      // neither apathy nor a list phrase
      "No tiene que hacer nada, el reembolso es automático.\n",
      "No hay nada que hacer por su parte.\n", "We do care about your experience.\n",
      "It's not a problem at all.\n",
      // "deal with it" said by us about our own work
      "Thanks for the heads-up about the broken link. I'll deal with it today.\n",
      "Please forward the invoice to billing and we will deal with it from there.\n",
      // "feel free to <verb>" in the next sentence
      "This ticket is closed. Feel free to contact us if it happens again.\n",
      "This ticket is closed. Feel free to reopen it if the error comes back.\n",
      "This ticket is closed. Feel free to reply to this email with any question.\n",
      // a way forward whose verb carries a clitic
      "Ya no podemos hacer nada para cancelar el pedido porque ha salido del almacén. Cuando lo "
      "reciba, puede devolverlo gratis desde su cuenta.\n",
      "Δυστυχώς δεν μπορούμε να κάνουμε τίποτα για την ακύρωση της παραγγελίας. Όταν την "
      "παραλάβετε, μπορείτε να την επιστρέψετε δωρεάν.\n");
  CAPTURE(text);
  CHECK(lint("dismissive-tone", text).empty());
}

TEST_CASE("dismissive-tone looks only at the next sentence for a way forward",
          "[dismissive-tone]") {
  // A way forward two sentences later is too far: the apathy has been read by then.
  const auto found =
      lint("dismissive-tone",
           "No podemos hacer nada. El banco no responde. Sin embargo, le ofrecemos un vale.\n");
  CHECK(found.size() == 1);
}

TEST_CASE("dismissive-tone suggests the kinder wording of its data as an unsafe fix",
          "[dismissive-tone]") {
  const auto found = lint("dismissive-tone", "No podemos hacer nada.\n");
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].suggestions.size() == 1);
  CHECK(found[0].suggestions[0] == "No podemos solucionarlo directamente");
  REQUIRE(found[0].fix);
  CHECK(found[0].fix->applicability == replylint::core::Applicability::unsafe);
  const auto english = lint("dismissive-tone", "That's not our problem.\n");
  REQUIRE(english.size() == 1);
  CHECK(english[0].text == "not our problem");
  CHECK(english[0].suggestions == std::vector<std::string>{"something we will look into"});

  // Words going on after the phrase: suggested, not fixed.
  for (const char* text :
       {"No podemos hacer nada desde aquí.\n", "Δεν μπορούμε να κάνουμε τίποτα σήμερα.\n"}) {
    CAPTURE(text);
    const auto more = lint("dismissive-tone", text);
    REQUIRE(more.size() == 1);
    CHECK(more[0].suggestions.size() == 1);
    CHECK(!more[0].fix);
  }

  // "Nada más", "τίποτα άλλο": the word that would dangle after the rewrite is part of the
  // match, which has no rewrite that reads in place ("nothing else" is not "not at once").
  for (const char* text :
       {"No podemos hacer nada más desde aquí.\n", "Δεν μπορούμε να κάνουμε κάτι άλλο.\n"}) {
    CAPTURE(text);
    const auto more = lint("dismissive-tone", text);
    REQUIRE(more.size() == 1);
    CHECK((more[0].text == "No podemos hacer nada más" ||
           more[0].text == "Δεν μπορούμε να κάνουμε κάτι άλλο"));
    CHECK(more[0].suggestions.empty());
    CHECK(!more[0].fix);
  }

  // Nor may a connective before it: "así que entendemos el problema" does not follow.
  const auto connected =
      lint("dismissive-tone", "Lo retuvo la aduana, así que no es nuestro problema.\n");
  REQUIRE(connected.size() == 1);
  CHECK(!connected[0].fix);
  const auto own_clause = lint("dismissive-tone", "Lo retuvo la aduana; no es nuestro problema.\n");
  REQUIRE(own_clause.size() == 1);
  CHECK(own_clause[0].fix);
}

TEST_CASE("dismissive-tone leaves the customer's words alone", "[dismissive-tone]") {
  const std::string flagged = "No es nuestro problema";
  REQUIRE(!lint("dismissive-tone", flagged + ".\n").empty());
  const std::string text = GENERATE_COPY(
      as<std::string>{},
      "Gracias.\n\n> " + flagged + ", dijo su tienda.\n",  // quoted text
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> " + flagged + "\n",
      "Un saludo,\n-- \nAna\n" + flagged + "\n",                      // signature
      "Thanks.\n\n> Your shop said there is nothing they can do.\n",  // English quote
      "Ευχαριστούμε.\n\n> Μου είπαν ότι δεν είναι δικό τους πρόβλημα.\n");
  CAPTURE(text);
  CHECK(lint("dismissive-tone", text).empty());
}
