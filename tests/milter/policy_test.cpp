#include "milter/policy.hpp"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "util/error.hpp"

namespace fs = std::filesystem;
using namespace replylint;
using milter::Action;
using milter::Decision;

namespace {

// A config file in a fresh temporary folder, removed with the object.
struct TempConfig {
  explicit TempConfig(const std::string& text) {
    folder = fs::temp_directory_path() /
             ("replylint-milter-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    fs::create_directories(folder);
    path = folder / "replylint.toml";
    std::ofstream(path) << text;
  }
  ~TempConfig() {
    std::error_code ec;
    fs::remove_all(folder, ec);
  }
  static inline int count = 0;
  fs::path folder;
  fs::path path;
};

std::string load_error(const std::string& text) {
  TempConfig config(text);
  try {
    milter::load_settings(config.path);
  } catch (const InputError& e) {
    return e.describe().substr(config.path.string().size());
  }
  return "no error";
}

report::Finding finding(const std::string& rule, core::Severity severity,
                        const std::string& message, int line = 3) {
  report::Finding f;
  f.diagnostic.rule = rule;
  f.diagnostic.severity = severity;
  f.diagnostic.message = message;
  f.diagnostic.line = line;
  return f;
}

milter::Settings org_settings() {
  milter::Settings settings;
  settings.org_domains = {"tiendaverde.es"};
  return settings;
}

}  // namespace

TEST_CASE("milter settings: defaults, every key, top-level org-domains", "[milter]") {
  TempConfig plain("org-domains = [\"@TiendaVerde.es\"]\n");
  const milter::Settings defaults = milter::load_settings(plain.path);
  CHECK(defaults.socket == "unix:/run/replylint/milter.sock");
  CHECK(defaults.action == Action::tag);
  CHECK(defaults.on_error == milter::FailPolicy::tempfail);
  CHECK(defaults.fail_on == core::Severity::warning);
  CHECK(defaults.oversize_fails);
  CHECK(defaults.org_domains == std::vector<std::string>{"tiendaverde.es"});

  TempConfig full(R"(org-domains = ["tiendaverde.es"]
[milter]
socket = "inet:8890@127.0.0.1"
action = "reject"
fail-on = "error"
on-error = "accept"
max-size = "2MB"
oversize = "pass"
time-limit = "500ms"
tag-clean = false
org-domains = ["ejemplo.gr", "example.com"]
[milter.senders]
"ventas.ejemplo.gr" = "hold"
"Bot@Example.com" = "pass"
)");
  const milter::Settings s = milter::load_settings(full.path);
  CHECK(s.socket == "inet:8890@127.0.0.1");
  CHECK(s.action == Action::reject);
  CHECK(s.fail_on == core::Severity::error);
  CHECK(s.on_error == milter::FailPolicy::accept);
  CHECK(s.max_size == 2u * 1024 * 1024);
  CHECK_FALSE(s.oversize_fails);
  CHECK(s.time_limit == std::chrono::milliseconds(500));
  CHECK_FALSE(s.tag_clean);
  CHECK(s.org_domains == std::vector<std::string>{"ejemplo.gr", "example.com"});
  REQUIRE(s.senders.size() == 2);
  CHECK(std::ranges::count(s.senders,
                           std::pair<std::string, Action>{"ventas.ejemplo.gr", Action::hold}) == 1);
  CHECK(std::ranges::count(s.senders,
                           std::pair<std::string, Action>{"bot@example.com", Action::pass}) == 1);
}

TEST_CASE("milter settings: one-line errors with the line", "[milter]") {
  CHECK(load_error("[milter]\nacton = \"tag\"\n") ==
        ":2: unknown key 'acton' in [milter] (did you mean 'action'?)");
  CHECK(load_error("[milter]\naction = \"drop\"\n") ==
        ":2: unknown action 'drop' (expected 'reject', 'tag', 'hold' or 'pass')");
  CHECK(load_error("[milter]\non-error = \"bounce\"\n") ==
        ":2: unknown on-error 'bounce' (expected 'tempfail', 'accept' or 'reject')");
  CHECK(load_error("[milter]\noversize = \"skip\"\n") ==
        ":2: unknown oversize 'skip' (expected 'fail' or 'pass')");
  CHECK(load_error("[milter]\ntime-limit = \"soon\"\n") ==
        ":2: 'milter.time-limit' must be a duration such as \"20s\" or \"500ms\", found 'soon'");
  CHECK(load_error("[milter]\nsocket = \"/run/x.sock\"\n") ==
        ":2: 'milter.socket' must be \"unix:PATH\", \"local:PATH\" or \"inet:PORT@HOST\", found "
        "'/run/x.sock'");
  CHECK(load_error("[milter]\nsocket = \"inet:99999@localhost\"\n")
            .starts_with(":2: 'milter.socket'"));
  CHECK(load_error("[milter]\nmax-size = \"lots\"\n") ==
        ":2: 'milter.max-size' must be a size such as \"25MB\" or a number of bytes, found 'lots'");
  CHECK(load_error("[milter.senders]\n\"not an address\" = \"tag\"\n") ==
        ":2: 'not an address' in [milter.senders] is not an address or a domain name");
  CHECK(load_error("[milter.senders]\n\"x.es\" = \"maybe\"\n") ==
        ":2: unknown action 'maybe' (expected 'reject', 'tag', 'hold' or 'pass')");
  CHECK(load_error("milter = 3\n") == ":1: 'milter' must be a table, found integer");
  CHECK(load_error("[milter]\nfail-on = \"warn\"\n") ==
        ":2: unknown severity 'warn' (expected 'error', 'warning' or 'info')");
}

TEST_CASE("milter: durations", "[milter]") {
  using std::chrono::milliseconds;
  CHECK(milter::parse_duration("20s") == milliseconds(20000));
  CHECK(milter::parse_duration("20") == milliseconds(20000));
  CHECK(milter::parse_duration("250ms") == milliseconds(250));
  CHECK(milter::parse_duration("2m") == milliseconds(120000));
  CHECK_FALSE(milter::parse_duration("0s"));
  CHECK_FALSE(milter::parse_duration("-1s"));
  CHECK_FALSE(milter::parse_duration("1.5s"));
  CHECK_FALSE(milter::parse_duration("2h"));
}

TEST_CASE("milter: who is linted and how", "[milter]") {
  milter::Settings settings = org_settings();
  settings.senders = {{"ventas.tiendaverde.es", Action::reject},
                      {"bot@tiendaverde.es", Action::hold},
                      {"tiendaverde.es", Action::tag}};
  settings.action = Action::reject;
  CHECK(milter::bare_address("Ana Ruiz <Ana@TiendaVerde.es>") == "ana@tiendaverde.es");
  CHECK(milter::bare_address("<>").empty());
  CHECK(milter::domain_of("<ana@Tiendaverde.ES>") == "tiendaverde.es");
  // The address wins over its domain; a subdomain's own entry over its parent's.
  CHECK(milter::action_for(settings, "<bot@tiendaverde.es>") == Action::hold);
  CHECK(milter::action_for(settings, "ana@tiendaverde.es") == Action::tag);
  CHECK(milter::action_for(settings, "luis@ventas.tiendaverde.es") == Action::reject);
  CHECK(milter::action_for(settings, "eva@soporte.tiendaverde.es") == Action::tag);
  // Outside the organisation (incoming mail) and the null sender (bounces): never linted.
  CHECK(milter::action_for(settings, "cliente@gmail.com") == Action::pass);
  CHECK(milter::action_for(settings, "x@nottiendaverde.es") == Action::pass);
  CHECK(milter::action_for(settings, "<>") == Action::pass);
  settings.senders.clear();
  CHECK(milter::action_for(settings, "ana@tiendaverde.es") == Action::reject);
}

TEST_CASE("milter: a reject names the rules and never the masked value", "[milter]") {
  report::FileReport file;
  auto card = finding("personal-data", core::Severity::error,
                      "card number **** **** **** 1111 in the message body", 4);
  card.diagnostic.text = "**** **** **** 1111";
  file.findings = {card, finding("shouting", core::Severity::warning, "'URGENTE' in capitals", 7),
                   finding("typo-hint", core::Severity::info, "a hint", 8)};
  const Decision decision = milter::decide(org_settings(), Action::reject, file);
  CHECK(decision.kind == Decision::Kind::reject);
  CHECK(decision.code == "550");
  CHECK(decision.extended == "5.7.1");
  REQUIRE(decision.reply.size() == 3);  // info is below fail-on
  CHECK(decision.reply[0] == "replylint: the message was not sent: 1 error, 1 warning to fix");
  CHECK(decision.reply[1] ==
        "personal-data (error, line 4): card number **** **** **** 1111 in the message body");
  CHECK(decision.reply[2] == "shouting (warning, line 7): 'URGENTE' in capitals");
  CHECK(decision.headers.empty());
}

TEST_CASE("milter: reply lines are printable ASCII and bounded", "[milter]") {
  CHECK(milter::printable_ascii("«Γειά» σας\r\n  ok", 100) == "?????? ??? ok");
  CHECK(milter::printable_ascii(std::string(300, 'a'), 20) == std::string(17, 'a') + "...");
  report::FileReport file;
  for (int i = 0; i < 40; ++i)
    file.findings.push_back(finding("spelling", core::Severity::warning, "'palbra' misspelled", i));
  const Decision decision = milter::decide(org_settings(), Action::reject, file);
  CHECK(decision.reply.size() == milter::k_max_reply_lines);
  CHECK(decision.reply.back() == "... and 30 more");
}

TEST_CASE("milter: tag and hold add a verdict; clean mail as configured", "[milter]") {
  milter::Settings settings = org_settings();
  report::FileReport clean;
  Decision decision = milter::decide(settings, Action::tag, clean);
  CHECK(decision.kind == Decision::Kind::accept);
  REQUIRE(decision.headers.size() == 1);
  CHECK(decision.headers[0].first == "X-Replylint");
  CHECK(decision.headers[0].second.starts_with("pass; replylint "));
  settings.tag_clean = false;
  CHECK(milter::decide(settings, Action::tag, clean).headers.empty());
  CHECK(milter::decide(settings, Action::reject, clean).headers.empty());
  CHECK(milter::decide(settings, Action::reject, clean).kind == Decision::Kind::accept);

  report::FileReport dirty;
  dirty.findings = {finding("shouting", core::Severity::warning, "caps"),
                    finding("personal-data", core::Severity::error, "card"),
                    finding("shouting", core::Severity::warning, "caps again")};
  decision = milter::decide(settings, Action::tag, dirty);
  CHECK(decision.kind == Decision::Kind::accept);
  REQUIRE(decision.headers.size() == 2);
  CHECK(decision.headers[0].second.starts_with("fail (1 error, 2 warnings); replylint "));
  CHECK(decision.headers[1] ==
        std::pair<std::string, std::string>{"X-Replylint-Findings", "shouting, personal-data"});
  decision = milter::decide(settings, Action::hold, dirty);
  CHECK(decision.kind == Decision::Kind::hold);
  CHECK(decision.reason == "replylint: 1 error, 2 warnings: shouting, personal-data");
  CHECK(decision.headers.size() == 2);
  settings.fail_on = core::Severity::error;
  CHECK(milter::decide(settings, Action::hold, dirty).headers[1].second == "personal-data");
}

TEST_CASE("milter: replylint's own failure follows on-error", "[milter]") {
  milter::Settings settings = org_settings();
  Decision decision = milter::decide_failure(settings, "over the time limit of 20s");
  CHECK(decision.kind == Decision::Kind::tempfail);
  CHECK(decision.code == "451");
  CHECK(decision.extended == "4.7.1");
  CHECK(decision.reason == "replylint could not check the message: over the time limit of 20s");
  settings.on_error = milter::FailPolicy::reject;
  decision = milter::decide_failure(settings, "parse error");
  CHECK(decision.kind == Decision::Kind::reject);
  CHECK(decision.code == "550");
  settings.on_error = milter::FailPolicy::accept;
  decision = milter::decide_failure(settings, "parse error");
  CHECK(decision.kind == Decision::Kind::accept);
  REQUIRE(decision.headers.size() == 1);
  CHECK(decision.headers[0].second.starts_with("unchecked (parse error); replylint "));
}
