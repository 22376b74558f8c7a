#include "draft/draft.hpp"

#include "data/data.hpp"
#include "draft/test_data.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace replylint;
using draft::CaseShape;
using draft::Script;
using draft::TokenKind;
using draft::test::body_message;
using draft::test::rules_data;

namespace {

std::vector<draft::Word> words(const std::string& text) {
  return draft::tokenize(text, rules_data());
}

const draft::Word* find(const std::vector<draft::Word>& ws, std::string_view text) {
  for (const auto& w : ws)
    if (w.text == text) return &w;
  return nullptr;
}

std::string texts(const std::vector<draft::Word>& ws) {
  std::string out;
  for (const auto& w : ws) out += (out.empty() ? "" : "|") + w.text;
  return out;
}

}  // namespace

TEST_CASE("ranges are byte offsets into the text", "[draft]") {
  const std::string text = "Señor Pérez, ¿qué tal?";
  const auto ws = words(text);
  REQUIRE(texts(ws) == "Señor|Pérez|qué|tal");
  for (const auto& w : ws) CHECK(text.substr(w.range.begin, w.range.size()) == w.text);
  CHECK(ws[1].range.begin == 7);  // "Señor " is 7 bytes
}

TEST_CASE("script of a word", "[draft]") {
  const auto ws = words("Hola καλημέρα iPhone-ΦΠΑ 2025 ok");
  CHECK(find(ws, "Hola")->script == Script::latin);
  CHECK(find(ws, "καλημέρα")->script == Script::greek);
  CHECK(find(ws, "2025")->script == Script::none);
  const auto mixed = words("ΑΒΓabc");
  REQUIRE(mixed.size() == 1);
  CHECK(mixed[0].script == Script::mixed);
  CHECK(words("Привет")[0].script == Script::other);
}

TEST_CASE("case shape uses Unicode case properties", "[draft]") {
  const auto [text, shape] = GENERATE(table<std::string, CaseShape>({
      {"hola", CaseShape::lower},
      {"Hola", CaseShape::title},
      {"HOLA", CaseShape::upper},
      {"iPhone", CaseShape::mixed},
      {"ΕΥΧΑΡΙΣΤΩ", CaseShape::upper},
      {"ΕΝΤΆΞΕΙ", CaseShape::upper},  // capital with tonos
      {"Ελλάδα", CaseShape::title},
      {"πελάτης", CaseShape::lower},
      {"ÑANDÚ", CaseShape::upper},
      {"ǅemal", CaseShape::title},  // titlecase digraph
      {"2025", CaseShape::none},
  }));
  CAPTURE(text);
  const auto ws = words(text);
  REQUIRE(ws.size() == 1);
  CHECK(ws[0].shape == shape);
}

TEST_CASE("letters, digits and underscores", "[draft]") {
  const auto ws = words("Año pedido2 ");
  CHECK(find(ws, "Año")->letters == 3);
  CHECK(find(ws, "pedido2")->has_digit);
  CHECK(find(ws, "pedido2")->letters == 6);
  const auto under = words("MY_VAR");
  REQUIRE(under.size() == 1);
  CHECK(under[0].has_underscore);
}

TEST_CASE("acronyms: listed words and short all-caps words", "[draft]") {
  const auto ws = words("El IVA, el PDF, la SEPA y el ΦΠΑ; Α.Φ.Μ. y ABCDE, NO y Ok");
  CHECK(find(ws, "IVA")->is_acronym);
  CHECK(find(ws, "IVA")->in_acronym_list);
  CHECK(find(ws, "SEPA")->in_acronym_list);
  CHECK(find(ws, "ΦΠΑ")->in_acronym_list);
  REQUIRE(find(ws, "Α.Φ.Μ"));
  CHECK(find(ws, "Α.Φ.Μ")->in_acronym_list);   // listed without dots
  CHECK_FALSE(find(ws, "ABCDE")->is_acronym);  // five letters, not listed
  // A short all-caps word is an acronym candidate, but not a listed one: the shouting rule
  // decides from its neighbours whether "NO" is shouting.
  CHECK(find(ws, "NO")->is_acronym);
  CHECK_FALSE(find(ws, "NO")->in_acronym_list);
  CHECK_FALSE(find(ws, "Ok")->is_acronym);
  CHECK_FALSE(find(ws, "El")->is_acronym);
}

TEST_CASE("URLs are one token", "[draft]") {
  const auto [text, url] = GENERATE(table<std::string, std::string>({
      {"Mira https://tienda.es/pedido?id=3 ahora.", "https://tienda.es/pedido?id=3"},
      {"Ver (http://x.example/a_b-c).", "http://x.example/a_b-c"},
      {"Entra en www.tiendaverde.es.", "www.tiendaverde.es"},
      {"Escribe a mailto:ana@x.es, gracias", "mailto:ana@x.es"},
      {"En tiendaverde.es/ayuda tienes todo.", "tiendaverde.es/ayuda"},
      {"Δείτε το https://example.gr/σελίδα;", "https://example.gr/σελίδα"},
  }));
  CAPTURE(text);
  const auto ws = words(text);
  const auto* w = find(ws, url);
  REQUIRE(w);
  CHECK(w->kind == TokenKind::url);
  CHECK(w->shape == CaseShape::none);
  CHECK_FALSE(find(ws, "pedido"));
  CHECK_FALSE(find(ws, "id"));
}

TEST_CASE("email addresses are one token", "[draft]") {
  const auto ws = words("Escribe a lucia.romero+pedidos@tienda-verde.es.");
  const auto* w = find(ws, "lucia.romero+pedidos@tienda-verde.es");
  REQUIRE(w);
  CHECK(w->kind == TokenKind::email);
  CHECK(texts(ws) == "Escribe|a|lucia.romero+pedidos@tienda-verde.es");
}

TEST_CASE("file names with a known extension are one token", "[draft]") {
  const auto ws = words("Adjunto factura_2025.pdf, Informe Final.docx, 2025.xlsx y foto.JPG; fin.");
  REQUIRE(find(ws, "2025.xlsx"));
  CHECK(find(ws, "2025.xlsx")->kind == TokenKind::filename);
  REQUIRE(find(ws, "factura_2025.pdf"));
  CHECK(find(ws, "factura_2025.pdf")->kind == TokenKind::filename);
  CHECK(find(ws, "Final.docx")->kind == TokenKind::filename);
  CHECK(find(ws, "foto.JPG")->kind == TokenKind::filename);
  CHECK(find(ws, "fin")->kind == TokenKind::word);
  // Not a file: an unknown extension, or an abbreviation followed by a word.
  const auto other = words("Sr.García y hola.mundo");
  for (const auto& w : other) CHECK(w.kind != TokenKind::filename);
}

TEST_CASE("inline code, command-line options and paths are one code token", "[draft]") {
  const auto ws =
      words("Run `npm ci`, then stackpilot --verbose (see /auth/saml/acs). Y/o el -- final.");
  REQUIRE(find(ws, "`npm ci`"));
  CHECK(find(ws, "`npm ci`")->kind == TokenKind::code);
  REQUIRE(find(ws, "--verbose"));
  CHECK(find(ws, "--verbose")->kind == TokenKind::code);
  REQUIRE(find(ws, "/auth/saml/acs"));
  CHECK(find(ws, "/auth/saml/acs")->kind == TokenKind::code);
  CHECK_FALSE(find(ws, "npm"));
  CHECK_FALSE(find(ws, "saml"));
  // Prose stays words: "stackpilot", "Y", "o" (and/or), "final" after a lone "--".
  CHECK(find(ws, "stackpilot")->kind == TokenKind::word);
  CHECK(find(ws, "o")->kind == TokenKind::word);
  CHECK(find(ws, "final")->kind == TokenKind::word);
  // A backtick left open, a fence, a span across lines and backticks typed as apostrophes
  // ("don`t … we`ll") are no code.
  for (const char* text : {"Use the ` key to open it.", "```\nnpm ci\n```", "a `b\nc` d",
                           "I don`t think so, we`ll fix it."})
    for (const auto& w : words(text)) CHECK(w.kind != TokenKind::code);
}

TEST_CASE("numbers, dates, prices and codes", "[draft]") {
  const auto ws = words("Pedido 51190 del 12/03/2025 a las 10:30, 1.234,56 € y ref. A-1234.");
  for (std::string_view n : {"51190", "12/03/2025", "10:30", "1.234,56", "A-1234"}) {
    CAPTURE(n);
    const auto* w = find(ws, n);
    REQUIRE(w);
    CHECK(w->kind == TokenKind::number);
    CHECK(w->has_digit);
  }
  CHECK(find(ws, "ref")->kind == TokenKind::word);
}

TEST_CASE("placeholders are one token", "[draft]") {
  const auto [text, ph] = GENERATE(table<std::string, std::string>({
      {"Estimado {{ customer_name }}:", "{{ customer_name }}"},
      {"Estimado {{CUSTOMER_NAME}}:", "{{CUSTOMER_NAME}}"},
      {"Hola {name}, ¿qué tal?", "{name}"},
      {"Pedido ${order.id} listo", "${order.id}"},
      {"Saludos de %SHOP_NAME%.", "%SHOP_NAME%"},
      {"{% if vip %}Hola{% endif %}", "{% if vip %}"},
      {"Hola [[first name]], gracias", "[[first name]]"},  // from rules/common/placeholders.toml
  }));
  CAPTURE(text);
  const auto ws = words(text);
  const auto* w = find(ws, ph);
  REQUIRE(w);
  CHECK(w->kind == TokenKind::placeholder);
  CHECK(w->shape == CaseShape::none);
  CHECK_FALSE(find(ws, "customer_name"));
  CHECK_FALSE(find(ws, "CUSTOMER_NAME"));
}

TEST_CASE("100% and 20% are not a placeholder", "[draft]") {
  const auto ws = words("Del 100% al 20% de descuento");
  for (const auto& w : ws) CHECK(w.kind != TokenKind::placeholder);
}

TEST_CASE("names from the headers are marked", "[draft]") {
  message::Message m =
      body_message("Hola Lucía y Romero,\n\nEl pedido de Pedro y Maria sale hoy.\n");
  m.from = {{"Pedro Gómez", "pedro@tienda.es", ""}};
  m.to = {{"", "lucia.romero@x.es", ""}};
  m.cc = {{"María", "m@x.es", ""}};
  m.subject = "Pedido de Lucía";
  const draft::Draft d = draft::segment(std::move(m), rules_data());
  std::map<std::string, bool> seen;
  for (const auto* s : d.own_sentences())
    for (const auto& w : s->words) seen[w.text] = w.is_header_name;
  CHECK(seen.at("Lucía"));  // from the local part, accents ignored
  CHECK(seen.at("Romero"));
  CHECK(seen.at("Pedro"));  // display name
  CHECK(seen.at("Maria"));  // "María" in Cc, written without the accent
  CHECK_FALSE(seen.at("pedido"));
  CHECK_FALSE(seen.at("hoy"));
  REQUIRE(d.subject_words.size() == 3);
  CHECK(d.subject_words[2].is_header_name);
  CHECK(d.subject_words[2].range.begin == 10);
}

TEST_CASE("sentences split on terminators, not on abbreviations or wrapped lines", "[draft]") {
  const draft::Draft d = draft::segment(
      body_message("Hola Ana. El Sr. García y la Dña. Pérez llegan hoy.\nPOR FAVOR ENVÍE\n"
                   "EL FORMULARIO HOY. ¿Vale?\n"),
      rules_data());
  const auto sentences = d.own_sentences();
  REQUIRE(sentences.size() == 4);
  CHECK(draft::test::slice(d, sentences[0]->range) == "Hola Ana.");
  CHECK(draft::test::slice(d, sentences[1]->range) == "El Sr. García y la Dña. Pérez llegan hoy.");
  CHECK(draft::test::slice(d, sentences[2]->range) == "POR FAVOR ENVÍE\nEL FORMULARIO HOY.");
  CHECK(sentences[2]->words.size() == 6);
  CHECK(draft::test::slice(d, sentences[3]->range) == "¿Vale?");
}

TEST_CASE("own_sentences leave out quotes, attribution, signature and placeholders", "[draft]") {
  const draft::Draft d = draft::segment(
      body_message(
          "{% if vip %}\nGracias.\n\nEnviado desde mi iPhone\n\n"
          "El jue, 6 mar 2025 a las 22:10, Ana <ana@x.es> escribió:\n> NO FUNCIONA NADA\n"),
      rules_data());
  const auto sentences = d.own_sentences();
  REQUIRE(sentences.size() == 1);
  CHECK(draft::test::slice(d, sentences[0]->range) == "Gracias.");
}

TEST_CASE("a Greek question mark ends a sentence, a Latin semicolon does not", "[draft]") {
  const draft::Draft el =
      draft::segment(body_message("Τι κάνετε; Όλα καλά με τον κ. Παπαδόπουλο.\n"), rules_data());
  REQUIRE(el.own_sentences().size() == 2);
  CHECK(draft::test::slice(el, el.own_sentences()[0]->range) == "Τι κάνετε;");
  const draft::Draft es = draft::segment(body_message("Llegó tarde; Ana lo sabe.\n"), rules_data());
  CHECK(es.own_sentences().size() == 1);
  // Quoted inside a sentence that goes on in small letters, it ends nothing, as '?' does not.
  const draft::Draft quoted = draft::segment(
      body_message("Πατήστε «Ξεχάσατε τον κωδικό;» και ακολουθήστε τα βήματα. Ευχαριστούμε.\n"),
      rules_data());
  REQUIRE(quoted.own_sentences().size() == 2);
  CHECK(draft::test::slice(quoted, quoted.own_sentences()[0]->range) ==
        "Πατήστε «Ξεχάσατε τον κωδικό;» και ακολουθήστε τα βήματα.");
}
