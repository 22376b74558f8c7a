#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;
using replylint::test::LintSettings;

namespace {

// A reply with a Date header, own text and an attribution line quoting the original.
std::string reply(const std::string& date, const std::string& own, const std::string& attribution,
                  const std::string& quote = "> ¿Cuándo llega mi pedido?") {
  return "From: Lucía <lucia@tienda.example.es>\nTo: Ana <ana@example.es>\nSubject: Re: Pedido\n" +
         (date.empty() ? std::string() : "Date: " + date + "\n") + "\n" + own + "\n\n" +
         attribution + "\n" + quote + "\n";
}

const std::string k_own_es = "Hola Ana:\n\nSu pedido sale hoy.\n\nUn saludo,\nLucía";
const std::string k_own_el =
    "Καλησπέρα Νίκο,\n\nΗ παραγγελία σας στάλθηκε σήμερα.\n\nΦιλικά,\nΜαρία";
const std::string k_own_en = "Hi Ann,\n\nYour order ships today.\n\nBest regards,\nLucy";

}  // namespace

TEST_CASE("late-reply flags a Gmail attribution three business days old", "[late-reply]") {
  const auto found =
      lint("late-reply", reply("Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
                               "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "reply sent 3 business days after the original");
  CHECK(found[0].text == "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:");
  CHECK(found[0].help.find("Disculpe la demora") != std::string::npos);
}

TEST_CASE("late-reply reads the attribution lines of each client and language", "[late-reply]") {
  using Case = std::tuple<std::string, std::string, std::string>;  // date, own, attribution
  const Case c = GENERATE(
      // Spanish: Gmail, Apple Mail, Thunderbird, Roundcube, abbreviations with dots, no accents.
      Case{"Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
           "El 3 feb 2025, a las 10:12, Ana <ana@example.es> escribió:"},
      Case{"Thu, 6 Feb 2025 09:30:00 +0100", k_own_es, "El 03/02/2025 a las 10:12, Ana escribió:"},
      Case{"Thu, 6 Feb 2025 09:30:00 +0100", k_own_es, "El 2025-02-03 10:12, Ana escribió:"},
      Case{"Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
           "El lun., 3 feb. 2025 a las 10:12, Ana <ana@example.es> escribio:"},
      Case{"Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
           "El mié, 29 ene 2025 a las 10:12, Ana <ana@example.es> escribió:"},
      Case{"Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
           "El mie, 29 ene 2025 a las 10:12, Ana <ana@example.es> escribió:"},
      // Greek: Gmail (accents, diaeresis, none), Apple Mail, Thunderbird, capitals.
      Case{"Wed, 22 May 2024 09:30:00 +0300", k_own_el,
           "Στις Παρ 17 Μαΐ 2024 στις 11:00 μ.μ., ο/η Νίκος <n@example.gr> έγραψε:"},
      Case{"Wed, 22 May 2024 09:30:00 +0300", k_own_el,
           "Στις Παρ 17 Μαϊ 2024 στις 11:00 μ.μ., ο/η Νίκος <n@example.gr> έγραψε:"},
      Case{"Wed, 22 May 2024 09:30:00 +0300", k_own_el,
           "Στις Παρ 17 Μαι 2024 στις 11:00 μμ, ο/η Νίκος <n@example.gr> έγραψε:"},
      Case{"Wed, 22 May 2024 09:30:00 +0300", k_own_el,
           "Στις 17 Μαΐ 2024, στις 23:00, ο χρήστης Νίκος <n@example.gr> έγραψε:"},
      Case{"Wed, 22 May 2024 09:30:00 +0300", k_own_el,
           "Στις 17/5/2024 11:00 μ.μ., ο/η Νίκος έγραψε:"},
      Case{"Wed, 22 May 2024 09:30:00 +0300", k_own_el,
           "Στις ΠΑΡ 17 ΜΑΪ 2024 στις 11:00 Μ.Μ., ο/η Νίκος <n@example.gr> έγραψε:"},
      // English: Gmail US and UK, Apple Mail, Thunderbird US and UK, Outlook one-liner.
      Case{"Thu, 6 Feb 2025 09:30:00 -0500", k_own_en,
           "On Mon, Feb 3, 2025 at 10:12 AM Ann <ann@example.com> wrote:"},
      Case{"Thu, 6 Feb 2025 09:30:00 +0000", k_own_en,
           "On Mon, 3 Feb 2025 at 10:12, Ann <ann@example.com> wrote:"},
      Case{"Thu, 6 Feb 2025 09:30:00 -0500", k_own_en,
           "On Feb 3, 2025, at 10:12 AM, Ann <ann@example.com> wrote:"},
      Case{"Thu, 6 Feb 2025 09:30:00 -0500", k_own_en, "On 2/3/25 10:12 AM, Ann wrote:"},
      Case{"Thu, 6 Feb 2025 09:30:00 +0000", k_own_en, "On 03/02/2025 10:12, Ann wrote:"},
      Case{"Thu, 6 Feb 2025 09:30:00 -0500", k_own_en,
           "On Monday, February 3, 2025 10:12 AM, Ann <ann@example.com> wrote:"});
  const auto& [date, own, attribution] = c;
  CAPTURE(attribution);
  const auto found = lint("late-reply", reply(date, own, attribution));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find(" business days after the original") != std::string::npos);
}

TEST_CASE("late-reply reads Outlook header blocks", "[late-reply]") {
  const std::string es =
      "Hola Ana:\n\nSu pedido sale hoy.\n\n-----Mensaje original-----\nDe: Ana <ana@example.es>\n"
      "Enviado el: lunes, 3 de febrero de 2025 10:12\nPara: Soporte\nAsunto: Pedido\n\n"
      "¿Cuándo llega?\n";
  const std::string el =
      "Καλησπέρα,\n\nΗ παραγγελία στάλθηκε.\n\nΑπό: Νίκος <n@example.gr>\n"
      "Στάλθηκε: Παρασκευή, 7 Φεβρουαρίου 2025 6:40 μμ\nΠρος: Υποστήριξη\nΘέμα: Παραγγελία\n\n"
      "Πότε θα έρθει;\n";
  const std::string en =
      "Hi Ann,\n\nIt ships today.\n\nFrom: Ann <ann@example.com>\nSent: Monday, February 3, 2025 "
      "10:12 AM\nTo: Support\nSubject: Order\n\nWhen will it arrive?\n";
  const std::string rfc =
      "Hi Ann,\n\nIt ships today.\n\n-----Original Message-----\nFrom: Ann <ann@example.com>\n"
      "Date: Mon, 3 Feb 2025 10:12:00 +0100\nTo: Support\nSubject: Order\n\nWhen?\n";
  const LintSettings settings{.options = {{"now", "2025-02-12T09:00:00+01:00"}}};
  for (const std::string& text : {es, el, en, rfc}) {
    CAPTURE(text);
    const auto found = lint("late-reply", text, settings);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("business days after the original") != std::string::npos);
  }
  const auto greek = lint("late-reply", el, settings);
  REQUIRE(greek.size() == 1);
  CHECK(greek[0].text == "Παρασκευή, 7 Φεβρουαρίου 2025 6:40 μμ");
  CHECK(greek[0].message == "reply sent 3 business days after the original");  // Mon, Tue, Wed
  CHECK(greek[0].help.find("Ζητούμε συγγνώμη") != std::string::npos);
}

TEST_CASE("late-reply counts business days in the reply's zone", "[late-reply]") {
  const std::string friday_evening =
      "El vie, 7 feb 2025 a las 18:40, Ana <ana@example.es> escribió:";
  // Friday evening answered on Monday morning: one business day.
  CHECK(lint("late-reply", reply("Mon, 10 Feb 2025 09:05:00 +0100", k_own_es, friday_evening))
            .empty());
  // ...on Tuesday: two.
  const auto tuesday =
      lint("late-reply", reply("Tue, 11 Feb 2025 09:05:00 +0100", k_own_es, friday_evening));
  REQUIRE(tuesday.size() == 1);
  CHECK(tuesday[0].message == "reply sent 2 business days after the original");
  // Within the day, and the next day.
  CHECK(lint("late-reply", reply("Mon, 3 Feb 2025 17:00:00 +0100", k_own_es,
                                 "El lun, 3 feb 2025 a las 10:12, Ana <a@example.es> escribió:"))
            .empty());
  CHECK(lint("late-reply", reply("Tue, 4 Feb 2025 17:00:00 +0100", k_own_es,
                                 "El lun, 3 feb 2025 a las 10:12, Ana <a@example.es> escribió:"))
            .empty());
  // A zone in the original counts: Monday 23:30 in New York is Tuesday in Athens.
  const std::string rfc =
      "Hi,\n\nDone.\n\n-----Original Message-----\nFrom: Ann <ann@example.com>\n"
      "Date: Mon, 3 Feb 2025 23:30:00 -0500\nTo: Support\nSubject: Order\n\nWhen?\n";
  const auto early = lint("late-reply", rfc, {.options = {{"now", "2025-02-05T12:00:00+02:00"}}});
  CHECK(early.empty());
  CHECK(lint("late-reply", rfc, {.options = {{"now", "2025-02-06T12:00:00+02:00"}}}).size() == 1);
}

TEST_CASE("late-reply honours holidays, weekend and max-delay", "[late-reply]") {
  const std::string text = reply("Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
                                 "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:");
  CHECK(lint("late-reply", text, {.options = {{"max-delay", "3d"}}}).empty());
  // Options given here hold one list item (rule_test.cpp).
  CHECK(lint("late-reply", text, {.options = {{"max-delay", "2d"}}}).size() == 1);
  CHECK(lint("late-reply", text, {.options = {{"max-delay", "2d"}, {"holidays", "2025-02-04"}}})
            .empty());
  CHECK(
      lint("late-reply", text, {.options = {{"max-delay", "2d"}, {"holidays", "02-05"}}}).empty());
  CHECK(lint("late-reply", text, {.options = {{"max-delay", "2d"}, {"holidays", "2024-02-05"}}})
            .size() == 1);
  const auto weekend = lint("late-reply",
                            reply("Mon, 10 Feb 2025 09:05:00 +0100", k_own_es,
                                  "El vie, 7 feb 2025 a las 18:40, Ana <ana@example.es> escribió:"),
                            {.options = {{"weekend", "friday"}}});
  // Saturday, Sunday and Monday are working days there; Friday's message is read on Saturday.
  REQUIRE(weekend.size() == 1);
  CHECK(weekend[0].message == "reply sent 2 business days after the original");
  const auto hours = lint("late-reply", text, {.options = {{"max-delay", "48h"}}});
  REQUIRE(hours.size() == 1);
  CHECK(hours[0].message == "reply sent 71 business hours after the original");
  CHECK(lint("late-reply", text, {.options = {{"max-delay", "72h"}}}).empty());
}

TEST_CASE("late-reply without a Date header uses now", "[late-reply]") {
  const std::string text =
      reply("", k_own_en, "On Mon, Feb 3, 2025 at 10:12 AM Ann <ann@example.com> wrote:");
  CHECK(lint("late-reply", text, {.options = {{"now", "2025-02-04T10:00:00-05:00"}}}).empty());
  const auto late = lint("late-reply", text, {.options = {{"now", "2025-02-10T10:00:00-05:00"}}});
  REQUIRE(late.size() == 1);
  CHECK(late[0].message == "reply sent 5 business days after the original");
  CHECK(late[0].help.find("Sorry for the delay") != std::string::npos);
}

TEST_CASE("late-reply counts the latest of several originals", "[late-reply]") {
  const std::string text =
      "Date: Thu, 6 Feb 2025 09:30:00 +0100\n\nHola Ana:\n\nYa sale.\n\n"
      "El mié, 5 feb 2025 a las 10:12, Ana <ana@example.es> escribió:\n> ¿Y bien?\n>\n"
      "> El lun, 27 ene 2025 a las 9:00, Soporte <s@example.es> escribió:\n>> Le escribimos.\n\n"
      "El lun, 20 ene 2025 a las 10:12, Ana <ana@example.es> escribió:\n> Primera consulta.\n";
  CHECK(lint("late-reply", text).empty());
}

TEST_CASE("late-reply stays quiet on a follow-up to the sender's own message", "[late-reply]") {
  // The latest message quoted is Lucía's own: a reminder, not a late answer.
  const std::string own_latest =
      "El lun, 3 feb 2025 a las 10:12, Lucía <lucia@tienda.example.es> escribió:";
  CHECK(lint("late-reply", reply("Thu, 6 Feb 2025 09:30:00 +0100",
                                 "Hola Ana:\n\nLe escribo de nuevo por si no vio mi mensaje.",
                                 own_latest, "> Le enviamos el formulario."))
            .empty());
  CHECK(lint("late-reply", reply("Thu, 6 Feb 2025 09:30:00 +0100",
                                 "Hola Ana:\n\nLe escribo de nuevo por si no vio mi mensaje.",
                                 "De: Lucía <lucia@tienda.example.es>\nEnviado: lunes, 3 de "
                                 "febrero de 2025 10:12\nPara: Ana <ana@example.es>\nAsunto: "
                                 "Pedido",
                                 "Le enviamos el formulario."))
            .empty());
  // A wrapped attribution line, its address on the first line.
  CHECK(lint("late-reply", reply("Thu, 6 Feb 2025 09:30:00 +0100",
                                 "Hola Ana:\n\nLe escribo de nuevo por si no vio mi mensaje.",
                                 "El lun, 3 feb 2025 a las 10:12, Lucía Romero "
                                 "(<lucia@tienda.example.es>)\nescribió:",
                                 "> Le enviamos el formulario."))
            .empty());
  // The customer's header block names us in Para:, not in De:.
  CHECK(lint("late-reply", reply("Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
                                 "De: Ana <ana@example.es>\nEnviado: lunes, 3 de febrero de 2025 "
                                 "10:12\nPara: Lucía <lucia@tienda.example.es>\nAsunto: Pedido",
                                 "¿Cuándo llega mi pedido?"))
            .size() == 1);
  // The customer's message is still answered late.
  CHECK(lint("late-reply", reply("Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
                                 "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:"))
            .size() == 1);
}

TEST_CASE("late-reply stays quiet when the reply apologises", "[late-reply]") {
  const std::string apology = GENERATE(
      as<std::string>{}, "Disculpe la demora en responder.", "Disculpa el retraso, Ana.",
      "Disculpen la tardanza.", "Perdone el retraso.", "Perdón por la demora.",
      "Sentimos mucho la tardanza.", "Lamentamos el retraso en responder.",
      "Le pedimos disculpas por la demora.", "Mil disculpas por el retraso.", "DISCULPE LA DEMORA.",
      "Gracias por su paciencia.", "Ζητούμε συγγνώμη για την καθυστέρηση.",
      "Συγγνώμη για την καθυστέρηση.", "Λυπούμαστε για την αργοπορημένη απάντηση.",
      "ΣΥΓΓΝΩΜΗ ΓΙΑ ΤΗΝ ΚΑΘΥΣΤΕΡΗΣΗ.", "Συγγνώμη που αργήσαμε να απαντήσουμε.",
      "Μας συγχωρείτε για την καθυστέρηση.", "Ευχαριστούμε για την υπομονή σας.",
      "Sorry for the delay.", "Apologies for the late reply.", "Sorry it took so long.",
      "Sorry it took me so long.", "I apologize for the delayed response.",
      "Thank you for your patience.", "Sorry to have kept you waiting.",
      "Thanks for bearing with us.", "Apologies for getting back to you so late.",
      "Sorry for not getting back to you sooner.", "Sorry I couldn't get back to you sooner.",
      "Sorry I'm slow getting back to you.", "Perdone que no le haya respondido antes.",
      "Siento no haberle contestado antes.", "Συγγνώμη που δεν σας απάντησα νωρίτερα.",
      "Perdón por no contestar antes.", "Disculpe que no le hayamos contestado antes.",
      "Sorry we weren't able to reply sooner.", "Λυπούμαστε που δεν σας απαντήσαμε πιο νωρίς.",
      "Thank you so much for your patience.", "Thanks a lot for your patience.",
      "So sorry this has taken a while.", "We apologize for any inconvenience and the delay.",
      "Disculpe las molestias y la demora.", "Disculpe por tardar tanto en responder.",
      "Le pedimos disculpas por habernos retrasado en responder.",
      "Συγγνώμη που σας απαντάμε τόσο αργά.",
      "Ζητούμε συγγνώμη για την ταλαιπωρία και την καθυστέρηση.",
      "Le pedimos disculpas, además, por la tardanza en contestarle.",
      "Perdoná que te hayamos hecho esperar tanto.", "Disculpe que le hayamos hecho esperar.",
      "Sentimos mucho haber tardado tanto.", "Perdón por lo que tardamos en responderte.",
      "Siento no haberle contestado hasta hoy.",
      "Σας ευχαριστούμε θερμά για την κατανόηση και την υπομονή σας.",
      "Μας συγχωρείτε που δεν σας απαντήσαμε νωρίτερα.", "Συγγνώμη που σας κάναμε να περιμένετε.",
      "Apologies for taking so long to get back to you.",
      "Sorry it's taken us a week to get back to you.",
      "My apologies that it took a few days to reply.", "Sorry for the radio silence.");
  CAPTURE(apology);
  const std::string text =
      reply("Thu, 6 Feb 2025 09:30:00 +0100", "Hola:\n\n" + apology + " Su pedido sale hoy.",
            "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:");
  CHECK(lint("late-reply", text).empty());
}

TEST_CASE("late-reply does not take any thanks or excuse for an apology", "[late-reply]") {
  for (const char* own :
       {"Thanks for your message, we are waiting for the courier to confirm.",
        "Disculpe, su pedido está en espera de stock.",
        "Sorry about the inconvenience, the refund is on its way.",
        "Lo que tardamos en enviar depende del transportista.",
        "Sorry, it takes 3 days for the refund to show.",
        "We apologize that refunds take a while to show up.", "Sorry, shipping took 5 days."}) {
    CAPTURE(own);
    CHECK(
        lint("late-reply", reply("Thu, 6 Feb 2025 09:30:00 +0100", std::string("Hola:\n\n") + own,
                                 "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:"))
            .size() == 1);
  }
}

TEST_CASE("late-reply stays quiet without a date of the original", "[late-reply]") {
  const std::string date = "Thu, 6 Feb 2025 09:30:00 +0100";
  // No attribution at all; one without a date; a date only in own text; an apology quoted.
  CHECK(lint("late-reply", "Date: " + date + "\n\nHola:\n\nSale hoy.\n\n> ¿Cuándo?\n").empty());
  CHECK(lint("late-reply", reply(date, k_own_es, "Ana escribió:")).empty());
  CHECK(lint("late-reply", "Date: " + date +
                               "\n\nHola:\n\nSu pedido del lunes 3 de febrero de 2025 a las 10:12 "
                               "sale hoy.\n")
            .empty());
  // An original after the reply is a misreading, not a negative delay.
  CHECK(lint("late-reply", reply(date, k_own_es,
                                 "El lun, 3 mar 2025 a las 10:12, Ana <ana@example.es> escribió:"))
            .empty());
  // An apology inside the quote is the customer's, not the reply's.
  CHECK(lint("late-reply",
             reply(date, k_own_es, "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:",
                   "> Disculpe la demora en contestar."))
            .size() == 1);
}

TEST_CASE("late-reply rejects bad option values", "[late-reply]") {
  const std::string text = reply("Thu, 6 Feb 2025 09:30:00 +0100", k_own_es,
                                 "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:");
  for (const auto& option : std::vector<std::pair<std::string, std::string>>{{"max-delay", "1 day"},
                                                                             {"holidays", "25/12"},
                                                                             {"weekend", "sábado"},
                                                                             {"now", "tomorrow"}}) {
    CAPTURE(option.first);
    CHECK_THROWS(lint("late-reply", text, {.options = {option}}));
  }
}

TEST_CASE("late-reply counts a year's business days with holidays", "[late-reply]") {
  // Mon 3 Feb 2025 answered on Mon 2 Feb 2026: 260 weekdays; 1 May 2025 and 25 December 2025
  // are Thursdays, 1 January 2026 a Thursday too.
  const std::string text = reply("Mon, 2 Feb 2026 09:30:00 +0100", k_own_es,
                                 "El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:");
  const auto plain = lint("late-reply", text);
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].message == "reply sent 260 business days after the original");
  const auto iso = lint("late-reply", text, {.options = {{"holidays", "2025-05-01"}}});
  REQUIRE(iso.size() == 1);
  CHECK(iso[0].message == "reply sent 259 business days after the original");
  const auto yearly = lint("late-reply", text, {.options = {{"holidays", "12-25"}}});
  REQUIRE(yearly.size() == 1);
  CHECK(yearly[0].message == "reply sent 259 business days after the original");
  const auto weekend_holiday = lint("late-reply", text, {.options = {{"holidays", "02-08"}}});
  REQUIRE(weekend_holiday.size() == 1);  // 8 February is a Saturday in 2025 and a Sunday in 2026
  CHECK(weekend_holiday[0].message == "reply sent 260 business days after the original");
  const auto no_weekend = lint("late-reply", text, {.options = {{"weekend", "sunday"}}});
  REQUIRE(no_weekend.size() == 1);
  CHECK(no_weekend[0].message == "reply sent 312 business days after the original");
}

TEST_CASE("late-reply reads dates where lenient parsing mixes numeric and named months",
          "[late-reply]") {
  // A two-digit year under a four-digit pattern and a month name under a numeric one: lenient
  // ICU reads both, and the quick shape test that spares ICU's parse must not skip them.
  for (const std::string attribution :
       {"El lun, 3 feb 25 a las 10:12 AM, Ana <a@b.es> escribió:",
        "El 3 FEB 25, a las 10:12, Ana <a@b.es> escribió:",
        "El 3 febrero 25, a las 10:12:00 -0500, Ana <a@b.es> escribió:"}) {
    const auto found =
        lint("late-reply", reply("Thu, 13 Feb 2025 09:30:00 +0100", k_own_es, attribution));
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "reply sent 8 business days after the original");
  }
}

TEST_CASE("late-reply reads on when the longest reading is after the reply", "[late-reply]") {
  // The 12-hour reading (23:00, 23:30) falls after the reply: the 24-hour format that reads the
  // same text without its "μ.μ."/"PM" gives the time (11:00, 11:30), not a date-only format
  // (midnight), although it cannot read further than the 12-hour one.
  const LintSettings hours{.options = {{"max-delay", "0h"}}};
  const auto greek = lint("late-reply",
                          reply("Fri, 17 May 2024 22:00:00 +0300", k_own_el,
                                "Στις Παρ 17 Μαΐ 2024 στις 11:00 μ.μ., ο/η Νίκος <n@example.gr> "
                                "έγραψε:"),
                          hours);
  REQUIRE(greek.size() == 1);
  CHECK(greek[0].message == "reply sent 11 business hours after the original");
  const auto english = lint("late-reply",
                            reply("Mon, 3 Feb 2025 23:00:00 -0500", k_own_en,
                                  "On Feb 3, 2025, at 11:30 PM, Ann <ann@example.com> wrote:"),
                            hours);
  REQUIRE(english.size() == 1);
  CHECK(english[0].message == "reply sent 11 business hours after the original");
}

TEST_CASE("late-reply reads a day half written another way than the locale's as that day half",
          "[late-reply]") {
  // 6:40 a.m. stays 06:40, 28 hours before the reply, whatever its spelling.
  const LintSettings hours{.options = {{"max-delay", "0h"}}};
  for (const std::string& half : {"am", "AM", "a.m.", "a. m.", "  am"}) {
    CAPTURE(half);
    const auto found = lint("late-reply",
                            "From: Lucía <lucia@tienda.example.es>\nTo: Ana <ana@example.es>\n"
                            "Subject: Re: Pedido\nDate: Tue, 4 Feb 2025 10:40:00 +0100\n\n"
                            "Hola Ana:\n\nSu pedido sale hoy.\n\n-----Mensaje original-----\n"
                            "De: Ana <ana@example.es>\nEnviado: lunes, 3 de febrero de 2025 6:40 " +
                                half + "\nPara: Soporte\nAsunto: Pedido\n\n¿Cuándo llega?\n",
                            hours);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "reply sent 28 business hours after the original");
  }
}

TEST_CASE("late-reply reads Spanish 12-hour times, whose ICU names hold no-break spaces",
          "[late-reply]") {
  // ICU spells the Spanish day halves "a.\u00A0m." and "p.\u00A0m."; clients write them with
  // a plain space or a no-break one. 6:40 p. m. is 18:40, not 06:40.
  const LintSettings hours{.options = {{"max-delay", "0h"}}};
  for (const std::string& half :
       {"p. m.", "p.\u00A0m.", "pm", "PM", "p.m.", "P. M.", " pm", "\tpm", "\u00A0pm", "p.  m."}) {
    CAPTURE(half);
    const std::string text =
        "Hola Ana:\n\nSu pedido sale hoy.\n\n-----Mensaje original-----\n"
        "De: Ana <ana@example.es>\nEnviado: lunes, 3 de febrero de 2025 6:40 " +
        half + "\nPara: Soporte\nAsunto: Pedido\n\n¿Cuándo llega?\n";
    const auto found = lint("late-reply",
                            "From: Lucía <lucia@tienda.example.es>\nTo: Ana <ana@example.es>\n"
                            "Subject: Re: Pedido\nDate: Tue, 4 Feb 2025 10:40:00 +0100\n\n" +
                                text,
                            hours);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "reply sent 16 business hours after the original");
  }
}
