#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
// A mutt-style draft: headers, a blank line, the body.
std::string draft(const std::string& body, const std::string& extra_headers = "") {
  return "From: Soporte <soporte@tienda.example>\nTo: Ana <ana@example.com>\n"
         "Subject: Re: Su pedido\n" +
         extra_headers + "\n" + body;
}
}  // namespace

TEST_CASE("missing-attachment flags a claim when nothing is attached", "[missing-attachment]") {
  const auto found =
      lint("missing-attachment", draft("Hola Ana,\n\nLe adjunto la factura del pedido.\n\n"
                                       "Un saludo,\nLucía\n"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 7);
  CHECK(found[0].column == 1);
  CHECK(found[0].text == "Le adjunto");
  CHECK(found[0].message == "'Le adjunto' but the message has no attachment");
  CHECK(found[0].help == "attach the file before sending, or take the sentence out");
}

TEST_CASE("missing-attachment knows the claims of each language", "[missing-attachment]") {
  const std::string body = GENERATE(
      as<std::string>{},
      // Spanish: usted, tú, nosotros, ustedes; without accents; in capitals
      "Le adjunto la factura.\n", "Te adjunto el presupuesto que pediste.\n",
      "Adjuntamos el justificante de pago.\n", "Les adjuntamos las instrucciones.\n",
      "Adjunto le envío la documentación.\n", "Adjunto la factura corregida.\n",
      "Encontrará adjunto el albarán.\n", "Encontraras adjunta la guia de instalacion.\n",
      "Va adjunta la factura de marzo.\n", "En el archivo adjunto tiene los pasos.\n",
      "Le envío la factura adjunta.\n", "Se la adjunto de nuevo.\n",
      "Le he adjuntado la factura.\n", "LE ADJUNTO LA FACTURA.\n",
      "Por favor, revise el documento adjunto.\n",
      // Impersonal and Latin-American forms
      "Se adjunta la factura 77821.\n", "Le anexo la factura.\n",
      "Te comparto la factura 77821 adjunta.\n",
      // Greek: singular, plural, polite plural, passive, without accents
      "Σας επισυνάπτω το τιμολόγιο.\n", "Επισυνάπτουμε την απόδειξη πληρωμής.\n",
      "Θα βρείτε συνημμένο το τιμολόγιο.\n", "Θα βρεις συνημμένα τα έγγραφα.\n",
      "Στο συνημμένο αρχείο θα βρείτε τις οδηγίες.\n", "Επισυνάπτεται η φόρμα επιστροφής.\n",
      "Σας στέλνω το τιμολόγιο συνημμένο.\n", "Συνημμένα σας στέλνουμε τα έγγραφα.\n",
      "Δείτε το συνημμένο αρχείο.\n", "σας επισυναπτω το τιμολογιο\n",
      // English
      "Please find attached the invoice.\n", "I've attached the invoice.\n",
      "We have attached a copy of the label.\n", "Attached is the return form.\n",
      "See the attached screenshot.\n", "I'm attaching the logs from our side.\n",
      "Enclosed please find the contract.\n", "The invoice is attached.\n",
      "Attached you will find the manual.\n", "You'll find attached the instructions.\n",
      "Please see attached for the updated quote.\n", "Please find the updated quote attached.\n",
      "Please see the attachment for details.\n", "PFA the updated quote.\n",
      // a claim followed by a question of its own
      "I've attached the invoice, can you confirm you got it?\n",
      "Le adjunto la factura, ¿la ha recibido?\n", "Σας επισυνάπτω το τιμολόγιο, το λάβατε;\n");
  CAPTURE(body);
  CHECK(lint("missing-attachment", draft("Hola,\n\n" + body)).size() == 1);
}

TEST_CASE("missing-attachment reports the first claim only", "[missing-attachment]") {
  const auto found = lint("missing-attachment",
                          draft("Le adjunto la factura.\n\nTambién adjuntamos el albarán.\n"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "Le adjunto");
}

TEST_CASE("missing-attachment is quiet when something is attached", "[missing-attachment]") {
  // A mutt draft's Attach: pseudo-header.
  CHECK(lint("missing-attachment",
             draft("Le adjunto la factura.\n", "Attach: ~/facturas/51190.pdf\n"))
            .empty());
  // A MIME message with a PDF.
  const std::string mime =
      "From: Soporte <soporte@tienda.example>\nTo: ana@example.com\nSubject: Factura\n"
      "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
      "--b\nContent-Type: text/plain; charset=utf-8\n\nLe adjunto la factura.\n"
      "--b\nContent-Type: application/pdf; name=\"f.pdf\"\n"
      "Content-Disposition: attachment; filename=\"f.pdf\"\nContent-Transfer-Encoding: base64\n\n"
      "JVBERi0xLjQK\n--b--\n";
  CHECK(lint("missing-attachment", mime, {}, "test.eml").empty());
}

TEST_CASE("missing-attachment does not count a signature logo", "[missing-attachment]") {
  // A small inline image (an HTML signature's logo) is not the file the text promises.
  const std::string mime =
      "From: Soporte <soporte@tienda.example>\nTo: ana@example.com\nSubject: Factura\n"
      "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n"
      "--b\nContent-Type: text/plain; charset=utf-8\n\nPlease find attached the invoice.\n"
      "--b\nContent-Type: image/png; name=\"image001.png\"\nContent-ID: <logo>\n"
      "Content-Disposition: inline; filename=\"image001.png\"\n"
      "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b--\n";
  CHECK(lint("missing-attachment", mime, {}, "test.eml").size() == 1);
}

TEST_CASE("missing-attachment stays quiet on the traps", "[missing-attachment]") {
  // The traps prove nothing unless the same words fire in own text.
  REQUIRE(!lint("missing-attachment", draft("Le adjunto la factura.\n")).empty());
  const std::string body = GENERATE(
      as<std::string>{},
      // the customer's attachment
      "El archivo adjunto que nos envió está vacío.\n",
      "En el archivo adjunto que nos envió no aparece el número de pedido.\n",
      "Hemos revisado el archivo que nos adjuntó.\n", "Gracias por el archivo adjunto.\n",
      "Το συνημμένο αρχείο που μας στείλατε είναι κενό.\n",
      "Στο συνημμένο σας δεν βλέπουμε τον αριθμό παραγγελίας.\n",
      "Το αρχείο που μας στείλατε συνημμένο δεν ανοίγει.\n", "The file you attached is empty.\n",
      "In the attached file you sent, the order number is missing.\n",
      "Thanks for the screenshot you attached.\n",
      // negations, conditions, the future, requests
      "No le adjunto la factura porque aún no está emitida.\n",
      "No puedo adjuntar la factura todavía.\n", "Le adjuntaré la factura en cuanto esté lista.\n",
      "Δεν σας επισυνάπτω το τιμολόγιο ακόμη.\n", "Θα σας επισυνάψω το τιμολόγιο αύριο.\n",
      "I can't attach the invoice yet.\n", "I will attach it tomorrow.\n",
      "The invoice is not attached yet because it has not been issued.\n",
      "If I attach the file, please confirm you received it.\n",
      // questions: asking the customer to attach, or about a file
      "¿Puede adjuntar la factura?\n", "Could you attach a screenshot?\n",
      "¿Podría enviarnos la factura adjunta?\n",
      "Μπορείτε να μας στείλετε το τιμολόγιο συνημμένο;\n", "Did you see the attached form?\n",
      // an earlier message: the Spanish past tense
      "En el correo de ayer le adjuntamos la factura, pero el PDF no se abría.\n",
      "Ayer le enviamos adjunta la factura; si no la encuentra, díganoslo.\n",
      "En el mensaje anterior le adjuntamos las instrucciones.\n",
      // the label attached to a parcel
      "The return label is attached to the parcel.\n",
      // quoted, attribution, signature
      "Gracias.\n\n> Please find attached the invoice.\n",
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> Le adjunto la foto.\n",
      "Un saludo,\n-- \nLe adjuntamos nuestro catálogo.\n");
  CAPTURE(body);
  CHECK(lint("missing-attachment", draft(body)).empty());
}

TEST_CASE("missing-attachment cannot know on a bare body", "[missing-attachment]") {
  CHECK(lint("missing-attachment", "Hola Ana,\n\nLe adjunto la factura.\n").empty());
}
