#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {

// One sentence of 70 words, as support agents write them when they explain everything at once.
const std::string k_long_es =
    "Le escribimos en relación con su consulta sobre el pedido 48213, que según nuestros "
    "registros salió del almacén de Zaragoza el lunes por la tarde y que, por un retraso del "
    "transportista que afecta a varias provincias del norte desde la semana pasada, todavía no "
    "ha llegado a la oficina de reparto de su ciudad, aunque esperamos que lo haga en los "
    "próximos dos o tres días laborables como máximo.";
const std::string k_long_el =
    "Σας ενημερώνουμε ότι η παραγγελία σας με αριθμό 48213, η οποία σύμφωνα με τα αρχεία μας "
    "αναχώρησε από την αποθήκη της Θεσσαλονίκης τη Δευτέρα το απόγευμα, δεν έχει φτάσει ακόμη "
    "στο κατάστημα παραλαβής της πόλης σας λόγω μιας καθυστέρησης της εταιρείας ταχυμεταφορών "
    "που επηρεάζει πολλές περιοχές της βόρειας Ελλάδας από την περασμένη εβδομάδα, αλλά "
    "περιμένουμε ότι θα φτάσει μέσα στις επόμενες δύο ή τρεις εργάσιμες ημέρες το αργότερο.";
const std::string k_long_en =
    "We are writing about your question on order 48213, which according to our records left "
    "the warehouse in Leeds on Monday afternoon and which, because of a delay at the courier "
    "that has been affecting several northern counties since last week, has still not reached "
    "the delivery office in your town, although we expect it to get there within the next two "
    "or three working days at the latest and will let you know.";

// Sentences of normal length (10-20 words) to build paragraphs from.
const std::vector<std::string> k_short_es = {
    "Hemos revisado su pedido con el almacén esta mañana.",
    "El paquete salió el lunes y el transportista lleva algo de retraso en el norte.",
    "Si no le llega antes del viernes, le enviaremos otro sin coste.",
    "También le hemos aplicado un descuento del diez por ciento en su próxima compra.",
    "Puede seguir el envío desde su cuenta, en el apartado de pedidos.",
    "Si prefiere recogerlo en tienda, díganos cuál le queda mejor y lo preparamos.",
};

std::string paragraph_of(const std::vector<std::string>& sentences, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i > 0) out += ' ';
    out += sentences[static_cast<std::size_t>(i) % sentences.size()];
  }
  return out;
}

}  // namespace

TEST_CASE("wall-of-text flags a sentence too long to read", "[wall-of-text]") {
  const auto found = lint("wall-of-text", "Hola Ana:\n\n" + k_long_es + "\n\nUn saludo,\nLucía\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 1);
  CHECK(found[0].message == "sentence of 70 words");
  CHECK(found[0].help == "split it into sentences of one idea each (at most 50 words)");
}

TEST_CASE("wall-of-text flags long sentences in Greek and English", "[wall-of-text]") {
  const auto el = lint("wall-of-text",
                       "Αγαπητή κυρία Παπαδοπούλου,\n\n" + k_long_el + "\n\nΜε εκτίμηση,\nΝίκος\n");
  REQUIRE(el.size() == 1);
  CHECK(el[0].line == 3);
  CHECK(el[0].message.starts_with("sentence of "));
  const auto en = lint("wall-of-text", "Hi Bob,\n\n" + k_long_en + "\n\nBest regards,\nSam\n");
  REQUIRE(en.size() == 1);
  CHECK(en[0].message == "sentence of 74 words");
}

TEST_CASE("wall-of-text flags a paragraph of short sentences that fills the screen",
          "[wall-of-text]") {
  // Twelve sentences of 10-15 words on one paragraph: about 150 words.
  const std::string text =
      "Hola Ana:\n\n" + paragraph_of(k_short_es, 12) + "\n\nUn saludo,\nLucía\n";
  const auto found = lint("wall-of-text", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].message.starts_with("paragraph of "));
  CHECK(found[0].help == "break it into shorter paragraphs or a list (at most 120 words each)");
  // Two paragraphs of six sentences each are fine.
  CHECK(lint("wall-of-text", "Hola Ana:\n\n" + paragraph_of(k_short_es, 6) + "\n\n" +
                                 paragraph_of(k_short_es, 6) + "\n")
            .empty());
}

TEST_CASE("wall-of-text: a hard-wrapped paragraph is one block", "[wall-of-text]") {
  // The same 150 words wrapped at 72 columns, as mutt and git send-email write them.
  std::string wrapped;
  std::size_t column = 0;
  for (char c : paragraph_of(k_short_es, 12)) {
    if (c == ' ' && column >= 64) {
      wrapped += '\n';
      column = 0;
      continue;
    }
    wrapped += c;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
  }
  const auto found = lint("wall-of-text", "Hola Ana:\n\n" + wrapped + "\n\nUn saludo,\nLucía\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.starts_with("paragraph of "));
}

TEST_CASE("wall-of-text options change the limits", "[wall-of-text]") {
  const std::string text = "Hola Ana:\n\n" + paragraph_of(k_short_es, 6) + "\n";
  CHECK(lint("wall-of-text", text).empty());
  const auto found = lint("wall-of-text", text, {.options = {{"max-paragraph-words", "40"}}});
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.starts_with("paragraph of "));
  CHECK(lint("wall-of-text", "Hola.\n\n" + k_long_es + "\n",
             {.options = {{"max-sentence-words", "80"}}})
            .empty());
  // A long sentence that is the whole paragraph is reported once, as a sentence.
  const auto both =
      lint("wall-of-text", k_long_es + "\n", {.options = {{"max-paragraph-words", "40"}}});
  REQUIRE(both.size() == 1);
  CHECK(both[0].message == "sentence of 70 words");
}

TEST_CASE("wall-of-text stays quiet on the traps", "[wall-of-text]") {
  // The traps prove nothing unless the same text fires in own text.
  REQUIRE(!lint("wall-of-text", k_long_es + "\n").empty());
  const std::string list_es =
      "Para tramitar la devolución necesitamos lo siguiente:\n"
      "- El número de pedido, que aparece en el correo de confirmación que recibió al "
      "comprar, y la fecha en la que hizo la compra en nuestra tienda online.\n"
      "- Una foto del producto en la que se vea bien el defecto, con la etiqueta y el embalaje "
      "original si todavía los conserva.\n"
      "- La dirección a la que quiere que pasemos a recoger el paquete y una franja horaria en "
      "la que haya alguien en casa para entregarlo.\n"
      "- El método de reembolso que prefiere: a la misma tarjeta con la que pagó, o un vale "
      "para usar en la tienda sin fecha de caducidad.\n"
      "- Un teléfono de contacto por si el transportista necesita localizarle el día de la "
      "recogida.\n";
  const std::string numbered_el =
      "Για να ολοκληρωθεί η επιστροφή χρειαζόμαστε τα εξής:\n"
      "1. Τον αριθμό της παραγγελίας, που θα βρείτε στο email επιβεβαίωσης που λάβατε όταν "
      "ολοκληρώσατε την αγορά σας από το ηλεκτρονικό μας κατάστημα.\n"
      "2. Μια φωτογραφία του προϊόντος όπου να φαίνεται καθαρά το ελάττωμα, μαζί με την "
      "ετικέτα και την αρχική συσκευασία αν τις έχετε ακόμη.\n"
      "3. Τη διεύθυνση από την οποία θέλετε να παραλάβουμε το δέμα και ένα χρονικό διάστημα "
      "που θα είναι κάποιος στο σπίτι για να το παραδώσει.\n"
      "4. Τον τρόπο επιστροφής χρημάτων που προτιμάτε, στην ίδια κάρτα ή με δωροεπιταγή για "
      "το κατάστημα χωρίς ημερομηνία λήξης.\n"
      "5. Ένα τηλέφωνο επικοινωνίας σε περίπτωση που ο κούριερ χρειαστεί να σας βρει την "
      "ημέρα της παραλαβής.\n";
  const std::string disclaimer_es =
      "Un saludo,\nLucía\n\nAVISO LEGAL: Este mensaje y sus archivos adjuntos van dirigidos "
      "exclusivamente a su destinatario, pudiendo contener información confidencial sometida a "
      "secreto profesional. No está permitida su comunicación, reproducción o distribución sin "
      "la autorización expresa de Tiendaverde S.L. Si usted no es el destinatario final, por "
      "favor elimínelo e infórmenos por esta vía. De acuerdo con el Reglamento General de "
      "Protección de Datos, le informamos de que sus datos forman parte de un fichero cuyo "
      "responsable es Tiendaverde S.L., con la finalidad de gestionar la relación comercial, y "
      "puede ejercer sus derechos de acceso, rectificación, supresión y oposición escribiendo a "
      "privacidad@tiendaverde.es. Le recordamos que puede consultar nuestra política de privacidad "
      "completa en nuestra página web, donde encontrará toda la información sobre el "
      "tratamiento de sus datos y sobre cómo ejercer sus derechos ante la autoridad de control.\n";
  const std::string disclaimer_en =
      "Best regards,\nSam\n\nCONFIDENTIALITY NOTICE: This e-mail message, including any "
      "attachments, is for the sole use of the intended recipient(s) and may contain "
      "confidential and privileged information that is protected by law, and any unauthorized "
      "review, use, disclosure or distribution of it, or of any of the information it holds, "
      "by anyone other than the intended recipient is strictly prohibited and may be unlawful, "
      "so if you are not the intended recipient please contact the sender by reply e-mail and "
      "destroy all copies of the original message.\n";
  const std::string disclaimer_el =
      "Με εκτίμηση,\nΝίκος\n\nΤο παρόν μήνυμα και τα συνημμένα του απευθύνονται αποκλειστικά "
      "στον παραλήπτη και ενδέχεται να περιέχουν εμπιστευτικές πληροφορίες, η χρήση, "
      "αντιγραφή ή διανομή των οποίων από οποιονδήποτε άλλον απαγορεύεται ρητά από τον νόμο "
      "και μπορεί να επιφέρει ευθύνη, οπότε εάν το λάβατε εκ παραδρομής παρακαλούμε να "
      "ενημερώσετε αμέσως τον αποστολέα απαντώντας σε αυτό το μήνυμα και να διαγράψετε το "
      "μήνυμα και κάθε αντίγραφό του από τα συστήματά σας χωρίς να το κοινοποιήσετε.\n";
  const std::string code =
      "Hi Bob,\n\nThe log shows the problem:\n"
      "    2025-02-03 10:12:01 ERROR [payment] gateway=stripe status=402 order=48213 "
      "customer=9912 retry=3 message=\"card_declined\" decline_code=\"insufficient_funds\" "
      "request_id=req_8f3a9b2c latency_ms=812 region=eu-west-1 host=pay-03 "
      "trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7 version=2.14.1 "
      "client=web-checkout user_agent=\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) "
      "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1\" "
      "path=/checkout/pay method=POST bytes=2048 attempt=1 queue=payments-high "
      "worker=payments-7 shard=12 tenant=shop-eu cache=miss\n\nBest,\nSam\n";
  // 45 words and four links: long for English, normal for a Spanish instruction.
  const std::string urls_es =
      "Puede descargar la factura desde https://tiendaverde.example.es/cuenta/pedidos/48213/"
      "factura?formato=pdf&idioma=es, consultar el estado del envío en https://seguimiento."
      "example.es/envios/ES48213XZ9?ref=correo, leer nuestras condiciones de devolución en "
      "https://tiendaverde.example.es/ayuda/devoluciones o escribirnos a atencion@tiendaverde.es "
      "si necesita cualquier otra cosa, y le responderemos en el mismo día laborable.\n";
  const std::string text = GENERATE_COPY(
      as<std::string>{},
      "Gracias.\n\n> " + k_long_es + "\n",  // quoted text
      "Gracias.\n\nEl jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> " +
          paragraph_of(k_short_es, 14) + "\n",        // attribution + quote
      "Un saludo,\n-- \nLucía\n" + k_long_es + "\n",  // signature
      list_es, numbered_el, disclaimer_es, disclaimer_en, disclaimer_el, code, urls_es,
      // Long but normal sentences of Spanish and Greek prose (35-45 words).
      "Hola Ana:\n\nHemos hablado con el transportista y nos confirma que el paquete, que "
      "estaba retenido en la oficina de Burgos por un error en la dirección, sale hoy mismo "
      "hacia su domicilio y llegará, si no surge ningún imprevisto, el jueves por la mañana.\n",
      "Καλημέρα σας,\n\nΜιλήσαμε με την εταιρεία ταχυμεταφορών και μας επιβεβαίωσε ότι το "
      "δέμα σας, που είχε μείνει στο κατάστημα της Λάρισας λόγω λάθους στη διεύθυνση, "
      "φεύγει σήμερα για το σπίτι σας και θα φτάσει, αν δεν υπάρξει κάποιο απρόοπτο, την "
      "Πέμπτη το πρωί.\n",
      // Each sentence on its own line: the writer broke the lines on purpose.
      "Hola Ana:\n\n" + paragraph_of({k_short_es[0]}, 1) + "\n" + k_short_es[1] + "\n" +
          k_short_es[2] + "\n" + k_short_es[3] + "\n" + k_short_es[4] + "\n" + k_short_es[5] +
          "\n" + k_short_es[0] + "\n" + k_short_es[1] + "\n" + k_short_es[2] + "\n" +
          k_short_es[3] + "\n" + k_short_es[4] + "\n" + k_short_es[5] + "\n");
  CAPTURE(text);
  CHECK(lint("wall-of-text", text).empty());
}

TEST_CASE("wall-of-text: a list is not a wall", "[wall-of-text]") {
  const std::string list =
      "Para tramitar la devolución necesitamos:\n"
      "- El número de pedido, que aparece en el correo de confirmación.\n"
      "- Una foto del producto en la que se vea bien el defecto.\n"
      "- La dirección a la que pasamos a recoger el paquete\n"
      "- Un teléfono de contacto por si el transportista necesita localizarle\n"
      "1) La fecha de compra\n"
      "2) El método de reembolso que prefiere\n"
      "α) Η διεύθυνση παραλαβής του δέματος\n"
      "• El nombre de la persona que lo entregará en su domicilio\n";
  const replylint::test::LintSettings tight{
      .options = {{"max-paragraph-words", "30"}, {"max-sentence-words", "20"}}};
  CHECK(lint("wall-of-text", list, tight).empty());
  std::string joined = list;
  for (char& c : joined)
    if (c == '\n') c = ' ';
  CHECK(lint("wall-of-text", joined + "\n", tight).size() ==
        1);  // one run-on, as the reader sees it
}

TEST_CASE("wall-of-text: lines typed one by one are not a wall", "[wall-of-text]") {
  std::string summary = "Resumen de su pedido 48213\n";
  for (int i = 0; i < 20; ++i) summary += "Camiseta básica de algodón, talla M, color azul\n";
  summary += "Total: 240,00 € (IVA incluido)\n";
  CHECK(lint("wall-of-text", "Hola Ana:\n\n" + summary + "\nUn saludo,\nLucía\n").empty());
}

TEST_CASE("wall-of-text: a format=flowed body's hard line breaks are typed", "[wall-of-text]") {
  // Twelve sentences of about 60 columns, each on a line the writer ended. Plain text cannot
  // tell these from hard-wrapped lines; format=flowed says which breaks were typed.
  const std::string sentence = "We checked the order with the warehouse again this morning.";
  std::string lines;
  for (int i = 0; i < 20; ++i) lines += sentence + "\n";
  const std::string head =
      "From: Sam <sam@shop.example.com>\nTo: bob@example.org\nSubject: Re: Order\n"
      "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8; format=flowed\n\n";
  CHECK(lint("wall-of-text", head + "Hi Bob,\n\n" + lines, {}, "a.eml").empty());
  const auto plain = lint("wall-of-text", "Hi Bob,\n\n" + lines);
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].message == "paragraph of 200 words");
}

TEST_CASE("wall-of-text reads paragraphs of an HTML-only message from its markup",
          "[wall-of-text]") {
  const std::string head =
      "From: Lucía <lucia@tiendaverde.es>\nTo: ana@example.es\nSubject: Re: Pedido\n"
      "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n<html><body>";
  std::string separate;  // one <p> per pair of sentences
  for (int i = 0; i < 12; i += 2)
    separate += "<p>" + k_short_es[static_cast<std::size_t>(i) % 6] + " " +
                k_short_es[static_cast<std::size_t>(i + 1) % 6] + "</p>";
  CHECK(lint("wall-of-text", head + separate + "</body></html>\n", {}, "a.eml").empty());
  std::string divs;  // Gmail: one <div> per line, no blank line between
  for (int i = 0; i < 12; ++i)
    divs += "<div>" + k_short_es[static_cast<std::size_t>(i) % 6] + "</div>";
  CHECK(lint("wall-of-text", head + divs + "</body></html>\n", {}, "a.eml").empty());
  const auto found =
      lint("wall-of-text", head + "<p>" + paragraph_of(k_short_es, 12) + "</p></body></html>\n", {},
           "a.eml");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.starts_with("paragraph of "));
}
