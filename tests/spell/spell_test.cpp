#include "spell/spell.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using replylint::spell::Options;
using replylint::spell::Speller;
using replylint::spell::SpellService;

namespace {

const fs::path k_fixtures = fs::path{REPLYLINT_TESTS_DIR} / "spell" / "fixtures";

// One service with the real search path, shared by the tests (el_GR takes ~0.4 s to load).
SpellService& real_service() {
  static SpellService service{Options{.extra_words = {"Tiendaverde", "Παπαδοπουλάκης", "Muñoz"}}};
  return service;
}

Speller& speller(std::string_view language) {
  Speller* found = real_service().get(language);
  REQUIRE(found != nullptr);
  return *found;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool valid_utf8(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  return status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status);
}

// A fresh empty folder under the system temp folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("replylint-spell-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code error;
    fs::remove_all(path, error);
  }
};

// Sets an environment variable for one scope.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string name_, const char* value) : name(std::move(name_)) {
    if (const char* previous = std::getenv(name.c_str())) old = previous;
    if (value)
      ::setenv(name.c_str(), value, 1);
    else
      ::unsetenv(name.c_str());
  }
  ~ScopedEnv() {
    if (old)
      ::setenv(name.c_str(), old->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
};

std::vector<std::string> words_of(const std::string& text) {
  // Letters only, split with ICU so Greek letters count as letters.
  std::vector<std::string> words;
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  icu::UnicodeString current;
  for (int32_t i = 0; i <= unicode.length(); ++i) {
    const bool letter = i < unicode.length() && u_isalpha(unicode.charAt(i));
    if (letter) {
      current.append(unicode.charAt(i));
    } else if (!current.isEmpty()) {
      std::string word;
      current.toUTF8String(word);
      words.push_back(word);
      current.remove();
    }
  }
  return words;
}

}  // namespace

TEST_CASE("dictionary_search_path follows the documented order", "[spell]") {
  ScopedEnv env{"REPLYLINT_DICT_PATH", "/tmp/a::/tmp/b"};
  const auto path = replylint::spell::dictionary_search_path("/opt/dicts");
  const std::vector<fs::path> expected{"/opt/dicts",
                                       "/tmp/a",
                                       "/tmp/b",
                                       REPLYLINT_SOURCE_DICT_DIR,
                                       REPLYLINT_INSTALL_DATA_DIR "/dictionaries",
                                       "/usr/share/hunspell",
                                       "/usr/share/myspell"};
  CHECK(path == expected);

  ScopedEnv unset{"REPLYLINT_DICT_PATH", nullptr};
  const auto bare = replylint::spell::dictionary_search_path();
  REQUIRE(bare.size() == 4);
  CHECK(bare.front() == fs::path{REPLYLINT_SOURCE_DICT_DIR});
}

TEST_CASE("find_dictionary finds the base dictionary and every additions file", "[spell]") {
  using replylint::spell::find_dictionary;
  CHECK_FALSE(find_dictionary("fr", replylint::spell::dictionary_search_path()));
  const auto es = find_dictionary(
      "es", {k_fixtures / "extra", REPLYLINT_SOURCE_DICT_DIR, "/usr/share/hunspell"});
  REQUIRE(es);
  CHECK(es->name == "es_ES");
  CHECK(es->aff == fs::path{"/usr/share/hunspell/es_ES.aff"});
  REQUIRE(es->additions.size() == 2);
  CHECK(es->additions[0] == k_fixtures / "extra" / "es.dic");
  CHECK(es->additions[1].filename() == "es.dic");
  CHECK(replylint::spell::dictionary_package("el") == "hunspell-el");
  CHECK(replylint::spell::dictionary_package("en") == "hunspell-en-us");
}

TEST_CASE("British English is en_GB with the English additions", "[spell]") {
  using replylint::spell::find_dictionary;
  CHECK(replylint::spell::dictionary_package("en-GB") == "hunspell-en-gb");
  const auto gb = find_dictionary("en-GB", {REPLYLINT_SOURCE_DICT_DIR, "/usr/share/hunspell"});
  REQUIRE(gb);
  CHECK(gb->name == "en_GB");
  REQUIRE(gb->additions.size() == 1);
  CHECK(gb->additions[0].filename() == "en.dic");
  SpellService service{Options{}};
  Speller* british = service.get("en-GB");
  REQUIRE(british != nullptr);
  CHECK(british->check("authorisation"));
  CHECK(british->check("WhatsApp"));  // from dictionaries/en.dic
  CHECK_FALSE(british->check("colors"));
}

TEST_CASE("Spanish words, typos and suggestions", "[spell]") {
  Speller& es = speller("es");
  CHECK(es.check("respuesta"));
  CHECK(es.check("Gracias"));  // sentence-initial capital of a lowercase word
  CHECK(es.check("mínimo"));
  CHECK_FALSE(es.check("minimo"));  // accents count outside capitals
  CHECK_FALSE(es.check("respuetsa"));
  CHECK(es.check("MÍNIMO"));
  CHECK(es.check("MINIMO"));  // capitals may drop the accent
  CHECK_FALSE(es.check("MINIMOO"));
  const auto suggestions = es.suggest("respuetsa");
  CAPTURE(suggestions);
  CHECK(suggestions.size() <= 3);
  CHECK(contains(suggestions, "respuesta"));
  CHECK(es.suggest("respuetsa", 1).size() == 1);
  CHECK(es.suggest("respuetsa") == suggestions);  // cached, same answer
}

TEST_CASE("the project's additions are accepted", "[spell]") {
  Speller& es = speller("es");
  for (const char* word : {"email", "emails", "newsletter", "WhatsApp", "online", "Gmail", "Bizum",
                           "e-mail", "EMAIL", "Email"}) {
    CAPTURE(word);
    CHECK(es.check(word));
  }
  CHECK_FALSE(es.check("whatsapp"));  // a brand keeps its capitals
  Speller& en = speller("en");
  CHECK(en.check("Gmail"));
  CHECK(en.check("onboarding"));
  Speller& el = speller("el");
  CHECK(el.check("κούριερ"));
  CHECK(el.check("μέιλ"));
  CHECK(el.check("ιστότοπο"));
}

TEST_CASE("Greek: accents count, except in capitals", "[spell]") {
  Speller& el = speller("el");
  CHECK(el.check("πελάτης"));
  CHECK_FALSE(el.check("πελατης"));
  CHECK_FALSE(el.check("Πελατης"));
  CHECK(el.check("ΠΑΡΑΓΓΕΛΙΑ"));
  CHECK(el.check("ΠΑΡΑΓΓΕΛΊΑ"));
  CHECK(el.check("Ευχαριστώ"));
  CHECK(el.check("ΠΕΛΑΤΗΣ"));  // final sigma: Hunspell alone lowercases Σ to σ
  CHECK(el.check("ΠΕΛΆΤΗΣ"));
  CHECK(el.check("ΑΘΗΝΑ"));  // a name: Αθήνα
  CHECK(el.check("ΚΑΙ"));
  CHECK(el.check("ΠΡΩΙΝΟ"));
  CHECK_FALSE(el.check("ΠΑΡΑΓΓΕΛΙΑΑ"));
  CHECK_FALSE(el.check("ΠΑΡΑΓΕΛΙΑ"));
  // An accent written in the wrong place is still wrong in capitals.
  CHECK_FALSE(el.check("ΠΆΡΑΓΓΕΛΙΑ"));
}

TEST_CASE("Greek suggestions come back in UTF-8", "[spell]") {
  Speller& el = speller("el");
  const auto suggestions = el.suggest("πελατης");
  CAPTURE(suggestions);
  REQUIRE_FALSE(suggestions.empty());
  CHECK(suggestions.size() <= 3);
  CHECK(contains(suggestions, "πελάτης"));
  for (const auto& s : suggestions) CHECK(valid_utf8(s));
  const auto caps = el.suggest("ΠΑΡΑΓΓΕΛΙΕΣΣ");
  CAPTURE(caps);
  CHECK(contains(caps, "ΠΑΡΑΓΓΕΛΙΕΣ"));  // capitals stay capitals, without accents
}

TEST_CASE("words the Greek dictionary cannot hold are wrong, not mangled", "[spell]") {
  Speller& el = speller("el");
  CHECK_FALSE(el.check("niño"));        // ñ is not in ISO-8859-7
  CHECK_FALSE(el.check("παραγγελía"));  // mixed scripts
  CHECK(el.suggest("niño").empty());
  CHECK_NOTHROW(el.check("respuesta"));
}

TEST_CASE("the whole of a real Greek reply is accepted", "[spell]") {
  std::ifstream in{k_fixtures / "greek_business.txt"};
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  Speller& el = speller("el");
  const auto words = words_of(text.str());
  REQUIRE(words.size() > 80);
  for (const auto& word : words) {
    CAPTURE(word);
    CHECK(el.check(word));
  }
}

TEST_CASE("cheap suggestions rank the likeliest word first", "[spell]") {
  Speller& es = speller("es");
  Speller& el = speller("el");
  Speller& en = speller("en");
  auto first = [](const std::vector<std::string>& list) {
    return list.empty() ? std::string{} : list.front();
  };
  CHECK(first(es.suggest("pedidio")) == "pedido");       // deletion before replacement (pedidlo)
  CHECK(first(es.suggest("garcias")) == "gracias");      // swapped letters first
  CHECK(first(es.suggest("dias")) == "días");            // but an accent before swapped vowels
  CHECK(first(es.suggest("recivida")) == "recibida");    // b for v before another (revivida)
  CHECK(first(es.suggest("Respuetsa")) == "Respuesta");  // the capital is kept
  CHECK(first(en.suggest("adress")) == "address");       // first-letter edits (dress) come last
  CHECK(contains(es.suggest("porfavor"), "por favor"));
  CHECK(first(el.suggest("τιμολογιο")) == "τιμολόγιο");
  CHECK(first(el.suggest("οτι")) == "ότι");  // a missing accent on the first letter (οι)
  CHECK(first(el.suggest("ολα")) == "όλα");
  CHECK(el.suggest("ενημερώσουμαι") == std::vector<std::string>{"ενημερώσουμε"});  // αι for ε
  CHECK(first(el.suggest("ενημερώσι")) == "ενημερώσει");                           // ι for ει
  const auto two_edits = el.suggest("παραγελια");  // a missing γ and a missing accent
  CAPTURE(two_edits);
  CHECK(contains(two_edits, "παραγγελία"));
}

TEST_CASE("English words and typos", "[spell]") {
  Speller& en = speller("en");
  CHECK(en.check("receive"));
  CHECK(en.check("Thanks"));
  CHECK_FALSE(en.check("recieve"));
  CHECK(contains(en.suggest("recieve"), "receive"));
}

TEST_CASE("extra words from the options are accepted in every language", "[spell]") {
  for (const char* language : {"es", "el", "en"}) {
    Speller& s = speller(language);
    CAPTURE(language);
    CHECK(s.check("Tiendaverde"));
    CHECK(s.check("Παπαδοπουλάκης"));
    CHECK(s.check("Muñoz"));  // in el_GR only as written: ñ has no ISO-8859-7 byte
    CHECK_FALSE(s.check("Tiendaverdes"));
  }
}

TEST_CASE("a missing dictionary gives nullptr and one warning naming the package", "[spell]") {
  TempDir empty;
  // The default path would still reach /usr/share/hunspell: the override replaces it entirely.
  REQUIRE(fs::exists("/usr/share/hunspell/es_ES.aff"));
  ScopedEnv env{"REPLYLINT_DICT_PATH", empty.path.c_str()};
  SpellService service{Options{.dict_dir = empty.path, .search_path = std::vector{empty.path}}};
  CHECK(service.get("es") == nullptr);
  CHECK(service.get("es") == nullptr);
  CHECK(service.get("el") == nullptr);
  CHECK(service.get("en") == nullptr);
  CHECK(service.get("fr") == nullptr);
  const auto warnings = service.warnings();
  CAPTURE(warnings);
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0] == "no Spanish dictionary found: apt-get install hunspell-es");
  CHECK(warnings[1].find("hunspell-el") != std::string::npos);
  CHECK(warnings[2].find("hunspell-en-us") != std::string::npos);
}

TEST_CASE("additions are found along the search path, bad lines are warned about", "[spell]") {
  SpellService service{
      Options{.search_path = std::vector<fs::path>{k_fixtures / "extra", "/usr/share/hunspell"}}};
  Speller* es = service.get("es");
  REQUIRE(es != nullptr);
  CHECK(es->check("replylintprueba"));  // CRLF line ending
  CHECK(es->check("replylintflags"));   // flags after '/' ignored
  CHECK(es->check("replylintespacios"));
  CHECK_FALSE(es->check("newsletter"));  // the project's dictionaries/ is not on this path
  CHECK(service.warnings().empty());
  Speller* el = service.get("el");
  REQUIRE(el != nullptr);
  CHECK(el->check("Ρεπλαϊντάκης"));
  const auto warnings = service.warnings();
  CAPTURE(warnings);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].find("el.dic:3: 'niño' cannot be written in ISO8859-7") != std::string::npos);
  CHECK(warnings[1].find("el.dic:4: not a word in UTF-8") != std::string::npos);
}

TEST_CASE("the service loads each language once", "[spell]") {
  Speller* first = real_service().get("es");
  CHECK(first == real_service().get("es"));
  CHECK(real_service().warnings().empty());
}

TEST_CASE("any bytes are safe to check", "[spell]") {
  Speller& es = speller("es");
  Speller& el = speller("el");
  const std::string nul{"resp\0uesta", 10};
  for (Speller* s : {&es, &el}) {
    CHECK_FALSE(s->check(""));
    CHECK_FALSE(s->check("\xff\xfe"));
    CHECK_FALSE(s->check("\xce"));  // a truncated Greek letter
    CHECK_FALSE(s->check(nul));
    CHECK_FALSE(s->check(std::string(500, 'a')));
    CHECK(s->suggest("\xff\xfe").empty());
    CHECK(s->suggest(std::string(500, 'a')).empty());
    CHECK(s->suggest("").empty());
  }
}

TEST_CASE("spellers are safe to share between threads", "[spell]") {
  Speller& es = speller("es");
  Speller& el = speller("el");
  const std::vector<std::pair<std::string, bool>> cases{
      {"respuesta", true},  {"respuetsa", false}, {"πελάτης", true},    {"πελατης", false},
      {"ΠΑΡΑΓΓΕΛΙΑ", true}, {"minimo", false},    {"newsletter", true}, {"ΕΥΧΑΡΙΣΤΟΥΜΕ", true}};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (const auto& [word, expected] : cases) {
          Speller& s = (static_cast<unsigned char>(word[0]) >= 0x80) ? el : es;
          if (s.check(word) != expected) ++wrong;
          if (round == t && !expected && s.suggest(word).empty()) ++wrong;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(wrong == 0);
}

// Timing figures for the report; not run by default: replylint_tests "[spell-bench]"
TEST_CASE("spell benchmark", "[.][spell-bench]") {
  using clock = std::chrono::steady_clock;
  auto ms = [](clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  const std::vector<std::pair<std::string, std::vector<std::string>>> typos{
      {"es",
       {"respuetsa", "pedidio", "fatcura", "garcias", "envio", "recibiod", "porblema", "clietne",
        "saludso", "devolucoin"}},
      {"el",
       {"πελατης", "παραγελια", "ευχαριστω", "τιμολογιο", "αποστολι", "προιοντα", "επιστροφι",
        "πληρομη", "καλυμερα", "εξυπιρετηση"}},
      {"en",
       {"recieve", "adress", "untill", "seperate", "definately", "occured", "tommorow", "beleive",
        "refund3d", "acommodate"}}};
  for (const auto& [language, words] : typos) {
    SpellService service{Options{}};
    auto start = clock::now();
    Speller* s = service.get(language);
    const double load = ms(clock::now() - start);
    REQUIRE(s != nullptr);
    std::vector<std::string> corpus = words_of(
        "Gracias por su respuesta el pedido llegará mañana con la factura y el albarán "
        "Σας ευχαριστούμε για την παραγγελία σας και την υπομονή σας "
        "Thank you for your reply the order will arrive tomorrow with the invoice");
    start = clock::now();
    int n = 0;
    for (const auto& w : corpus) n += s->check(w) ? 1 : 0;
    const double cold = ms(clock::now() - start) / static_cast<double>(corpus.size());
    start = clock::now();
    constexpr int k_rounds = 2000;
    for (int r = 0; r < k_rounds; ++r)
      for (const auto& w : corpus) n += s->check(w) ? 1 : 0;
    const double warm = ms(clock::now() - start) / static_cast<double>(corpus.size() * k_rounds);
    start = clock::now();
    std::vector<std::vector<std::string>> found;
    std::vector<double> each;
    for (const auto& w : words) {
      const auto one = clock::now();
      found.push_back(s->suggest(w));
      each.push_back(ms(clock::now() - one));
    }
    const double suggest = ms(clock::now() - start) / static_cast<double>(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::cout << "  " << words[i] << " (" << each[i] << " ms) →";
      for (const auto& f : found[i]) std::cout << ' ' << f;
      std::cout << '\n';
    }
    std::cout << language << ": load " << load << " ms, cold check " << 1000.0 / cold
              << " words/s, warm check " << 1000.0 / warm << " words/s, suggest " << suggest
              << " ms/word (" << n << ")\n";
  }
}
