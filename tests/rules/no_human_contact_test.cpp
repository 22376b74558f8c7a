#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("no-human-contact flags an automatic notice with nobody behind it",
          "[no-human-contact]") {
  const std::string text = GENERATE(
      as<std::string>{},
      "Hola,\n\nHemos recibido su solicitud 8812. Este es un mensaje automático, por favor no "
      "responda a este correo.\n",
      "Hola,\n\nHemos recibido su solicitud 8812.\n\nPor favor, no responda a este correo.\n",
      "Hola:\n\nSu contraseña se ha cambiado. Este correo se ha generado automáticamente.\n\n"
      "Atentamente,\nEl equipo de Tienda Verde\n",
      "From: Fibranet <avisos@fibranet.com.ar>\nTo: martin@gmail.com\nSubject: Reclamo\n\n"
      "Hola Martín:\n\nRecibimos tu reclamo. Este mail se generó automáticamente, no lo "
      "respondas.\n\nSaludos,\nFibranet\n",
      "Γεια σας,\n\nΛάβαμε το αίτημά σας 8812. Αυτό είναι ένα αυτόματο μήνυμα, παρακαλούμε μην "
      "απαντήσετε.\n",
      "Γεια σας,\n\nΗ παραγγελία σας στάλθηκε.\n\nΜην απαντήσετε σε αυτό το μήνυμα.\n\n"
      "Με εκτίμηση,\nΤμήμα Εξυπηρέτησης Πελατών\n",
      "Hello,\n\nWe received your request 8812. This is an automated message, please do not "
      "reply to this email.\n\nThanks,\nThe Support Team\n",
      "Hello,\n\nYour password was changed.\n\n-- \nThis mailbox is not monitored.\n",
      // a greeting is no signature, a business is no person
      "Hola Ana,\n\nEste es un mensaje automático.\n",
      "Αγαπητέ πελάτη,\n\nΗ κράτησή σας επιβεβαιώθηκε. Το μήνυμα αυτό δημιουργήθηκε αυτόματα, "
      "παρακαλούμε μην απαντάτε.\n\nΞενοδοχείο Αιγαίο\n",
      "Hello Mark,\n\nYour password was reset. This email was sent from a notification-only "
      "address. Please do not reply to this message.\n\nSHOP EXAMPLE\n",
      // the customer's own address is no way to reach someone
      "To: ana@gmail.com\nSubject: Alta\n\nHola,\n\nSu cuenta ana@gmail.com está activa. Este es "
      "un mensaje automático.\n");
  CAPTURE(text);
  const auto found = lint("no-human-contact", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "automatic message with no person's name and no way to reach one");
}

TEST_CASE("no-human-contact points at the phrase, else at the From header", "[no-human-contact]") {
  auto found = lint("no-human-contact",
                    "Hola,\n\nSu pedido 51190 ha salido. Este es un mensaje automático.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == "es un mensaje automático");
  found = lint("no-human-contact",
               "From: Tienda Verde <noreply@tiendaverde.es>\nTo: ana.garcia@gmail.com\n"
               "Subject: Su pedido 51190\n\nHola,\n\nSu pedido 51190 ha salido hoy.\n\n"
               "Tienda Verde\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 1);
  found = lint("no-human-contact",
               "From: Tienda Verde <pedidos@tiendaverde.es>\nTo: ana.garcia@gmail.com\n"
               "Auto-Submitted: auto-generated\nSubject: Su pedido 51190\n\n"
               "Hola,\n\nSu pedido 51190 ha salido hoy.\n");
  CHECK(found.size() == 1);
}

TEST_CASE("no-human-contact reads the signer in the last six lines of a long paragraph",
          "[no-human-contact]") {
  // The words of the last lines only are gathered: a name on the last line counts, one seven
  // lines up does not.
  const std::string body =
      "Hola,\n\nEste es un mensaje automático.\nLínea dos del aviso.\nLínea tres.\n";
  CHECK(lint("no-human-contact", body + "Línea cuatro.\nLínea cinco.\nLínea seis.\nLínea siete.\n"
                                        "Un saludo,\nLucía Romero\n")
            .empty());
  const auto found =
      lint("no-human-contact", body +
                                   "Un saludo,\nLucía Romero\nLínea uno.\nLínea dos.\nLínea "
                                   "tres.\nLínea cuatro.\nLínea cinco.\nLínea seis.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "es un mensaje automático");
  // The lines run on into the paragraph before: a sign-off there makes one word a name.
  CHECK(lint("no-human-contact", "Hola,\n\nEste es un mensaje automático.\nUn saludo,\n\nLucía\n")
            .empty());
  CHECK(lint("no-human-contact", "Hola,\n\nEste es un mensaje automático.\n\nLucía\n").size() == 1);
}

TEST_CASE("no-human-contact stays quiet when a person can be reached", "[no-human-contact]") {
  const std::string automatic =
      "Hola,\n\nHemos recibido su solicitud 8812. Este es un mensaje automático, por favor no "
      "responda a este correo.";
  REQUIRE(lint("no-human-contact", automatic + "\n").size() == 1);
  const std::string text = GENERATE_COPY(
      as<std::string>{},
      // a phone number
      automatic + " Si tiene dudas, llámenos al 912 345 678.\n",
      automatic + "\n\nTienda Verde · +34 912345678\n", automatic + "\n\nΤηλ. 2101234567\n",
      // an address that takes replies, a contact link, a contact phrase
      automatic + " Para cualquier duda, escríbanos a soporte@tiendaverde.es.\n",
      automatic + "\n\nhttps://tiendaverde.es/contacto\n",
      automatic + "\n\nhttps://help.shop.example/hc/requests/new\n",
      automatic + " Si lo necesita, póngase en contacto con nosotros.\n",
      // a person signs it
      automatic + "\n\nUn saludo,\nLucía\n", automatic + "\n\nLucía Romero\nAtención al cliente\n",
      automatic + "\n\n-- \nNikos Antoniou\nVivlio\n",
      automatic + "\n\nΜε εκτίμηση,\nΝίκος Αντωνίου\n",
      automatic + "\n\nBest regards, Sarah Miller\n", automatic + "\n\nSaludos,\n{{agent_name}}\n",
      // a Reply-To that takes replies
      "From: Tienda <noreply@tiendaverde.es>\nReply-To: soporte@tiendaverde.es\n"
      "To: ana@gmail.com\nSubject: Su pedido\n\n" +
          automatic + "\n");
  CAPTURE(text);
  CHECK(lint("no-human-contact", text).empty());
}

TEST_CASE("no-human-contact stays quiet on the traps", "[no-human-contact]") {
  const std::string text = GENERATE(
      as<std::string>{},
      // a person's instruction with a condition
      "Hola Ana,\n\nYa hemos cambiado la dirección. No responda a este correo si ya lo ha "
      "resuelto.\n",
      "Hi Mark,\n\nThe address is updated. Do not reply to this email unless it is still "
      "wrong.\n",
      "Γεια σας,\n\nΗ διεύθυνση άλλαξε. Μην απαντήσετε σε αυτό το μήνυμα αν όλα είναι εντάξει.\n",
      // the automatic message is quoted, not written
      "Hola Ana,\n\nLe reenvío la información.\n\n> Este es un mensaje automático, no responda a "
      "este correo.\n",
      // a no-reply sender on an internal notification
      "From: noreply@tiendaverde.es\nTo: lucia@tiendaverde.es\nSubject: Copia de seguridad\n\n"
      "La copia terminó bien.\n",
      // an ordinary reply, one that mentions an automatic message, one signed in capitals
      "Hola Ana,\n\nSu pedido sale mañana.\n",
      "Hola Ana,\n\nPerdone, le llegó una respuesta automática por error; el pedido sale hoy.\n",
      "Hi Mark,\n\nThe invoice is generated automatically at the end of the month.\n",
      "Hola Ana,\n\nEste es un mensaje automático, pero lo reviso yo.\n\nLUCÍA ROMERO\n");
  CAPTURE(text);
  CHECK(lint("no-human-contact", text).empty());
}
