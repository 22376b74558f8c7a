#include "draft/draft.hpp"

#include "data/data.hpp"
#include "draft/internal.hpp"
#include "draft/test_data.hpp"

#include <cld2/public/compact_lang_det.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

using namespace replylint;
using draft::test::body_message;
using draft::test::fixture;
using draft::test::rules_data;

namespace {

struct Sample {
  std::string text;
  std::string language;
};

// Paragraphs of tests/draft/fixtures/language/<lang>.txt, labelled with <lang>.
std::vector<Sample> samples(const std::string& lang) {
  std::vector<Sample> out;
  const std::string text = fixture("language/" + lang + ".txt");
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find("\n\n", b);
    if (e == std::string::npos) e = text.size();
    std::string para = text.substr(b, e - b);
    while (!para.empty() && para.back() == '\n') para.pop_back();
    if (!para.empty()) out.push_back({para, lang});
    b = e + 2;
  }
  return out;
}

std::string detect(const std::string& text) {
  const draft::Draft d = draft::segment(body_message(text), rules_data());
  return d.paragraphs.empty() ? "" : d.paragraphs[0].language;
}

}  // namespace

TEST_CASE("Greek paragraphs are Greek by script", "[draft]") {
  for (const Sample& s : samples("el")) {
    CAPTURE(s.text);
    CHECK(detect(s.text) == "el");
  }
}

TEST_CASE("Spanish and English paragraphs, long and short", "[draft]") {
  // Measured: 53 of 60 right, none wrong; the 7 unknown are one- or two-word paragraphs.
  int right = 0, unknown = 0, total = 0;
  for (const std::string lang : {"es", "en"}) {
    for (const Sample& s : samples(lang)) {
      CAPTURE(s.text);
      ++total;
      const std::string got = draft::detail::detect_language(
          s.text, draft::detail::tokenize(s.text, draft::detail::compiled(rules_data()), 0),
          draft::detail::compiled(rules_data()));
      if (got.empty()) {
        ++unknown;
        CHECK(std::count(s.text.begin(), s.text.end(), ' ') <= 1);  // only tiny paragraphs
      } else {
        CHECK(got == s.language);
        right += got == s.language;
      }
    }
  }
  REQUIRE(total >= 60);
  CHECK(right >= 53);
  CHECK(unknown <= 7);
}

TEST_CASE("short paragraphs that CLD2 gets wrong are fixed by stop-words", "[draft]") {
  const auto [text, lang] = GENERATE(table<std::string, std::string>({
      {"Vale, lo miro.", "es"},
      {"De acuerdo, gracias.", "es"},
      {"Nos vemos el lunes.", "es"},
      {"See you on Monday.", "en"},
      {"I'll check tomorrow.", "en"},
  }));
  CAPTURE(text);
  CHECK(detect(text) == lang);
}

TEST_CASE("Spanish signs overrule CLD2's English on eight words", "[draft]") {
  // CLD2 answers ENGLISH, reliable, on this one; without "Error:" (seven words) it is not asked.
  CHECK(detect("Error: longitud de la cadena de preferencias inválida.") == "es");
  CHECK(detect("Obtiene entradas de la base de datos administrativa.") == "es");
  // English with a Spanish word or two stays English.
  CHECK(detect("Error: the length of the preferences string is invalid, see la página.") == "en");
}

TEST_CASE("the draft language is the language with most letters of own text", "[draft]") {
  const draft::Draft d = draft::segment(
      body_message("Hi Ana,\n\nGracias por tu mensaje. Te confirmo que el pedido sale mañana por "
                   "la mañana y llegará el jueves.\n\n> Where is my order? It is very late.\n"),
      rules_data());
  REQUIRE(d.paragraphs.size() == 2);
  CHECK(d.paragraphs[1].language == "es");
  CHECK(d.language == "es");
  // The quoted English does not count, and the own segment carries the language too.
  REQUIRE(d.segments.size() == 2);
  CHECK(d.segments[0].language == "es");
  CHECK(d.segments[1].language.empty());
}

TEST_CASE("a paragraph too short to tell takes the draft language", "[draft]") {
  const draft::Draft d = draft::segment(
      body_message("Ok.\n\nThe parcel left the warehouse this morning and should arrive on "
                   "Thursday.\n"),
      rules_data());
  REQUIRE(d.paragraphs.size() == 2);
  CHECK(d.paragraphs[0].language == "en");
  CHECK(d.language == "en");
}

TEST_CASE("Options::language forces every paragraph", "[draft]") {
  draft::Options options;
  options.language = "en";
  const draft::Draft d = draft::segment(
      body_message("Καλημέρα σας.\n\nGracias por todo, de verdad.\n"), rules_data(), options);
  REQUIRE(d.paragraphs.size() == 2);
  CHECK(d.paragraphs[0].language == "en");
  CHECK(d.paragraphs[1].language == "en");
  CHECK(d.language == "en");
}

TEST_CASE("a body without letters has no language", "[draft]") {
  const draft::Draft d = draft::segment(body_message("12/03/2025 51190\n"), rules_data());
  CHECK(d.language.empty());
  REQUIRE(d.paragraphs.size() == 1);
  CHECK(d.paragraphs[0].language.empty());
}

// Prints how CLD2 alone, stop-words alone and the combination do on the fixtures; the numbers
// are quoted in src/draft/language.cpp. Hidden: run with "[draft-measure]".
TEST_CASE("measure language identification", "[.][draft-measure]") {
  const auto& c = draft::detail::compiled(rules_data());
  int cld_right = 0, stop_right = 0, stop_decided = 0, combined_right = 0, total = 0;
  int short_total = 0, short_cld = 0, long_total = 0, long_cld = 0;
  for (const std::string lang : {"es", "en"}) {
    for (const Sample& s : samples(lang)) {
      const auto words = draft::detail::tokenize(s.text, c, 0);
      int word_count = 0, es = 0, en = 0;
      for (const auto& w : words) {
        if (w.kind != draft::TokenKind::word) continue;
        ++word_count;
        const std::string f = replylint::text::fold_case(w.text);
        const bool in_es = c.stopwords.at("es").count(f), in_en = c.stopwords.at("en").count(f);
        es += in_es && !in_en;
        en += in_en && !in_es;
      }
      bool reliable = false;
      const CLD2::Language l =
          CLD2::DetectLanguage(s.text.data(), int(s.text.size()), true, &reliable);
      const std::string cld = l == CLD2::SPANISH   ? "es"
                              : l == CLD2::ENGLISH ? "en"
                                                   : CLD2::LanguageCode(l);
      const std::string stop = es == en ? "" : es > en ? "es" : "en";
      ++total;
      cld_right += cld == lang;
      stop_right += stop == lang;
      stop_decided += !stop.empty();
      const std::string combined = draft::detail::detect_language(s.text, words, c);
      combined_right += combined == lang;
      if (combined != lang)
        std::cout << "combined wrong: " << s.text.substr(0, 40) << " -> '" << combined << "'\n";
      if (word_count < 8) {
        ++short_total;
        short_cld += cld == lang;
      } else {
        ++long_total;
        long_cld += cld == lang;
      }
      if (cld != lang)
        std::cout << "cld2 wrong (" << word_count << " words): " << s.text.substr(0, 40) << " -> "
                  << cld << "\n";
    }
  }
  std::cout << "paragraphs " << total << ": cld2 " << cld_right << ", stop-words " << stop_right
            << " (decided " << stop_decided << "), combined " << combined_right << "\n"
            << "cld2 on <8 words: " << short_cld << "/" << short_total
            << ", on 8+ words: " << long_cld << "/" << long_total << "\n";
  CHECK(combined_right >= cld_right);
}
