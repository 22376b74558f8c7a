// fix::detail's HTML side of a body edit: the own text an HTML alternative shows (entities,
// white space, <br>, quotes and signatures) and where an edit of the plain text lands in it.
#include <catch2/catch.hpp>

#include "fix/html_alternative.hpp"

namespace {

using namespace replylint::fix::detail;

std::string escape_ascii(std::string_view text) {
  return escape_html(text, [](std::string_view) { return false; });
}

std::string escape_raw(std::string_view text) {
  return escape_html(text, [](std::string_view) { return true; });
}

// `html` with `old` replaced as mirror_edit() does (the first of `count` occurrences), or the
// reason it refuses.
std::string mirrored(std::string html, std::string_view old, std::string_view replacement,
                     std::size_t count = 1, std::size_t index = 0, bool raw = true) {
  std::string why;
  const auto edits = mirror_edit(flatten_html(html), html, old, index, count, replacement,
                                 raw ? escape_raw : escape_ascii, why);
  if (!edits) return "refused: " + why;
  for (auto e = edits->rbegin(); e != edits->rend(); ++e)
    html.replace(e->begin, e->end - e->begin, e->text);
  return html;
}

}  // namespace

TEST_CASE("flatten_html shows decoded own text, one space per run, nothing quoted", "[fix]") {
  const Flat flat = flatten_html(
      "<html><head><title>T&iacute;tulo</title><style>p{}</style></head><body>"
      "<p>Hola&nbsp;&nbsp;Ana,\n  ENV&Iacute;E &amp; &#233;&#xE9; <br>\nya</p>"
      "<!-- COMENTARIO --><div class=\"moz-cite-prefix\">Ana wrote:</div>"
      "<blockquote type=\"cite\"><blockquote>NESTED</blockquote>QUOTED</blockquote>"
      "<p>after</p><div class=\"gmail_signature\"><div>SIG</div></div></body></html>");
  CHECK(flat.text ==
        "\x01Hola Ana, ENVÍE & éé ya\x01"
        "after\x01");
  // Every shown byte knows its source: "Í" is the reference that wrote it.
  const std::size_t i = flat.text.find("Í");
  REQUIRE(i != std::string::npos);
  CHECK(flat.end[i] - flat.begin[i] == std::string_view("&Iacute;").size());
}

TEST_CASE("flatten_html stops at Outlook's reply header", "[fix]") {
  const Flat flat = flatten_html(
      "<p>OWN TEXT</p><div style='border:none;border-top:solid #E1E1E1 1.0pt'><p>De: x</p></div>"
      "<p>OWN TEXT</p>");
  CHECK(flat.text == "\x01OWN TEXT\x01");
}

TEST_CASE("mirror_edit replaces word for word, keeping the HTML's white space and <br>", "[fix]") {
  CHECK(mirrored("<p>Hola. POR FAVOR ENV&Iacute;E\n  EL&nbsp;FORMULARIO<br>HOY.</p>",
                 "POR FAVOR ENVÍE EL\nFORMULARIO HOY.", "Por favor envíe el\nformulario hoy.") ==
        "<p>Hola. Por favor envíe\n  el&nbsp;formulario<br>hoy.</p>");
  // Characters the part cannot carry become numeric references; & < > are escaped.
  CHECK(mirrored("<p>SAY &lt;TOM &amp; JERRY&gt; NOW.</p>", "SAY <TOM & JERRY> NOW.",
                 "Say <tom & jerry> now.") == "<p>Say &lt;tom &amp; jerry&gt; now.</p>");
}

TEST_CASE("mirror_edit replaces the whole match when the white space changes", "[fix]") {
  CHECK(mirrored("<p>We have alot of\n orders.</p>", "alot", "a lot") ==
        "<p>We have a lot of\n orders.</p>");
  CHECK(mirrored("<p>Gracias, señor.</p>", "señor.", "señora y señor.", 1, 0, false) ==
        "<p>Gracias, se&#241;ora y se&#241;or.</p>");
  CHECK(mirrored("<p>one<br>two</p>", "one two", "one, two, three").starts_with("refused"));
}

TEST_CASE("mirror_edit uses the n-th occurrence and refuses when the counts differ", "[fix]") {
  const std::string html = "<p>STOP NOW. Then STOP NOW.</p><blockquote>STOP NOW.</blockquote>";
  CHECK(mirrored(html, "STOP NOW", "Stop now", 2, 1) ==
        "<p>STOP NOW. Then Stop now.</p><blockquote>STOP NOW.</blockquote>");
  CHECK(mirrored(html, "STOP NOW", "Stop now", 1, 0).starts_with("refused"));
  // Only in a quote, or cut by a tag: refused.
  CHECK(
      mirrored("<blockquote>STOP NOW</blockquote>", "STOP NOW", "Stop now").starts_with("refused"));
  CHECK(mirrored("<p><b>STOP</b> NOW</p>", "STOP NOW", "Stop now").starts_with("refused"));
  CHECK(mirrored("<p>STOP NOW</p>", "", "Hello, ").starts_with("refused"));
}
