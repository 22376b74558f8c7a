#include "draft/draft.hpp"

#include "data/data.hpp"
#include "draft/test_data.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <utility>

using namespace replylint;
using draft::SegmentKind;
using draft::test::body_message;
using draft::test::fixture;
using draft::test::kinds;
using draft::test::rules_data;
using draft::test::slice;

namespace {

draft::Draft segment_fixture(const std::string& name) {
  return draft::segment(body_message(fixture(name)), rules_data());
}

const draft::Segment* first_of(const draft::Draft& d, SegmentKind kind) {
  for (const auto& s : d.segments)
    if (s.kind == kind) return &s;
  return nullptr;
}

// Segments must cover the body in order: contiguous lines, nothing left out.
void check_coverage(const draft::Draft& d) {
  const std::string& text = d.text();
  std::size_t expected = 0;
  for (const auto& s : d.segments) {
    CHECK(s.range.begin == expected);
    CHECK(s.range.end >= s.range.begin);
    expected = s.range.end + 1;  // the '\n' between segments
  }
  std::size_t body_end = text.size();
  if (!text.empty() && text.back() == '\n') --body_end;
  if (!d.segments.empty()) CHECK(d.segments.back().range.end == body_end);
}

}  // namespace

TEST_CASE("segments of each attribution and original style in es, el and en", "[draft]") {
  const auto [name, expected] = GENERATE(table<std::string, std::string>({
      {"es-gmail.txt", "own,attribution,quote1"},
      {"es-gmail-wrapped.txt", "own,attribution,quote1"},
      {"es-apple-mail.txt", "own,quote1"},
      {"es-apple-mail-top.txt", "own,attribution,quote1"},
      {"es-thunderbird.txt", "own,attribution,quote1"},
      {"es-roundcube.txt", "own,attribution,quote1"},
      {"es-en-escribio.txt", "own,attribution,quote1"},
      {"es-outlook-original.txt", "own,original-header,quote1"},
      {"es-outlook-underscores.txt", "own,original-header,quote1"},
      {"el-gmail.txt", "own,attribution,quote1"},
      {"el-gmail-wrapped.txt", "own,attribution,quote1"},
      {"el-thunderbird.txt", "own,attribution,quote1"},
      {"el-apple-mail.txt", "own,attribution,quote1"},
      {"el-roundcube.txt", "own,attribution,quote1"},
      {"el-outlook.txt", "own,attribution,quote1"},
      {"el-outlook-original.txt", "own,original-header,quote1"},
      {"el-outlook-underscores.txt", "own,original-header,quote1"},
      {"en-gmail.txt", "own,attribution,quote1"},
      {"en-gmail-wrapped.txt", "own,attribution,quote1"},
      {"en-apple-mail.txt", "own,quote1"},
      {"en-thunderbird.txt", "own,attribution,quote1"},
      {"en-roundcube.txt", "own,attribution,quote1"},
      {"en-outlook-original.txt", "own,original-header,quote1,quote2"},
      {"en-outlook-underscores.txt", "own,original-header,quote1"},
      {"nested-quotes.txt", "own,quote1,quote2,quote3,quote1,own"},
      {"signature-dashes.txt", "own,signature,attribution,quote1"},
      {"signature-mobile-es.txt", "own,signature,quote1"},
      {"signature-mobile-en.txt", "own,signature"},
      {"signature-mobile-el.txt", "own,signature"},
      {"forward-en.txt", "own,forward"},
      {"forward-es.txt", "own,forward"},
      {"forward-el.txt", "own,forward"},
      {"placeholders.txt", "placeholder,own,placeholder,own,placeholder,own,placeholder"},
      {"own-text-traps.txt", "own"},
  }));
  CAPTURE(name);
  const draft::Draft d = segment_fixture(name);
  CHECK(kinds(d) == expected);
  check_coverage(d);
}

TEST_CASE("a Gmail attribution is not own text (the 'jue' trap)", "[draft]") {
  const draft::Draft d = segment_fixture("es-gmail.txt");
  const auto* attribution = first_of(d, SegmentKind::attribution);
  REQUIRE(attribution);
  CHECK(slice(d, attribution->range) == "El jue, 6 mar 2025 a las 22:10, Ana <ana@x.es> escribió:");
  for (const auto* s : d.own_sentences())
    for (const auto& w : s->words) CHECK(w.text != "jue");
  CHECK(d.quotes_original());
}

TEST_CASE("a wrapped attribution covers both lines", "[draft]") {
  SECTION("Spanish") {
    const draft::Draft d = segment_fixture("es-gmail-wrapped.txt");
    const auto* a = first_of(d, SegmentKind::attribution);
    REQUIRE(a);
    CHECK(slice(d, a->range).substr(0, 53) ==
          "El mié, 29 jun 2022 a las 11:08, Rick (<rick@x.com>)");
    CHECK(slice(d, a->range).find("escribió:") != std::string_view::npos);
  }
  SECTION("Greek") {
    const draft::Draft d = segment_fixture("el-gmail-wrapped.txt");
    const auto* a = first_of(d, SegmentKind::attribution);
    REQUIRE(a);
    CHECK(slice(d, a->range).find("έγραψε:") != std::string_view::npos);
  }
}

TEST_CASE("prose that mentions writing is own text", "[draft]") {
  const std::string text = GENERATE(
      as<std::string>{}, "Como te escribió Pedro ayer, el pedido sale hoy.\n",
      "En resumen, Ana escribió:\nque no le llegó nada.\n",
      "On Monday I wrote the report and Pedro wrote:\nnothing else.\n",
      "Ο Νίκος έγραψε:\nότι δεν ήρθε τίποτα.\n", "I wrote: thanks.\n",
      "De: la tienda\nPara: el cliente\n");  // two "fields" are not an Outlook header block
  CAPTURE(text);
  const draft::Draft d = draft::segment(body_message(text), rules_data());
  CHECK(kinds(d) == "own");
  CHECK_FALSE(d.quotes_original());
}

TEST_CASE("an attribution followed by unquoted text makes that text the original", "[draft]") {
  const draft::Draft d = draft::segment(
      body_message("Gracias.\n\nEl jue, 6 mar 2025 a las 22:10, Ana <ana@x.es> escribió:\n\n"
                   "No me funciona el enlace.\n"),
      rules_data());
  CHECK(kinds(d) == "own,attribution,quote1");
  REQUIRE(d.paragraphs.size() == 1);
}

TEST_CASE("text under an Outlook original block is the original, not own text", "[draft]") {
  const draft::Draft d = segment_fixture("es-outlook-original.txt");
  for (const auto& p : d.paragraphs) CHECK(slice(d, p.range).find("NIF") == std::string_view::npos);
  const auto* header = first_of(d, SegmentKind::original_header);
  REQUIRE(header);
  CHECK(slice(d, header->range).substr(0, 26) == "-----Mensaje original-----");
  CHECK(slice(d, header->range).find("Asunto: Factura incorrecta") != std::string_view::npos);
  CHECK(d.quotes_original());
}

TEST_CASE("a bare From/Sent/To/Subject block starts the original", "[draft]") {
  const draft::Draft d = draft::segment(
      body_message("Done.\n\nFrom: Ana <a@b.es>\nSent: Thursday, March 6, 2025 10:10 PM\n"
                   "To: Support <s@x.example>\nSubject: Help\n\nIt is broken.\n"),
      rules_data());
  CHECK(kinds(d) == "own,original-header,quote1");
}

TEST_CASE("signature runs from '-- ' to the quote", "[draft]") {
  const draft::Draft d = segment_fixture("signature-dashes.txt");
  const auto* sig = first_of(d, SegmentKind::signature);
  REQUIRE(sig);
  CHECK(slice(d, sig->range).find("TIENDA VERDE") != std::string_view::npos);
  for (const auto* s : d.own_sentences())
    for (const auto& w : s->words) CHECK(w.text != "TIENDA");
}

TEST_CASE("'-- ' inside a line or a quoted '-- ' is no signature", "[draft]") {
  const draft::Draft d =
      draft::segment(body_message("Precio -- con IVA -- final.\n\n> -- \n> Ana\n"), rules_data());
  CHECK(kinds(d) == "own,quote1");
}

TEST_CASE("placeholder lines are their own segments and never own text", "[draft]") {
  const draft::Draft d = segment_fixture("placeholders.txt");
  const auto* ph = first_of(d, SegmentKind::placeholder);
  REQUIRE(ph);
  CHECK(slice(d, ph->range) == "{% if customer.vip %}");
}

TEST_CASE("quote depth counts '> >', '>>' and leading spaces", "[draft]") {
  const draft::Draft d = segment_fixture("nested-quotes.txt");
  const auto quotes = d.quotes();
  REQUIRE(quotes.size() == 4);
  CHECK(quotes[0]->depth == 1);
  CHECK(quotes[1]->depth == 2);
  CHECK(slice(d, quotes[1]->range) ==
        "> > second level with spaces\n>> second level without spaces");
  CHECK(quotes[2]->depth == 3);
  CHECK(quotes[3]->depth == 1);
  REQUIRE(d.paragraphs.size() == 2);
  CHECK(slice(d, d.paragraphs[1].range) == "My answer below the quote.");
}

TEST_CASE("an HTML body takes quote depth from html_quote_depth", "[draft]") {
  message::Message m = body_message(
      "Gracias, ya lo tenemos.\n\nEl jue, 6 mar 2025 a las 22:10, Ana <ana@x.es> escribió:\n"
      "No me llega el pedido.\nUna cita dentro de la cita.\nVuelta al primer nivel.\n");
  m.body.content_type = "text/html";
  m.body.in_file = false;
  m.body.html_quote_depth = {0, 0, 0, 1, 2, 1};
  const draft::Draft d = draft::segment(std::move(m), rules_data());
  CHECK(kinds(d) == "own,attribution,quote1,quote2,quote1");
  CHECK(d.quotes_original());
  REQUIRE(d.paragraphs.size() == 1);
}

TEST_CASE("a body without lines, or of blank lines only, gives no crash", "[draft]") {
  const std::string text =
      GENERATE(as<std::string>{}, "", "\n", "\n\n  \n", ">", "--", "\xff\xfe\x80 broken \xc3",
               "-----Mensaje original-----", "El jue, 6 mar 2025 a las 22:10, Ana escribió:");
  const draft::Draft d = draft::segment(body_message(text), rules_data());
  check_coverage(d);
  for (const auto* s : d.own_sentences()) CHECK(s->range.end <= text.size());
}

TEST_CASE("segmentation stays linear on deep and long quotes", "[draft]") {
  using clock = std::chrono::steady_clock;
  SECTION("one line with 100,000 quote levels") {
    std::string text = "Hola.\n" + std::string(100000, '>') + " fin\n";
    const auto t0 = clock::now();
    const draft::Draft d = draft::segment(body_message(text), rules_data());
    CHECK(clock::now() - t0 < std::chrono::seconds(2));
    REQUIRE(d.quotes().size() == 1);
    CHECK(d.quotes()[0]->depth == 100000);
  }
  SECTION("100,000 lines of increasing depth") {
    std::string text = "Hola.\n";
    for (int i = 1; i <= 100000; ++i) text += std::string(i % 50 + 1, '>') + " x\n";
    const auto t0 = clock::now();
    const draft::Draft d = draft::segment(body_message(text), rules_data());
    CHECK(clock::now() - t0 < std::chrono::seconds(3));
    CHECK(d.quotes().size() == 100000);
  }
  SECTION("a 1 MB own line without spaces") {
    std::string text = std::string(1 << 20, 'a') + "@\n";
    const auto t0 = clock::now();
    const draft::Draft d = draft::segment(body_message(text), rules_data());
    CHECK(clock::now() - t0 < std::chrono::seconds(3));
    CHECK(d.paragraphs.size() == 1);
  }
}

TEST_CASE("mobile footers, and prose that only starts like one", "[draft]") {
  const auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"Vale.\n\nEnviado desde mi iPhone\n", "own,signature"},
      {"Vale.\n\nEnviado desde mi Samsung Galaxy\n", "own,signature"},
      {"OK.\n\nSent from my Verizon Wireless BlackBerry\n", "own,signature"},
      {"OK.\n\nGet Outlook for Android\n", "own,signature"},
      {"Εντάξει.\n\nΣτάλθηκε από το Galaxy μου\n", "own,signature"},
      {"OK.\n\nSent from my desk, is much easier then my mobile phone.\n", "own"},
      {"The notification was sent from my iPhone app to all users.\n", "own"},
      {"Lo he enviado desde mi casa, con el móvil apagado.\n", "own"},
  }));
  CAPTURE(text);
  CHECK(kinds(draft::segment(body_message(text), rules_data())) == expected);
}

TEST_CASE("Zoho attribution lines and attributions without a colon", "[draft]") {
  const auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"Thanks.\n\n---- On Wed, 24 Feb 2021 14:02:50 +0530 john@gmail.com wrote ----\n\nJava "
       "sucks\n",
       "own,attribution,quote1"},
      {"Gracias.\n\n---- El mié, 24 feb 2021 14:02:50 +0100 ana@x.es escribió ----\n\nNo va.\n",
       "own,attribution,quote1"},
      {"Thanks.\nOn Wed, 14 Nov 2018 08:14:43 -0200 John Doe <john@doe.com> wrote\n> hi\n",
       "own,attribution,quote1"},
      {"On the surface, this looks like a quote header but it's not.\n", "own"},
      {"Dates in my text:\n2024-01-15 14:30:25\nJan 15, 2024 at 14:30\n", "own"},
  }));
  CAPTURE(text);
  CHECK(kinds(draft::segment(body_message(text), rules_data())) == expected);
}

TEST_CASE("segment() gives the same result from several threads at once", "[draft]") {
  const std::vector<std::string> names = {
      "es-gmail.txt",     "el-gmail-wrapped.txt", "en-outlook-original.txt",
      "placeholders.txt", "signature-dashes.txt", "nested-quotes.txt"};
  std::vector<std::string> expected;
  for (const auto& n : names) {
    const draft::Draft d = segment_fixture(n);
    std::string summary = kinds(d) + "/" + d.language;
    for (const auto* s : d.own_sentences()) summary += "/" + std::to_string(s->words.size());
    expected.push_back(summary);
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 25; ++round) {
        for (std::size_t i = 0; i < names.size(); ++i) {
          const draft::Draft d = segment_fixture(names[i]);
          std::string summary = kinds(d) + "/" + d.language;
          for (const auto* s : d.own_sentences()) summary += "/" + std::to_string(s->words.size());
          if (summary != expected[i]) ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}

TEST_CASE("a '-- ' line with a stray carriage return still starts the signature", "[draft]") {
  CHECK(kinds(draft::segment(body_message("Hola.\n-- \r\nAna\n"), rules_data())) ==
        "own,signature");
}

// The segmenter skips the attribution and signature patterns on lines that hold none of their
// literals (compared case-folded); a line in capitals must still reach them.
TEST_CASE("attributions and mobile footers in capitals are still recognised", "[draft]") {
  const auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"Thanks.\n\nON MON, FEB 3, 2025 AT 10:12 AM ANA <ana@x.es> WROTE:\n> hi\n",
       "own,attribution,quote1"},
      {"Gracias.\n\nEL LUN, 3 FEB 2025 A LAS 10:12, ANA <ana@x.es> ESCRIBIÓ:\n> hola\n",
       "own,attribution,quote1"},
      {"Ευχαριστώ.\n\nΣΤΙΣ ΔΕΥ 3 ΦΕΒ 2025 ΣΤΙΣ 10:12 Π.Μ., Ο/Η ΑΝΝΑ <anna@x.gr> ΈΓΡΑΨΕ:\n> γεια\n",
       "own,attribution,quote1"},
      {"Thanks.\n\nOn Mon, Feb 3, 2025 at 10:12 AM Ana <ana@x.es>\nWROTE:\n> hi\n",
       "own,attribution,quote1"},
      {"OK.\n\nSENT FROM MY IPHONE\n", "own,signature"},
      {"Thanks.\n\nOn Mon, Feb 3, 2025 at 10:12 AM Ana <ana@x.es> said:\n> hi\n", "own,quote1"},
  }));
  CAPTURE(text);
  CHECK(kinds(draft::segment(body_message(text), rules_data())) == expected);
}
