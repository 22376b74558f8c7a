#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
// A reply of `own` text above the quoted `original` (Gmail style).
std::string reply(const std::string& own, const std::string& original) {
  std::string quoted;
  std::size_t begin = 0;
  while (begin < original.size()) {
    std::size_t end = original.find('\n', begin);
    if (end == std::string::npos) end = original.size();
    quoted += "> " + original.substr(begin, end - begin) + "\n";
    begin = end + 1;
  }
  return own + "\nEl lun, 3 feb 2025 a las 10:12, Ana García <ana@example.com> escribió:\n" +
         quoted;
}

const std::string k_short_es = "Hola Ana,\n\nSu pedido sale mañana.\n\nUn saludo,\nLucía\n";
const std::string k_three_es =
    "Hola, ¿cuándo sale mi pedido? ¿Puedo cambiar la dirección de entrega?\n"
    "¿Tiene algún coste el cambio?\n";
}  // namespace

TEST_CASE("incomplete-answer fires on a one-line answer to three questions",
          "[incomplete-answer]") {
  const auto found = lint("incomplete-answer", reply(k_short_es, k_three_es));
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 1);
  CHECK(found[0].end_line == 6);
  CHECK(found[0].message == "the customer asked 3 questions and the reply has 6 words");
  CHECK(found[0].help ==
        "answer each of the 3 questions (the problem, the solution and the next steps), or say "
        "when you will");
}

TEST_CASE("incomplete-answer counts Greek question marks, ASCII and U+037E",
          "[incomplete-answer]") {
  const std::string own =
      "Καλημέρα σας,\n\nΗ παραγγελία σας φεύγει αύριο.\n\nΜε εκτίμηση,\nΝίκος\n";
  const std::string original =
      GENERATE(as<std::string>{},
               "Πότε θα σταλεί η παραγγελία μου; Μπορώ να αλλάξω τη διεύθυνση;\nΥπάρχει χρέωση;\n",
               "Πότε θα σταλεί η παραγγελία μου\u037e Μπορώ να αλλάξω τη διεύθυνση\u037e\n"
               "Υπάρχει χρέωση\u037e\n",
               "ΠΟΤΕ ΘΑ ΣΤΑΛΕΙ; ΜΠΟΡΩ ΝΑ ΑΛΛΑΞΩ ΤΗ ΔΙΕΥΘΥΝΣΗ; ΥΠΑΡΧΕΙ ΧΡΕΩΣΗ;\n");
  CAPTURE(original);
  const auto found = lint("incomplete-answer", reply(own, original));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "the customer asked 3 questions and the reply has 7 words");
}

TEST_CASE("incomplete-answer reads English and Outlook-style originals", "[incomplete-answer]") {
  const std::string outlook =
      "Hi Mark,\n\nYour order ships tomorrow.\n\nBest regards,\nSarah\n\n"
      "From: Mark Jones <mark@example.com>\nSent: Monday, February 3, 2025 10:12 AM\n"
      "To: Support <support@shop.example>\nSubject: Order 51190\n\n"
      "Hello,\n\nWhen will my order ship? Can I still change the delivery address?\n"
      "Is there a fee for that? Do you ship to Ireland?\n\nThanks,\nMark\n\n"
      "From: Support <support@shop.example>\nSent: Friday, January 31, 2025 9:00 AM\n"
      "Subject: Order 51190\n\nDid you get our invoice? Is it right? Anything else?\n";
  const auto found = lint("incomplete-answer", outlook);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "the customer asked 4 questions and the reply has 6 words");
}

TEST_CASE("incomplete-answer counts a numbered list introduced as questions",
          "[incomplete-answer]") {
  const std::string original = GENERATE(as<std::string>{},
                                        "Buenos días, tengo varias dudas:\n\n1. El plazo de "
                                        "entrega.\n2. Si se puede pagar con\ntarjeta.\n3. La "
                                        "garantía del producto.\n",
                                        "Me gustaría saber:\n1) plazo\n2) precio\n3) garantía\n",
                                        "¿Podrían aclararme lo siguiente?\n1. El plazo\n2. El "
                                        "precio\n3. La garantía\n",
                                        // Items asking with the Greek ';' count once each.
                                        "Θα ήθελα να μάθω:\n\n1. Έχετε χώρο στάθμευσης;\n2. Τι "
                                        "ώρα είναι το check-in;\n3. Μπορούμε να φέρουμε τον "
                                        "σκύλο μας;\n");
  CAPTURE(original);
  const auto found = lint("incomplete-answer", reply(k_short_es, original));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "the customer asked 3 questions and the reply has 6 words");
}

TEST_CASE("incomplete-answer reports a reply with no own text on the quote",
          "[incomplete-answer]") {
  const auto found = lint("incomplete-answer", reply("", k_three_es));
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].message == "the customer asked 3 questions and the reply says nothing");
}

TEST_CASE("incomplete-answer counts what an interleaved reply leaves unanswered",
          "[incomplete-answer]") {
  const std::string text =
      "Hola Ana,\n\n> ¿Cuándo sale mi pedido?\n\nMañana.\n\n"
      "> ¿Puedo cambiar la dirección de entrega? ¿Tiene algún coste?\n"
      "> ¿Envían a Portugal?\n\nUn saludo,\n-- \nLucía\n";
  const auto found = lint("incomplete-answer", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 7);
  CHECK(found[0].message == "3 of the customer's 4 questions have no answer below them");
}

TEST_CASE("incomplete-answer stays quiet on the traps", "[incomplete-answer]") {
  // The traps prove nothing unless the short reply fires on three questions.
  REQUIRE(lint("incomplete-answer", reply(k_short_es, k_three_es)).size() == 1);
  const std::string text = GENERATE(
      as<std::string>{},
      // two questions
      reply(k_short_es, "¿Cuándo sale mi pedido? ¿Puedo cambiar la dirección?\n"),
      // an answer long enough
      reply("Hola Ana,\n\nSu pedido sale mañana. Puede cambiar la dirección de entrega desde "
            "su cuenta hasta esta noche, sin coste.\n\nUn saludo,\nLucía\n",
            k_three_es),
      // a plea that asks for nothing
      reply(k_short_es,
            "¿Cuándo sale mi pedido? ¿Puedo cambiar la dirección?\n¿Me pueden "
            "ayudar?\n"),
      reply(k_short_es, "When does it ship? Can I change the address? Can you help me please?\n"),
      reply(k_short_es, "Πότε φεύγει; Μπορώ να αλλάξω διεύθυνση; Μπορείτε να με βοηθήσετε;\n"),
      // older history and the quoted signature
      reply(k_short_es, "¿Cuándo sale mi pedido?\n\n-- \nAna ¿García? ¿Seguro?\n"),
      k_short_es + "\n> ¿Cuándo sale?\n>> ¿Y la factura? ¿Y el envío? ¿Y la garantía?\n",
      reply(k_short_es,
            "¿Cuándo sale mi pedido?\n\n-----Mensaje original-----\nDe: Tienda\n"
            "¿Le llegó? ¿Todo bien? ¿Algo más?\n"),
      reply(k_short_es,
            "¿Cuándo sale mi pedido?\n\nDe: Tienda <t@tienda.es>\nEnviado: lunes\n"
            "¿Le llegó? ¿Todo bien? ¿Algo más?\n"),
      // semicolons outside Greek text, Greek code, links
      reply(k_short_es, "Hola; tengo el pedido; la factura; y el albarán; gracias.\n"),
      reply(k_short_es, "Στη σελίδα βγαίνει: var a = 1; if (x) { y; }\nΤι σημαίνει;\n"),
      reply(k_short_es,
            "Miré https://tienda.es/buscar?q=1 y https://tienda.es/?id=2&x=3 "
            "y www.tienda.es/faq? ¿Qué hago?\n"),
      // a numbered list of steps, not questions
      reply(k_short_es,
            "Le indico los pasos que seguí:\n1. Abrí la app.\n2. Pulsé pagar.\n"
            "3. Salió un error.\n"),
      reply(k_short_es, "Esto es lo que sé:\n1. Pagué.\n2. No llegó.\n3. Nadie contesta.\n"),
      // an interleaved reply that answers each question
      "Hola Ana,\n\n> ¿Cuándo sale mi pedido?\n\nMañana.\n\n> ¿Puedo cambiar la "
      "dirección?\n\nSí.\n\n> ¿Tiene coste?\n\nNo.\n\nUn saludo,\nLucía\n",
      // answers elsewhere or later
      reply("Hola Ana,\n\nLe llamo mañana y lo vemos.\n\nUn saludo,\nLucía\n", k_three_es),
      reply("Hi Mark,\n\nSee my answers below in red.\n\nSarah\n", k_three_es),
      reply("Καλημέρα,\n\nΘα σας καλέσουμε αύριο.\n\nΝίκος\n", k_three_es),
      reply("Hola Ana,\n\nLe adjunto el manual.\n\nUn saludo,\nLucía\n", k_three_es),
      reply("Hola Ana,\n\nVer respuestas abajo.\n\nLucía\n", k_three_es),
      reply("Hi Mark,\n\nShipping is free. I'll get back to you on the rest.\n", k_three_es),
      // a follow-up quoting the sender's own questions
      "From: Lucía <lucia@tiendaverde.es>\nTo: ana@example.com\nSubject: Re: Pedido\n\n"
      "Hola Ana, ¿pudo revisarlo?\n\nEl lun, 3 feb 2025 a las 10:12, Lucía "
      "<lucia@tiendaverde.es> escribió:\n> ¿Le llegó el pedido? ¿Estaba bien? ¿Necesita "
      "factura?\n",
      // a forward, and a message with no quote
      "Subject: RV: Pedido\n\nPara ti.\n\n> ¿Cuándo? ¿Dónde? ¿Cuánto?\n",
      "Hola Ana,\n\n¿Cuándo? ¿Dónde? ¿Cuánto?\n");
  CAPTURE(text);
  CHECK(lint("incomplete-answer", text).empty());
}

TEST_CASE("incomplete-answer options", "[incomplete-answer]") {
  const std::string two =
      reply(k_short_es, "¿Cuándo sale mi pedido? ¿Puedo cambiar la dirección?\n");
  CHECK(lint("incomplete-answer", two, {.options = {{"min-questions", "2"}}}).size() == 1);
  CHECK(lint("incomplete-answer", reply(k_short_es, k_three_es),
             {.options = {{"words-per-question", "2"}}})
            .empty());
}

TEST_CASE("incomplete-answer does not count the sign-off and what follows it",
          "[incomplete-answer]") {
  const std::string signed_off =
      "Hola Ana,\n\nSu pedido sale mañana.\n\nUn saludo,\nLucía Romero\nAtención al cliente\n"
      "Tienda Verde S.L. · C/ Mayor 5, 28013 Madrid\nTel. 912 345 678 · www.tiendaverde.es\n";
  const auto found = lint("incomplete-answer", reply(signed_off, k_three_es));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "the customer asked 3 questions and the reply has 6 words");
  // "Gracias" opens a paragraph of answers: it is no sign-off.
  CHECK(lint("incomplete-answer",
             reply("Hola Ana,\n\nGracias por su paciencia. Su pedido sale mañana y puede "
                   "cambiar la dirección sin coste.\n\nUn saludo,\nLucía\n",
                   k_three_es))
            .empty());
}
