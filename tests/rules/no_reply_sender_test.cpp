#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
std::string draft(const std::string& headers) {
  return headers + "\nHola Ana,\n\nSu pedido 51190 salió ayer.\n\nUn saludo,\nLucía\n";
}
}  // namespace

TEST_CASE("no-reply-sender flags a reply from a no-reply address", "[no-reply-sender]") {
  const auto found =
      lint("no-reply-sender", draft("From: Tienda Verde <noreply@tiendaverde.es>\n"
                                    "To: ana@tiendaverde.es\nSubject: Re: Pedido 51190\n"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 1);
  CHECK(found[0].message == "sent from the no-reply address 'noreply@tiendaverde.es'");
}

TEST_CASE("no-reply-sender recognises the spellings of a no-reply local part",
          "[no-reply-sender]") {
  const std::string local = GENERATE(
      as<std::string>{}, "noreply", "no-reply", "No_Reply", "NoReply", "no.reply", "donotreply",
      "do-not-reply", "do_not_reply", "DoNotReply", "noresponder", "no-responder", "no_responder",
      "noresponda", "no-responda", "noreply2", "noreply-soporte", "ventas.noreply", "info+noreply",
      "noreply+ticket123", "mhn-apantate", "min_apantate", "mi-apantate");
  CAPTURE(local);
  const auto found = lint("no-reply-sender", draft("From: Tienda <" + local +
                                                   "@tienda.es>\nTo: ana.garcia@gmail.com\n"
                                                   "Subject: Su pedido\n"));
  CHECK(found.size() == 1);
}

TEST_CASE("no-reply-sender flags a display name that says no-reply", "[no-reply-sender]") {
  const std::string name =
      GENERATE(as<std::string>{}, "No Reply", "NO-REPLY", "Tienda Verde - No responder",
               "=?UTF-8?B?zpzOt869IM6xz4DOsc69z4TOrM+EzrU=?=",  // Μην απαντάτε
               "Βιβλίο - Μη απαντάτε", "Tienda Azul (No Reply)", "Tienda Azul (no responder)");
  CAPTURE(name);
  const auto found = lint("no-reply-sender", draft("From: " + name +
                                                   " <ventas@tienda.es>\nTo: ana@gmail.com\n"
                                                   "Subject: Su pedido\n"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("the sender's name") == 0);
}

TEST_CASE("no-reply-sender leaves a From comment that says nothing of replies alone",
          "[no-reply-sender]") {
  CHECK(lint("no-reply-sender", draft("From: Tienda Azul (Ventas) <ventas@tienda.es>\nTo: "
                                      "ana@gmail.com\nSubject: Su pedido\n"))
            .empty());
}

TEST_CASE("no-reply-sender flags a new message to a customer, and a no-reply Reply-To",
          "[no-reply-sender]") {
  CHECK(lint("no-reply-sender", draft("From: <no-reply@tienda.es>\nTo: ana@gmail.com\n"
                                      "Subject: Pedido enviado\n"))
            .size() == 1);
  CHECK(lint("no-reply-sender", draft("From: <no-reply@tienda.es>\nBcc: ana@gmail.com\n"
                                      "Subject: Novedades\n"))
            .size() == 1);
  CHECK(lint("no-reply-sender", draft("From: <noreply@tienda.es>\nReply-To: "
                                      "<donotreply@tienda.es>\nTo: ana@gmail.com\n"
                                      "Subject: Pedido enviado\n"))
            .size() == 1);
}

TEST_CASE("no-reply-sender knows the organisation from the configuration", "[no-reply-sender]") {
  const std::string text =
      draft("From: <noreply@mail.tienda.es>\nTo: ana@tienda-verde.com\nSubject: Aviso interno\n");
  CHECK(lint("no-reply-sender", text).size() == 1);
  CHECK(lint("no-reply-sender", text, {.org_domains = {"tienda.es", "tienda-verde.com"}}).empty());
}

TEST_CASE("no-reply-sender stays quiet on the traps", "[no-reply-sender]") {
  REQUIRE(!lint("no-reply-sender",
                draft("From: <noreply@tienda.es>\nTo: ana@gmail.com\nSubject: Su pedido\n"))
               .empty());
  const std::string text = GENERATE(
      as<std::string>{},
      // A Reply-To that takes replies.
      draft("From: Tienda <noreply@tienda.es>\nReply-To: Lucía <lucia@tienda.es>\n"
            "To: ana@gmail.com\nSubject: Re: Su pedido\n"),
      // An internal notification to a colleague (a subdomain is the same organisation).
      draft("From: <noreply@tienda.es>\nTo: Pedro <pedro@almacen.tienda.es>\n"
            "Subject: Pedido 51190 preparado\n"),
      // Longer words and people's names that only resemble it.
      draft("From: <noreplyco@tienda.es>\nTo: ana@gmail.com\nSubject: Re: Pedido\n"),
      draft("From: Norelia Pérez <norelia@tienda.es>\nTo: ana@gmail.com\nSubject: Re: Pedido\n"),
      draft("From: Reply Studio <hola@replystudio.es>\nTo: ana@gmail.com\nSubject: Re: Web\n"),
      draft("From: Atención <replies@tienda.es>\nTo: ana@gmail.com\nSubject: Re: Pedido\n"),
      // A bare body: no header block, nothing to say who sends it.
      std::string("Hola Ana,\n\nEste correo se envía desde noreply@tienda.es.\n"));
  CAPTURE(text);
  CHECK(lint("no-reply-sender", text).empty());
}
