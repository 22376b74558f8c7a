#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {

const std::string k_answer_es =
    "Hola Ana:\n\nYa está resuelto: el reembolso sale hoy.\n\nUn saludo,\nLucía\n\n";
const std::string k_attribution_es =
    "El mar, 4 feb 2025 a las 9:30, Ana Ruiz <ana@example.es> escribió:\n";

// The customer's message (14 non-empty lines), each line prefixed with `marker`.
std::string original_es(const std::string& marker) {
  const char* lines[] = {
      "Buenos días:",
      "",
      "Sigo sin noticias del reembolso del pedido 48213. Les escribí la semana",
      "pasada y me dijeron que tardaría tres días laborables, pero ya han pasado",
      "siete y en mi cuenta no aparece nada. ¿Pueden decirme qué ha pasado?",
      "",
      "Además, el segundo artículo del pedido tampoco ha llegado, y la página de",
      "seguimiento lleva cinco días diciendo \"en tránsito\". Si no llega antes del",
      "viernes, prefiero que me devuelvan también su importe.",
      "",
      "Les adjunto el justificante del primer pago por si les hace falta para",
      "localizarlo, y también la factura que me enviaron al hacer el pedido.",
      "Quedo a la espera de su respuesta, que espero que sea pronto porque el",
      "dinero me hace falta este mes.",
      "",
      "Por cierto, en la última compra el repartidor dejó el paquete en la",
      "portería sin avisar, y el portero no sabía de quién era. ¿Podrían pedirle",
      "que la próxima vez llame al timbre o deje una nota en el buzón? Así no se",
      "pierde nada y nadie tiene que preguntar por el edificio.",
      "",
      "Gracias,",
      "Ana Ruiz",
  };
  std::string out;
  for (const char* line : lines) out += marker + (*line ? " " : "") + line + "\n";
  return out;
}

// The shop's earlier answer, quoted inside the customer's message.
std::string history_es(const std::string& marker) {
  return marker +
         " El lun, 27 ene 2025 a las 11:02, Tiendaverde <soporte@tiendaverde.es> "
         "escribió:\n" +
         marker + "> Hola Ana:\n" + marker + ">\n" + marker +
         "> Hemos tramitado el reembolso del pedido 48213. Lo verá en su cuenta en\n" + marker +
         "> un plazo de tres días laborables.\n" + marker + ">\n" + marker + "> Un saludo,\n" +
         marker + "> Atención al cliente\n";
}

const std::string k_signature_es =
    "> --\n> Ana Ruiz Martín\n> Calle Mayor 12, 3º B\n> 28013 Madrid\n";

}  // namespace

TEST_CASE("overquoting flags a whole thread quoted under a short answer", "[overquoting]") {
  const std::string text =
      k_answer_es + k_attribution_es + original_es(">") + k_signature_es + ">\n" + history_es(">");
  const auto found = lint("overquoting", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 8);
  CHECK(found[0].column == 1);
  CHECK(found[0].message == "the whole original is quoted (27 lines) for an answer of 12 words");
  CHECK(found[0].help ==
        "keep only the lines you answer; cut the older messages and the signature");
}

TEST_CASE("overquoting: each sign of a whole quote is enough", "[overquoting]") {
  SECTION("the original's signature") {
    const auto found =
        lint("overquoting", k_answer_es + k_attribution_es + original_es(">") + k_signature_es);
    REQUIRE(found.size() == 1);
    CHECK(found[0].help == "keep only the lines you answer; cut the signature");
  }
  SECTION("its quoted history, nested three levels") {
    const auto found = lint("overquoting", k_answer_es + k_attribution_es + original_es(">") +
                                               ">\n" + history_es(">") + ">>> Pedido 48213\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].help == "keep only the lines you answer; cut the older messages");
  }
  SECTION("a legal disclaimer, in English") {
    const std::string text =
        "Hi Bob,\n\nDone: the refund goes out today.\n\nBest,\nSam\n\n"
        "On Tue, Feb 4, 2025 at 9:30 AM Bob Lee <bob@example.org> wrote:\n"
        "> Hello,\n>\n"
        "> I still have no news about the refund for order 48213. I wrote to you\n"
        "> last week and was told it would take three working days, but seven have\n"
        "> passed and nothing shows in my account. Can you tell me what happened?\n>\n"
        "> The second item of the order has not arrived either, and the tracking\n"
        "> page has said \"in transit\" for five days. If it does not arrive by\n"
        "> Friday, I would rather have that item refunded too.\n>\n"
        "> I attach the receipt of the first payment in case you need it to find\n"
        "> the order, and the invoice you sent me when I placed it.\n>\n"
        "> By the way, on my last order the courier left the parcel with the\n"
        "> porter without telling anyone, and he did not know whose it was. Could\n"
        "> you ask them to ring the bell next time, or to leave a note?\n>\n"
        "> Thanks,\n> Bob Lee\n> Purchasing, Lee & Sons Ltd\n> 14 Mill Lane, Leeds LS1 4AB\n>\n"
        "> This email and any attachments are confidential and intended solely for\n"
        "> the addressee. If you are not the intended recipient, please notify the\n"
        "> sender immediately and delete this email. Any unauthorised use,\n"
        "> disclosure or copying is strictly prohibited.\n";
    const auto found = lint("overquoting", text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].line == 8);
    CHECK(found[0].help == "keep only the lines you answer; cut the legal disclaimer");
  }
  SECTION("an Outlook header block, in Greek") {
    std::string text =
        "Καλημέρα σας,\n\nΤο θέμα λύθηκε: η επιστροφή χρημάτων γίνεται σήμερα.\n\n"
        "Με εκτίμηση,\nΝίκος\n\n"
        "Από: Μαρία Κ. <maria.k@yahoo.gr>\n"
        "Στάλθηκε: Τρίτη, 4 Φεβρουαρίου 2025 9:30 πμ\n"
        "Προς: Εξυπηρέτηση <info@vivlio.gr>\n"
        "Θέμα: Επιστροφή χρημάτων\n\n"
        "Καλημέρα,\n\n";
    for (int i = 0; i < 18; ++i)
      text += "Δεν έχω ακόμη νέα για την επιστροφή των χρημάτων της παραγγελίας 48213.\n";
    text += "\nΕυχαριστώ,\nΜαρία\n";
    const auto found = lint("overquoting", text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].line == 8);
    CHECK(found[0].help == "keep only the lines you answer; cut the header block");
  }
}

TEST_CASE("overquoting options set what is long and what is short", "[overquoting]") {
  const std::string text =
      k_answer_es + k_attribution_es + original_es(">") + k_signature_es;  // 21 lines
  CHECK(lint("overquoting", text, {.options = {{"min-quoted-lines", "25"}}}).empty());
  CHECK(lint("overquoting", text, {.options = {{"min-ratio", "50"}}}).empty());
  const std::string short_quote = k_answer_es + k_attribution_es + "> Buenos días:\n" +
                                  "> ¿Dónde está mi reembolso?\n" + k_signature_es;
  CHECK(lint("overquoting", short_quote).empty());
  CHECK(
      lint("overquoting", short_quote, {.options = {{"min-quoted-lines", "5"}, {"min-ratio", "1"}}})
          .size() == 1);
}

TEST_CASE("overquoting stays quiet on the traps", "[overquoting]") {
  const std::string whole = k_attribution_es + original_es(">") + k_signature_es;
  REQUIRE(lint("overquoting", k_answer_es + whole).size() == 1);
  // Inline: own text between pieces of the same quote.
  std::string inline_reply = "Hola Ana:\n\n" + k_attribution_es;
  const std::string quoted = original_es(">") + k_signature_es;
  const std::size_t cut = quoted.find("> Además");
  inline_reply += quoted.substr(0, cut) + "\nEl reembolso sale hoy.\n\n" + quoted.substr(cut) +
                  "\nUn saludo,\nLucía\n";
  // A long answer: the quote is not much longer than it.
  std::string long_answer = "Hola Ana:\n\n";
  for (int i = 0; i < 6; ++i)
    long_answer +=
        "Hemos revisado el pedido con el almacén y el transportista, y le explicamos qué ha "
        "pasado con cada artículo y con el reembolso, paso a paso.\n\n";
  const std::string text = GENERATE_COPY(
      as<std::string>{}, inline_reply, long_answer + whole,
      // A forward passes the message on.
      "From: Lucía <lucia@tiendaverde.es>\nTo: pagos@tiendaverde.es\nSubject: RV: Reembolso\n\n"
      "Os paso lo de Ana.\n\n" +
          whole,
      "Os paso lo de Ana.\n\n---------- Forwarded message ---------\nDe: Ana Ruiz "
      "<ana@example.es>\nDate: mar, 4 feb 2025 a las 9:30\nSubject: Reembolso\nTo: "
      "<soporte@tiendaverde.es>\n\n" +
          original_es("") + "--\nAna Ruiz Martín\n",
      // No answer written yet.
      k_attribution_es + original_es(">") + k_signature_es,
      // Long, but with no sign of being whole: the writer may have kept what matters.
      k_answer_es + k_attribution_es + original_es(">") + original_es(">"));
  CAPTURE(text);
  CHECK(lint("overquoting", text).empty());
}

TEST_CASE("overquoting reads an HTML-only reply's blockquotes", "[overquoting]") {
  std::string html =
      "From: =?utf-8?q?Luc=C3=ADa?= <lucia@tiendaverde.es>\nTo: ana@example.es\n"
      "Subject: Re: Reembolso\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
      "<html><body><div>Hola Ana:</div><div>Ya está resuelto: el reembolso sale hoy.</div>"
      "<div>Un saludo, Lucía</div><div>El mar, 4 feb 2025 a las 9:30, Ana Ruiz &lt;"
      "ana@example.es&gt; escribió:</div><blockquote>";
  for (int i = 0; i < 12; ++i)
    html += "<div>Sigo sin noticias del reembolso del pedido 48213, ¿qué ha pasado?</div>";
  html += "<div>El lun, 27 ene 2025, Tiendaverde escribió:</div><blockquote>";
  for (int i = 0; i < 10; ++i) html += "<div>Hemos tramitado el reembolso del pedido.</div>";
  html += "</blockquote></blockquote></body></html>\n";
  const auto found = lint("overquoting", html, {}, "reply.eml");
  REQUIRE(found.size() == 1);
  CHECK(found[0].help == "keep only the lines you answer; cut the older messages");
}
