#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("hostile-tone flags reproach, blame and condescension", "[hostile-tone]") {
  const std::string text = GENERATE(
      as<std::string>{},
      // Spanish: usted, tú, ustedes, present and past
      "Como ya le dije, el plazo de devolución es de 14 días.\n",
      "Debería haber leído el contrato.\n",
      "Si se hubiera molestado en leer el manual, lo sabría.\n", "Eso es problema suyo.\n",
      "Si se hubiera leído el contrato antes de firmarlo, lo sabría.\n",
      "Nosotros no tenemos la culpa de que usted no sepa configurar el router.\n",
      "As stated in my previous email, the API is limited to 100 calls.\n",
      "Per my last email, the plan does not include SSO.\n",
      "Οι όροι ήταν στη σελίδα, ακόμα κι αν δεν μπήκατε στον κόπο να τους διαβάσετε.\n",
      "Did you even read the setup guide?\n", "Η ευθύνη είναι δική σας.\n",
      "Como ya les hemos explicado varias veces, no hacemos envíos a Canarias.\n",
      "como ya te dije, no hay stock\n", "Se lo he dicho ya varias veces: el cargo es correcto.\n",
      "Usted no ha leído las condiciones de la oferta.\n",
      "Si hubiera leído el contrato, sabría que hay permanencia.\n",
      "Es evidente que no ha leído nuestro correo anterior.\n",
      "Lea bien las condiciones antes de escribirnos.\n", "Obviamente usted no revisó el pedido.\n",
      "La rotura es culpa suya por no embalarlo bien.\n",
      "Se lo repito por última vez: no hay reembolso.\n",
      "COMO YA LE DIJE, EL PEDIDO SALIÓ AYER.\n",
      "Como ya le explique, el envio es gratuito.\n",  // no accents
      // Greek: polite plural and singular, with and without accents, capitals
      "Όπως σας έχουμε ήδη εξηγήσει, η επιστροφή χρημάτων δεν είναι δυνατή.\n",
      "Όπως σου είπα ήδη, το δέμα έφυγε χθες.\n",
      "Διαβάστε προσεκτικά το προηγούμενο μήνυμά μας.\n",
      "Αν είχατε διαβάσει τους όρους, θα το γνωρίζατε.\n",
      "Φταίτε εσείς που δεν ελέγξατε τη διεύθυνση.\n",
      "ΟΠΩΣ ΣΑΣ ΕΧΟΥΜΕ ΗΔΗ ΕΞΗΓΗΣΕΙ, ΔΕΝ ΓΙΝΕΤΑΙ.\n",
      "Οπως σας εχουμε ηδη εξηγησει, δεν γινεται.\n",
      // English: contractions and full forms
      "As I already told you, the refund takes five days.\n",
      "As previously stated, we do not ship to PO boxes.\n",
      "Per my last email, the order was cancelled.\n",
      "You should have read the terms before ordering.\n",
      "It's your fault the parcel was returned.\n", "Clearly you didn't read the instructions.\n",
      "You did not read our reply.\n", "For the last time, opened items cannot be returned.\n",
      "We've told you several times that the price is final.\n",
      // "per my last email" at more length, and reproachful recaps without "already"
      "Like I said before, the export only includes active projects.\n",
      "Like I already told you, the export only includes active projects.\n",
      "As previously mentioned, the export only includes active projects.\n",
      "As I explained in my previous email, the fee is not refundable.\n",
      "Tal y como le expliqué en mi correo anterior, el plazo de devolución es de 14 días y ya ha "
      "pasado.\n",
      "Como le indicamos en nuestro último correo, el plazo ya ha vencido.\n",
      "Όπως σας εξήγησα στο προηγούμενο μήνυμά μου, η προθεσμία έχει λήξει.\n");
  CAPTURE(text);
  const auto found = lint("hostile-tone", "Hola,\n\n" + text + "\nUn saludo,\nLucía\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].rule == "hostile-tone");
  CHECK(found[0].message.starts_with("reproachful wording '"));
  CHECK(!found[0].help.empty());
}

TEST_CASE("hostile-tone suggests the kinder wording of its data as an unsafe fix",
          "[hostile-tone]") {
  const auto found = lint("hostile-tone", "Como ya le dije, el plazo es de 14 días.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "Como ya le dije");
  REQUIRE(found[0].suggestions.size() == 1);
  CHECK(found[0].suggestions[0] == "Como le comenté");  // the writer's capital kept
  REQUIRE(found[0].fix);
  CHECK(found[0].fix->applicability == replylint::core::Applicability::unsafe);
  REQUIRE(found[0].fix->edits.size() == 1);
  CHECK(found[0].fix->edits[0].replacement == "Como le comenté");

  const auto lower = lint("hostile-tone", "Gracias. Por cierto, como ya le dije, es gratis.\n");
  REQUIRE(lower.size() == 1);
  CHECK(lower[0].suggestions == std::vector<std::string>{"como le comenté"});

  const auto greek = lint("hostile-tone", "Διαβάστε προσεκτικά το email μας.\n");
  REQUIRE(greek.size() == 1);
  CHECK(greek[0].suggestions == std::vector<std::string>{"Μπορείτε να δείτε"});

  // No kinder wording drops in cleanly: help only, no suggestion and no fix.
  const auto blame = lint("hostile-tone", "Es culpa suya.\n");
  REQUIRE(blame.size() == 1);
  CHECK(blame[0].suggestions.empty());
  CHECK(!blame[0].fix);
  CHECK(!blame[0].help.empty());
}

TEST_CASE("hostile-tone stays quiet on friendly recaps and neutral wording", "[hostile-tone]") {
  // The same words fire without their context, so the traps cannot pass vacuously.
  REQUIRE(lint("hostile-tone", "Como ya le dije, el pedido llegará mañana.\n").size() == 1);
  REQUIRE(lint("hostile-tone", "Διαβάστε προσεκτικά το μήνυμά μας.\n").size() == 1);
  REQUIRE(lint("hostile-tone", "Σας το ξαναγράφουμε: το δέμα έφυγε.\n").size() == 1);
  REQUIRE(lint("hostile-tone", "Obviously you don't understand the terms.\n").size() == 1);
  REQUIRE(lint("hostile-tone", "Lea bien mi mensaje anterior.\n").size() == 1);
  REQUIRE(lint("hostile-tone",
               "Por favor, lea bien mi mensaje anterior antes de escribirnos de nuevo.\n")
              .size() == 1);
  REQUIRE(lint("hostile-tone",
               "Obviously you didn't read the manual, so you will have to pay the fee.\n")
              .size() == 1);
  const std::string text = GENERATE(
      as<std::string>{},
      "Como ya le dije por teléfono, el pedido llegará mañana.\n",  // a recap of a call
      "Como ya le comenté esta mañana, el técnico irá el lunes.\n",
      "Como le comenté, el pedido llegará mañana.\n",  // no reproach without "ya"
      "Como le hemos indicado, el plazo es de 14 días.\n",
      "Obviamente le devolveremos el importe completo.\n",  // not aimed at the customer
      "Es evidente que ha habido un error por nuestra parte.\n",
      "Si hubiera leído su mensaje antes, le habría contestado ayer.\n",  // our own reading
      "Asegúrese de que la foto del DNI se lea bien.\n",                  // legible
      "Su cuenta accedió por última vez el 3 de marzo.\n",                // a date
      "No es culpa suya; el error fue nuestro.\n",
      "Όπως σας είπα ήδη στο τηλέφωνο, το δέμα έφυγε.\n",
      "Όπως σας έχουμε ενημερώσει, η παραγγελία έφυγε.\n",
      "Παρακαλούμε διαβάστε προσεκτικά τις οδηγίες εγκατάστασης.\n",
      "Διαβάστε προσεκτικά τους όρους πριν ολοκληρώσετε την αγορά.\n",
      "Δεν φταίτε εσείς, το λάθος ήταν δικό μας.\n", "Δεν είναι δικό σας λάθος.\n",
      "As I told you on the phone, the parcel left today.\n",
      "As I already mentioned during our call, the fee is waived.\n",
      "It's not your fault, and we are sorry.\n", "It is not your fault.\n",
      "If you haven't read our guide yet, here it is.\n",
      "You logged in for the last time on 3 March.\n",
      "Obviously we will refund the full amount.\n",
      "You might have noticed a new charge on your statement.\n",
      "It is clear that you were charged twice; we apologise.\n",
      // a reminder of what was said on another channel
      "Como ya le dije en el chat, no hace falta que desconecte nada.\n",
      "Como ya le informamos por SMS, su pedido llega mañana.\n",
      "Como ya le indicamos en el correo de confirmación del pedido, el plazo es de 14 días.\n",
      "Como ya te dije por correo, el técnico irá el lunes.\n",
      "Όπως σας έχουμε ήδη ενημερώσει με SMS, το δέμα έφυγε.\n",
      "Όπως σας έχουμε ήδη ενημερώσει τηλεφωνικά, το δέμα έφυγε.\n",
      "Όπως σας έχουμε ήδη ενημερώσει μέσω email, το δέμα έφυγε.\n",
      "As I already told you by email, the parcel left today.\n",
      "As we already explained over the phone, the fee is waived.\n",
      "As I already mentioned in our chat, the fee is waived.\n",
      "Tal y como le expliqué, el plazo de devolución es de 14 días.\n",  // a recap
      "Σας ξαναγράφουμε για να επιβεβαιώσουμε την παραλαβή.\n",           // a follow-up
      "Obviously you don't need to pay for the return label.\n",
      "Η ευθύνη είναι αποκλειστικά δική μας.\n", "Debería haber recibido ya el paquete.\n",
      "No se preocupe, no es problema suyo.\n", "Η καθυστέρηση δεν είναι ευθύνη σας.\n",
      "Lo sentimos: el transportista debería haber revisado el paquete.\n",
      "Por favor, lea bien las instrucciones de seguridad antes de usar el router.\n",
      // a pointer within the same message
      "As explained above, the export is generated once per day.\n",
      "As stated above, the refund takes five days.\n",
      "No tenemos la culpa de que el transportista llegara tarde, pero lo compensamos.\n");
  CAPTURE(text);
  CHECK(lint("hostile-tone", text).empty());
}

TEST_CASE("hostile-tone leaves the customer's words alone", "[hostile-tone]") {
  const std::string flagged = "Como ya le dije, no pienso pagar";
  REQUIRE(!lint("hostile-tone", flagged + ".\n").empty());
  const std::string text = GENERATE_COPY(
      as<std::string>{},
      "Gracias.\n\n> " + flagged + "\n",  // quoted text
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> " + flagged +
          "\n",                                                                     // attribution
      "Un saludo,\n-- \nAna\n" + flagged + "\n",                                    // signature
      "Hola,\n\nOn Mon, Feb 3, 2025 at 10:12 AM Bob wrote:\n> It's your fault.\n",  // English
      "Ευχαριστούμε.\n\n> Φταίτε εσείς για όλα.\n");                                // Greek
  CAPTURE(text);
  CHECK(lint("hostile-tone", text).empty());
}
