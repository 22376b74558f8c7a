#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
// Enough own words (min-words is 15) for the rule to look at the draft.
const std::string k_body =
    "Su pedido 51190 salió ayer de nuestro almacén y llegará el jueves por la tarde. Puede "
    "seguir el envío desde su cuenta.\n";
const std::string k_body_el =
    "Η παραγγελία σας έχει αποσταλεί και θα την παραλάβετε μέσα σε δύο με τρεις εργάσιμες "
    "ημέρες από σήμερα.\n";
const std::string k_body_en =
    "Your order shipped yesterday from our warehouse and should arrive on Thursday afternoon. "
    "You can track it from your account.\n";
}  // namespace

TEST_CASE("missing-greeting flags own text that opens without a greeting", "[missing-greeting]") {
  const auto found = lint("missing-greeting", k_body + "\nUn saludo,\nLucía\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 1);
  CHECK(found[0].column == 1);
  CHECK(found[0].text == "Su");
  CHECK(found[0].message == "message opens without a greeting");
  CHECK(found[0].help == "open with a greeting, such as 'Hola:' with the reader's name");
  REQUIRE(found[0].fix.has_value());
  CHECK(found[0].fix->applicability == replylint::core::Applicability::unsafe);
  REQUIRE(found[0].fix->edits.size() == 1);
  CHECK(found[0].fix->edits[0].location.range.begin == 0);
  CHECK(found[0].fix->edits[0].location.range.empty());
  CHECK(found[0].fix->edits[0].replacement == "Hola:\n\n");
}

TEST_CASE("missing-greeting proposes a greeting in the opening's language", "[missing-greeting]") {
  const auto el = lint("missing-greeting", k_body_el + "\nΜε εκτίμηση,\nΜαρία\n");
  REQUIRE(el.size() == 1);
  CHECK(el[0].text == "Η");
  CHECK(el[0].help.find("'Καλημέρα σας,'") != std::string::npos);
  const auto en = lint("missing-greeting", k_body_en + "\nBest regards,\nSam\n");
  REQUIRE(en.size() == 1);
  CHECK(en[0].help.find("'Hello,'") != std::string::npos);
}

TEST_CASE("missing-greeting flags the first own paragraph of an inline reply",
          "[missing-greeting]") {
  const auto found = lint("missing-greeting",
                          "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:\n"
                          "> Hola, ¿cuándo llega mi pedido?\n\n" +
                              k_body + "\n> ¿Y la factura?\n\nLa factura va adjunta.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 4);
  CHECK(found[0].text == "Su");
}

TEST_CASE("missing-greeting accepts greetings in es, el and en", "[missing-greeting]") {
  const std::string opening =
      GENERATE(as<std::string>{}, "Hola Ana,\n\n", "hola ana\n", "Buenos días, Sr. García:\n\n",
               "Buenas tardes.\n", "Estimada Sra. Pérez:\n\n", "Estimados señores:\n\n",
               "Querida Ana:\n", "Apreciado cliente,\n", "Muy señor mío:\n\n", "Buenas, ",
               "Ana, buenos días:\n\n", "Hola {{nombre}},\n\n", "Saludos, Ana.\n\n",
               "BUENOS DIAS\n\n", "A quien corresponda:\n\n", "Ana:\n\n", "Sr. García,\n\n",
               "{{nombre}}:\n\n", "Ana García Ruiz,\n", "Señora Pérez,\n\n", "¿Qué tal, Ana?\n\n");
  CAPTURE(opening);
  CHECK(lint("missing-greeting", opening + k_body).empty());
}

TEST_CASE("missing-greeting accepts Greek and English greetings", "[missing-greeting]") {
  const std::string el =
      GENERATE(as<std::string>{}, "Καλημέρα σας,\n\n", "Καλησπέρα,\n\n", "Γεια σας,\n\n",
               "Γειά σου Νίκο,\n\n", "ΓΕΙΑ ΣΑΣ\n\n", "Αγαπητέ κύριε Παπαδόπουλε,\n\n",
               "Αγαπητή κυρία Νικολάου,\n\n", "Αγαπητοί συνεργάτες,\n\n", "Αξιότιμη κυρία,\n\n",
               "Κύριε Παπαδόπουλε,\n\n", "κ. Παπαδόπουλε,\n\n", "Χαίρετε,\n\n", "Καλημερα σας\n",
               "Κυρία Νικολάου, καλησπέρα σας.\n\n");
  CAPTURE(el);
  CHECK(lint("missing-greeting", el + k_body_el).empty());
  const std::string en = GENERATE(as<std::string>{}, "Dear Ms Smith,\n\n", "Hi Sam,\n\n",
                                  "Hello,\n\n", "Hey there!\n\n", "Good morning, Sam.\n\n",
                                  "Greetings,\n\n", "To whom it may concern:\n\n", "Sam,\n\n",
                                  "Hi {{first_name}},\n\n", "Morning Sam,\n\n", "How are you? ");
  CAPTURE(en);
  CHECK(lint("missing-greeting", en + k_body_en).empty());
}

TEST_CASE("missing-greeting accepts a thank-you as the opening courtesy", "[missing-greeting]") {
  const std::string opening =
      GENERATE(as<std::string>{}, "Gracias por su mensaje. ", "Muchas gracias por escribirnos.\n\n",
               "Le agradecemos su paciencia. ", "Te agradezco la información. ",
               "Ana, gracias por avisarnos. ");
  CAPTURE(opening);
  CHECK(lint("missing-greeting", opening + k_body).empty());
  const std::string el = GENERATE(as<std::string>{}, "Σας ευχαριστούμε για το μήνυμά σας. ",
                                  "Ευχαριστούμε για την επικοινωνία.\n\n");
  CAPTURE(el);
  CHECK(lint("missing-greeting", el + k_body_el).empty());
  const std::string en = GENERATE(as<std::string>{}, "Thank you for contacting us. ",
                                  "Thanks for your patience! ", "Many thanks for the photos.\n\n");
  CAPTURE(en);
  CHECK(lint("missing-greeting", en + k_body_en).empty());
}

TEST_CASE("missing-greeting: a thank-you later in the message is not an opening",
          "[missing-greeting]") {
  CHECK(lint("missing-greeting", k_body + "\nGracias por su paciencia.\n").size() == 1);
}

TEST_CASE("missing-greeting: greeting words that do not open are not greetings",
          "[missing-greeting]") {
  // "Estimamos" and "Queremos" share a stem with "estimado" and "querido"; the list has forms.
  CHECK(lint("missing-greeting", "Estimamos que " + k_body).size() == 1);
  CHECK(lint("missing-greeting", "Queremos informarle de que " + k_body).size() == 1);
  CHECK(lint("missing-greeting", "Le deseamos buenos días. " + k_body).size() == 1);
  CHECK(lint("missing-greeting", "Bueno, " + k_body).size() == 1);
  // A heading line is not a name line.
  CHECK(lint("missing-greeting", "Pedido 51190:\n" + k_body).size() == 1);
}

TEST_CASE("missing-greeting takes a name from the headers as the greeting", "[missing-greeting]") {
  const std::string headers =
      "From: Lucía <lucia@tiendaverde.es>\nTo: Ana García <ana@example.es>\nSubject: Pedido\n\n";
  CHECK(lint("missing-greeting", headers + "Ana, " + k_body).empty());
  CHECK(lint("missing-greeting", headers + "Ana García\n\n" + k_body).empty());
  // Without headers, "Ana, …" could be any word before a comma.
  CHECK(lint("missing-greeting", "Ana, " + k_body).size() == 1);
}

TEST_CASE("missing-greeting honours min-words", "[missing-greeting]") {
  const std::string text = "Su pedido salió ayer y llegará el jueves.\n\nUn saludo,\nLucía\n";
  CHECK(lint("missing-greeting", text).empty());
  CHECK(lint("missing-greeting", text, {.options = {{"min-words", "5"}}}).size() == 1);
}

TEST_CASE("missing-greeting stays quiet on the traps", "[missing-greeting]") {
  // The traps prove nothing unless the same text fires in own text.
  REQUIRE(lint("missing-greeting", k_body).size() == 1);
  const std::string text = GENERATE(
      as<std::string>{},
      "OK, gracias.\n",                           // one-liner
      "Thanks!\n",                                // one-liner
      "Recibido, lo reviso mañana y te digo.\n",  // short note
      "> Hola,\n>\n> Su pedido 51190 salió ayer de nuestro almacén y llegará el jueves por la "
      "tarde.\n",  // only a quote
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> Hola,\n> " + k_body,
      "Hola Ana,\n\n" + k_body + "\n-- \nLucía\n",  // greeting above a signature
      "---------- Forwarded message ---------\nFrom: Ana <ana@example.es>\n"
      "Date: Mon, 3 Feb 2025\nSubject: Pedido\n\n" +
          k_body,  // only a forward
      "From: Ana <ana@example.com>\nSubject: [PATCH v2 1/3] Fix the parser\n\n"
      "The parser drops the last line of a message that does not end in a newline; this keeps "
      "it and adds a test for it.\n---\n src/a.c | 2 +-\n 1 file changed, 1 insertion(+), 1 "
      "deletion(-)\n\ndiff --git a/src/a.c b/src/a.c\n",  // a patch
      "From: Ana <ana@example.com>\nSubject: Re: [PATCH v2 1/3] Fix the parser\n\n"
      "> +  return n;\n\nThis leaks the buffer when the read fails; please free it before "
      "returning and add a test for the error path too.\n");  // a review of a patch
  CAPTURE(text);
  CHECK(lint("missing-greeting", text).empty());
}

TEST_CASE("missing-greeting accepts good wishes as the opening courtesy", "[missing-greeting]") {
  CHECK(lint("missing-greeting", "Espero que se encuentre bien. " + k_body).empty());
  CHECK(lint("missing-greeting", "Ελπίζω να είστε καλά. " + k_body_el).empty());
  CHECK(lint("missing-greeting", "I hope you are well. " + k_body_en).empty());
  CHECK(lint("missing-greeting", "I hope this email finds you well. " + k_body_en).empty());
  // Hoping for something else is not a courtesy.
  CHECK(lint("missing-greeting", "Esperamos recibir el pago pronto. " + k_body).size() == 1);
}

TEST_CASE("missing-greeting: a file name or PGP armor above the text is not the opening",
          "[missing-greeting]") {
  const auto found = lint("missing-greeting", "logo.png\n\n" + k_body);
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "Su");
  CHECK(lint("missing-greeting", "logo.png\n\nHola Ana:\n\n" + k_body).empty());
  CHECK(lint("missing-greeting",
             "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nHola Ana:\n\n" + k_body)
            .empty());
}

TEST_CASE("missing-greeting reads the greeting under a letter's head", "[missing-greeting]") {
  const std::string head = GENERATE(as<std::string>{}, "Madrid, 3 de febrero de 2025\n\n",
                                    "Sr. D. Juan García\nCalle Mayor 3\n28001 Madrid\n\n",
                                    "Ref.: pedido 51190\n\n", "Αθήνα, 3 Φεβρουαρίου 2025\n\n");
  CAPTURE(head);
  CHECK(lint("missing-greeting", head + "Estimado Sr. García:\n\n" + k_body).empty());
}

TEST_CASE("missing-greeting: a head without a greeting under it is the opening",
          "[missing-greeting]") {
  // (An addressee block, "Sr. D. Juan García\n…", addresses the reader: it counts.)
  const std::string head = GENERATE(as<std::string>{}, "Madrid, 3 de febrero de 2025\n\n",
                                    "Ref.: pedido 51190\n\n", "Αθήνα, 3 Φεβρουαρίου 2025\n\n");
  CAPTURE(head);
  const auto found = lint("missing-greeting", head + k_body);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 1);
}
