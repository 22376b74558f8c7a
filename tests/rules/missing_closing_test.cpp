#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
// Enough own words (min-words is 15) for the rule to look at the draft.
const std::string k_body =
    "Hola Ana:\n\nSu pedido 51190 salió ayer de nuestro almacén y llegará el jueves por la "
    "tarde. Puede seguir el envío desde su cuenta.\n";
const std::string k_body_el =
    "Καλημέρα σας,\n\nΗ παραγγελία σας έχει αποσταλεί και θα την παραλάβετε μέσα σε δύο με "
    "τρεις εργάσιμες ημέρες.\n";
const std::string k_body_en =
    "Hi Sam,\n\nYour order shipped yesterday from our warehouse and should arrive on Thursday "
    "afternoon. You can track it from your account.\n";
}  // namespace

TEST_CASE("missing-closing flags own text that ends without a sign-off", "[missing-closing]") {
  const auto found = lint("missing-closing", k_body + "\nLucía\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == "Puede seguir el envío desde su cuenta.");
  CHECK(found[0].message == "message ends without a sign-off");
  CHECK(found[0].help == "end with a sign-off, such as 'Un saludo,', above your name");
  // The fix puts the sign-off above the name.
  REQUIRE(found[0].fix.has_value());
  CHECK(found[0].fix->applicability == replylint::core::Applicability::unsafe);
  REQUIRE(found[0].fix->edits.size() == 1);
  const std::string text = k_body + "\nLucía\n";
  CHECK(found[0].fix->edits[0].location.range.begin == text.find("Lucía"));
  CHECK(found[0].fix->edits[0].replacement == "Un saludo,\n");
  CHECK(found[0].fix->title == "add 'Un saludo,' above the name");
}

TEST_CASE("missing-closing without a name appends the sign-off", "[missing-closing]") {
  const auto found = lint("missing-closing", k_body);
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix.has_value());
  CHECK(found[0].fix->edits[0].location.range.begin == k_body.size() - 1);
  CHECK(found[0].fix->edits[0].replacement == "\n\nUn saludo,");
  CHECK(found[0].fix->title == "add 'Un saludo,' at the end");
}

TEST_CASE("missing-closing proposes a sign-off in the last paragraph's language",
          "[missing-closing]") {
  const auto el = lint("missing-closing", k_body_el + "\nΜαρία\n");
  REQUIRE(el.size() == 1);
  CHECK(el[0].help.find("'Με εκτίμηση,'") != std::string::npos);
  const auto en = lint("missing-closing", k_body_en + "\nSam\n");
  REQUIRE(en.size() == 1);
  CHECK(en[0].help.find("'Best regards,'") != std::string::npos);
}

TEST_CASE("missing-closing accepts sign-offs in es", "[missing-closing]") {
  const std::string ending = GENERATE(
      as<std::string>{}, "Un saludo,\nLucía\n", "Saludos,\nLucía\n", "Un cordial saludo.\n",
      "Saludos cordiales,\n\nLucía Romero\n", "Atentamente,\n\nLucía Romero\nAtención al cliente\n",
      "Cordialmente,\nLucía\n", "Muchas gracias,\nLucía\n", "Gracias.\n",
      "Quedamos a su disposición para cualquier consulta.\n",
      "Si tiene cualquier duda, quedamos a su entera disposición.\n",
      "No dude en contactarnos si necesita algo más.\n", "Reciba un cordial saludo.\n",
      "Le saluda atentamente,\nLucía\n", "Un abrazo,\nLucía\n", "Que tenga un buen día.\n",
      "Muchas gracias por su paciencia.\n", "un saludo\nlucia\n",
      "Disculpe de nuevo las molestias.\n\nLucía\n", "Atte.\nLucía Romero\n",
      "Sin más, reciba un saludo.\n", "Quedo a sus órdenes.\nLucía\n",
      "Quedo a la espera de sus noticias.\n\nLucía\n",
      "Un saludo,\n\nLucía Romero\nResponsable de Atención al Cliente\nTiendaverde S.L.\n"
      "C/ Mayor 3, 28001 Madrid\nTel. 910 000 000\nwww.tiendaverde.es\n",
      "Un saludo,\nLucía\n\nPD: recuerde traer el ticket a la tienda cuando venga a recogerlo.\n",
      "Cualquier cosa, me dice.\n\nLucía\n", "Para lo que necesite, aquí estamos.\n");
  CAPTURE(ending);
  CHECK(lint("missing-closing", k_body + "\n" + ending).empty());
}

TEST_CASE("missing-closing accepts Greek and English sign-offs", "[missing-closing]") {
  const std::string el = GENERATE(
      as<std::string>{}, "Με εκτίμηση,\nΜαρία Παπαδοπούλου\n", "Φιλικά,\nΜαρία\n",
      "Χαιρετισμούς,\nΜαρία\n", "Με φιλικούς χαιρετισμούς,\nΜαρία\n", "Ευχαριστώ,\nΜαρία\n",
      "Ευχαριστούμε πολύ!\n", "Καλή συνέχεια!\n", "Παραμένουμε στη διάθεσή σας.\n",
      "Για οποιαδήποτε απορία, μη διστάσετε να επικοινωνήσετε μαζί μας.\n", "ΜΕ ΕΚΤΙΜΗΣΗ\nΜΑΡΙΑ\n",
      "Με εκτιμηση,\nΜαρία\n", "Χαιρετώ,\nΝίκος\n", "Υ.Γ. Το τιμολόγιο θα σας σταλεί ξεχωριστά.\n",
      "Για οτιδήποτε χρειαστείτε, είμαστε εδώ.\n");
  CAPTURE(el);
  const std::string el_text = el.starts_with("Υ.Γ.") ? "Με εκτίμηση,\nΜαρία\n\n" + el : el;
  CHECK(lint("missing-closing", k_body_el + "\n" + el_text).empty());
  const std::string en =
      GENERATE(as<std::string>{}, "Best regards,\nSam\n", "Kind regards,\nSam Lee\n",
               "Regards,\nSam\n", "Best,\nSam\n", "Thanks,\nSam\n", "Thank you!\n",
               "Cheers,\nSam\n", "Sincerely,\nSam\n", "Yours sincerely,\nSam Lee\n",
               "Many thanks,\nSam\n", "Let us know if you need anything else.\n",
               "Have a great weekend!\n", "Please don't hesitate to contact us.\n",
               "All the best,\nSam\n", "Apologies again for the inconvenience.\n\nThe Acme Team\n",
               "BR,\nSam\n", "Stay safe,\nSam\n", "Any other questions, just give me a shout.\n",
               "Happy to help if anything else comes up.\n");
  CAPTURE(en);
  CHECK(lint("missing-closing", k_body_en + "\n" + en).empty());
}

TEST_CASE("missing-closing reads the first lines of the signature", "[missing-closing]") {
  CHECK(lint("missing-closing", k_body + "-- \nUn saludo,\nLucía Romero\n").empty());
  CHECK(lint("missing-closing", k_body_en + "\n-- \nBest regards,\nSam Lee\nAcme\n").empty());
  // A signature with a name only says who wrote; it does not take leave.
  CHECK(lint("missing-closing", k_body + "-- \nLucía Romero\nTiendaverde\n").size() == 1);
}

TEST_CASE("missing-closing: a one-word sign-off inside the last sentence is not one",
          "[missing-closing]") {
  CHECK(lint("missing-closing",
             k_body_en + "\nWe will do our best to ship the replacement today and email you.\n")
            .size() == 1);
  // A thank-you earlier in the message does not close it.
  CHECK(lint("missing-closing", "Gracias por su mensaje.\n\n" + k_body).size() == 1);
  // A greeting that uses a sign-off word does not close it.
  CHECK(lint("missing-closing",
             "Saludos, Ana.\n\nSu pedido 51190 salió ayer de nuestro almacén y llegará el "
             "jueves por la tarde. Puede seguir el envío desde su cuenta.\n")
            .size() == 1);
}

TEST_CASE("missing-closing skips a disclaimer below the name", "[missing-closing]") {
  const std::string disclaimer =
      "\nEste mensaje y sus adjuntos son confidenciales. Si ha recibido este mensaje por error, "
      "notifíquelo al remitente y bórrelo.\n";
  CHECK(lint("missing-closing", k_body + "\nUn saludo,\nLucía\n" + disclaimer).empty());
  CHECK(lint("missing-closing", k_body + "\nLucía\n" + disclaimer).size() == 1);
  // The disclaimer right under the signature, no blank line between them.
  CHECK(lint("missing-closing", k_body + "\nUn saludo,\nLucía" + disclaimer).empty());
  CHECK(lint("missing-closing",
             k_body_el +
                 "\nΜε εκτίμηση,\nΝίκος Παππάς\nΤμήμα Εξυπηρέτησης Πελατών · Τηλ. 210 3334444\n"
                 "Το μήνυμα αυτό είναι εμπιστευτικό και προορίζεται μόνο για τον παραλήπτη του.\n")
            .empty());
  CHECK(lint("missing-closing", k_body + "\nLucía" + disclaimer).size() == 1);
  // A footer whose first lines hold no cue.
  CHECK(
      lint("missing-closing",
           k_body_en +
               "\nKind regards,\n\nHannah Price\nCustomer Care, Harbour Bank\nHarbour Bank plc is "
               "authorised by the Prudential Regulation Authority. Registered in\nEngland and "
               "Wales no. 02065312. This message is confidential and may be privileged;\nif you "
               "are not the intended recipient, please delete it and do not forward it.\n")
          .empty());
}

TEST_CASE("missing-closing: a top-posted reply ends above the quote", "[missing-closing]") {
  CHECK(lint("missing-closing", k_body +
                                    "\nUn saludo,\nLucía\n\nEl lun, 3 feb 2025 a las 10:12, Ana "
                                    "<ana@example.es> escribió:\n> ¿Cuándo llega?\n> Gracias\n")
            .empty());
  const auto found =
      lint("missing-closing", k_body +
                                  "\nEl lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> "
                                  "escribió:\n> ¿Cuándo llega?\n>\n> Un saludo,\n> Ana\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
}

TEST_CASE("missing-closing honours min-words", "[missing-closing]") {
  const std::string text = "Hola Ana:\n\nSu pedido salió ayer y llegará el jueves.\n";
  CHECK(lint("missing-closing", text).empty());
  CHECK(lint("missing-closing", text, {.options = {{"min-words", "5"}}}).size() == 1);
}

TEST_CASE("missing-closing stays quiet on the traps", "[missing-closing]") {
  // The traps prove nothing unless the same text fires in own text.
  REQUIRE(lint("missing-closing", k_body).size() == 1);
  const std::string text = GENERATE(
      as<std::string>{},
      "OK, gracias.\n",  // one-liner
      "Thanks!\n",       // one-liner
      "> Hola,\n>\n> Su pedido 51190 salió ayer de nuestro almacén y llegará el jueves por la "
      "tarde.\n",  // only a quote
      "From: Ana <ana@example.com>\nSubject: [PATCH v2 1/3] Fix the parser\n\n"
      "The parser drops the last line of a message that does not end in a newline; this keeps "
      "it and adds a test for it.\n---\n src/a.c | 2 +-\n 1 file changed, 1 insertion(+), 1 "
      "deletion(-)\n\ndiff --git a/src/a.c b/src/a.c\n");  // a patch
  CAPTURE(text);
  CHECK(lint("missing-closing", text).empty());
}

TEST_CASE("missing-closing: 'gracias a su aviso' is not thanks", "[missing-closing]") {
  CHECK(lint("missing-closing", k_body + "\nGracias a su aviso hemos corregido la factura.\n")
            .size() == 1);
  CHECK(lint("missing-closing", k_body_en + "\nThanks to your report, we fixed the page too.\n")
            .size() == 1);
  CHECK(lint("missing-closing", k_body + "\nGracias a usted por su paciencia.\n").empty());
}

TEST_CASE("missing-closing skips a postscript below the sign-off", "[missing-closing]") {
  const std::string postscript =
      GENERATE(as<std::string>{}, "PD: recuerde traer el ticket a la tienda.\n",
               "P.D. Recuerde traer el ticket a la tienda.\n", "P.S. Don't forget the ticket.\n",
               "PS: don't forget the ticket.\n", "Υ.Γ. Μην ξεχάσετε την απόδειξη.\n",
               "ΥΓ: μην ξεχάσετε την απόδειξη.\n");
  CAPTURE(postscript);
  CHECK(lint("missing-closing", k_body + "\nUn saludo,\nLucía\n\n" + postscript).empty());
  // Without a sign-off above it, the postscript does not stand in for one.
  CHECK(lint("missing-closing", k_body + "\nLucía\n\n" + postscript).size() == 1);
  // A paragraph that merely starts with the letters is not a postscript.
  CHECK(lint("missing-closing",
             k_body + "\nUn saludo,\nLucía\n\nPsicología y más: nuestro blog tiene artículos "
                      "nuevos cada semana.\n")
            .size() == 1);
}

TEST_CASE("missing-closing: short exclamations belong to the sign-off block", "[missing-closing]") {
  CHECK(lint("missing-closing", k_body_en + "\nRegards,\n\nJohn Doe\nCEO @ Acme !\n").empty());
  CHECK(lint("missing-closing", k_body + "\n¡Gracias!\nLucía\n").empty());
  // A question is the last sentence, not part of the block.
  CHECK(lint("missing-closing", k_body + "\n¿Le viene bien el martes por la tarde?\nLucía\n")
            .size() == 1);
}

TEST_CASE("missing-closing skips PGP armor at the end", "[missing-closing]") {
  CHECK(lint("missing-closing", k_body + "\nUn saludo,\nLucía\n\n-----BEGIN PGP SIGNATURE-----\n"
                                         "\niQEzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n")
            .empty());
}

TEST_CASE("missing-closing skips an opt-out footer below the sign-off", "[missing-closing]") {
  CHECK(lint("missing-closing",
             k_body_el + "\nΜε εκτίμηση,\nΤο βιβλιοπωλείο\n\nΓια απεγγραφή από το ενημερωτικό "
                         "μας δελτίο απαντήστε με τη λέξη ΔΙΑΓΡΑΦΗ.\n")
            .empty());
  CHECK(lint("missing-closing", k_body + "\nUn saludo,\nLucía\n\nSi no desea recibir más "
                                         "correos, puede darse de baja aquí.\n")
            .empty());
}

TEST_CASE("missing-closing: 'taking care of' is not 'Take care'", "[missing-closing]") {
  CHECK(lint("missing-closing", k_body_en + "\nWe are taking care of the replacement ourselves.\n")
            .size() == 1);
  CHECK(lint("missing-closing", k_body_en + "\nTake care,\nSam\n").empty());
}

TEST_CASE("missing-closing skips eco and automatic-mail footers", "[missing-closing]") {
  const std::string footer = GENERATE(
      as<std::string>{},
      "Antes de imprimir este correo electrónico, piense si es realmente necesario hacerlo.\n",
      "Por favor, no responda a este correo: la dirección no recibe mensajes.\n",
      "Πριν εκτυπώσετε αυτό το μήνυμα, σκεφτείτε το περιβάλλον και την ανάγκη εκτύπωσης.\n",
      "Please consider the environment before printing this email and the attachments.\n");
  CAPTURE(footer);
  CHECK(lint("missing-closing", k_body + "\nUn saludo,\nLucía\n\n" + footer).empty());
  CHECK(lint("missing-closing", k_body + "\nLucía\n\n" + footer).size() == 1);
}

TEST_CASE("missing-closing: good wishes for a trip or a stay close a message",
          "[missing-closing]") {
  CHECK(lint("missing-closing", k_body_el + "\nΚαλό ταξίδι!\n\nΔήμητρα Σταύρου\n").empty());
  CHECK(lint("missing-closing", k_body + "\n¡Buen viaje!\n\nLucía\n").empty());
  CHECK(lint("missing-closing", k_body_en + "\nHave a safe trip!\n\nSam\n").empty());
  CHECK(lint("missing-closing", k_body_el + "\nΤο ταξίδι σας επιβεβαιώθηκε.\n\nΔήμητρα\n").size() ==
        1);
}
