// The shared phrase matcher on real drafts (segmented with the repository's rules/ data) and the
// phrase lists of tests/data/fixtures/phrases/, with the real Hunspell dictionaries as stemmer.
#include "rules/phrase_matcher.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "draft/test_data.hpp"
#include "spell/spell.hpp"

using namespace replylint;

namespace {

// The repository's rules/ data (for segmentation) plus the test phrase lists.
const data::DataSet& phrase_data() {
  static const data::DataSet set = [] {
    data::DataSet all = data::default_data();
    const data::DataSet phrases = data::load_data(std::filesystem::path(REPLYLINT_TESTS_DIR) /
                                                  "data" / "fixtures" / "phrases");
    for (const auto& [code, language] : phrases.languages)
      for (const auto& [rule, list] : language.phrases) all.languages[code].phrases[rule] = list;
    all.index();
    return all;
  }();
  return set;
}

spell::SpellService& spell_service() {
  static spell::SpellService service(spell::Options{});
  return service;
}

// Counts the stems asked for, to show which words were stemmed at all.
class CountingStemmer final : public spell::Stemmer {
 public:
  std::vector<std::string> stems(std::string_view language, std::string_view word) override {
    ++calls;
    return spell_service().stems(language, word);
  }
  std::atomic<int> calls{0};
};

const rules::PhraseMatcher& matcher() {
  static const rules::PhraseMatcher m(phrase_data(), "test-phrases", &spell_service());
  return m;
}

// The matched texts of `body` (a bare body), language forced to `language` ("" detects).
std::vector<std::string> found(const std::string& body, const std::string& language,
                               const rules::PhraseMatcher& m = matcher()) {
  draft::Options options;
  options.language = language;
  const draft::Draft d = draft::segment(draft::test::body_message(body), phrase_data(), options);
  std::vector<std::string> out;
  for (const rules::PhraseMatch& match : m.find(d))
    out.emplace_back(draft::test::slice(d, match.range));
  return out;
}

}  // namespace

TEST_CASE("Hunspell stems Spanish and English verbs and leaves prefixed analyses out", "[phrase]") {
  auto& s = spell_service();
  CHECK(s.stems("es", "dijimos") == std::vector<std::string>{"decir"});
  CHECK(s.stems("es", "DIJO") == std::vector<std::string>{"decir"});
  CHECK(s.stems("en", "apologized") == std::vector<std::string>{"apologize"});
  CHECK(s.stems("en", "read").empty());  // Hunspell's only analysis is re + "ad"
  // el_GR lists full forms without morphology: no stem but (without the word index) the word.
  const auto greek = s.stems("el", "εξηγήσαμε");
  CHECK((greek.empty() || greek == std::vector<std::string>{"εξηγήσαμε"}));
  CHECK(s.stems("xx", "word").empty());
}

TEST_CASE("a Spanish phrase matches its inflected forms", "[phrase]") {
  const std::string form = GENERATE(as<std::string>{},
                                    "Como ya le dije",     // as listed
                                    "como ya les dije",    // another clitic from the list
                                    "como ya os dijimos",  // another person and number (stem decir)
                                    "Como ya te dijo",     // third person (stem decir)
                                    "COMO YA LE DIJE",     // capitals
                                    "como ya le dijé",     // a stray accent
                                    "Como ya les dijeron");  // plural preterite
  CAPTURE(form);
  const auto matches = found("Hola Ana,\n\n" + form + ", el pedido salió ayer.\n", "es");
  REQUIRE(matches.size() == 1);
  CHECK(matches[0] == form);
}

TEST_CASE("a Spanish noun phrase matches in number and gender through stems", "[phrase]") {
  CHECK(found("Eso no es nuestro problema.\n", "es") ==
        std::vector<std::string>{"no es nuestro problema"});
  CHECK(found("No es nuestra problemas, la verdad.\n", "es") ==
        std::vector<std::string>{"No es nuestra problemas"});
  CHECK(found("NO ES NUESTRO PROBLEMA\n", "es") ==
        std::vector<std::string>{"NO ES NUESTRO PROBLEMA"});
}

TEST_CASE("a Greek phrase matches persons, tenses, capitals and missing accents", "[phrase]") {
  const std::string form = GENERATE(as<std::string>{}, "Όπως σας έχουμε εξηγήσει",
                                    "όπως σας έχω εξηγήσει", "όπως σας είχαμε ήδη εξηγήσει",
                                    "ΟΠΩΣ ΣΑΣ ΕΧΟΥΜΕ ΕΞΗΓΗΣΕΙ", "οπως σας εχουμε εξηγησει");
  CAPTURE(form);
  const auto matches = found("Καλημέρα σας,\n\n" + form + ", η παραγγελία έφυγε χθες.\n", "el");
  REQUIRE(matches.size() == 1);
  CHECK(matches[0] == form);
  CHECK(found("Ζητούμε συγγνώμη για την αργοπορία.\n", "el").size() == 1);
}

TEST_CASE("an English phrase matches its forms", "[phrase]") {
  const std::string form =
      GENERATE(as<std::string>{}, "As I already told you", "as we already told you",
               "as I have already told you", "AS WE HAVE ALREADY TOLD YOU");
  CAPTURE(form);
  const auto matches = found("Hi Tom,\n\n" + form + ", the parcel left yesterday.\n", "en");
  REQUIRE(matches.size() == 1);
  CHECK(matches[0] == form);
  // Inflection through the stem apologize.
  for (const std::string verb : {"apologize", "apologized", "apologizes", "apologizing"})
    CHECK(found("Hi,\n\nWe " + verb + " for the inconvenience.\n", "en").size() == 1);
  // `*` allows one word, or none.
  CHECK(found("Please find attached the invoice.\n", "en").size() == 1);
  CHECK(found("Please find it attached.\n", "en").size() == 1);
  CHECK(found("Please find the invoice attached.\n", "en").empty());
}

TEST_CASE("a phrase match has the range of its first and last words", "[phrase]") {
  draft::Options options;
  options.language = "es";
  const std::string body = "Hola,\n\nPues como ya les dije, no.\n";
  const draft::Draft d = draft::segment(draft::test::body_message(body), phrase_data(), options);
  const auto matches = matcher().find(d);
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].range.begin == body.find("como"));
  CHECK(matches[0].range.end == body.find(", no."));
  CHECK(matches[0].phrase->match == "como ya [le|les|os|te] dije");
  CHECK(matches[0].phrase->help == "explain it again, kindly");
  CHECK(matches[0].phrase->line == 3);
  CHECK(matches[0].phrase->file.find("test-phrases.toml") != std::string::npos);
  CHECK(matches[0].language == "es");
  CHECK(matches[0].end_word - matches[0].first_word == 4);
}

TEST_CASE("phrases in quotes, attributions and signatures are not matched", "[phrase]") {
  const std::string body =
      GENERATE(as<std::string>{}, "Gracias por escribir.\n\n> Como ya le dije, no funciona.\n",
               "Gracias.\n\nEl lun, 3 feb 2025 a las 10:12, Ana <ana@x.es> escribió:\n> como ya os "
               "dijimos\n",
               "Gracias.\n\n-- \nComo ya le dije\n",
               "Thanks.\n\nOn Mon, Feb 3, 2025 at 10:12 AM Tom <t@x.com> wrote:\n> As I already "
               "told you, no.\n");
  CAPTURE(body);
  CHECK(found(body, "").empty());
}

TEST_CASE("the matcher stays quiet on traps", "[phrase]") {
  // Across a sentence boundary.
  CHECK(found("Como ya le. Dije que no.\n", "es").empty());
  CHECK(found("As I already told. You know it.\n", "en").empty());
  // A different word with the same beginning.
  CHECK(found("No es nuestro problemático cliente.\n", "es").empty());
  CHECK(found("As I already told your colleague.\n", "en").empty());
  CHECK(found("όπως σας έχουμε εξηγήσεις\n", "el").empty());
  // A word of the list is not a word of the phrase.
  CHECK(found("Como ya nos dije.\n", "es").empty());
  // `=`: only the forms as written ("usted no ha leído", not "ustedes").
  CHECK(found("Usted no ha leído el correo.\n", "es").size() == 1);
  CHECK(found("Ustedes no ha leído el correo.\n", "es").empty());
  // Another language's list.
  CHECK(found("As I already told you.\n", "es").empty());
  // A placeholder between the words breaks the phrase.
  CHECK(found("Como ya {{nombre}} le dije.\n", "es").empty());
  // Unrelated text.
  CHECK(found("Hola Ana,\n\nEl pedido salió ayer y llegará el lunes.\n\nUn saludo,\nLucía\n", "")
            .empty());
}

TEST_CASE("the matcher stems only words that could start or continue a phrase", "[phrase]") {
  CountingStemmer stemmer;
  const rules::PhraseMatcher m(phrase_data(), "test-phrases", &stemmer);
  CHECK(stemmer.calls.load() == 0);  // nothing is stemmed before a language's list is used
  CHECK(found("Hola.\n", "es", m).empty());
  const int at_load = stemmer.calls.load();
  CHECK(at_load > 0);  // the Spanish phrase words, once
  // No word starts with the first letter of a phrase word or stem of any Spanish list (the
  // lists of every matcher of the process share one start set: this test's c, n, u, d, p… and
  // the real rules' that other tests compiled).
  CHECK(found("Wifi, xilófono, wok.\n", "es", m).empty());
  CHECK(stemmer.calls.load() == at_load);
  // "Cómo" and "comimos" begin like "como": they are stemmed and do not match. Each of the five
  // words is stemmed once at most ("Comimos" twice in the text), whatever other lists start with.
  const int before = stemmer.calls.load();
  CHECK(found("¿Cómo estás? Comimos bien. Comimos mal.\n", "es", m).empty());
  CHECK(stemmer.calls.load() - before >= 2);
  CHECK(stemmer.calls.load() - before <= 5);
  // Asked again, the words' stems are remembered.
  const int again = stemmer.calls.load();
  CHECK(found("¿Cómo estás? Comimos bien. Comimos mal.\n", "es", m).empty());
  CHECK(stemmer.calls.load() == again);
}

TEST_CASE("matchers with and without a stemmer take turns on one draft", "[phrase]") {
  // A sentence keeps the words where phrases may start for every matcher that searches it: those
  // found without a stemmer must not hide a stemmed start ("Disculpamos" → disculpar) from a
  // matcher with one, nor those found with one add matches to a matcher without.
  const rules::PhraseMatcher stems(phrase_data(), "late-reply", &spell_service());
  const rules::PhraseMatcher forms(phrase_data(), "late-reply", nullptr);
  draft::Options options;
  options.language = "es";
  const draft::Draft d = draft::segment(
      draft::test::body_message("Hola Ana,\n\nDisculpamos la demora. Disculpe la espera.\n"),
      phrase_data(), options);
  auto texts = [&](const rules::PhraseMatcher& m) {
    std::vector<std::string> out;
    for (const rules::PhraseMatch& match : m.find(d))
      out.emplace_back(draft::test::slice(d, match.range));
    return out;
  };
  const std::vector<std::string> by_stem{"Disculpamos la demora", "Disculpe la espera"};
  const std::vector<std::string> as_written{"Disculpe la espera"};
  CHECK(texts(stems) == by_stem);
  CHECK(texts(forms) == as_written);
  CHECK(texts(stems) == by_stem);
  CHECK(texts(forms) == as_written);
}

TEST_CASE("a matcher for a rule without phrases is empty and finds nothing", "[phrase]") {
  const rules::PhraseMatcher none(phrase_data(), "no-such-rule", &spell_service());
  CHECK(none.empty());
  CHECK(found("Como ya le dije.\n", "es", none).empty());
  const rules::PhraseMatcher forms_only(phrase_data(), "test-phrases", nullptr);
  CHECK_FALSE(forms_only.empty());
  CHECK(found("Como ya les dije.\n", "es", forms_only).size() == 1);
  CHECK(found("Como ya les dijimos.\n", "es", forms_only).empty());  // no stemmer, no stems
}

// Not run by ctest ([.]): prints what find() costs next to segmentation, on text with and
// without phrase candidates. build/tests/replylint_tests "[.phrase-bench]"
TEST_CASE("phrase matcher cost", "[.phrase-bench]") {
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  for (const char* language : {"es", "en", "el"}) {
    const auto t0 = std::chrono::steady_clock::now();
    spell_service().stems(language, "x");
    WARN("first stems() in " << language << ": " << ms(t0, std::chrono::steady_clock::now())
                             << " ms");
  }
  const auto c0 = std::chrono::steady_clock::now();
  (void)matcher();
  WARN("matcher built in " << ms(c0, std::chrono::steady_clock::now()) << " ms");
  std::string plain, busy;
  for (int i = 0; i < 2000; ++i) {
    plain += "Hola Ana, el pedido " + std::to_string(i) +
             " salió ayer y llegará el lunes sin falta.\n\n";
    busy += "Como ya les dijimos, no es nuestro problema: el pedido " + std::to_string(i) +
            " llegará.\n\n";
  }
  for (const std::string* text : {&plain, &busy}) {
    draft::Options options;
    options.language = "es";
    const auto t0 = std::chrono::steady_clock::now();
    const draft::Draft d = draft::segment(draft::test::body_message(*text), phrase_data(), options);
    const auto t1 = std::chrono::steady_clock::now();
    std::size_t words = 0;
    for (const auto* s : d.own_sentences()) words += s->words.size();
    const auto first = matcher().find(d);
    const auto t2 = std::chrono::steady_clock::now();
    const auto again = matcher().find(d);
    const auto t3 = std::chrono::steady_clock::now();
    WARN((text == &plain ? "no candidates" : "candidates")
         << ": " << words << " words, segment " << ms(t0, t1) << " ms, find " << ms(t1, t2)
         << " ms (first), " << ms(t2, t3) << " ms (stems cached), " << first.size() << " matches");
    CHECK(first.size() == again.size());
  }
}

TEST_CASE("find_each gives every phrase at every word, find the longest without overlaps",
          "[phrase]") {
  const rules::PhraseMatcher overlaps(phrase_data(), "test-overlaps", &spell_service());
  draft::Options options;
  options.language = "es";
  const std::string body = "Hola,\n\nLlegó el pedido de hoy, no el paquete.\n";
  const draft::Draft d = draft::segment(draft::test::body_message(body), phrase_data(), options);
  auto texts = [&](const std::vector<rules::PhraseMatch>& matches) {
    std::vector<std::string> out;
    for (const rules::PhraseMatch& match : matches)
      out.emplace_back(draft::test::slice(d, match.range));
    return out;
  };
  CHECK(texts(overlaps.find(d)) == std::vector<std::string>{"el pedido de hoy", "el paquete"});
  const draft::Sentence& sentence = d.paragraphs.at(1).sentences.at(0);
  CHECK(texts(overlaps.find_each(sentence, "es")) ==
        std::vector<std::string>{"el pedido de hoy", "el pedido", "pedido de hoy", "el paquete"});
  CHECK(overlaps.find_each(sentence, "el").empty());
}

TEST_CASE("a typographic apostrophe is the ASCII one", "[phrase]") {
  const data::DataSet& base = phrase_data();
  data::DataSet set = base;
  data::Phrase phrase;
  phrase.match = "don't worry";
  phrase.tokens = data::parse_phrase(phrase.match, "x.toml", 1);
  set.languages["en"].phrases["apostrophe"] = {phrase};
  const rules::PhraseMatcher m(set, "apostrophe", nullptr);
  draft::Options options;
  options.language = "en";
  for (const std::string body : {"Don’t worry, it is here.\n", "Don't worry, it is here.\n"}) {
    const draft::Draft d = draft::segment(draft::test::body_message(body), set, options);
    CHECK(m.find(d).size() == 1);
  }
}
