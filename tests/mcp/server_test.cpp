// The MCP dispatcher, one message at a time: JSON-RPC shapes, the tools, the resources, and
// malformed input of every kind.
#include "mcp/server.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "cli/run.hpp"
#include "data/data.hpp"
#include "rules/catalogue.hpp"
#include "rules/rules.hpp"

namespace {

using nlohmann::json;
using replylint::mcp::Server;
namespace test = replylint::test;
namespace fs = std::filesystem;

struct Fixture {
  std::vector<std::string> logged;
  // The project (examples/) and the temporary folder (scratch files) are outside the folder the
  // tests run in.
  Server server{replylint::data::default_data(),
                {.dict_dir = {},
                 .allowed_dirs = {test::project_dir(), fs::temp_directory_path()},
                 .log = [this](std::string_view line) { logged.emplace_back(line); }}};

  // Sends one line; the parsed response, or null when there was none.
  json send(const std::string& line) {
    const auto response = server.handle_line(line);
    if (!response) return nullptr;
    CHECK(response->find('\n') == std::string::npos);
    return json::parse(*response);
  }
  json request(const json& id, const std::string& method, const json& params = json::object()) {
    return send(
        json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
  }
  json call(const std::string& tool, const json& arguments, int id = 7) {
    return request(id, "tools/call", {{"name", tool}, {"arguments", arguments}});
  }
};

json error_of(const json& id, int code) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}}}};
}

// The response without error.message and error.data, to compare shapes exactly.
json shape(json response) {
  if (response.contains("error")) {
    CHECK(response["error"]["message"].is_string());
    response["error"].erase("message");
    response["error"].erase("data");
  }
  return response;
}

// lint_draft's output schema as tools/list gives it.
json lint_output_schema(const json& list) { return list["result"]["tools"][0]["outputSchema"]; }

const std::string k_typo_draft =
    "Hola Ana,\n\nLe enviamos la respuetsa mañana.\n\nUn saludo,\nLuis\n";

}  // namespace

TEST_CASE("mcp: initialize agrees on a protocol version and announces tools and resources",
          "[agent]") {
  Fixture f;
  CHECK(f.server.protocol_version().empty());
  const json response = f.request(1, "initialize",
                                  {{"protocolVersion", "2025-06-18"},
                                   {"capabilities", json::object()},
                                   {"clientInfo", {{"name", "test"}, {"version", "1"}}}});
  CHECK(response ==
        json{{"jsonrpc", "2.0"},
             {"id", 1},
             {"result",
              {{"protocolVersion", "2025-06-18"},
               {"capabilities",
                {{"tools", {{"listChanged", false}}},
                 {"resources", {{"listChanged", false}, {"subscribe", false}}}}},
               {"serverInfo",
                {{"name", "replylint"}, {"title", "replylint"}, {"version", REPLYLINT_VERSION}}},
               {"instructions", response["result"]["instructions"]}}}});
  CHECK(response["result"]["instructions"].get<std::string>().find("lint_draft") !=
        std::string::npos);

  for (const char* version : {"2024-11-05", "2025-03-26", "2025-06-18"}) {
    CAPTURE(version);
    CHECK(f.request(2, "initialize", {{"protocolVersion", version}})["result"]["protocolVersion"] ==
          version);
    CHECK(f.server.protocol_version() == version);
  }
  // A version the server does not know: it answers with its latest, the client decides.
  CHECK(f.request(3, "initialize",
                  {{"protocolVersion", "2099-01-01"}})["result"]["protocolVersion"] ==
        "2025-06-18");
  CHECK(shape(f.request(4, "initialize", json::object())) == error_of(4, -32602));
  CHECK(shape(f.request(5, "initialize", {{"protocolVersion", 20250618}})) == error_of(5, -32602));
}

TEST_CASE("mcp: ping answers an empty result; notifications are never answered", "[agent]") {
  Fixture f;
  CHECK(f.request("p-1", "ping") ==
        json{{"jsonrpc", "2.0"}, {"id", "p-1"}, {"result", json::object()}});
  CHECK(f.send(R"({"jsonrpc":"2.0","method":"ping"})").is_null());
  CHECK(f.send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})").is_null());
  CHECK(f.send(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":3}})")
            .is_null());
  CHECK(f.send(R"({"jsonrpc":"2.0","method":"no/such/notification","params":17})").is_null());
  CHECK(f.send(R"({"jsonrpc":"2.0","method":"tools/call","params":{"name":"nope"}})").is_null());
  // A response from the client (to a request this server never sends) is not answered either.
  CHECK(f.send(R"({"jsonrpc":"2.0","id":9,"result":{}})").is_null());
  CHECK(f.send(R"({"jsonrpc":"2.0","id":9,"error":{"code":1,"message":"x"}})").is_null());
  // Blank lines between messages are tolerated; a trailing CR is ignored.
  CHECK(f.send("").is_null());
  CHECK(f.send("  \t").is_null());
  CHECK(f.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r")["result"] == json::object());
}

TEST_CASE("mcp: malformed messages get the JSON-RPC error codes", "[agent]") {
  Fixture f;
  SECTION("parse error -32700, id null") {
    for (const std::string line :
         {"{", "garbage", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"", "\xff\xfe",
          "{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"ping\"}", "[1,]"}) {
      CAPTURE(line);
      CHECK(shape(f.send(line)) == error_of(nullptr, -32700));
    }
  }
  SECTION("invalid request -32600") {
    for (const std::string line :
         {"[]", R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])", "17", "\"ping\"", "null", "{}",
          R"({"jsonrpc":"2.0","id":true,"method":"ping"})",
          R"({"jsonrpc":"2.0","id":null,"method":"ping"})",
          R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})"}) {
      CAPTURE(line);
      CHECK(shape(f.send(line)) == error_of(nullptr, -32600));
    }
    // When the id can be read, the error carries it.
    CHECK(shape(f.send(R"({"id":3,"method":"ping"})")) == error_of(3, -32600));
    CHECK(shape(f.send(R"({"jsonrpc":"1.0","id":"a","method":"ping"})")) == error_of("a", -32600));
    CHECK(shape(f.send(R"({"jsonrpc":"2.0","id":4,"method":12})")) == error_of(4, -32600));
    CHECK(shape(f.send(R"({"jsonrpc":"2.0","id":5,"method":"ping","params":"x"})")) ==
          error_of(5, -32600));
  }
  SECTION("method not found -32601") {
    const json r = f.request(6, "tools/run");
    CHECK(shape(r) == error_of(6, -32601));
    CHECK(r["error"]["message"].get<std::string>().find("tools/run") != std::string::npos);
    CHECK(shape(f.request(7, "logging/setLevel", {{"level", "debug"}})) == error_of(7, -32601));
  }
  SECTION("invalid params -32602") {
    CHECK(shape(f.send(R"({"jsonrpc":"2.0","id":8,"method":"tools/call","params":[1,2]})")) ==
          error_of(8, -32602));
    CHECK(shape(f.request(9, "tools/call")) == error_of(9, -32602));
    CHECK(shape(f.request(10, "tools/call", {{"name", 3}})) == error_of(10, -32602));
    CHECK(shape(f.request(11, "tools/call", {{"name", "lint_draft"}, {"arguments", "Hola"}})) ==
          error_of(11, -32602));
    CHECK(shape(f.request(12, "tools/call",
                          {{"name", "lint_draft"}, {"arguments", {}}, {"extra", 1}})) ==
          error_of(12, -32602));
    const json unknown_tool = f.call("lint", {{"text", "x"}}, 13);
    CHECK(shape(unknown_tool) == error_of(13, -32602));
    CHECK(unknown_tool["error"]["message"].get<std::string>().find("unknown tool 'lint'") !=
          std::string::npos);
    CHECK(shape(f.request(14, "resources/read")) == error_of(14, -32602));
  }
  // The server still answers after all of that.
  CHECK(f.request(99, "ping")["result"] == json::object());
  CHECK(!f.logged.empty());  // diagnostics about the server go to its log, never to the client
}

TEST_CASE("mcp: tools/list describes the four tools with their schemas", "[agent]") {
  Fixture f;
  const json r = f.request(1, "tools/list");
  REQUIRE(r["result"]["tools"].size() == 4);
  std::vector<std::string> names;
  for (const json& tool : r["result"]["tools"]) {
    names.push_back(tool["name"]);
    CHECK(tool["description"].get<std::string>().size() > 20);
    CHECK(tool["inputSchema"]["type"] == "object");
    CHECK(tool["annotations"]["readOnlyHint"] == true);
  }
  CHECK(names == std::vector<std::string>{"lint_draft", "fix_draft", "list_rules", "explain_rule"});
  const json& fix = r["result"]["tools"][1];
  CHECK(fix["inputSchema"]["properties"].size() == 6);
  CHECK(fix["inputSchema"]["properties"]["unsafe"]["type"] == "boolean");
  CHECK(fix["outputSchema"]["properties"]["report"] == lint_output_schema(r));
  const json& lint = r["result"]["tools"][0];
  CHECK(lint["inputSchema"]["properties"].size() == 5);
  CHECK(lint["inputSchema"]["additionalProperties"] == false);
  // The output schema is the shipped report schema, byte for byte the same document.
  CHECK(lint["outputSchema"] ==
        json::parse(test::slurp(test::project_dir() / "schemas" / "report.v1.json")));
  CHECK(r["result"]["tools"][3]["inputSchema"]["required"] == json::array({"id"}));
}

TEST_CASE("mcp: fix_draft returns the fixed draft, the fixes applied and what remains", "[agent]") {
  Fixture f;
  const std::string draft =
      "Subject: YOUR ORDER HAS NOT SHIPPED YET\n\nWe have checked your order and it left our "
      "warehouse this morning.\nIt should arrive on Friday.\n\n> WHERE IS MY ORDER\n";
  const json safe = f.call("fix_draft", {{"text", draft}, {"lang", "en"}})["result"];
  REQUIRE(safe["isError"] == false);
  const json& out = safe["structuredContent"];
  CHECK(out["changed"] == true);
  CHECK(out["draft"] ==
        "Subject: Your order has not shipped yet\n\nWe have checked your order and it left "
        "our warehouse this morning.\nIt should arrive on Friday.\n\n> WHERE IS MY ORDER\n");
  REQUIRE(out["applied"].size() == 1);
  CHECK(out["applied"][0]["rule"] == "shouting");
  CHECK(out["applied"][0]["fix"]["applicability"] == "safe");
  CHECK(out["applied"][0]["fix"]["edits"][0]["origin"] == "subject");
  CHECK(out["report"]["files"][0]["fixed"] == 1);
  // The greeting and the sign-off are unsafe fixes: they stay findings until 'unsafe' is set.
  std::set<std::string> remaining;
  for (const json& d : out["report"]["files"][0]["diagnostics"]) remaining.insert(d["rule"]);
  CHECK(remaining.count("missing-greeting") == 1);
  CHECK(remaining.count("missing-closing") == 1);
  const json unsafe =
      f.call("fix_draft", {{"text", draft}, {"lang", "en"}, {"unsafe", true}})["result"];
  CHECK(unsafe["structuredContent"]["applied"].size() == 3);
  CHECK(unsafe["structuredContent"]["draft"].get<std::string>().ends_with(
      "\n\n> WHERE IS MY ORDER\n"));
  CHECK(shape(f.call("fix_draft", {{"text", draft}, {"unsafe", "yes"}}, 4)) == error_of(4, -32602));
  // A path is read, never written; a clean draft comes back unchanged.
  const fs::path example = test::project_dir() / "examples" / "es-respuesta-correcta.eml";
  const std::string before = test::slurp(example);
  const json by_path = f.call("fix_draft", {{"path", example.string()}})["result"];
  CHECK(by_path["structuredContent"]["changed"] == false);
  CHECK(by_path["structuredContent"]["draft"] == before);
  CHECK(test::slurp(example) == before);
}

TEST_CASE("mcp: lint_draft returns the JSON report as text and as structuredContent", "[agent]") {
  Fixture f;
  const json r = f.call("lint_draft", {{"text", k_typo_draft}, {"lang", "es"}});
  REQUIRE(r.contains("result"));
  const json& result = r["result"];
  CHECK(result.size() == 3);
  CHECK(result["isError"] == false);
  REQUIRE(result["content"].size() == 1);
  CHECK(result["content"][0]["type"] == "text");
  CHECK(json::parse(result["content"][0]["text"].get<std::string>()) ==
        result["structuredContent"]);
  CHECK(result["structuredContent"] == json::parse(R"({"version": 1,
          "files": [{"path": "-", "language": "es",
                     "diagnostics": [{"rule": "spelling", "severity": "warning",
                                      "message": "unknown word 'respuetsa'",
                                      "line": 3, "column": 16, "end_line": 3, "end_column": 25,
                                      "text": "respuetsa", "suggestions": ["respuesta"],
                                      "fix": {"title": "replace with 'respuesta'",
                                              "applicability": "unsafe",
                                              "edits": [{"origin": "body", "start": 26, "end": 35,
                                                         "replacement": "respuesta", "line": 3,
                                                         "column": 16, "end_line": 3,
                                                         "end_column": 25}]}}]}],
          "summary": {"files": 1, "errors": 0, "warnings": 1, "infos": 0}})"));
}

TEST_CASE("mcp: lint_draft carries what an agent needs to act: spans, suggestions, addresses",
          "[agent]") {
  Fixture f;
  const std::string draft =
      "From: Soporte <soporte@tiendaverde.es>\n"
      "To: ana.garcia@gmail.com, pedro@hotmail.com, compras@empresa-uno.es\n"
      "Subject: Cambio de horario\n\n"
      "Hola a todos,\n\nLes escribimos para avisar del cambio de horario.\n";
  const json report = f.call(
      "lint_draft", {{"text", draft}, {"filename", "aviso.eml"}})["result"]["structuredContent"];
  CHECK(report["files"][0]["path"] == "aviso.eml");
  const json* found = nullptr;
  for (const json& d : report["files"][0]["diagnostics"])
    if (d["rule"] == "visible-recipients") found = &d;
  REQUIRE(found != nullptr);
  CAPTURE(found->dump());
  CHECK((*found)["line"] == 2);
  CHECK((*found)["text"] == "ana.garcia@gmail.com, pedro@hotmail.com, compras@empresa-uno.es");
  CHECK((*found)["column"] == 5);
  CHECK((*found)["end_column"] == 5 + (*found)["text"].get<std::string>().size());
  REQUIRE((*found)["addresses"].is_array());
  CHECK((*found)["addresses"].size() >= 2);
  for (const json& a : (*found)["addresses"])
    CHECK((*found)["text"].get<std::string>().find(a.get<std::string>()) != std::string::npos);
  CHECK((*found)["help"].get<std::string>().find("Bcc") != std::string::npos);
}

TEST_CASE("mcp: lint_draft reads a path and reports a bad one as a tool error", "[agent]") {
  Fixture f;
  const fs::path example = test::project_dir() / "examples" / "es-borrador-con-problemas.txt";
  const json ok = f.call("lint_draft", {{"path", example.string()}})["result"];
  CHECK(ok["isError"] == false);
  CHECK(ok["structuredContent"]["files"][0]["path"] == example.string());
  CHECK(ok["structuredContent"]["summary"]["errors"].get<int>() >= 1);

  const std::string missing_path = (test::project_dir() / "no" / "such" / "draft.eml").string();
  const json missing = f.call("lint_draft", {{"path", missing_path}}, 8);
  CHECK(missing ==
        json{{"jsonrpc", "2.0"},
             {"id", 8},
             {"result",
              {{"content", {{{"type", "text"}, {"text", missing["result"]["content"][0]["text"]}}}},
               {"isError", true}}}});
  CHECK(missing["result"]["content"][0]["text"] ==
        "replylint: error: " + missing_path + ": cannot read: no such file");

  const json bad_config = f.call(
      "lint_draft",
      {{"text", "Hola"}, {"config", (test::project_dir() / "no/such/.replylint.toml").string()}});
  CHECK(bad_config["result"]["isError"] == true);
  CHECK(bad_config["result"]["content"][0]["text"].get<std::string>().starts_with(
      "replylint: error: " + (test::project_dir() / "no/such/.replylint.toml").string()));
  const json empty = f.call("lint_draft", {{"text", ""}});
  CHECK(empty["result"]["isError"] == true);
}

TEST_CASE("mcp: lint_draft rejects arguments it cannot use with -32602", "[agent]") {
  Fixture f;
  for (const json& arguments :
       {json::object(), json{{"text", "a"}, {"path", "b"}}, json{{"text", 12}}, json{{"path", ""}},
        json{{"text", "a"}, {"lang", "fr"}}, json{{"text", "a"}, {"language", "es"}},
        json{{"path", "a.eml"}, {"filename", "b.eml"}}, json{{"text", "a"}, {"config", false}}}) {
    CAPTURE(arguments.dump());
    CHECK(shape(f.call("lint_draft", arguments, 3)) == error_of(3, -32602));
  }
  CHECK(f.call("lint_draft", {{"text", "a"}, {"language", "es"}})["error"]["message"] ==
        "unknown argument 'language' for lint_draft (known: 'text', 'path', 'filename', 'lang', "
        "'config')");
}

TEST_CASE("mcp: lint_draft applies the config and overrides found for filename, re-read each call",
          "[agent]") {
  Fixture f;
  const fs::path project = test::scratch_dir("mcp-config");
  std::ofstream(project / ".replylint.toml")
      << "[[overrides]]\nfiles = [\"templates/**\"]\nrules.spelling.enabled = false\n";
  const auto count = [&](const fs::path& name) {
    const json r = f.call("lint_draft", {{"text", k_typo_draft}, {"filename", name.string()}});
    INFO(r.dump());
    return r["result"]["structuredContent"]["files"][0]["diagnostics"].size();
  };
  CHECK(count(project / "templates" / "a.txt") == 0);
  CHECK(count(project / "drafts" / "a.txt") == 1);
  // An agent that edits the config sees the change on its next call.
  std::ofstream(project / ".replylint.toml") << "words = [\"respuetsa\"]\n";
  CHECK(count(project / "drafts" / "a.txt") == 0);

  // An explicit config replaces the walk-up.
  std::ofstream(project / "strict.toml") << "[rules.spelling]\nseverity = \"error\"\n";
  const json r = f.call("lint_draft",
                        {{"text", k_typo_draft}, {"config", (project / "strict.toml").string()}});
  CHECK(r["result"]["structuredContent"]["files"][0]["diagnostics"][0]["severity"] == "error");
}

TEST_CASE("mcp: list_rules and explain_rule give the catalogue and the docs", "[agent]") {
  Fixture f;
  const json list = f.call("list_rules", json::object())["result"];
  CHECK(list["isError"] == false);
  CHECK(list["structuredContent"] == replylint::rules::catalogue_json());
  CHECK(json::parse(list["content"][0]["text"].get<std::string>()) == list["structuredContent"]);
  CHECK(shape(f.call("list_rules", {{"x", 1}}, 4)) == error_of(4, -32602));

  const json explain = f.call("explain_rule", {{"id", "shouting"}})["result"];
  CHECK(explain["isError"] == false);
  const std::string docs = explain["content"][0]["text"];
  CHECK(docs.starts_with("# shouting\n"));
  CHECK(docs.find("## Why") != std::string::npos);
  const json unknown = f.call("explain_rule", {{"id", "shoutin"}})["result"];
  CHECK(unknown["isError"] == true);
  CHECK(unknown["content"][0]["text"].get<std::string>().starts_with(
      "unknown rule 'shoutin' (rules: " + replylint::rules::registry().front().info.id + ","));
  CHECK(shape(f.call("explain_rule", json::object(), 5)) == error_of(5, -32602));
}

TEST_CASE("mcp: one resource per rule holds its Markdown docs", "[agent]") {
  Fixture f;
  const json list = f.request(1, "resources/list")["result"]["resources"];
  REQUIRE(list.size() == replylint::rules::registry().size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& info = replylint::rules::registry()[i].info;
    const std::string uri = "replylint://rules/" + info.id;
    CHECK(list[i]["uri"] == uri);
    CHECK(list[i]["name"] == info.id);
    CHECK(list[i]["mimeType"] == "text/markdown");
    const json read = f.request(2, "resources/read", {{"uri", uri}});
    CHECK(read == json{{"jsonrpc", "2.0"},
                       {"id", 2},
                       {"result",
                        {{"contents",
                          {{{"uri", uri},
                            {"mimeType", "text/markdown"},
                            {"text", replylint::rules::explain_markdown(info)}}}}}}});
    CHECK(list[i]["size"] == replylint::rules::explain_markdown(info).size());
  }
  const json templates = f.request(3, "resources/templates/list")["result"]["resourceTemplates"];
  CHECK(templates[0]["uriTemplate"] == "replylint://rules/{id}");
  // An unknown resource is invalid params (SEP-2164), with the uri in data.
  const json missing = f.request(4, "resources/read", {{"uri", "replylint://rules/nope"}});
  CHECK(shape(missing) == error_of(4, -32602));
  CHECK(missing["error"]["data"] == json{{"uri", "replylint://rules/nope"}});
  CHECK(shape(f.request(5, "resources/read", {{"uri", "file:///etc/passwd"}})) ==
        error_of(5, -32602));
}

TEST_CASE("mcp: no input line makes the server throw or answer anything but one JSON-RPC line",
          "[agent]") {
  Fixture f;
  const std::vector<std::string> seeds = {
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}})",
      R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lint_draft","arguments":{"text":"Hola,\n\nLA RESPUETSA\n> cita"}}})",
      R"({"jsonrpc":"2.0","id":"x","method":"resources/read","params":{"uri":"replylint://rules/spelling"}})",
      R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"explain_rule","arguments":{"id":"shouting"}}})",
      R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
  };
  std::mt19937 random(4);  // fixed seed: the same lines every run
  const std::string alphabet = "{}[]\":,0123456789.-eE\\ntruefalsenull \xce\xb1\xff";
  int answered = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string line = seeds[random() % seeds.size()];
    for (int edits = 1 + static_cast<int>(random() % 4); edits > 0; --edits) {
      const std::size_t at = random() % (line.size() + 1);
      switch (random() % 3) {
        case 0:
          line.insert(at, 1, alphabet[random() % alphabet.size()]);
          break;
        case 1:
          if (at < line.size()) line.erase(at, 1);
          break;
        default:
          line.resize(at);
          break;
      }
    }
    std::optional<std::string> response;
    REQUIRE_NOTHROW(response = f.server.handle_line(line));
    if (!response) continue;
    ++answered;
    CAPTURE(line, *response);
    REQUIRE(response->find('\n') == std::string::npos);
    const json r = json::parse(*response);
    REQUIRE(r["jsonrpc"] == "2.0");
    REQUIRE(r.contains("id"));
    REQUIRE(r.contains("result") != r.contains("error"));
    if (r.contains("error")) CHECK(r["error"]["code"].get<int>() != -32603);
  }
  CHECK(answered > 2000);
}

TEST_CASE("mcp: serve answers line by line and ends at end of input", "[agent]") {
  replylint::mcp::Server server(replylint::data::default_data(), {});
  std::istringstream in(
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n"
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
      "nonsense\n"
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");  // no final newline
  std::ostringstream out;
  CHECK(replylint::mcp::serve(server, in, out) == 0);
  CHECK(out.str() ==
        "{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{}}\n"
        "{\"error\":{\"code\":-32700,\"data\":\"[json.exception.parse_error.101] parse error at "
        "line 1, column 2: "
        "syntax error while parsing value - invalid literal; last read: 'no'\",\"message\":\"Parse "
        "error\"},"
        "\"id\":null,\"jsonrpc\":\"2.0\"}\n"
        "{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":{}}\n");
}

namespace {

// Runs the test in `dir` as the working folder and goes back afterwards: the server confines
// `path` to the folder it was started in.
struct InFolder {
  fs::path before = fs::current_path();
  explicit InFolder(const fs::path& dir) { fs::current_path(dir); }
  ~InFolder() { fs::current_path(before); }
};

const std::string k_secret = "API_TOKEN=s3cr3t-do-not-leak";

// scratch/work (the server's folder, with a draft, a config and two symlinks out), scratch/outside
// (a secret and a draft) and scratch/work-evil (a sibling whose name starts like work).
fs::path confinement_tree() {
  const fs::path root = test::scratch_dir("mcp-confine");
  fs::create_directories(root / "work" / "sub");
  fs::create_directories(root / "outside");
  fs::create_directories(root / "work-evil");
  std::ofstream(root / "outside" / ".env") << k_secret << "\n";
  std::ofstream(root / "outside" / "draft.txt") << k_typo_draft;
  std::ofstream(root / "outside" / "lax.toml") << "[rules.spelling]\nenabled = false\n";
  std::ofstream(root / "work-evil" / "draft.txt") << k_secret << "\n";
  std::ofstream(root / "work" / "sub" / "draft.txt") << k_typo_draft;
  std::ofstream(root / "work" / "strict.toml") << "[rules.spelling]\nseverity = \"error\"\n";
  fs::create_symlink(root / "outside" / ".env", root / "work" / "env-link.txt");
  fs::create_directory_symlink(root / "outside", root / "work" / "out-link");
  return root;
}

std::string tool_text(const json& response) {
  INFO(response.dump());
  return response["result"]["content"][0]["text"].get<std::string>();
}

}  // namespace

TEST_CASE("mcp: lint_draft reads no file outside the server's folder unless allowed", "[agent]") {
  const fs::path root = confinement_tree();
  InFolder in(root / "work");
  std::vector<std::string> logged;
  Server server(replylint::data::default_data(),
                {.dict_dir = {}, .log = [&](std::string_view line) { logged.emplace_back(line); }});
  auto call = [&](const json& arguments) {
    const auto response =
        server.handle_line(json{{"jsonrpc", "2.0"},
                                {"id", 1},
                                {"method", "tools/call"},
                                {"params", {{"name", "lint_draft"}, {"arguments", arguments}}}}
                               .dump());
    REQUIRE(response);
    CHECK(response->find("s3cr3t") == std::string::npos);
    return json::parse(*response);
  };

  for (const std::string& path :
       {std::string("../outside/.env"), (root / "outside" / ".env").string(),
        std::string("env-link.txt"), std::string("out-link/.env"),
        std::string("out-link/draft.txt"), std::string("../work-evil/draft.txt"),
        std::string("sub/../../outside/.env"), std::string("/etc/shadow")}) {
    INFO(path);
    const json r = call({{"path", path}});
    CHECK(r["result"]["isError"] == true);
    CHECK_THAT(tool_text(r), Catch::Contains("outside the server's working folder") &&
                                 Catch::Contains("--allow-path"));
  }
  const json config_out = call({{"text", k_typo_draft}, {"config", "../outside/lax.toml"}});
  CHECK(config_out["result"]["isError"] == true);
  CHECK_THAT(tool_text(config_out), Catch::Contains("'config'"));

  // Inside, by a relative or an absolute name, works as before.
  for (const std::string& path :
       {std::string("sub/draft.txt"), (root / "work" / "sub" / "draft.txt").string()}) {
    INFO(path);
    const json r = call({{"path", path}});
    CHECK(r["result"]["isError"] == false);
    CHECK(r["result"]["structuredContent"]["files"][0]["diagnostics"].size() == 1);
  }
  const json config_in = call({{"text", k_typo_draft}, {"config", "strict.toml"}});
  CHECK(config_in["result"]["structuredContent"]["files"][0]["diagnostics"][0]["severity"] ==
        "error");
  for (const std::string& line : logged) CHECK(line.find("s3cr3t") == std::string::npos);
}

TEST_CASE("mcp: --allow-path opens one more folder, and only that one", "[agent]") {
  const fs::path root = confinement_tree();
  InFolder in(root / "work");
  Server server(replylint::data::default_data(), {.dict_dir = {}, .allowed_dirs = {"../outside"}});
  auto call = [&](const json& arguments) {
    return json::parse(
        *server.handle_line(json{{"jsonrpc", "2.0"},
                                 {"id", 1},
                                 {"method", "tools/call"},
                                 {"params", {{"name", "lint_draft"}, {"arguments", arguments}}}}
                                .dump()));
  };
  CHECK(call({{"path", "../outside/draft.txt"}})["result"]["isError"] == false);
  CHECK(call({{"path", "out-link/draft.txt"}})["result"]["isError"] == false);
  CHECK(call({{"path", "../work-evil/draft.txt"}})["result"]["isError"] == true);
  CHECK(call({{"text", k_typo_draft},
              {"config",
               "../outside/lax.toml"}})["result"]["structuredContent"]["files"][0]["diagnostics"]
            .empty());
}

TEST_CASE("mcp: one engine per config file, however it is spelled, and a bounded number of them",
          "[agent]") {
  const fs::path root = confinement_tree();
  InFolder in(root / "work");
  Server server(replylint::data::default_data(), {});
  auto lint = [&](const std::string& config) {
    const json r = json::parse(*server.handle_line(json{
        {"jsonrpc", "2.0"},
        {"id", 1},
        {"method", "tools/call"},
        {"params",
         {{"name", "lint_draft"}, {"arguments", {{"text", k_typo_draft}, {"config", config}}}}}}
                                                       .dump()));
    INFO(r.dump());
    return r["result"]["structuredContent"]["files"][0]["diagnostics"][0]["severity"]
        .get<std::string>();
  };
  for (const std::string& spelling : {"strict.toml", "./strict.toml", "sub/../strict.toml",
                                      ".//strict.toml", "./sub/.././strict.toml"})
    CHECK(lint(spelling) == "error");
  CHECK(lint((root / "work" / "strict.toml").string()) == "error");
  CHECK(server.cached_engines() == 1);

  for (int i = 0; i < 20; ++i) {
    const std::string name = "c" + std::to_string(i) + ".toml";
    std::ofstream(root / "work" / name)
        << "[rules.spelling]\nseverity = \"" << (i % 2 ? "error" : "info") << "\"\n";
    CHECK(lint(name) == (i % 2 ? "error" : "info"));
  }
  CHECK(server.cached_engines() == replylint::mcp::k_max_engines);
  CHECK(lint("strict.toml") == "error");  // evicted long ago, made again
}

TEST_CASE("mcp: an over-long line is refused without being held, and echoes are clipped",
          "[agent]") {
  Server server(replylint::data::default_data(), {});
  SECTION("a line longer than the limit, then a good one") {
    std::istringstream in(std::string(5000, 'x') +
                          "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n" +
                          std::string(3000, '{'));  // no newline before the end
    std::ostringstream out;
    CHECK(replylint::mcp::serve(server, in, out, 1000) == 0);
    std::istringstream lines(out.str());
    std::string first, second, third, more;
    REQUIRE(std::getline(lines, first));
    REQUIRE(std::getline(lines, second));
    REQUIRE(std::getline(lines, third));
    CHECK_FALSE(std::getline(lines, more));
    CHECK(shape(json::parse(first)) == error_of(nullptr, -32600));
    CHECK(json::parse(first)["error"]["message"] ==
          "Invalid Request: line of 5000 bytes is longer than the limit of 1000 bytes");
    CHECK(json::parse(second) == json{{"jsonrpc", "2.0"}, {"id", 2}, {"result", json::object()}});
    CHECK(shape(json::parse(third)) == error_of(nullptr, -32600));
  }
  SECTION("an invalid line is quoted in 200 bytes at most") {
    std::vector<std::string> logged;
    Server logging(
        replylint::data::default_data(),
        {.dict_dir = {}, .log = [&](std::string_view line) { logged.emplace_back(line); }});
    for (const std::string& line :
         {"\"" + std::string(1'000'000, 'a'), "[" + std::string(1'000'000, '1'),
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + std::string(1'000'000, 'm') + "\"}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"" + std::string(1'000'000, 'n') + "\"}"}) {
      const auto response = logging.handle_line(line);
      if (response) CHECK(response->size() < 1000);
    }
    REQUIRE_FALSE(logged.empty());
    for (const std::string& line : logged) CHECK(line.size() < 1000);
  }
  CHECK(replylint::mcp::clip("κόσμος", 3) == "κ… (10 more bytes)");  // never half a code point
  CHECK(replylint::mcp::clip("short") == "short");
}
