#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
std::string message(const std::string& headers, const std::string& body) {
  return "From: Tienda Verde <ofertas@tiendaverde.example>\n" + headers + "\n" + body;
}

std::string recipients(int count) {
  std::string to = "To: ";
  for (int i = 0; i < count; ++i)
    to += (i ? ", " : "") + std::string("cliente") + std::to_string(i) + "@example.com";
  return to + "\n";
}
}  // namespace

TEST_CASE("unsubscribe-missing flags promotional wording without an opt-out",
          "[unsubscribe-missing]") {
  const auto found = lint("unsubscribe-missing",
                          message("To: ana@example.com\nSubject: Oferta exclusiva para usted\n",
                                  "Hola Ana,\n\nEste mes tiene un descuento del 20% en toda la "
                                  "tienda.\n\nUn saludo,\nTienda Verde\n"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == "Oferta exclusiva para usted");
  CHECK(found[0].message ==
        "promotional message ('Oferta exclusiva', 'descuento') with no way to unsubscribe");
  CHECK(found[0].help ==
        "add a List-Unsubscribe header and an unsubscribe link or instructions in the footer");
}

TEST_CASE("unsubscribe-missing knows promotional wording in each language",
          "[unsubscribe-missing]") {
  const std::string text =
      GENERATE(as<std::string>{},
               message("To: ana@example.com\nSubject: Novedades\n",
                       "Aproveche nuestras rebajas: envío gratis hasta el domingo.\n"),
               message("To: ana@example.com\nSubject: Boletín de marzo\n",
                       "Este mes, promoción en todos los cuadernos.\n"),
               message("To: ana@example.com\nSubject: Νέα προσφορά\n",
                       "Αυτή την εβδομάδα έκπτωση 20% σε όλα τα προϊόντα.\n"),
               message("To: ana@example.com\nSubject: Το ενημερωτικό μας δελτίο\n",
                       "Μην τη χάσετε: δωρεάν μεταφορικά για όλες τις παραγγελίες.\n"),
               message("To: ana@example.com\nSubject: Spring sale\n",
                       "Get 20% off everything. Limited time only!\n"),
               message("To: ana@example.com\nSubject: Our newsletter\n",
                       "Use the promo code SPRING at checkout.\n"),
               // to one customer: three phrases in the body
               message("To: ana@example.com\nSubject: Abril\n",
                       "Nuevos productos y un descuento del 15% solo hasta el domingo.\n"),
               // two phrases to two customers
               message("To: ana@example.com, pedro@example.org\nSubject: Abril\n",
                       "Use el código de descuento ABRIL: envío gratis.\n"));
  CAPTURE(text);
  CHECK(lint("unsubscribe-missing", text).size() == 1);
}

TEST_CASE("unsubscribe-missing flags Precedence: bulk and many recipients",
          "[unsubscribe-missing]") {
  const auto bulk = lint("unsubscribe-missing",
                         message("To: ana@example.com\nSubject: Horario de verano\nPrecedence: "
                                 "bulk\n",
                                 "Hola,\n\nEn agosto abrimos de 9 a 14.\n"));
  REQUIRE(bulk.size() == 1);
  CHECK(bulk[0].message == "bulk message (Precedence: bulk) with no way to unsubscribe");

  const std::string many =
      message(recipients(12) + "Subject: Horario de verano\n", "En agosto abrimos de 9 a 14.\n");
  const auto found = lint("unsubscribe-missing", many);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "message to 12 recipients with no way to unsubscribe");
  CHECK(lint("unsubscribe-missing", many, {.options = {{"max-recipients", "20"}}}).empty());
  CHECK(lint("unsubscribe-missing",
             message(recipients(10) + "Subject: Horario\n", "En agosto abrimos de 9 a 14.\n"))
            .empty());
}

TEST_CASE("unsubscribe-missing does not count the sender's organisation", "[unsubscribe-missing]") {
  std::string to = "To: ";
  for (int i = 0; i < 15; ++i)
    to += (i ? ", " : "") + std::string("equipo") + std::to_string(i) + "@tiendaverde.example";
  CHECK(lint("unsubscribe-missing",
             message(to + "\nSubject: Turnos\n", "Os paso los turnos de agosto.\n"))
            .empty());
}

TEST_CASE("unsubscribe-missing accepts every way to opt out", "[unsubscribe-missing]") {
  const std::string headers = "To: ana@example.com\nSubject: Oferta exclusiva\n";
  const std::string promo = "Hola,\n\nUn descuento del 20% en toda la tienda.\n";
  const std::string text = GENERATE_COPY(
      as<std::string>{},
      message(headers + "List-Unsubscribe: <mailto:baja@tiendaverde.example>\n", promo),
      message(headers, promo + "\n-- \nSi no desea recibir más correos, puede darse de baja.\n"),
      message(headers, promo + "\nCancelar la suscripción: responda BAJA.\n"),
      message(headers, promo + "\nhttps://tiendaverde.example/unsubscribe?id=7\n"),
      message(headers, promo + "\nΑπεγγραφή από τη λίστα: https://tiendaverde.example/x\n"),
      message(headers, promo + "\nΓια διαγραφή από τη λίστα πατήστε εδώ.\n"),
      message(headers, promo + "\nTo opt out, reply STOP.\n"),
      message(headers, promo + "\nManage your preferences at any time.\n"));
  CAPTURE(text);
  CHECK(lint("unsubscribe-missing", text).empty());
}

TEST_CASE("unsubscribe-missing finds an opt-out link in HTML", "[unsubscribe-missing]") {
  const std::string html =
      "From: Tienda Verde <ofertas@tiendaverde.example>\nTo: ana@example.com\n"
      "Subject: Oferta exclusiva\nMIME-Version: 1.0\n"
      "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
      "<p>Un descuento del 20% en toda la tienda.</p>\n"
      "<p><a href=3D\"https://tiendaverde.example/news/unsub=\nscribe?id=3D7\">Aqu=C3=AD</a></p>\n";
  CHECK(lint("unsubscribe-missing", html, {}, "test.eml").empty());
}

TEST_CASE("unsubscribe-missing takes regional and longer ways to opt out",
          "[unsubscribe-missing]") {
  const std::string opt_out = GENERATE(
      as<std::string>{},
      "Si ya no querés recibir estos correos, desuscribite acá: https://l.example/u/7Kx2\n",
      "Αν θέλετε να σταματήσετε να λαμβάνετε αυτά τα μηνύματα, πατήστε εδώ: https://l.example/u\n",
      "Click here to stop receiving marketing emails: https://l.example/u/7Kx2\n");
  CAPTURE(opt_out);
  CHECK(lint("unsubscribe-missing",
             message("To: ana@example.com\nSubject: Oferta exclusiva\nPrecedence: bulk\n",
                     "Oferta exclusiva: 20% de descuento en toda la tienda.\n\n" + opt_out))
            .empty());
}

TEST_CASE("unsubscribe-missing stays quiet on the traps", "[unsubscribe-missing]") {
  const std::string text = GENERATE(
      as<std::string>{},
      // one weak signal: an ordinary support message
      message("To: ana@example.com\nSubject: Su pedido\n",
              "Hola Ana,\n\nLe aplicamos un descuento en su próximo pedido.\n"),
      message("To: ana@example.com\nSubject: Your order\n",
              "Hi Ana,\n\nWe can offer you a refund or a replacement.\n"),
      // two phrases in a message to one customer, none in the subject: a goodwill gesture
      message("To: ana@example.com\nSubject: Su pedido 51190\n",
              "Como disculpa, le damos un código de descuento y el envío gratis.\n"),
      // a reply is never a campaign, whatever it offers
      message("To: ana@example.com\nSubject: Re: Oferta\nIn-Reply-To: <a@example.com>\n",
              "Hola Ana,\n\nLa oferta exclusiva del boletín incluye un descuento del 20%.\n"),
      message("To: ana@example.com\nSubject: Απ: Προσφορά\n",
              "Η προσφορά του ενημερωτικού δελτίου ισχύει με έκπτωση 20%.\n"),
      // the wording is quoted, not ours
      message("To: ana@example.com\nSubject: Pregunta\n",
              "Hola,\n\n¿Sigue vigente?\n\n> Oferta exclusiva: 20% de descuento.\n"));
  CAPTURE(text);
  CHECK(lint("unsubscribe-missing", text).empty());
  // A bare body cannot tell who receives it.
  CHECK(lint("unsubscribe-missing", "Oferta exclusiva: un descuento del 20% en la tienda.\n")
            .empty());
}
