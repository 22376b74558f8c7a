#include "data/data.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "util/error.hpp"
#include "util/suggest.hpp"

namespace fs = std::filesystem;
using namespace replylint;

namespace {

fs::path fixture(const std::string& name) {
  return fs::path(REPLYLINT_TESTS_DIR) / "data" / "fixtures" / name;
}

// The one-line error load_data gives for a fixture folder, or "no error".
std::string load_error(const std::string& name) {
  try {
    data::load_data(fixture(name));
  } catch (const InputError& error) {
    return error.describe();
  }
  return "no error";
}

std::string file_in(const std::string& name, const std::string& rest) {
  return (fixture(name) / rest).string();
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<std::string> regexes(const std::vector<data::Pattern>& patterns) {
  std::vector<std::string> out;
  for (const auto& p : patterns) out.push_back(p.regex);
  return out;
}

// Sets an environment variable for one scope and restores the old value afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    if (value)
      setenv(name, value, 1);
    else
      unsetenv(name);
  }
  ~ScopedEnv() {
    if (m_old)
      setenv(m_name, m_old->c_str(), 1);
    else
      unsetenv(m_name);
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("load_data reads a valid folder into a DataSet", "[data]") {
  const data::DataSet set = data::load_data(fixture("valid"));
  REQUIRE(set.languages.size() == 2);
  const data::LanguageData& es = set.languages.at("es");
  const data::LanguageData& el = set.languages.at("el");
  CHECK(es.code == "es");
  CHECK(el.code == "el");

  // Prefixes are case-folded, trimmed and deduplicated ("Re" and "RE" are one).
  CHECK(es.reply_prefixes == std::vector<std::string>{"re", "rta", "rv"});
  CHECK(es.forward_prefixes == std::vector<std::string>{"fwd", "rv", "reenv"});
  // Greek folding: capital sigma becomes σ, never the final form.
  CHECK(el.reply_prefixes == std::vector<std::string>{"απ", "σχετ", "απαντ"});
  CHECK(el.forward_prefixes == std::vector<std::string>{"πρθ", "fwd"});

  // Acronyms stay as written.
  CHECK(es.acronyms == std::set<std::string>{"DNI", "IVA", "NIF"});
  CHECK(el.acronyms == std::set<std::string>{"ΑΦΜ", "ΦΠΑ"});

  // Patterns keep their text and where they came from.
  REQUIRE(es.attribution.size() == 2);
  CHECK(es.attribution[0].regex == "^El .+ escribió:$");
  CHECK(es.attribution[0].file == file_in("valid", "es/quoting.toml"));
  CHECK(es.attribution[0].line == 3);
  CHECK(es.attribution[1].line == 4);
  CHECK(regexes(es.attribution_start) ==
        std::vector<std::string>{"^El .+ a las \\d{1,2}:\\d{2}.*$"});
  CHECK(regexes(es.attribution_end) == std::vector<std::string>{"^.*escribió:$"});
  CHECK(es.original_markers == std::vector<std::string>{"-----mensaje original-----"});
  CHECK(es.original_fields == std::vector<std::string>{"de", "enviado el", "para", "cc", "asunto"});
  CHECK(es.forward_markers == std::vector<std::string>{"---------- mensaje reenviado ----------"});
  CHECK(regexes(es.signature_lines) ==
        std::vector<std::string>{"^Enviado desde mi (iPhone|iPad|móvil|Android).*$"});
  CHECK(es.closings == std::vector<std::string>{"un saludo", "atentamente"});

  // Stop-words are folded and NFC: the decomposed "también" is stored composed.
  CHECK(es.stopwords == std::vector<std::string>{"de", "también", "que"});
  CHECK(contains(es.stopwords, "tambi\xC3\xA9n"));

  // Phrase lists are keyed by the file's stem; match is folded, help is kept.
  REQUIRE(es.phrases.count("dismissive-tone") == 1);
  const auto& phrases = es.phrases.at("dismissive-tone");
  REQUIRE(phrases.size() == 3);
  CHECK(phrases[0].match == "no es nuestro problema");
  CHECK(phrases[0].help == "say what you will do next");
  CHECK(phrases[0].line == 3);
  CHECK(phrases[1].match == "eso no es cosa nuestra");
  CHECK(phrases[1].help.empty());
  CHECK(phrases[1].suggest.empty());
  CHECK(phrases[2].suggest == "lamentablemente no podemos resolverlo así");  // kept as written

  CHECK(set.free_mail_domains == std::set<std::string>{"gmail.com", "hotmail.es", "otenet.gr"});
  CHECK(regexes(set.placeholders) ==
        std::vector<std::string>{"\\{\\{[^{}]*\\}\\}", "%[A-Z][A-Z0-9_]*%"});
}

TEST_CASE("DataSet helpers merge the languages", "[data]") {
  const data::DataSet set = data::load_data(fixture("valid"));
  // Union, deduplicated, longest (in bytes: Greek letters take two) first.
  CHECK(set.all_reply_prefixes() ==
        std::vector<std::string>{"απαντ", "σχετ", "απ", "rta", "re", "rv"});
  CHECK(set.all_forward_prefixes() == std::vector<std::string>{"πρθ", "reenv", "fwd", "rv"});
  CHECK(set.is_acronym("IVA"));
  CHECK(set.is_acronym("ΦΠΑ"));
  CHECK_FALSE(set.is_acronym("iva"));
  CHECK_FALSE(set.is_acronym("PDF"));
}

TEST_CASE("load_data names file and line for each malformed file", "[data]") {
  CHECK(load_error("syntax-error") ==
        file_in("syntax-error", "es/quoting.toml") +
            ":4: invalid TOML: error while parsing array: expected comma or closing ']', saw 'o'");
  CHECK(load_error("unknown-key") ==
        file_in("unknown-key", "es/quoting.toml") +
            ":4: unknown key 'atribution' (did you mean 'attribution'?)");
  CHECK(load_error("wrong-type") == file_in("wrong-type", "es/reply-prefixes.toml") +
                                        ":3: 'reply' must be an array of strings, found string");
  CHECK(load_error("wrong-element") ==
        file_in("wrong-element", "en/acronyms.toml") +
            ":4: 'acronyms' must be an array of strings, found integer in it");
  CHECK(load_error("bad-regex") == file_in("bad-regex", "es/signature.toml") +
                                       ":5: pattern does not compile: '^Enviado desde mi "
                                       "(iPhone|iPad.*$' (U_REGEX_MISMATCHED_PAREN)");
  CHECK(load_error("unknown-file") ==
        file_in("unknown-file", "es/quotng.toml") +
            ": unknown data file 'quotng.toml' (did you mean 'quoting.toml'?)");
  CHECK(load_error("unknown-file-no-hint") ==
        file_in("unknown-file-no-hint", "en/notes.toml") +
            ": unknown data file 'notes.toml' (expected acronyms.toml, date-formats.toml, "
            "language.toml, morphology.toml, quoting.toml, "
            "reply-prefixes.toml, signature.toml, spelling.toml or a [[phrase]] list)");
  CHECK(load_error("bad-domain") == file_in("bad-domain", "common/free-mail.toml") +
                                        ":4: 'someone@gmail.com' is not a domain name");
  CHECK(load_error("phrase-no-match") == file_in("phrase-no-match", "en/dismissive-tone.toml") +
                                             ":5: [[phrase]] entry has no 'match'");
  CHECK(load_error("phrase-syntax") ==
        file_in("phrase-syntax", "es/hostile-tone.toml") +
            ":6: '-' in phrase token 'e-mail' is not part of a word (phrases are matched word by "
            "word: write the words apart, without punctuation)");
  CHECK(load_error("stray-file") ==
        file_in("stray-file", "acronyms.toml") +
            ": data files belong in a language folder (rules/es/...) or in rules/common/");
  CHECK(load_error("empty-string") ==
        file_in("empty-string", "el/reply-prefixes.toml") + ":2: empty string in 'reply'");
  CHECK(load_error("no-such-folder") ==
        fixture("no-such-folder").string() + ": rules folder not found");
}

TEST_CASE("the project's own rules folder loads", "[data]") {
  const fs::path dir = REPLYLINT_SOURCE_RULES_DIR;
  data::DataSet set;
  try {
    set = data::load_data(dir);
  } catch (const InputError& error) {
    FAIL(error.describe());
  }
  for (const char* domain :
       {"gmail.com", "googlemail.com", "hotmail.com", "hotmail.es", "outlook.com", "yahoo.es",
        "yahoo.gr", "icloud.com", "gmx.de", "proton.me", "terra.es", "otenet.gr", "hol.gr"})
    CHECK(set.free_mail_domains.count(domain) == 1);
  // A company domain is never free mail.
  CHECK(set.free_mail_domains.count("tiendaverde.es") == 0);
  // The big providers in any country, and internet providers' mail; never a company's host
  // that happens to start with a provider's name.
  for (const char* domain : {"outlook.com.au", "yahoo.ie", "hotmail.com.cy", "live.com.mx",
                             "gmail.com", "eircom.net", "bigpond.com", "cytanet.com.cy"})
    CHECK(set.is_free_mail(domain));
  for (const char* domain : {"tiendaverde.es", "live.example.com", "outlook.office365.com",
                             "yahoo-inc.com", "mail.tiendaverde.es"})
    CHECK_FALSE(set.is_free_mail(domain));
  // spelling.toml: abbreviations folded and without spaces, prefixes folded.
  CHECK(set.languages.at("el").abbreviations.contains("π.μ."));
  CHECK(set.languages.at("es").abbreviations.contains("p.ej."));
  CHECK(set.languages.at("es").abbreviations.contains("sra."));
  CHECK(set.languages.at("en").hyphen_prefixes.contains("pre"));
}

TEST_CASE("find_rules_dir searches explicit, environment, build tree", "[data]") {
  SECTION("an explicit folder wins, and must exist") {
    ScopedEnv env("REPLYLINT_RULES_DIR", fixture("unknown-key").c_str());
    CHECK(data::find_rules_dir(fixture("valid")) == fixture("valid"));
    CHECK_THROWS_AS(data::find_rules_dir(fixture("no-such-folder")), InputError);
  }
  SECTION("then $REPLYLINT_RULES_DIR") {
    ScopedEnv env("REPLYLINT_RULES_DIR", fixture("valid").c_str());
    CHECK(data::find_rules_dir() == fixture("valid"));
  }
  SECTION("a missing $REPLYLINT_RULES_DIR is an error, not a silent fallback") {
    ScopedEnv env("REPLYLINT_RULES_DIR", fixture("no-such-folder").c_str());
    try {
      data::find_rules_dir();
      FAIL("no error");
    } catch (const InputError& error) {
      CHECK(error.describe() == fixture("no-such-folder").string() +
                                    ": rules folder not found (named by $REPLYLINT_RULES_DIR)");
    }
  }
  SECTION("then the source tree's rules/") {
    ScopedEnv env("REPLYLINT_RULES_DIR", nullptr);
    CHECK(data::find_rules_dir() == fs::path(REPLYLINT_SOURCE_RULES_DIR));
  }
}

TEST_CASE("default_data loads once", "[data]") {
  ScopedEnv env("REPLYLINT_RULES_DIR", nullptr);
  const data::DataSet& first = data::default_data();
  const data::DataSet& second = data::default_data();
  CHECK(&first == &second);
  CHECK(first.free_mail_domains.count("gmail.com") == 1);
}

TEST_CASE("did-you-mean picks close keys only", "[data]") {
  const std::vector<std::string> keys = {"attribution", "attribution-start", "attribution-end",
                                         "closings"};
  CHECK(util::did_you_mean("atribution", keys) == " (did you mean 'attribution'?)");
  CHECK(util::did_you_mean("attribution-strat", keys) == " (did you mean 'attribution-start'?)");
  CHECK(util::did_you_mean("closing", keys) == " (did you mean 'closings'?)");
  CHECK(util::did_you_mean("colour", keys).empty());
  CHECK(util::did_you_mean("x", {"y"}).empty());
  CHECK(util::edit_distance("ab", "ba") == 1);
  CHECK(util::edit_distance("", "abc") == 3);
}

TEST_CASE("a phrase's match is parsed into word tokens", "[data]") {
  const std::string f = "x.toml";
  const auto tokens = data::parse_phrase("como ya? [le|les|os] =dije * hoy", f, 3);
  REQUIRE(tokens.size() == 6);
  CHECK(tokens[0].words == std::vector<std::string>{"como"});
  CHECK_FALSE(tokens[0].optional);
  CHECK_FALSE(tokens[0].exact);
  CHECK(tokens[1].words == std::vector<std::string>{"ya"});
  CHECK(tokens[1].optional);
  CHECK(tokens[2].words == std::vector<std::string>{"le", "les", "os"});
  CHECK(tokens[2].exact);
  CHECK(tokens[3].words == std::vector<std::string>{"dije"});
  CHECK(tokens[3].exact);
  CHECK(tokens[4].words.empty());
  CHECK(tokens[4].optional);
  CHECK(data::parse_phrase("don't  worry", f, 1).size() == 2);  // apostrophes are word letters
  auto error = [&](std::string_view match) {
    try {
      data::parse_phrase(match, f, 3);
    } catch (const InputError& e) {
      return e.describe();
    }
    return std::string("no error");
  };
  CHECK(error("como [le|les dije") ==
        "x.toml:3: '[' without a closing ']' in phrase token '[le|les' (a list holds single words: "
        "[le|les|os])");
  CHECK(error("como [le||les] dije") ==
        "x.toml:3: empty form in phrase token '[le||les]' (write '?' after the list to make it "
        "optional)");
  CHECK(error("* como") ==
        "x.toml:3: a phrase must begin and end with a required word, not '*' or an optional one");
  CHECK(error("como dije?") ==
        "x.toml:3: a phrase must begin and end with a required word, not '*' or an optional one");
  CHECK(error("hola, qué tal") ==
        "x.toml:3: ',' in phrase token 'hola,' is not part of a word (phrases are matched word by "
        "word: "
        "write the words apart, without punctuation)");
}
