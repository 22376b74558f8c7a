// Sensitive values are masked in one place (report::redact), so that no output can leak them:
// text, JSON, SARIF, GitHub annotations and the MCP result (which is the JSON report).
#include <catch2/catch.hpp>

#include "core/mask.hpp"
#include "data/data.hpp"
#include "engine/engine.hpp"
#include "report/render.hpp"
#include "report/report.hpp"
#include "rules/rule.hpp"
#include "text/text.hpp"

using namespace replylint;

namespace {

const std::string k_card = "4111 1111 1111 1111";
const std::string k_password = "Tk93!mq";
const std::string k_draft_text = "Hola Ana,\n\nSu tarjeta " + k_card + " y la clave " + k_password +
                                 " NO FUNCIONAN EN LA TIENDA.\n";

// Every substring of a raw secret that would give part of it away.
const std::vector<std::string> k_leaks = {
    k_card, "4111 1111 1111", "4111 1111", "Tk93!mq", "Tk93", "!mq", "mq"};

draft::Draft body_draft(std::string text) {
  message::Message m;
  m.path = "a.eml";
  m.body.text = std::move(text);
  m.body.in_file = true;
  m.body.first_line = 1;
  return draft::Draft(std::move(m));
}

report::Diagnostic diagnostic(const char* rule, std::string message, std::size_t begin,
                              std::size_t end) {
  report::Diagnostic d;
  d.rule = rule;
  d.message = std::move(message);
  d.location.range = {begin, end};
  return d;
}

// What every renderer prints for `file`, one string.
std::string render_everything(const report::FileReport& file) {
  report::Report r;
  r.files.push_back(file);
  std::string out = report::render_text(r, {});
  out += report::render_text(r, {.color = true});
  out += report::render_json(r);
  out += report::to_json(r).dump();
  out += report::to_sarif(r, {}, {}).dump();
  out += report::render_github(r);
  return out;
}

void check_no_leak(const std::string& rendered) {
  for (const std::string& leak : k_leaks) {
    INFO("leak: " << leak);
    CHECK(rendered.find(leak) == std::string::npos);
  }
}

// A rule the registry does not hold: reports the card and the password as sensitive, as the
// personal-data rule will.
const rules::RuleInfo k_secret_info{
    "test-secret", rules::Category::privacy, core::Severity::error, "secrets in own text", "", {}};

class SecretRule final : public rules::Rule {
 public:
  const rules::RuleInfo& info() const override { return k_secret_info; }
  void check(const draft::Draft& draft, rules::Reporter& out) const override {
    const std::string& text = draft.text();
    if (const auto at = text.find(k_card); at != std::string::npos)
      out.report({at, at + k_card.size()}, "card number '{}' in own text", k_card)
          .help("remove it")
          .sensitive();
    if (const auto at = text.find(k_password); at != std::string::npos)
      out.report({at, at + k_password.size()}, "password in own text")
          .suggest(k_password + "?")
          .sensitive(core::Masking::full);
  }
};

}  // namespace

TEST_CASE("mask hides all but the last four of a long value and all of a short one",
          "[report][redact]") {
  CHECK(core::mask(k_card, core::Masking::last_four) == "**** **** **** 1111");
  CHECK(core::mask(k_card, core::Masking::full) == "**** **** **** ****");
  CHECK(core::mask(k_password, core::Masking::last_four) == "*******");  // too short to show any
  CHECK(core::mask("12345678Z", core::Masking::last_four) == "*********");
  CHECK(core::mask("123456789012", core::Masking::last_four) == "********9012");
  CHECK(core::mask("", core::Masking::last_four).empty());
}

TEST_CASE("mask works per code point on multibyte text and keeps the columns", "[report][redact]") {
  const std::string greek = "ΑΒΓΔ ΕΖΗΘ ΙΚΛΜ ΝΞΟΠ";
  CHECK(core::mask(greek, core::Masking::last_four) == "**** **** **** ΝΞΟΠ");
  const std::string mixed =
      "ñandú\u00a0日本語€x";  // a no-break space stays, as all whitespace does
  const std::string masked = core::mask(mixed, core::Masking::full);
  CHECK(masked == "*****\u00a0*****");
  CHECK(text::count_code_points(masked) == text::count_code_points(mixed));
  const std::vector<bool> hidden = core::hidden_code_points(greek, core::Masking::last_four);
  REQUIRE(hidden.size() == 19);
  CHECK(hidden[0]);
  CHECK_FALSE(hidden[4]);  // the space
  CHECK_FALSE(hidden[18]);
  // An invalid byte is one code point and is hidden like the others.
  CHECK(core::mask("ab\xff", core::Masking::full) == "***");
}

TEST_CASE("redact masks a sensitive value and every overlapping finding in every format",
          "[report][redact]") {
  const draft::Draft d = body_draft(k_draft_text);
  const std::string& text = d.text();
  const std::size_t card = text.find(k_card);
  const std::size_t password = text.find(k_password);
  const std::size_t tail = password + 5;  // "mq", the tail of the password
  const std::size_t shout = text.find("NO FUNCIONAN");

  report::Resolver resolver(d);
  report::FileReport file;
  file.path = "a.eml";
  report::Diagnostic secret = diagnostic(
      "personal-data", "card number '" + k_card + "' in own text", card, card + k_card.size());
  secret.sensitive = core::Masking::last_four;
  file.findings.push_back(resolver.resolve(secret));
  report::Diagnostic pass =
      diagnostic("personal-data", "password in own text", password, password + k_password.size());
  pass.sensitive = core::Masking::full;
  file.findings.push_back(resolver.resolve(pass));
  report::Diagnostic spelling = diagnostic("spelling", "unknown word 'mq'", tail, tail + 2);
  spelling.suggestions = {"mq.", "Mq"};
  spelling.fix =
      core::Fix{"replace with 'mq.'", core::Applicability::unsafe, {{spelling.location, "mq."}}};
  file.findings.push_back(resolver.resolve(spelling));
  report::Diagnostic shouting =
      diagnostic("shouting", "5 words in a row written in capitals", shout,
                 shout + std::string("NO FUNCIONAN EN LA TIENDA").size());
  shouting.fix = core::Fix{"write them in sentence case",
                           core::Applicability::safe,
                           {{shouting.location, "no funcionan en la tienda"}}};
  file.findings.push_back(resolver.resolve(shouting));
  report::sort_findings(file.findings);

  // Before redaction the report is the leak.
  CHECK(render_everything(file).find(k_password) != std::string::npos);

  report::redact(file);
  const std::string rendered = render_everything(file);
  check_no_leak(rendered);

  const std::string masked_line =
      "Su tarjeta **** **** **** 1111 y la clave ******* NO FUNCIONAN EN LA TIENDA.";
  for (const report::Finding& f : file.findings) {
    INFO(f.diagnostic.rule << ": " << f.diagnostic.message);
    CHECK(f.source_line == masked_line);
  }
  const auto find = [&](std::string_view rule, std::string_view start) -> const report::Finding& {
    for (const report::Finding& f : file.findings)
      if (f.diagnostic.rule == rule && f.diagnostic.message.starts_with(start)) return f;
    FAIL("no finding " << rule);
    return file.findings.front();
  };
  const report::Finding& card_finding = find("personal-data", "card");
  CHECK(card_finding.diagnostic.text == "**** **** **** 1111");
  CHECK(card_finding.diagnostic.message == "card number '**** **** **** 1111' in own text");
  const report::Finding& tail_finding = find("spelling", "unknown");
  CHECK(tail_finding.diagnostic.text == "**");
  CHECK(tail_finding.diagnostic.message == "unknown word '**'");
  CHECK(tail_finding.diagnostic.suggestions == std::vector<std::string>{"***", "**"});
  CHECK_FALSE(tail_finding.diagnostic.fix.has_value());  // it would rewrite part of the password
  // A finding that only shares the line keeps its text and its fix.
  const report::Finding& shout_finding = find("shouting", "5 words");
  CHECK(shout_finding.diagnostic.text == "NO FUNCIONAN EN LA TIENDA");
  CHECK(shout_finding.diagnostic.fix.has_value());

  // Positions and carets are unchanged: masking keeps the code points.
  CHECK(tail_finding.diagnostic.column == text::count_code_points(text.substr(11, tail - 11)) + 1);
  CHECK(rendered.find("3 | " + masked_line + "\n") != std::string::npos);
  CHECK(rendered.find("  | " + std::string(47, ' ') + "^^\n") != std::string::npos);

  // Idempotent.
  const report::FileReport once = file;
  report::redact(file);
  CHECK(render_everything(file) == render_everything(once));
}

TEST_CASE("redact masks a subject and leaves a report without secrets alone", "[report][redact]") {
  message::Message m;
  m.path = "a.eml";
  m.subject = "Clave Tk93!mq";
  m.headers.push_back({"Subject", m.subject, 2, 10});
  const draft::Draft d(std::move(m));
  report::FileReport file;
  report::Diagnostic secret = diagnostic("personal-data", "password in the subject", 6, 13);
  secret.location.origin = report::Location::Origin::subject;
  secret.sensitive = core::Masking::full;
  file.findings.push_back(report::resolve(d, secret));
  report::redact(file);
  CHECK(file.findings[0].diagnostic.text == "*******");
  CHECK(file.findings[0].source_line == "Subject: Clave *******");
  check_no_leak(render_everything(file));

  report::FileReport plain;
  report::Diagnostic word = diagnostic("spelling", "unknown word 'mq'", 6, 8);
  plain.findings.push_back(report::resolve(body_draft("Clave Tk93!mq\n"), word));
  const report::FileReport before = plain;
  report::redact(plain);
  CHECK(render_everything(plain) == render_everything(before));
}

TEST_CASE("the engine masks sensitive findings before any renderer or the MCP server sees them",
          "[report][redact]") {
  engine::Options options;
  options.language = "es";
  options.extra_rules.push_back(
      {k_secret_info, [](const rules::RuleContext&) -> std::unique_ptr<rules::Rule> {
         return std::make_unique<SecretRule>();
       }});
  engine::Engine engine(data::default_data(), std::move(options));
  const std::string draft = "Subject: Su pedido\nTo: ana@example.es\n\n" + k_draft_text;
  const report::FileReport file =
      engine.check_bytes("borrador.eml", draft, "/nonexistent/replylint-redact-test/borrador.eml");
  REQUIRE(file.error.empty());
  int secrets = 0, others = 0;
  // personal-data (a default rule) finds the same values: count the test rule's own.
  for (const report::Finding& f : file.findings)
    if (f.diagnostic.rule != "personal-data") (f.diagnostic.sensitive ? secrets : others) += 1;
  CHECK(secrets == 2);
  CHECK(others >= 1);  // shouting at least: its source line holds both values
  check_no_leak(render_everything(file));
  for (const std::string& warning : file.warnings) check_no_leak(warning);
}
