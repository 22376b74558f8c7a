// Unit tests of the message module on fixture files (tests/message/fixtures/).
#include "message/message.hpp"
#include "message/model_json.hpp"
#include "message/test_data.hpp"
#include "text/text.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using replylint::InputError;
using namespace replylint::message;
using testing::fixture;
using testing::parse_fixture;
using testing::prefix_data;

namespace {

bool has_warning(const Message& m, const std::string& part) {
  return std::any_of(m.warnings.begin(), m.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

std::string line_of_raw(const Message& m, int line) {
  std::size_t pos = 0;
  for (int i = 1; i < line; ++i) pos = m.raw.find('\n', pos) + 1;
  std::string out = m.raw.substr(pos, m.raw.find('\n', pos) - pos);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("MIME with CRLF, ISO-8859-1 quoted-printable and Spanish stacked prefixes", "[message]") {
  const Message m = parse_fixture("mime-crlf-es-qp-latin1.eml");
  CHECK(m.kind == InputKind::mime);
  CHECK(m.subject == "RE: RV: Envío del pedido 51190");
  CHECK(m.subject_prefixes == std::vector<std::string>{"RE", "RV"});
  CHECK(m.subject_without_prefixes == "Envío del pedido 51190");
  CHECK(m.is_reply);
  CHECK(m.is_forward);
  REQUIRE(m.from.size() == 1);
  CHECK(m.from[0].name == "Marta Ibáñez");
  CHECK(m.from[0].address == "marta@tiendaverde.es");
  CHECK(m.from[0].domain() == "tiendaverde.es");
  REQUIRE(m.to.size() == 1);
  CHECK(m.to[0].name == "Lucía Romero");
  REQUIRE(m.cc.size() == 1);
  CHECK(m.date == "2025-03-07T09:45:00+01:00");
  REQUIRE(m.date_unix);
  CHECK(*m.date_unix == 1741337100);
  CHECK(m.message_id == "a1b2c3@tiendaverde.es");
  CHECK(m.in_reply_to == "x9y8z7@example.com");
  CHECK(m.references == std::vector<std::string>{"r1@example.com", "x9y8z7@example.com"});
  REQUIRE(m.has_body);
  CHECK(m.body.part == "1");
  CHECK(m.body.charset == "iso-8859-1");
  CHECK(m.body.encoding == "quoted-printable");
  CHECK_FALSE(m.body.in_file);
  CHECK(m.body.text.find('\r') == std::string::npos);
  CHECK(m.body.text.rfind("Hola Lucía:\n\nGracias", 0) == 0);
  CHECK(m.body.text.find("salió ayer por la mañana;\nel número") != std::string::npos);
  CHECK(m.warnings.empty());

  const Header* subject = m.subject_header();
  REQUIRE(subject != nullptr);
  CHECK(subject->line == 4);
  CHECK(subject->value_column == 10);
  CHECK(subject->value == m.subject);
  const Header* ct = m.find_header("content-TYPE");
  REQUIRE(ct != nullptr);
  CHECK(ct->line == 10);
  CHECK(m.find_header("X-Nothing") == nullptr);
}

TEST_CASE("MIME with LF, ISO-8859-7 8bit body: positions map onto the file", "[message]") {
  const Message m = parse_fixture("mime-lf-el-iso8859-7.eml");
  CHECK(m.kind == InputKind::mime);
  CHECK(m.subject == "ΑΠ: ΠΡΘ: Παραγγελία 2291");
  CHECK(m.subject_prefixes == std::vector<std::string>{"ΑΠ", "ΠΡΘ"});
  CHECK(m.is_reply);
  CHECK(m.is_forward);
  REQUIRE(m.from.size() == 1);
  CHECK(m.from[0].name == "Ελένη Γεωργίου");
  CHECK(m.date == "2025-03-10T11:20:00+02:00");
  REQUIRE(m.has_body);
  CHECK(m.body.in_file);
  CHECK(m.body.first_line == 9);
  CHECK(m.body.text.rfind("Καλημέρα κύριε Παπαδόπουλε,\n", 0) == 0);
  // The first body line is the file's line 9, one byte per letter in ISO-8859-7.
  CHECK(line_of_raw(m, 9).size() == 27);
  CHECK(line_of_raw(m, 9).substr(0, 1) == "\xCA");  // Κ
}

TEST_CASE("windows-1253 base64 body and Σχετ prefix", "[message]") {
  const Message m = parse_fixture("mime-windows-1253-base64.eml");
  CHECK(m.subject == "Σχετ: Τιμολόγιο");
  CHECK(m.subject_prefixes == std::vector<std::string>{"Σχετ"});
  CHECK(m.is_reply);
  CHECK_FALSE(m.is_forward);
  REQUIRE(m.from.size() == 1);
  CHECK(m.from[0].name == "Γιώργος");
  // 0xA2 is "Ά" in windows-1253 but "Ά" is 0xB6 in ISO-8859-7: the charsets must not be mixed.
  CHECK(m.body.text == "Άννα, σας στέλνω το τιμολόγιο «Νο 15» σήμερα.\nΕυχαριστώ!\n");
  CHECK(m.body.encoding == "base64");
  CHECK_FALSE(m.body.in_file);
}

TEST_CASE("windows-1252 and ISO-8859-15 bodies keep the euro sign", "[message]") {
  const Message cp1252 = parse_fixture("mime-windows-1252.eml");
  CHECK(cp1252.body.text.find("The “premium” plan costs 49 € a month – VAT") != std::string::npos);
  CHECK(cp1252.subject_prefixes == std::vector<std::string>{"Re"});
  CHECK(cp1252.subject_without_prefixes == "Pricing question");
  CHECK(cp1252.is_reply);
  CHECK(cp1252.to.at(0).name == "Tom O'Neil");
  CHECK(cp1252.body.in_file);
  CHECK(cp1252.body.first_line == 8);
  CHECK(line_of_raw(cp1252, 8) == "Hi Tom,");

  const Message latin9 = parse_fixture("mime-iso-8859-15.eml");
  CHECK(latin9.subject == "Importe en €");
  CHECK(latin9.body.text == "Buenas tardes:\n\nEl importe es de 120 € con IVA.\n");
  CHECK_FALSE(latin9.is_reply);
}

TEST_CASE("UTF-8 base64 body is NFC and Fwd: Re: is both forward and reply", "[message]") {
  const Message m = parse_fixture("mime-utf8-base64.eml");
  CHECK(m.subject == "Fwd: Re: Café menu");
  CHECK(m.subject_prefixes == std::vector<std::string>{"Fwd", "Re"});
  CHECK(m.is_forward);
  CHECK(m.is_reply);
  CHECK(m.body.text.rfind("Forwarding Jos\xC3\xA9's", 0) == 0);  // precomposed é
}

TEST_CASE("a mutt draft with raw UTF-8 headers and no MIME headers", "[message]") {
  const Message m = parse_fixture("draft-mutt-es.txt");
  CHECK(m.kind == InputKind::draft);
  CHECK(m.subject == "Re: Devolución del pedido");
  REQUIRE(m.from.size() == 1);
  CHECK(m.from[0].name == "Lucía Romero");
  REQUIRE(m.to.size() == 2);
  CHECK(m.to[0].name == "Iñaki Ruiz");
  CHECK(m.to[1].address == "soporte@tiendaverde.es");
  CHECK(m.cc.empty());
  CHECK(m.in_reply_to == "20250301.abc@example.com");
  CHECK(m.body.part.empty());
  CHECK(m.body.in_file);
  CHECK(m.body.first_line == 9);
  CHECK(line_of_raw(m, 9) == "Hola Iñaki:");
  CHECK(m.body.text.rfind("Hola Iñaki:\n", 0) == 0);
  CHECK(m.warnings.empty());
  const Header* subject = m.subject_header();
  REQUIRE(subject != nullptr);
  CHECK(subject->line == 5);
  CHECK(subject->value_column == 10);
}

TEST_CASE("a draft whose body is not UTF-8 falls back to windows-1252 with a warning",
          "[message]") {
  const Message m = parse_fixture("draft-latin1.txt");
  CHECK(m.kind == InputKind::draft);
  CHECK(m.body.text == "Adjunto el informe de años anteriores.\nSaludos\n");
  CHECK(has_warning(m, "not valid UTF-8"));
}

TEST_CASE("8-bit Greek without a charset is read as Greek, Cyrillic and Spanish are not",
          "[message]") {
  const Message draft = parse_fixture("draft-windows-1253.txt");
  CHECK(draft.body.text.find("Η παραγγελία σας έφυγε σήμερα") != std::string::npos);
  CHECK(draft.body.text.find("Άννα") != std::string::npos);
  CHECK(has_warning(draft, "read as windows-1253"));
  // Its 8-bit headers too: the same charset as the body, not windows-1252.
  CHECK(draft.subject == "Re: Παραγγελία");
  REQUIRE(draft.from.size() == 1);
  CHECK(draft.from[0].name == "Άννα");

  const Message iso = parse_fixture("bare-body-iso-8859-7.txt");
  CHECK(iso.body.text.find("Όπως σας είπαμε") != std::string::npos);
  CHECK(has_warning(iso, "read as ISO-8859-7"));

  // Russian in windows-1251 has the same bytes above 0xC0, but few of its words hold the
  // bytes of Greek accented vowels: not Greek, so the fallback stays windows-1252.
  const Message cyrillic = parse_fixture("bare-body-cp1251.txt");
  CHECK(has_warning(cyrillic, "read as windows-1252"));

  const Message latin = parse_fixture("draft-latin1.txt");
  CHECK(has_warning(latin, "read as windows-1252"));
  const Message latin_header = parse_message("latin.txt",
                                             "From: =?utf-8?q?Pepe?= <pepe@example.es>\nTo: "
                                             "ana@example.es\nSubject: Informe de a\xF1os\n\n"
                                             "Adjunto el informe de a\xF1os anteriores.\n",
                                             testing::prefix_data());
  CHECK(latin_header.subject == "Informe de años");
}

TEST_CASE("a bare body has no headers; a first line like 'Nota: …' is not a header", "[message]") {
  const Message el = parse_fixture("bare-body-el.txt");
  CHECK(el.kind == InputKind::body);
  CHECK(el.headers.empty());
  CHECK(el.subject_header() == nullptr);
  CHECK(el.body.first_line == 1);
  CHECK(el.body.text.rfind("Γεια σας,\n\nΣας", 0) == 0);
  CHECK(el.body.text.find('\r') == std::string::npos);

  const Message colon = parse_fixture("body-colon-start.txt");
  CHECK(colon.kind == InputKind::body);
  CHECK(colon.body.text.rfind("Nota: el pedido", 0) == 0);
}

TEST_CASE("HTML-only body: text through gumbo with blockquote depth per line", "[message]") {
  const Message m = parse_fixture("html-only-blockquote.eml");
  REQUIRE(m.has_body);
  CHECK(m.body.content_type == "text/html");
  CHECK_FALSE(m.body.in_file);
  CHECK(m.body.text ==
        "Dear client,\nYour ticket is \"solved\" & closed.\nRegards – Ana\n\nOn Mon, Ana "
        "wrote:\n\nFirst level\nSecond level\nstill second\nback to first\n\nCafé after");
  CHECK(m.body.text.find("var a") == std::string::npos);
  CHECK(m.body.text.find("color") == std::string::npos);
  CHECK(m.body.html_quote_depth == std::vector<int>{0, 0, 0, 0, 0, 0, 1, 2, 2, 1, 0, 0});
}

TEST_CASE("nested multipart: plain alternative chosen, attachments listed with IMAP ids",
          "[message]") {
  const Message m = parse_fixture("nested-multipart.eml");
  REQUIRE(m.has_body);
  CHECK(m.body.part == "1.1");
  CHECK(m.body.content_type == "text/plain");
  CHECK(m.body.text == "Hola:\nLe adjunto la factura.");
  CHECK(m.body.in_file);
  CHECK(m.body.first_line == 15);
  CHECK(line_of_raw(m, 15) == "Hola:");
  REQUIRE(m.attachments.size() == 3);
  CHECK(m.attachments[0].part == "1.2.2");
  CHECK(m.attachments[0].content_type == "image/png");
  CHECK(m.attachments[0].is_inline);
  CHECK(m.attachments[0].size == 200);
  CHECK(m.attachments[1].part == "2");
  CHECK(m.attachments[1].filename == "factura señal marzo.pdf");  // RFC 2231, UTF-8
  CHECK(m.attachments[1].content_type == "application/pdf");
  CHECK(m.attachments[1].size == 19);
  CHECK_FALSE(m.attachments[1].is_inline);
  CHECK(m.attachments[2].filename == "notas de álvaro.txt");  // RFC 2231 continuation, latin-1
  CHECK(m.attachments[2].part == "3");
}

TEST_CASE("groups in address lists are flattened with their name", "[message]") {
  const Message m = parse_fixture("groups.eml");
  REQUIRE(m.to.size() == 3);
  CHECK(m.to[0].address == "luis@example.es");
  CHECK(m.to[0].group == "Equipo de ventas");
  CHECK(m.to[1].name == "Marta R.");
  CHECK(m.to[1].group == "Equipo de ventas");
  CHECK(m.to[2].group.empty());
  CHECK(m.cc.empty());  // "undisclosed-recipients:;" has no members
  CHECK(m.subject_prefixes == std::vector<std::string>{"Aw", "SV"});
  CHECK(m.is_reply);
}

TEST_CASE("subject prefixes: case folding, counters, and words that are not prefixes",
          "[message]") {
  const auto subject_of = [](const std::string& subject) {
    return parse_message("s.eml", "From: a@b.c\nSubject: " + subject + "\n\nx\n", prefix_data());
  };
  CHECK(subject_of("re: rv: hola").subject_prefixes == std::vector<std::string>{"re", "rv"});
  CHECK(subject_of("ΣΧΕΤ: Θέμα").is_reply);
  CHECK(subject_of("Απ: Θέμα").subject_without_prefixes == "Θέμα");
  CHECK(subject_of("Πρ: Θέμα").is_forward);
  CHECK(subject_of("Re (3): x").subject_prefixes == std::vector<std::string>{"Re"});
  // Words that merely end in a colon are not prefixes.
  const Message note = subject_of("Nota: Re: pedido");
  CHECK(note.subject_prefixes.empty());
  CHECK_FALSE(note.is_reply);
  CHECK(note.subject_without_prefixes == "Nota: Re: pedido");
  CHECK_FALSE(subject_of("Reunión del lunes").is_reply);
  CHECK_FALSE(subject_of("Return: items").is_reply);
}

TEST_CASE("UTF-16 text with a byte-order mark is read as the text it holds", "[message]") {
  for (const char* name : {"utf16le-bom-draft.txt", "utf16be-bom-draft.txt"}) {
    INFO(name);
    const Message m = parse_fixture(name);
    CHECK(m.kind == InputKind::draft);
    CHECK(m.subject == "Re: Pedido 80239");
    REQUIRE(m.to.size() == 1);
    CHECK(m.to[0].name == "Lucía Gómez");
    CHECK(m.body.text.find("NO OLVIDE FIRMAR EL ALBARÁN.\n\nΕυχαριστούμε,") != std::string::npos);
    const bool little = std::string_view(name).starts_with("utf16le");
    CHECK(m.warnings == std::vector<std::string>{std::string("the file is ") +
                                                 (little ? "UTF-16LE" : "UTF-16BE") +
                                                 "; it was read as UTF-8 text"});
  }
  CHECK(utf16_byte_order("\xFF\xFEH\0") == std::string_view("UTF-16LE"));
  CHECK(utf16_byte_order("Hola") == nullptr);
  // Half a code unit at the end is not UTF-16 text.
  CHECK_THROWS_WITH(parse_message("odd.txt", std::string("\xFF\xFEH\0o", 5), prefix_data()),
                    "not a text message: UTF-16LE with an odd byte count");
  CHECK_THROWS_WITH(parse_message("bom-only.txt", "\xFF\xFE", prefix_data()), "empty file");
}

TEST_CASE("bad input that cannot be read throws InputError naming the problem", "[message]") {
  CHECK_THROWS_WITH(parse_fixture("empty.eml"), "empty file");
  CHECK_THROWS_WITH(parse_fixture("binary.bin"), "not a text message: binary data");
  CHECK_THROWS_WITH(load_message(REPLYLINT_TESTS_DIR "/message/fixtures", prefix_data()),
                    Catch::Contains("is a directory"));
  try {
    load_message(fixture("does-not-exist.eml"), prefix_data());
    FAIL("no exception");
  } catch (const InputError& e) {
    CHECK(e.path == fixture("does-not-exist.eml"));
    CHECK(std::string(e.what()).find("cannot read") != std::string::npos);
  }
}

TEST_CASE("damaged MIME gives warnings and a best-effort parse", "[message]") {
  const Message truncated = parse_fixture("truncated-multipart.eml");
  CHECK(truncated.body.text == "El mensaje se corta aquí\n");
  CHECK(has_warning(truncated, "truncated"));

  const Message no_boundary = parse_fixture("missing-boundary.eml");
  CHECK(has_warning(no_boundary, "without a boundary"));
  REQUIRE(no_boundary.has_body);
  CHECK(no_boundary.body.text.find("Texto.") != std::string::npos);

  const Message charset = parse_fixture("unknown-charset.eml");
  CHECK(charset.body.text == "Señor, mañana.\n");
  CHECK(has_warning(charset, "unknown charset 'x-klingon-8'"));

  const Message base64 = parse_fixture("invalid-base64.eml");
  CHECK(has_warning(base64, "invalid base64 in part 1"));
  CHECK(base64.body.text.rfind("Hola mundo", 0) == 0);

  const Message qp = parse_fixture("invalid-qp.eml");
  CHECK(has_warning(qp, "invalid quoted-printable in part 1"));
  CHECK(qp.body.text.find("y más") != std::string::npos);

  const Message headers_only = parse_fixture("headers-only.eml");
  CHECK(headers_only.subject == "Nada");
  CHECK_FALSE(headers_only.has_body);
  CHECK(has_warning(headers_only, "header block with no body"));

  const Message utf8 = parse_fixture("invalid-utf8.eml");
  CHECK(utf8.body.text ==
        "Buenos d\xEF\xBF\xBD"
        "as \xEF\xBF\xBD\xEF\xBF\xBD fin\n");
  CHECK(has_warning(utf8, "replaced by U+FFFD"));
}

TEST_CASE("an mbox file is read up to its second message", "[message]") {
  const Message m = parse_fixture("mbox-two.mbox");
  CHECK(m.subject == "Primero");
  CHECK(m.body.text == "Uno.\n");
  CHECK(m.body.first_line == 6);
  CHECK(has_warning(m, "2 messages"));
}

TEST_CASE("parsing never writes the input", "[message]") {
  const auto path = fixture("nested-multipart.eml");
  const auto before = std::filesystem::last_write_time(path);
  const std::string bytes = testing::read_bytes(path);
  (void)parse_fixture("nested-multipart.eml");
  CHECK(std::filesystem::last_write_time(path) == before);
  CHECK(testing::read_bytes(path) == bytes);
}

TEST_CASE("arbitrary bytes never crash the parser", "[message]") {
  const std::string inputs[] = {
      "\n\n\n",  // whitespace only: refused as empty
      "From: \xff\xfe\n\n\xff",
      "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n--\n",
      "Subject: =?utf-8?B?####?=\nMIME-Version: 1.0\n\n",
      "From x\nFrom y\n",
      std::string("To: a@b\n\n") + std::string(5, '\0') + "text",
  };
  for (const std::string& input : inputs) {
    CAPTURE(input);
    try {
      const Message m = parse_message("fuzz.eml", input, prefix_data());
      CHECK(m.body.text.find('\r') == std::string::npos);
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find("empty") != std::string::npos);
    }
  }
}

TEST_CASE("the parse model in JSON follows the contract keys", "[message]") {
  const Message m = parse_fixture("nested-multipart.eml");
  const nlohmann::json j = to_json(m);
  for (const char* key :
       {"version", "path", "kind", "subject", "is_reply", "from", "to", "cc", "bcc", "reply_to",
        "date", "message_id", "in_reply_to", "references", "body", "attachments", "warnings"}) {
    CAPTURE(key);
    CHECK(j.contains(key));
  }
  CHECK(j["version"] == 1);
  CHECK(j["kind"] == "mime");
  CHECK(j["from"][0]["name"] == "Lucía Romero");
  CHECK(j["from"][0]["address"] == "lucia@tiendaverde.es");
  CHECK(j["body"]["part"] == "1.1");
  CHECK(j["body"]["content_type"] == "text/plain");
  CHECK(j["body"]["charset"] == "utf-8");
  CHECK(j["body"]["text"] == m.body.text);
  CHECK(j["attachments"][1]["filename"] == "factura señal marzo.pdf");
  CHECK(j["attachments"][1]["size"] == 19);
  CHECK(j["attachments"][1]["inline"] == false);
  CHECK(j["warnings"].is_array());
  CHECK_FALSE(j.contains("segments"));

  const nlohmann::json bare = to_json(parse_fixture("bare-body-el.txt"));
  CHECK(bare["kind"] == "body");
  CHECK(bare["subject"].is_null());
}

TEST_CASE("8-bit junk in a Content-Type never reaches the model as invalid UTF-8", "[message]") {
  // Found by the parse fuzzer: a bare CR let the next line's bytes into the charset parameter,
  // and the JSON model refused to print them. Types and charsets are cleaned as header values.
  const std::string input =
      "From: a@b.c\nMIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=windo8bit\r\xF6\xBC\x90\x98tent\n"
      "Content-Transfer-Encoding: 8bit\n\nhola\n";
  const Message m = parse_message("junk.eml", input, prefix_data());
  CHECK(replylint::text::is_valid_utf8(m.body.charset));
  CHECK(replylint::text::is_valid_utf8(m.body.content_type));
  CHECK_NOTHROW(to_json(m).dump());
}

// ---- what held-out real mail found (issue 10) -------------------------------------------

TEST_CASE("format=flowed: soft breaks joined, stuffing removed, quote depth per logical line",
          "[message][flowed]") {
  const Message m = parse_fixture("flowed-thunderbird-en.eml");
  REQUIRE(m.has_body);
  CHECK(m.body.flowed);
  CHECK(m.body.in_file);
  CHECK(m.body.text ==
        "Hi Bob,\n"
        "\n"
        "Thank you for your message. The parcel with the two lamps left our warehouse this morning "
        "and we recieved the tracking number from the carrier an hour ago.\n"
        "\n"
        "On 06/03/2025 18:02, Bob Smith wrote:\n"
        "> I ordered two lamps on Monday and I still have no news about the delivery. Could you "
        "tell me when they will arrive?\n"
        ">> An earlier line quoted twice that is long enough to be wrapped by the client.\n"
        "\n"
        "Your invoice says:\n"
        "> 5 is wrong, it should be 4\n"
        "From now on we will send two.\n"
        "\n"
        "Best regards,\n"
        "-- \n"
        "Ana Romero\n");
  // The space-stuffed own line reads "> 5 is wrong" once unstuffed, but it is not a quote.
  CHECK(m.body.flowed_quote_depth == std::vector<int>{0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0});
  // The text as written stays available for positions.
  CHECK(m.body.unflowed_text.find("left our \nwarehouse") != std::string::npos);
}

TEST_CASE("format=flowed with DelSp=yes joins a word split at a soft break", "[message][flowed]") {
  const Message m = parse_fixture("flowed-delsp.eml");
  REQUIRE(m.body.flowed);
  CHECK(m.body.text ==
        "The parcel left this morning and we recieved the tracking number an hour ago. It is on "
        "its way.\n");
  // Every byte of the decoded text maps back onto the same byte as written.
  const std::string& text = m.body.text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    INFO(i);
    CHECK(m.body.unflowed_text[m.body.unflowed_offset(i)] == text[i]);
  }
}

TEST_CASE("a junk line inside the header block is skipped with a warning, not the end of headers",
          "[message]") {
  for (const char* name : {"header-junk-line.eml", "header-bad-fold.eml"}) {
    CAPTURE(name);
    const Message m = parse_fixture(name);
    CHECK(m.kind == InputKind::mime);
    CHECK(m.from.size() == 1);
    CHECK(m.body.text.find("I ordered two lamps on Monday.") == 0);
    CHECK(m.body.text.find("Content-Type") == std::string::npos);
    CHECK(has_warning(m, "invalid header name"));
    CHECK_FALSE(has_warning(m, "does not end with a blank line"));
  }
  const Message junk = parse_fixture("header-junk-line.eml");
  CHECK(has_warning(junk, "line 2: invalid header name 'quite Delivered-To: x'"));
  REQUIRE(junk.attachments.size() == 1);
  CHECK(junk.attachments[0].filename == "lamp.png");
  CHECK(parse_fixture("header-bad-fold.eml").subject == "Two lamps ordered on Monday and");
  // A bare body that starts with "Word: text" is still a bare body.
  CHECK(parse_fixture("body-colon-start.txt").kind == InputKind::body);
}

TEST_CASE("two Content-Type fields: the one whose boundary occurs in the body is used",
          "[message]") {
  const Message m = parse_fixture("two-content-types.eml");
  REQUIRE(m.has_body);
  CHECK(m.body.part == "1");
  CHECK(m.body.text == "I ordered two lamps on Monday. Café colour.");
  CHECK(has_warning(m, "2 Content-Type fields"));
  // Both fields are listed as written.
  CHECK(std::count_if(m.headers.begin(), m.headers.end(),
                      [](const Header& h) { return h.name == "Content-Type"; }) == 2);
}

TEST_CASE("adjacent B-encoded words are decoded one by one (GMime 3.2.13 loses the rest)",
          "[message]") {
  const Message m = parse_fixture("adjacent-b-words.eml");
  CHECK(m.subject == "MySurvey.com:  Your opinion");
  REQUIRE(m.from.size() == 1);
  CHECK(m.from[0].name == "MySurvey.com:  Y");
  CHECK(m.from[0].address == "survey@example.org");
  REQUIRE(m.subject_header() != nullptr);
  CHECK(m.subject_header()->value == "MySurvey.com:  Your opinion");
}

TEST_CASE("Content-Type 'application' with no subtype keeps its file name", "[message]") {
  const Message m = parse_fixture("application-no-subtype.eml");
  REQUIRE(m.attachments.size() == 1);
  CHECK(m.attachments[0].filename == "document.xml.gz");
  CHECK(m.attachments[0].size == 39);
}

TEST_CASE("a second inline text/plain part (a list footer) is listed, not dropped, not linted",
          "[message]") {
  const Message m = parse_fixture("list-footer.eml");
  CHECK(m.body.text == "The lamps arrived today, thank you.");
  REQUIRE(m.other_text_parts.size() == 1);
  CHECK(m.other_text_parts[0].part == "2");
  CHECK(m.other_text_parts[0].text.find("users mailing list") != std::string::npos);
  CHECK(m.attachments.empty());
  const auto json = to_json(m);
  CHECK(json["other_text_parts"][0]["part"] == "2");
}

TEST_CASE("a folded header spans all its lines", "[message]") {
  const Message m = parse_fixture("folded-cc.eml");
  const Header* cc = m.find_header("Cc");
  REQUIRE(cc != nullptr);
  CHECK(cc->line == 3);
  CHECK(cc->end_line == 5);
  CHECK(cc->end_column == 30);  // "\tEva Garcia <eva@example.org>" is 29 code points
  const Header* to = m.find_header("To");
  REQUIRE(to != nullptr);
  CHECK(to->end_line == 2);
  REQUIRE(m.cc.size() == 3);
}

TEST_CASE("parts nested over the limit are listed as unread", "[message]") {
  std::string bytes = "From: a@example.org\nMIME-Version: 1.0\n";
  for (int i = 0; i < 3; ++i)
    bytes += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" +
             std::to_string(i) + "\n";
  bytes += "Content-Type: text/plain\n\nDEEP TEXT\n--b2--\n--b1--\n--b0--\n";
  Limits limits;
  limits.max_depth = 2;
  const Message m = parse_message("deep.eml", bytes, prefix_data(), limits);
  REQUIRE(m.unread_parts.size() == 1);
  CHECK(m.unread_parts[0].find("nested more than 2 levels deep") != std::string::npos);
  CHECK(parse_message("deep.eml", bytes, prefix_data()).unread_parts.empty());
}

// Found by fuzz_parse: a nested message's header offset equal to a renamed second Content-Type's
// offset at the top level made the parser restore a header name from the wrong bytes (invalid
// UTF-8), and the parse model then aborted in JSON output.
TEST_CASE("a nested header at a renamed Content-Type's offset keeps its own name",
          "[message][fuzz]") {
  const Message m = parse_fixture("fuzz-nested-content-type-offset.eml");
  for (const auto& header : m.headers) {
    INFO("header " << header.name);
    CHECK(replylint::text::is_valid_utf8(header.name));
  }
  CHECK_NOTHROW(replylint::message::to_json(m).dump());
}
