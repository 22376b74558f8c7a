#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("unfilled-placeholder flags every placeholder style in own text",
          "[unfilled-placeholder]") {
  const std::string placeholder =
      GENERATE(as<std::string>{}, "{{nombre}}", "{{ nombre }}", "{first_name}", "${order}",
               "%NAME%", "[[name]]", "<<Name>>", "[NOMBRE DEL CLIENTE]", "[ΟΝΟΜΑ ΠΕΛΑΤΗ]",
               "[Customer name]", "[CUSTOMER_NAME]", "[NÚMERO DE PEDIDO]", "[NAME]", "*|FNAME|*",
               "[Customer's name]", "[Order #]", "[No. de pedido]", "[MONTO]", "[FOLIO]");
  CAPTURE(placeholder);
  const auto found = lint("unfilled-placeholder",
                          "Hola Ana,\n\nSu pedido " + placeholder + " ya ha salido hoy.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == placeholder);
  CHECK(found[0].message == "unfilled placeholder '" + placeholder + "'");
  CHECK(found[0].help == "write the value of " + placeholder + " before sending");
  CHECK(!found[0].fix);
}

TEST_CASE("unfilled-placeholder flags the greeting an agent forgot to fill",
          "[unfilled-placeholder]") {
  const auto found = lint("unfilled-placeholder",
                          "Estimado/a {{nombre}}:\n\nLe confirmamos que su devolución del pedido "
                          "51190 está en camino.\n\nAtentamente,\nLucía\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 1);
  CHECK(found[0].text == "{{nombre}}");
}

TEST_CASE("unfilled-placeholder flags a line holding only placeholders", "[unfilled-placeholder]") {
  const auto found =
      lint("unfilled-placeholder", "Hola Ana,\n\nGracias por escribirnos.\n\n{{firma_agente}}\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 5);
  CHECK(found[0].text == "{{firma_agente}}");
}

TEST_CASE("unfilled-placeholder flags the signature and the subject", "[unfilled-placeholder]") {
  const auto found =
      lint("unfilled-placeholder",
           "From: Soporte <soporte@tienda.es>\nTo: ana@example.com\n"
           "Subject: Su pedido {{numero_pedido}} ha salido\n\n"
           "Hola Ana,\n\nGracias por escribirnos.\n\n-- \n{{agente}}\nTienda Verde\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == "{{numero_pedido}}");
  CHECK(found[0].message == "unfilled placeholder '{{numero_pedido}}' in the subject");
  CHECK(found[1].line == 10);
  CHECK(found[1].text == "{{agente}}");
}

TEST_CASE("unfilled-placeholder leaves bracketed tags and acronyms alone",
          "[unfilled-placeholder]") {
  const std::string text = GENERATE(
      as<std::string>{},
      "From: a@tienda.es\nTo: b@example.com\nSubject: [URGENTE] Pedido retrasado\n\nHola.\n",
      "From: a@tienda.es\nTo: b@example.com\nSubject: Re: [PATCH v2 1/3] fix the parser\n\nHola.\n",
      "From: a@tienda.es\nTo: b@example.com\nSubject: Re: [SPAM] Oferta\n\nHola.\n",
      "From: a@tienda.es\nTo: b@example.com\nSubject: RE: [EXTERNAL EMAIL] Customer name change\n\n"
      "Hi.\n",
      "El precio [IVA] incluido es de 20 €.\n", "Lo escribió así [sic] en su mensaje.\n",
      "Vea [el enlace](https://tienda.es/ayuda) para más detalles.\n",
      "[NOTA INTERNA] revisar el reembolso.\n", "Tenemos un 50% de descuento y 30%.\n",
      "Su enlace es https://tienda.es/buscar?q=a%20b%20c y caduca hoy.\n",
      "La API responde en https://api.tienda.es/pedidos/{id} con el estado.\n",
      "Ejecute `echo ${HOME}` en la terminal.\n", "La comparación x << y >> z no aplica.\n",
      "See the [Editor's note] below.\n");
  CAPTURE(text);
  CHECK(lint("unfilled-placeholder", text).empty());
}

TEST_CASE("unfilled-placeholder leaves a team's or a page's name in brackets alone",
          "[unfilled-placeholder]") {
  const std::string name =
      GENERATE(as<std::string>{}, "[Customer Support]", "[Customer Service]", "[Customer Portal]",
               "[Product Guide]", "[Product Feedback]", "[Atención al Cliente]",
               "[Servicio de Atención al Cliente]", "[Portal del Cliente]", "[Εξυπηρέτηση Πελατών]",
               "[Τμήμα Πωλήσεων]");
  CAPTURE(name);
  CHECK(lint("unfilled-placeholder", "From: a@tienda.es\nTo: b@example.com\nSubject: " + name +
                                         " Re: Pedido 100234567\n\nHola, vea " + name + ".\n")
            .empty());
  // The same words naming a value are still fields.
  for (const char* field :
       {"[Customer Support Agent Name]", "[Nombre del Agente de Soporte]",
        "[ΟΝΟΜΑ ΥΠΑΛΛΗΛΟΥ ΕΞΥΠΗΡΕΤΗΣΗΣ]", "[Portal Link]", "[Link to Customer Portal]",
        "[Phone Number of Customer Service]", "[Name of Department]"}) {
    CAPTURE(field);
    CHECK(lint("unfilled-placeholder", std::string("Hola, vea ") + field + ".\n").size() == 1);
  }
}

TEST_CASE("unfilled-placeholder stays quiet on the traps", "[unfilled-placeholder]") {
  // The traps prove nothing unless the same placeholder fires in own text.
  REQUIRE(!lint("unfilled-placeholder", "Hola {{nombre}}.\n").empty());
  const std::string text = GENERATE(
      as<std::string>{},
      "Gracias.\n\n> Hola {{nombre}}, su pedido {{pedido}} ha salido.\n",  // quoted text
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> Estimado "
      "{{nombre}}\n",                                                        // attribution + quote
      "Gracias.\n\n> {\"id\": \"{order_id}\", \"name\": \"{{nombre}}\"}\n",  // JSON, quoted
      "From: a@b.org\nTo: c@d.org\nSubject: [PATCH] template: fill {{nombre}}\n\nThe fix.\n\n---\n "
      "templates/a.txt | 2 +-\n"
      "diff --git a/templates/a.txt b/templates/a.txt\n--- a/templates/a.txt\n+++ "
      "b/templates/a.txt\n@@ -1 +1 @@\n-Hola {nombre}\n+Hola {{nombre}}\n");  // a patch
  CAPTURE(text);
  CHECK(lint("unfilled-placeholder", text).empty());
}

TEST_CASE("unfilled-placeholder reports the config's own placeholder patterns",
          "[unfilled-placeholder]") {
  // The test harness passes no config placeholders; the draft's own list is checked in
  // tests/templates/placeholders_test.cpp. Here: a built-in pattern on a placeholder line.
  const auto found = lint("unfilled-placeholder", "Hola Ana,\n\n<<SALUDO>> <<FIRMA>>\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "<<SALUDO>>");
  CHECK(found[1].text == "<<FIRMA>>");
}

TEST_CASE("a field named in brackets is a placeholder, not shouting", "[unfilled-placeholder]") {
  const std::string text =
      "Estimado [NOMBRE DEL CLIENTE], su pedido [NÚMERO DE PEDIDO] salió.\n"
      "Αγαπητέ [ΟΝΟΜΑ ΠΕΛΑΤΗ ΚΑΙ ΕΠΩΝΥΜΟ ΠΕΛΑΤΗ], ευχαριστούμε.\n";
  CHECK(replylint::test::lint("shouting", text).empty());
  CHECK(lint("unfilled-placeholder", text).size() == 3);
}

TEST_CASE("unfilled-placeholder leaves API paths, code blocks and shell lines alone",
          "[unfilled-placeholder]") {
  REQUIRE(lint("unfilled-placeholder", "Run it for {project} today.\n").size() == 1);
  const std::string text = GENERATE(
      as<std::string>{}, "To remove it, call DELETE /v1/webhooks/{webhook_id} with your key.\n",
      "Please call GET /api/v2/users?login={login} and send us the answer.\n",
      "Use /api/v2/users?login={login}&page={page} for the next page.\n",
      "Set PROJECT={project_id} first.\n",
      "Try this:\n\n    resp = client.get(f\"/api/v2/users/{user_id}\")\n    "
      "print({name})\n\nThanks.\n",
      "Try this:\n\n\tprint({name})\n\nThanks.\n",
      "Run:\n\n$ flowdesk sync --project ${PROJECT_ID}\n\nThanks.\n",
      "Then run flowdesk sync --project ${PROJECT_ID} again.\n",
      "Ejecute flowdesk sync -p {proyecto} de nuevo.\n");
  CAPTURE(text);
  CHECK(lint("unfilled-placeholder", text).empty());
}

TEST_CASE("unfilled-placeholder still flags template fields next to punctuation",
          "[unfilled-placeholder]") {
  const auto [text, placeholder] = GENERATE(table<std::string, std::string>({
      {"Hola {{nombre}}, gracias.\n", "{{nombre}}"},
      {"Dear {first_name},\n\nThanks.\n", "{first_name}"},
      {"Your order ${order} has shipped.\n", "${order}"},
      {"Is this you, {first_name}?\n", "{first_name}"},
      {"Estimado/a {{nombre}}:\n\nGracias.\n", "{{nombre}}"},
      {"Your tracking link is [insert tracking link].\n", "[insert tracking link]"},
      {"Su enlace: [insertar enlace de seguimiento].\n", "[insertar enlace de seguimiento]"},
      {"Le adjunto [añadir factura] como pidió.\n", "[añadir factura]"},
      {"Ο σύνδεσμος: [εισάγετε σύνδεσμο].\n", "[εισάγετε σύνδεσμο]"},
      {"Your tracking number is <tracking number>.\n", "<tracking number>"},
      {"Hola <nombre del cliente>, gracias.\n", "<nombre del cliente>"},
      {"Hi <first_name>, thanks.\n", "<first_name>"},
  }));
  CAPTURE(text);
  const auto found = lint("unfilled-placeholder", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == placeholder);
}

TEST_CASE("unfilled-placeholder leaves stray percent pairs, alt text and angle brackets alone",
          "[unfilled-placeholder]") {
  REQUIRE(lint("unfilled-placeholder", "Hola %NOMBRE%.\n").size() == 1);
  REQUIRE(lint("unfilled-placeholder", "Hola [Company name].\n").size() == 1);
  const std::string text =
      GENERATE(as<std::string>{}, "Gracias.\n\n$B%k%H%$%W%m%0%i%`$G$9\n",  // raw ISO-2022-JP
               "It rose 5%a% and 10%H%.\n", "Best regards,\nAnn\n[Company Logo]\nACME Ltd.\n",
               "Un saludo,\nLucía\n[Logo de la empresa]\n[cid:image001.png]\n[Imagen]\n",
               "Regards,\nAnn\n[image: Logo]\n[Logo]\n",
               "Write to Ana García <ana@example.com> today.\n", "Add <br> and <address> tags.\n",
               "The field <code> holds the value.\n", "Add it [if you want more] later.\n");
  CAPTURE(text);
  CHECK(lint("unfilled-placeholder", text).empty());
}
