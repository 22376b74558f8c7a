#include "config/config.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "util/error.hpp"

namespace fs = std::filesystem;
using namespace replylint;
using core::Severity;
using rules::OptionType;

namespace {

fs::path fixture(const std::string& name) {
  return fs::path(REPLYLINT_TESTS_DIR) / "config" / "fixtures" / name;
}

// Hand-made rule metadata, standing in for the registry.
const rules::RuleInfo k_shouting{"shouting",
                                 rules::Category::tone,
                                 Severity::warning,
                                 "capitals",
                                 "",
                                 {
                                     {"min-words", std::int64_t{3}, "shorter runs are left alone"},
                                     {"check-subject", true, "also check the subject"},
                                 }};
const rules::RuleInfo k_missing_quote{
    "missing-quote", rules::Category::quoting, Severity::warning, "no quote", "", {}};
const rules::RuleInfo k_spelling{"spelling",
                                 rules::Category::spelling,
                                 Severity::warning,
                                 "typos",
                                 "",
                                 {
                                     {"ignore", std::vector<std::string>{}, "words never flagged"},
                                     {"dictionary", std::string(), "extra dictionary"},
                                 }};
const rules::RuleInfo k_visible{
    "visible-recipients", rules::Category::privacy, Severity::error, "use Bcc", "", {}};
const std::vector<const rules::RuleInfo*> k_known = {&k_missing_quote, &k_shouting, &k_spelling,
                                                     &k_visible};

config::Config load(const fs::path& path) { return config::load_config(path, k_known); }

// The one-line error for a fixture, or "no error".
std::string load_error(const std::string& name) {
  try {
    load(fixture(name));
  } catch (const InputError& error) {
    return error.describe();
  }
  return "no error";
}

std::string at(const std::string& name, int line) {
  return fixture(name).string() + ":" + std::to_string(line) + ": ";
}

// A fresh, empty temporary folder, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    m_path = fs::temp_directory_path() / ("replylint-config-test-" + std::to_string(random()));
    fs::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("load_config reads a complete file", "[config]") {
  const config::Config config = load(fixture("project/.replylint.toml"));
  CHECK(config.source == fixture("project/.replylint.toml"));
  CHECK(config.language == "es");
  // Lowercased, without the '@'.
  CHECK(config.org_domains == std::vector<std::string>{"tiendaverde.es", "tiendaverde.com"});
  CHECK(config.words == std::vector<std::string>{"Tiendaverde", "ecoenvío"});
  CHECK(config.include == std::vector<std::string>{"**/*.eml", "**/*.txt"});
  CHECK(config.exclude == std::vector<std::string>{"drafts/old/**"});
  CHECK(config.placeholders == std::vector<std::string>{"\\[\\[[A-Z_]+\\]\\]"});

  REQUIRE(config.rules.size() == 3);
  const config::RuleSettings& shouting = config.rules.at("shouting");
  CHECK_FALSE(shouting.enabled.has_value());
  CHECK(shouting.severity == Severity::error);
  // toml++ keeps a table's keys sorted, so options come in key order.
  // Values keep the type of their option's default.
  CHECK(shouting.options == std::vector<std::pair<std::string, rules::OptionValue>>{
                                {"check-subject", false}, {"min-words", std::int64_t{4}}});
  CHECK(config.rules.at("missing-quote").enabled == false);
  CHECK(config.rules.at("spelling").options ==
        std::vector<std::pair<std::string, rules::OptionValue>>{
            {"ignore", std::vector<std::string>{"SKU", "ERP"}}});

  REQUIRE(config.overrides.size() == 2);
  CHECK(config.overrides[0].files == std::vector<std::string>{"templates/legal/**"});
  CHECK(config.overrides[0].rules.at("shouting").enabled == false);
  CHECK(config.overrides[0].words == std::vector<std::string>{"hereinafter"});
  CHECK(config.overrides[0].language == "en");
  CHECK(config.overrides[1].rules.at("missing-quote").severity == Severity::info);
}

TEST_CASE("load_config names file, line and a hint for each mistake", "[config]") {
  CHECK(load_error("syntax-error.toml") ==
        at("syntax-error.toml", 3) +
            "invalid TOML: error while parsing string: unescaped control characters other than TAB "
            "(U+0009) "
            "are explicitly prohibited");
  CHECK(load_error("unknown-key.toml") ==
        at("unknown-key.toml", 4) + "unknown key 'org-domain' (did you mean 'org-domains'?)");
  CHECK(load_error("unknown-rule-key.toml") ==
        at("unknown-rule-key.toml", 4) +
            "unknown key 'min-word' in [rules.shouting] (did you mean 'min-words'?)");
  CHECK(load_error("wrong-type.toml") ==
        at("wrong-type.toml", 3) + "'rules.shouting.min-words' must be an integer, found string");
  CHECK(load_error("wrong-type-list.toml") ==
        at("wrong-type-list.toml", 3) + "'words' must be an array of strings, found string");
  CHECK(load_error("unknown-rule.toml") ==
        at("unknown-rule.toml", 5) + "unknown rule 'shoutting' (did you mean 'shouting'?)");
  CHECK(load_error("bad-severity.toml") ==
        at("bad-severity.toml", 3) +
            "unknown severity 'warn' (expected 'error', 'warning' or 'info')");
  CHECK(load_error("bad-language.toml") ==
        at("bad-language.toml", 2) + "unknown language 'fr' (expected 'es', 'el', 'en' or 'auto')");
  CHECK(load_error("override-unknown-key.toml") ==
        at("override-unknown-key.toml", 3) +
            "unknown key 'file' in [[overrides]] (did you mean 'files'?)");
  CHECK(load_error("override-no-files.toml") ==
        at("override-no-files.toml", 2) + "[[overrides]] entry has no 'files'");
  CHECK(load_error("override-unknown-rule.toml") ==
        at("override-unknown-rule.toml", 4) +
            "unknown rule 'visible-recipient' (did you mean 'visible-recipients'?)");
  CHECK(load_error("bad-placeholder.toml") ==
        at("bad-placeholder.toml", 4) +
            "pattern does not compile: '\\{\\{[A-Z_+\\}\\}' (U_REGEX_MISSING_CLOSE_BRACKET)");
  CHECK(load_error("enabled-not-boolean.toml") ==
        at("enabled-not-boolean.toml", 3) +
            "'rules.spelling.enabled' must be a boolean, found string");
  CHECK(load_error("bad-domain.toml") ==
        at("bad-domain.toml", 2) + "'ana@tiendaverde.es' is not a domain name");
  CHECK(load_error("bad-max-size.toml") ==
        at("bad-max-size.toml", 2) +
            "'max-size' must be a size such as \"25MB\" or a number of bytes, found '25 parsecs'");
  CHECK(load_error("negative-max-size.toml") ==
        at("negative-max-size.toml", 2) +
            "'max-size' must be a size such as \"25MB\" or a number of bytes, found '-1'");
  CHECK(load_error("no-such-file.toml") ==
        fixture("no-such-file.toml").string() + ": cannot read file");
}

TEST_CASE("parse_size reads bytes and 1024-based units, and nothing else", "[config]") {
  CHECK(config::parse_size("300") == 300u);
  CHECK(config::parse_size("0") == 0u);
  CHECK(config::parse_size("512KB") == 512u * 1024);
  CHECK(config::parse_size("5 MB") == 5u * 1024 * 1024);
  CHECK(config::parse_size("5mib") == 5u * 1024 * 1024);
  CHECK(config::parse_size("2G") == 2ull * 1024 * 1024 * 1024);
  CHECK(config::parse_size("10 b") == 10u);
  CHECK_FALSE(config::parse_size(""));
  CHECK_FALSE(config::parse_size("MB"));
  CHECK_FALSE(config::parse_size("1.5MB"));
  CHECK_FALSE(config::parse_size("-1"));
  CHECK_FALSE(config::parse_size("5 TB"));
  CHECK_FALSE(config::parse_size("99999999999999999999"));
  CHECK_FALSE(config::parse_size("17179869184GB"));  // 2^34 GB overflows 64 bits
}

TEST_CASE("max-size is read from the config and applies to the files it governs", "[config]") {
  TempDir dir;
  write(dir.path() / ".replylint.toml", "max-size = \"2KB\"\n");
  const config::Config config = load(dir.path() / ".replylint.toml");
  REQUIRE(config.max_size);
  CHECK(*config.max_size == 2048u);
  const config::Effective effective = config::resolve(config, dir.path() / "a.txt");
  CHECK(effective.max_size == 2048u);
  CHECK(effective.max_size_setting == "max-size in " + (dir.path() / ".replylint.toml").string());
  CHECK_FALSE(config::resolve(config::Config{}, dir.path() / "a.txt").max_size);
}

TEST_CASE("an unknown key far from every valid one gets no hint", "[config]") {
  TempDir dir;
  write(dir.path() / ".replylint.toml", "colour = true\n");
  try {
    load(dir.path() / ".replylint.toml");
    FAIL("no error");
  } catch (const InputError& error) {
    CHECK(error.line == 1);
    CHECK(std::string(error.what()) == "unknown key 'colour'");
  }
}

TEST_CASE("overrides apply to templates/legal/** and nowhere else", "[config]") {
  const config::Config config = load(fixture("project/.replylint.toml"));
  const fs::path root = fixture("project");

  const config::Effective legal = config::resolve(config, root / "templates/legal/contract.txt");
  CHECK_FALSE(legal.enabled(k_shouting));
  CHECK(legal.severity(k_shouting) == Severity::error);        // kept from the base
  CHECK(legal.options(k_shouting).integer("min-words") == 6);  // the override wins
  CHECK(legal.options(k_shouting).boolean("check-subject") == false);
  CHECK(legal.language == "en");
  CHECK(legal.words == std::vector<std::string>{"Tiendaverde", "ecoenvío", "hereinafter"});
  // The second override (**/*.txt) applies too, after the first.
  CHECK(legal.enabled(k_missing_quote));
  CHECK(legal.severity(k_missing_quote) == Severity::info);

  const config::Effective deep = config::resolve(config, root / "templates/legal/2024/es/nda.eml");
  CHECK_FALSE(deep.enabled(k_shouting));
  CHECK_FALSE(deep.enabled(k_missing_quote));  // not a .txt

  for (const char* other : {"templates/sales/offer.eml", "legal/templates/x.eml",
                            "templates/legal.eml", "reply.eml", "drafts/templates/legal/a.eml"}) {
    CAPTURE(other);
    const config::Effective effective = config::resolve(config, root / other);
    CHECK(effective.enabled(k_shouting));
    CHECK(effective.severity(k_shouting) == Severity::error);
    CHECK(effective.options(k_shouting).integer("min-words") == 4);
    CHECK(effective.language == "es");
    CHECK(effective.words == std::vector<std::string>{"Tiendaverde", "ecoenvío"});
    CHECK_FALSE(effective.enabled(k_missing_quote));
  }

  // A relative path is resolved against the working directory, like the driver's inputs.
  const fs::path old_cwd = fs::current_path();
  fs::current_path(root);
  const config::Effective relative = config::resolve(config, "templates/legal/contract.txt");
  fs::current_path(old_cwd);
  CHECK_FALSE(relative.enabled(k_shouting));

  // A file outside the config's folder gets no overrides, even if its tail looks alike.
  const config::Effective outside =
      config::resolve(config, fixture("templates/legal/contract.txt"));
  CHECK(outside.enabled(k_shouting));
}

TEST_CASE("rule defaults come from RuleInfo", "[config]") {
  const config::Effective none = config::resolve(config::Config{}, "a.eml");
  for (const rules::RuleInfo* info : k_known) {
    CHECK(none.enabled(*info));
    CHECK(none.severity(*info) == info->default_severity);
  }
  CHECK(none.severity(k_visible) == Severity::error);
  CHECK(none.options(k_shouting).integer("min-words") == 3);
}

TEST_CASE("find_config walks up from a nested folder", "[config]") {
  TempDir dir;
  const fs::path nested = dir.path() / "clients" / "acme" / "2025" / "march";
  fs::create_directories(nested);
  write(nested / "reply.eml", "Subject: hola\n\nHola\n");

  // Whatever lies above the temp folder is not ours, so only check what we made.
  const auto above = config::find_config(dir.path().parent_path());

  write(dir.path() / ".replylint.toml", "language = \"es\"\n");
  CHECK(config::find_config(nested / "reply.eml") == dir.path() / ".replylint.toml");
  CHECK(config::find_config(nested) == dir.path() / ".replylint.toml");

  // The nearest one wins.
  write(dir.path() / "clients" / "acme" / ".replylint.toml", "language = \"en\"\n");
  CHECK(config::find_config(nested / "reply.eml") ==
        dir.path() / "clients" / "acme" / ".replylint.toml");
  CHECK(config::find_config(dir.path() / "clients") == dir.path() / ".replylint.toml");

  // A folder named .replylint.toml is not a config file.
  fs::remove(dir.path() / ".replylint.toml");
  fs::create_directories(dir.path() / ".replylint.toml");
  CHECK(config::find_config(dir.path() / "clients") == above);

  // A file that does not exist yet still searches from its folder.
  CHECK(config::find_config(nested / "not-yet.eml") ==
        dir.path() / "clients" / "acme" / ".replylint.toml");
}

TEST_CASE("glob_match's shortcut for **/*.ext answers as the general matcher", "[config]") {
  using config::glob_match;
  // "**/*.e[m]l" means the same as "**/*.eml" but takes the general path.
  for (const char* path :
       {"a.eml", "x/a.eml", "x/y/a.eml", ".eml", "a.eml/b", "a.emlx", "aeml", "x/", "x/.eml",
        "./a.eml", "dir.eml/", "\xFF.eml", "x/\xC3\xA9.eml", "a.EML"}) {
    INFO(path);
    CHECK(glob_match("**/*.eml", path) == glob_match("**/*.e[m]l", path));
    CHECK(glob_match("./**/*.eml", path) == glob_match("**/*.e[m]l", path));
  }
}

TEST_CASE("glob_match handles *, ?, [...] and **", "[config]") {
  using config::glob_match;
  CHECK(glob_match("templates/legal/**", "templates/legal/a.eml"));
  CHECK(glob_match("templates/legal/**", "templates/legal/x/y/z.eml"));
  CHECK_FALSE(glob_match("templates/legal/**", "templates/legal"));
  CHECK_FALSE(glob_match("templates/legal/**", "templates/legalese/a.eml"));
  CHECK_FALSE(glob_match("templates/legal/**", "other/templates/legal/a.eml"));
  CHECK(glob_match("templates/legal/", "templates/legal/a.eml"));
  CHECK(glob_match("./templates/*.eml", "templates/a.eml"));

  CHECK(glob_match("**/*.eml", "a.eml"));
  CHECK(glob_match("**/*.eml", "x/y/a.eml"));
  CHECK_FALSE(glob_match("**/*.eml", "x/y/a.txt"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK_FALSE(glob_match("a/**/b", "a/x/y/c"));
  CHECK(glob_match("a/**/**/b", "a/b"));

  CHECK(glob_match("*.eml", "a.eml"));
  CHECK_FALSE(glob_match("*.eml", "x/a.eml"));  // '*' never crosses '/'
  CHECK(glob_match("*", ".hidden"));
  CHECK(glob_match("draft-?.txt", "draft-1.txt"));
  CHECK_FALSE(glob_match("draft-?.txt", "draft-10.txt"));
  CHECK(glob_match("draft-?.txt", "draft-é.txt"));  // one code point, two bytes
  CHECK(glob_match("πρότυπα/*.eml", "πρότυπα/απάντηση.eml"));
  CHECK(glob_match("[ab]*.eml", "b1.eml"));
  CHECK_FALSE(glob_match("[ab]*.eml", "c1.eml"));
  CHECK(glob_match("[!ab]*.eml", "c1.eml"));
  CHECK(glob_match("v[0-9].txt", "v7.txt"));
  CHECK_FALSE(glob_match("v[0-9].txt", "vx.txt"));
  CHECK(glob_match("a[.txt", "a[.txt"));  // an unclosed '[' is literal
  CHECK(glob_match("*a*b*c*", "xxaxxbxxcxx"));
  CHECK_FALSE(glob_match("*a*b*c*", "xxaxxcxxbxx"));
  CHECK_FALSE(glob_match("", "a"));
  CHECK_FALSE(glob_match("a", ""));
}
