#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
// A reply from Lucía to a customer, copying `cc` ("" for nobody).
std::string reply(const std::string& body, const std::string& cc = "") {
  return "From: Lucía Romero <lucia@tiendaverde.es>\nTo: Ana García <ana.garcia@gmail.com>\n" +
         (cc.empty() ? std::string() : "Cc: " + cc + "\n") + "Subject: Re: Su consulta\n\n" + body +
         "\n\nUn saludo,\nLucía\n";
}
}  // namespace

TEST_CASE("referral-without-cc flags an address that is not copied", "[referral-without-cc]") {
  const auto found =
      lint("referral-without-cc",
           reply("Hola Ana:\n\nPara la factura, escriba a facturacion@tiendaverde.es."));
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 7);
  CHECK(found[0].text == "escriba a facturacion@tiendaverde.es");
  CHECK(found[0].message ==
        "sends the customer to 'facturacion@tiendaverde.es', which is not in To or Cc");
}

TEST_CASE("referral-without-cc flags referrals to an address in es, el and en",
          "[referral-without-cc]") {
  const std::string body =
      GENERATE(as<std::string>{}, "Escriba a facturacion@tiendaverde.es, por favor.",
               "Escribe directamente a pagos@tiendaverde.es y te lo resuelven.",
               "Puede ponerse en contacto con devoluciones@tiendaverde.es.",
               "Envíe el justificante a pagos@tiendaverde.es.",
               "Contacte con el departamento de facturación en facturacion@tiendaverde.es.",
               "Στείλτε email στο logistirio@vivlio.gr για το τιμολόγιο.",
               "Παρακαλούμε επικοινωνήστε με το λογιστήριο στο logistirio@vivlio.gr.",
               "Please contact billing@acme.com about the invoice.",
               "You'll need to email refunds@acme.com with the receipt.",
               "For the damaged lamp, email returns@acme.com with a photo.",
               "Email returns@acme.com with a photo of the lamp.",
               "Please send the receipt to refunds@acme.com.",
               "Reach out to our billing team at billing@acme.com.",
               "Para el anticipo, comuníquense a pagos@tiendaverde.es.");
  CAPTURE(body);
  CHECK(lint("referral-without-cc", reply(body)).size() == 1);
}

TEST_CASE("referral-without-cc flags a department or person when no colleague is copied",
          "[referral-without-cc]") {
  const std::string body = GENERATE(
      as<std::string>{}, "Para eso contacte con el departamento de facturación.",
      "Contacta con tu gestor.", "Póngase en contacto con nuestro equipo de devoluciones.",
      "Diríjase al servicio técnico.", "Le paso con mi compañera Marta, de facturación.",
      "Tendrá que hablar con contabilidad.", "Pónganse en contacto con el área comercial.",
      "He trasladado su consulta al departamento de calidad.",
      "Επικοινωνήστε με το τμήμα πωλήσεων.", "Παρακαλώ απευθυνθείτε στο λογιστήριο.",
      "Μπορείτε να επικοινωνήσετε με τον συνάδελφό μου, τον Γιώργο.",
      "Έχουμε προωθήσει το αίτημά σας στο αρμόδιο τμήμα.", "Please reach out to our billing team.",
      "You'll need to contact the returns department.",
      "I have forwarded your request to our refunds team.", "Please talk to sales about it.",
      "Comuníquese con el área de cobranza.", "Comunícate con cobranza para el saldo.");
  CAPTURE(body);
  const auto found = lint("referral-without-cc", reply(body));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "sends the customer to another department or person without copying them");
}

TEST_CASE("referral-without-cc is quiet when whom it refers to is copied",
          "[referral-without-cc]") {
  CHECK(lint("referral-without-cc",
             reply("Escriba a facturacion@tiendaverde.es.", "facturacion@tiendaverde.es"))
            .empty());
  CHECK(lint("referral-without-cc", reply("Escriba a facturacion@tiendaverde.es.",
                                          "Facturación <FACTURACION@tiendaverde.es>"))
            .empty());
  CHECK(lint("referral-without-cc",
             reply("I have forwarded this to billing, who are copied.", "billing@tiendaverde.es"))
            .empty());
  CHECK(lint("referral-without-cc",
             reply("Contacte con el departamento de facturación.", "Pedro <pedro@tiendaverde.es>"))
            .empty());
  // A copied address is not a colleague of the sender when it is of another organisation.
  CHECK(lint("referral-without-cc",
             reply("Contacte con el departamento de facturación.", "pedro@otra.es"))
            .size() == 1);
  // The configuration names the organisation.
  CHECK(lint("referral-without-cc",
             reply("Contacte con el departamento de facturación.", "pedro@tiendaverde.com"),
             {.org_domains = {"tiendaverde.es", "tiendaverde.com"}})
            .empty());
}

TEST_CASE("referral-without-cc stays quiet on the traps", "[referral-without-cc]") {
  REQUIRE(
      !lint("referral-without-cc", reply("Contacte con el departamento de facturación.")).empty());
  const std::string body = GENERATE(
      as<std::string>{},
      // Ourselves.
      "Si tiene dudas, contáctenos.", "Escríbanos a lucia@tiendaverde.es cuando quiera.",
      "Póngase en contacto con nosotros en soporte@tiendaverde.es.",
      "Si tiene más preguntas, responda a este correo.",
      "Επικοινωνήστε μαζί μας στο info@vivlio.gr.", "Γράψτε μας όποτε θέλετε.",
      "If you have questions, reply to this email.", "Contact us at support@acme.com.",
      "Feel free to get in touch with our team.",
      // What we do ourselves.
      "Voy a contactar con el departamento de facturación y le digo algo.",
      "I'll contact our billing team and get back to you today.",
      "We'll email billing@acme.com for you today.",
      // "Email" as a noun, and what someone did.
      "You should have received an email from billing@acme.com this morning.",
      "You should have received an e-mail from billing@acme.com this morning.",
      "We emailed billing@acme.com yesterday about it.",
      "Your account email jen.work@gmail.com has been updated.",
      "Θα επικοινωνήσω με το λογιστήριο και θα σας ενημερώσω.",
      // Third parties that nobody would copy, and the customer's own address.
      "Contacte con su banco.", "Please contact your bank.",
      "Hemos enviado la factura a ana.garcia@gmail.com.",
      // The sender's own address.
      "Escriba a lucia@tiendaverde.es si lo necesita.",
      // Quoted text and signature.
      "Hola Ana:\n\nYa está resuelto.\n\n> Me dijeron: escriba a facturacion@tiendaverde.es\n",
      "Hola Ana:\n\nYa está resuelto.\n\n-- \nAtención al cliente: soporte@tiendaverde.es\n"
      "Contacte con el departamento de facturación: facturacion@tiendaverde.es");
  CAPTURE(body);
  CHECK(lint("referral-without-cc", reply(body)).empty());
}

TEST_CASE("referral-without-cc is quiet on a bare body", "[referral-without-cc]") {
  CHECK(lint("referral-without-cc",
             "Hola Ana:\n\nEscriba a facturacion@tiendaverde.es o contacte con el "
             "departamento de facturación.\n")
            .empty());
}
