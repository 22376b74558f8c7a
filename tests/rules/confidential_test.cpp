#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

TEST_CASE("confidential flags internal-only markers in es, el and en", "[confidential]") {
  const auto [text, marker] = GENERATE(table<std::string, std::string>({
      {"Hola Ana,\n\nNota interna: el cliente ya pidió dos reembolsos.\n", "Nota interna"},
      {"Hola Ana,\n\n[nota interna] revisar con facturación.\n", "nota interna"},
      {"Hola Ana,\n\nSolo para uso interno: el descuento es del 40%.\n", "para uso interno"},
      {"Hola Ana,\n\nCONFIDENCIAL – INTERNO. El proveedor falló.\n", "CONFIDENCIAL – INTERNO"},
      {"Hola Ana,\n\nNO REENVIAR. Precio de coste: 12 €.\n", "NO REENVIAR"},
      {"Hola Ana,\n\nNotas internas del equipo: revisar el caso.\n", "Notas internas"},
      {"Καλησπέρα,\n\nΕσωτερική σημείωση: ο πελάτης έχει ήδη δύο επιστροφές.\n",
       "Εσωτερική σημείωση"},
      {"Καλησπέρα,\n\nΜόνο για εσωτερική χρήση, η τιμή κόστους είναι 12 €.\n",
       "για εσωτερική χρήση"},
      {"Καλησπέρα,\n\nΕΣΩΤΕΡΙΚΟ: να ελεγχθεί η επιστροφή.\n", "ΕΣΩΤΕΡΙΚΟ"},
      {"Hi Ann,\n\nInternal note: this customer already had two refunds.\n", "Internal note"},
      {"Hi Ann,\n\nDo not forward, the margin on this item is 40%.\n", "Do not forward"},
      {"Hi Ann,\n\nThis is not for external distribution yet.\n", "not for external distribution"},
      {"Hi Ann,\n\nFYI team, she is a difficult one.\n", "FYI team"},
      {"Hi Ann,\n\nDo not share with the customer: the outage was a bad deploy.\n",
       "Do not share with the customer"},
      {"Hi Ann,\n\nNot for customer eyes: we lost the parcel.\n", "Not for customer eyes"},
      {"Hola Ana,\n\nNo compartir con el cliente: el proveedor falló.\n",
       "No compartir con el cliente"},
      {"Hola Ana,\n\nSolo para uso del equipo: revisar el caso.\n", "para uso del equipo"},
      {"Καλησπέρα,\n\nΣημείωση για την ομάδα: ο πελάτης είναι δύσκολος.\n",
       "Σημείωση για την ομάδα"},
  }));
  CAPTURE(text);
  const auto found = lint("confidential", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == marker);
  CHECK(found[0].message == "internal-only marker '" + marker + "'");
}

TEST_CASE("confidential flags a marker in the subject", "[confidential]") {
  const auto found = lint("confidential",
                          "From: Lucía <lucia@tienda.es>\nTo: ana@example.com\n"
                          "Subject: [Nota interna] Reembolso de Ana\n\nHola Ana,\n\nGracias.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == "Nota interna");
  CHECK(found[0].message == "internal-only marker 'Nota interna' in the subject");
}

TEST_CASE("confidential flags links to internal hosts", "[confidential]") {
  const auto [link, host] = GENERATE(table<std::string, std::string>({
      {"http://pedidos.tienda.internal/ana", "pedidos.tienda.internal"},
      {"https://wiki.corp/reembolsos", "wiki.corp"},
      {"http://printer.local:631/", "printer.local"},
      {"https://intranet.tienda.es/casos/51190", "intranet.tienda.es"},
      {"https://portal.intranet.tienda.es/x", "portal.intranet.tienda.es"},
      {"http://localhost:8080/admin", "localhost"},
      {"http://10.0.3.7/tickets", "10.0.3.7"},
      {"http://172.20.1.1/", "172.20.1.1"},
      {"http://192.168.10.5:8080/crm", "192.168.10.5"},
      {"http://127.0.0.1/", "127.0.0.1"},
      {"http://[fd12:3456::1]/panel", "fd12:3456::1"},
      {"http://[fe80::1]/login", "fe80::1"},
      {"soporte@helpdesk.tienda.internal", "helpdesk.tienda.internal"},
      {"wiki.corp", "wiki.corp"},
      {"jira.internal", "jira.internal"},
  }));
  CAPTURE(link);
  const auto found =
      lint("confidential", "Hola Ana,\n\nEl caso está en " + link + " desde ayer.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == link);
  CHECK(found[0].message.find("internal host '" + host + "'") != std::string::npos);
}

TEST_CASE("confidential finds bare internal hosts in any case", "[confidential]") {
  // The sentences are looked through for the pattern's hints without lowercasing a copy:
  // capitals on either side of the hint's anchor ('.', ':', the 'h' of "localhost") still count.
  const auto [link, host] = GENERATE(table<std::string, std::string>({
      {"WIKI.CORP", "wiki.corp"},
      {"Jira.Internal", "jira.internal"},
      {"LOCALHOST", "localhost"},
      {"LocalHost", "localhost"},
      {"INTRANET.tienda", "intranet.tienda"},
      {"Printer.LocalDomain", "printer.localdomain"},
      {"srv.Lan", "srv.lan"},
      {"HTTP://[FD12::1]/PANEL", "fd12::1"},
  }));
  CAPTURE(link);
  const auto found =
      lint("confidential", "Hola Ana,\n\nEl caso está en " + link + " desde ayer.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == link);
  CHECK(found[0].message == "link to the internal host '" + host + "'");
}

TEST_CASE("confidential honours internal-hosts and private-addresses", "[confidential]") {
  const std::string text =
      "Hola Ana,\n\nVea https://crm.corp.tienda.es/caso/1 y https://jira-eu.tienda.es/T-1 y "
      "https://wiki.tienda.es/x y https://www.tienda.es/ayuda.\n";
  CHECK(lint("confidential", text).empty());
  // The test harness takes one list element per option.
  for (const auto& [pattern, link] : std::vector<std::pair<std::string, std::string>>{
           {"*.corp.tienda.es", "https://crm.corp.tienda.es/caso/1"},
           {"jira-*.tienda.es", "https://jira-eu.tienda.es/T-1"},
           {"wiki.tienda.es", "https://wiki.tienda.es/x"}}) {
    CAPTURE(pattern);
    const auto found = lint("confidential", text, {.options = {{"internal-hosts", pattern}}});
    REQUIRE(found.size() == 1);
    CHECK(found[0].text == link);
  }
  // A plain name covers its subdomains, not names that merely end like it.
  CHECK(lint("confidential", "Vea https://eu.wiki.tienda.es/x y https://miwiki.tienda.es/x.\n",
             {.options = {{"internal-hosts", "wiki.tienda.es"}}})
            .size() == 1);

  const std::string router = "Hola Ana,\n\nEntre en http://192.168.1.1 con su clave.\n";
  CHECK(lint("confidential", router).size() == 1);
  CHECK(lint("confidential", router, {.options = {{"private-addresses", "false"}}}).empty());
}

TEST_CASE("confidential flags an internal thread quoted to a customer", "[confidential]") {
  const std::string headers =
      "From: Lucía <lucia@tienda.es>\nTo: Ana <ana@example.com>\n"
      "Subject: Re: Reembolso\n\n";
  const std::string internal_quote =
      "Hola Ana,\n\nLe confirmamos el reembolso.\n\n"
      "El jue, 6 mar 2025 a las 22:10, Pedro <pedro@tienda.es> escribió:\n"
      "> Nota interna: no darle más de 20 €.\n";
  const auto found = lint("confidential", headers + internal_quote);
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "Nota interna");
  CHECK(found[0].message ==
        "internal-only marker 'Nota interna' in an internal message sent outside");

  // Sent to a colleague, the same quote stays inside the organisation.
  const std::string to_colleague =
      "From: Lucía <lucia@tienda.es>\nTo: Marta <marta@tienda.es>\n"
      "Subject: Re: Reembolso\n\n";
  CHECK(lint("confidential", to_colleague + internal_quote).empty());

  // A forwarded internal message, with its own From: line.
  const auto forwarded =
      lint("confidential", headers +
                               "Hola Ana, le reenvío la respuesta.\n\n"
                               "---------- Forwarded message ---------\n"
                               "From: Pedro <pedro@tienda.es>\nDate: Thu, 6 Mar 2025\n"
                               "Subject: Reembolso\nTo: lucia@tienda.es\n\n"
                               "Do not forward: the supplier is late again.\n");
  REQUIRE(forwarded.size() == 1);
  CHECK(forwarded[0].text == "Do not forward");
}

TEST_CASE("confidential leaves a message between colleagues alone", "[confidential]") {
  const std::string body =
      "\nHi Dana,\n\nInternal note for you: the refund is approved, see "
      "http://crm.acme.internal/customers/881\n";
  CHECK(lint("confidential",
             "From: Sam <sam.carter@acme-shop.com>\nTo: Dana "
             "<dana.lee@acme-shop.com>\nSubject: Refund 881\n" +
                 body)
            .empty());
  // One recipient outside, a free-mail sender, or no recipient at all: still flagged.
  CHECK(lint("confidential",
             "From: Sam <sam.carter@acme-shop.com>\nTo: Dana "
             "<dana.lee@acme-shop.com>\nCc: jen@outlook.com\nSubject: Refund\n" +
                 body)
            .size() == 2);
  CHECK(lint("confidential",
             "From: Sam <sam@gmail.com>\nTo: Dana <dana@gmail.com>\nSubject: Refund\n" + body)
            .size() == 2);
  CHECK(lint("confidential", body).size() == 2);
}

TEST_CASE("confidential stays quiet on the traps", "[confidential]") {
  REQUIRE(!lint("confidential", "Nota interna: revisar.\n").empty());
  const std::string text = GENERATE(
      as<std::string>{}, "Sus datos son confidenciales y solo los usamos para su pedido.\n",
      "Your data is confidential and we never share it.\n", "Τα στοιχεία σας είναι εμπιστευτικά.\n",
      "The page showed an internal server error; it is fixed now.\n",
      "El error interno del servidor ya está resuelto.\n",
      "La etiqueta está en el interior de la caja, en el lado interno.\n",
      "Η ετικέτα βρίσκεται στο εσωτερικό της συσκευασίας.\n",
      "Vea https://www.tienda.es/ayuda o escriba a soporte@tienda.es.\n",
      "El servidor público 8.8.8.8 y http://93.184.216.34/ no son internos.\n",
      "Gracias.\n\n> Nota interna: no reenviar.\n> Do not forward this email.\n",
      "Un saludo,\nLucía\n-- \nEste mensaje contiene información confidencial. Uso interno del "
      "destinatario.\n",
      "El jue, 6 mar 2025, Ana <ana@example.com> escribió:\n> NO REENVIAR\n");
  CAPTURE(text);
  CHECK(lint("confidential", text).empty());
}

TEST_CASE("confidential leaves a customer's own quoted marker alone", "[confidential]") {
  CHECK(lint("confidential",
             "From: Lucía <lucia@tienda.es>\nTo: Ana <ana@example.com>\n"
             "Subject: Re: Contrato\n\nHola Ana,\n\nRecibido, gracias.\n\n"
             "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.com> escribió:\n"
             "> Confidencial: no reenviar a terceros.\n")
            .empty());
}

TEST_CASE("confidential leaves a legal disclaimer without a signature separator alone",
          "[confidential]") {
  const std::string disclaimer = GENERATE(
      as<std::string>{},
      "This email and any attachments are confidential. If you are not the intended recipient, "
      "do not forward, copy or use it; please delete it.",
      "La información contenida en este mensaje es CONFIDENCIAL y de uso interno del "
      "destinatario. Si ha recibido este mensaje por error, le rogamos que lo comunique al "
      "remitente y lo elimine.",
      "Si ha recibido este mensaje por error, bórrelo: es de uso interno y no debe reenviarse.",
      "Το παρόν μήνυμα είναι εμπιστευτικό και προορίζεται μόνο για εσωτερική χρήση του "
      "παραλήπτη. Εάν το λάβατε εκ παραδρομής, παρακαλούμε διαγράψτε το και μην το προωθήσετε.",
      "Αν λάβατε αυτό το μήνυμα κατά λάθος, μην το προωθήσετε: είναι για εσωτερική χρήση.");
  CAPTURE(disclaimer);
  // Without the cue, the same words are a marker: the disclaimer test can fail.
  const std::string body = "Hola Ana,\n\nSu reembolso está en marcha.\n\nUn saludo,\nLucía\n";
  CHECK(lint("confidential", body + "\n" + disclaimer + "\n").empty());
  CHECK(lint("confidential", body + disclaimer + "\n").empty());  // glued to the name
  // A label in the disclaimer paragraph and an internal note elsewhere still count.
  const auto noted = lint("confidential",
                          "Hola Ana,\n\n[nota interna] revisar el cargo.\n\nNO "
                          "REENVIAR AL CLIENTE\n\nUn saludo,\nLucía\n\n" +
                              disclaimer + "\n");
  REQUIRE(noted.size() == 2);
  CHECK(noted[0].text == "nota interna");
  CHECK(noted[1].text == "NO REENVIAR AL CLIENTE");
}

TEST_CASE("confidential marks without the disclaimer cue still fire", "[confidential]") {
  CHECK(lint("confidential", "Hi Ann,\n\nDo not forward, copy or use it.\n").size() == 1);
  CHECK(lint("confidential", "Hola Ana,\n\nEs de uso interno del equipo.\n").size() == 1);
  CHECK(lint("confidential", "Καλησπέρα,\n\nΜόνο για εσωτερική χρήση.\n").size() == 1);
}

TEST_CASE("confidential leaves a request to the reader about their own message alone",
          "[confidential]") {
  const std::string text = GENERATE(
      as<std::string>{},
      "This link is personal to you, so please do not forward this email to anyone else.",
      "Please don't forward it, the code is yours only.", "Do not forward this link to anyone.",
      "The invitation is personal: do not forward it to anyone.",
      "El enlace es personal, así que no reenvíe este correo a nadie.",
      "Por favor, no reenvíes el enlace: es solo para ti.",
      "Le rogamos que no reenvíe este mensaje.",
      "Ο σύνδεσμος είναι προσωπικός, γι' αυτό μην προωθήσετε αυτό το μήνυμα σε κανέναν.",
      "Παρακαλούμε μην το προωθήσετε σε τρίτους.");
  CAPTURE(text);
  CHECK(lint("confidential", "Hi,\n\n" + text + "\n").empty());
}

TEST_CASE("confidential still flags a note not to forward to the customer", "[confidential]") {
  const auto [text, marker] = GENERATE(table<std::string, std::string>({
      {"Please do not forward this email to the customer.",
       "do not forward this email to the customer"},
      {"No reenviar este correo al cliente.", "No reenviar este correo al cliente"},
      {"Μην προωθήσετε αυτό το μήνυμα στον πελάτη.", "Μην προωθήσετε αυτό το μήνυμα στον πελάτη"},
      {"NO REENVIAR", "NO REENVIAR"},
      {"Do not forward.", "Do not forward"},
  }));
  CAPTURE(text);
  const auto found = lint("confidential", "Hola,\n\n" + text + "\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == marker);
}

TEST_CASE("confidential still flags a label inside a disclaimer paragraph", "[confidential]") {
  const auto found =
      lint("confidential",
           "Hola Ana,\n\nGracias.\n\nNota interna: revisar el cargo.\nSi ha recibido este "
           "mensaje por error, bórrelo: es de uso interno.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "Nota interna");
}
