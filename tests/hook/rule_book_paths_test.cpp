// Every rule of the rule book reaches every path a user takes: `check` in each report format, the
// MCP server's lint_draft, and the sendmail hook, which refuses the message and names each rule.
// Two drafts hold one problem per rule: privacy and delivery (issue 12), tone and timing (13).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "hook/shell.hpp"

using namespace replylint::test;
using nlohmann::json;

namespace {

const fs::path k_fixtures = fs::path(REPLYLINT_TESTS_DIR) / "hook" / "fixtures";

struct Case {
  std::string file;
  std::set<std::string> rules;
};

const std::vector<Case> k_cases{
    {"rule-book-privacy-delivery.eml",
     {"confidential", "missing-attachment", "no-reply-sender", "personal-data",
      "referral-without-cc", "unfilled-placeholder", "unsubscribe-missing"}},
    {"rule-book-tone-timing.eml", {"dismissive-tone", "hostile-tone", "late-reply"}},
};

std::set<std::string> rules_in_json_report(const json& report) {
  std::set<std::string> rules;
  for (const json& d : report["files"][0]["diagnostics"]) rules.insert(d["rule"]);
  return rules;
}

// The rule ids `output` names as "[id]" (text, the hook) or "replylint id::" (github).
std::set<std::string> rules_named(const std::string& output, const std::set<std::string>& ids,
                                  const std::string& before, const std::string& after) {
  std::set<std::string> named;
  for (const std::string& id : ids)
    if (output.find(before + id + after) != std::string::npos) named.insert(id);
  return named;
}

}  // namespace

TEST_CASE("rule book: each rule is reported by check in every format", "[hook][rules]") {
  for (const Case& c : k_cases) {
    CAPTURE(c.file);
    TempDir dir;
    spit(dir.path / "draft.eml", slurp(k_fixtures / c.file));

    const Shell as_json = sh(dir.path, "\"$REPLYLINT\" check --format json draft.eml\n");
    CHECK(as_json.status == 1);
    CHECK(rules_in_json_report(json::parse(as_json.out)) == c.rules);

    const Shell as_sarif = sh(dir.path, "\"$REPLYLINT\" check --format sarif draft.eml\n");
    const json sarif = json::parse(as_sarif.out);
    std::set<std::string> in_sarif;
    for (const json& result : sarif["runs"][0]["results"]) in_sarif.insert(result["ruleId"]);
    CHECK(in_sarif == c.rules);

    const Shell as_text = sh(dir.path, "\"$REPLYLINT\" check draft.eml\n");
    CHECK(rules_named(as_text.out, c.rules, "[", "]") == c.rules);

    const Shell as_github = sh(dir.path, "\"$REPLYLINT\" check --format github draft.eml\n");
    CHECK(rules_named(as_github.out, c.rules, "replylint ", "::") == c.rules);
  }
}

TEST_CASE("rule book: each rule is reported by the MCP server's lint_draft", "[hook][rules]") {
  for (const Case& c : k_cases) {
    CAPTURE(c.file);
    TempDir dir;
    const json call{
        {"jsonrpc", "2.0"},
        {"id", 1},
        {"method", "tools/call"},
        {"params",
         {{"name", "lint_draft"}, {"arguments", {{"text", slurp(k_fixtures / c.file)}}}}}};
    const Shell r = sh(dir.path, "\"$REPLYLINT\" mcp\n", call.dump() + "\n");
    CHECK(r.status == 0);
    const json response = json::parse(r.out.substr(0, r.out.find('\n')));
    CHECK(rules_in_json_report(response["result"]["structuredContent"]) == c.rules);
  }
}

TEST_CASE("rule book: the sendmail hook refuses each draft and names every rule", "[hook][rules]") {
  for (const Case& c : k_cases) {
    CAPTURE(c.file);
    TempDir dir;
    const fs::path fake = fake_sendmail(dir.path);
    const Shell r = sh(dir.path, "\"$REPLYLINT\" sendmail -- '" + fake.string() + "' -oi\n",
                       slurp(k_fixtures / c.file));
    CHECK(r.status == 65);
    CHECK(!fs::exists(dir.path / "fake-sendmail.out"));
    CHECK(rules_named(r.err, c.rules, "[", "]") == c.rules);
  }
}
