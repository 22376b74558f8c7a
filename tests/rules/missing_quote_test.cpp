#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("missing-quote flags a reply that quotes nothing", "[missing-quote]") {
  const auto found =
      lint("missing-quote",
           "From: Lucía <lucia@tiendaverde.es>\nTo: ana@gmail.com\nSubject: Re: Pedido 51190\n\n"
           "Hola Ana,\n\nYa hemos enviado el pedido.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 10);
  CHECK(found[0].text == "Re: Pedido 51190");
  CHECK(found[0].message == "reply quotes nothing of the original message");
}

TEST_CASE("missing-quote knows replies by their threading headers and Greek prefixes",
          "[missing-quote]") {
  CHECK(lint("missing-quote", "From: a@b.es\nIn-Reply-To: <x@y.es>\nSubject: Pedido\n\nGracias.\n")
            .size() == 1);
  CHECK(lint("missing-quote", "From: a@b.gr\nSubject: ΑΠ: Παραγγελία\n\nΕυχαριστούμε.\n").size() ==
        1);
  CHECK(lint("missing-quote", "From: a@b.de\nSubject: AW: Bestellung\n\nDanke.\n").size() == 1);
  const auto no_subject = lint("missing-quote", "From: a@b.es\nReferences: <x@y.es>\n\nGracias.\n");
  REQUIRE(no_subject.size() == 1);
  CHECK(no_subject[0].line == 2);
}

TEST_CASE("missing-quote stays quiet when the original is quoted", "[missing-quote]") {
  const std::string body =
      GENERATE(as<std::string>{}, "Hola,\n\nYa salió.\n\n> ¿Cuándo sale mi pedido?\n",
               "Hola,\n\nYa salió.\n\nEl jue, 6 mar 2025 a las 22:10, Ana <ana@gmail.com> "
               "escribió:\n> ¿Cuándo sale?\n",
               "Hello,\n\nIt shipped.\n\nOn Thu, Mar 6, 2025 at 10:10 PM Ana <ana@gmail.com> "
               "wrote:\n> When?\n",
               "Hola,\n\nYa salió.\n\n-----Mensaje original-----\nDe: Ana <ana@gmail.com>\nEnviado "
               "el: jueves, 6 de marzo de 2025 22:10\n"
               "Para: soporte@tiendaverde.es\nAsunto: Pedido\n\n¿Cuándo sale?\n",
               "Γεια σας,\n\nΣτάλθηκε.\n\nΣτις Παρ 17 Μαΐ 2024 στις 11:00 μ.μ., ο/η Νίκος "
               "<n@example.gr> έγραψε:\n> Πότε;\n");
  CAPTURE(body);
  CHECK(lint("missing-quote",
             "From: s@tiendaverde.es\nTo: ana@gmail.com\nSubject: Re: Pedido\n\n" + body)
            .empty());
}

TEST_CASE("missing-quote never flags a new message", "[missing-quote]") {
  CHECK(lint("missing-quote",
             "From: s@tiendaverde.es\nTo: ana@gmail.com\nSubject: Novedades\n\nHola.\n")
            .empty());
  CHECK(lint("missing-quote", "Hola Ana,\n\nGracias por su compra.\n").empty());  // bare body
  CHECK(lint("missing-quote", "From: s@t.es\nSubject: Fwd: Pedido\n\nPara ti.\n")
            .empty());  // a forward
}
