// A scripted MCP session through the real binary, started as docs/agents/mcp.json tells an agent
// host to start it: newline-delimited JSON-RPC on stdin and stdout, logs on stderr only.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "rules/rules.hpp"

namespace {

using namespace replylint::test;
using nlohmann::json;

// The command line docs/agents/mcp.json gives, with `replylint` being the built binary.
std::string server_command() {
  const json config = json::parse(slurp(project_dir() / "docs" / "agents" / "mcp.json"));
  const json& server = config["mcpServers"]["replylint"];
  REQUIRE(server["command"] == "replylint");
  std::string command = shell_quote(REPLYLINT_BINARY);
  for (const json& arg : server["args"]) command += " " + shell_quote(arg.get<std::string>());
  return command;
}

std::vector<json> responses(const std::string& out) {
  std::vector<json> lines;
  std::size_t at = 0;
  while (at < out.size()) {
    const std::size_t nl = out.find('\n', at);
    REQUIRE(nl != std::string::npos);  // every message ends with a newline
    lines.push_back(json::parse(out.substr(at, nl - at)));
    at = nl + 1;
  }
  return lines;
}

json error_shape(const json& response) {
  json copy = response;
  copy["error"].erase("message");
  copy["error"].erase("data");
  return copy;
}

}  // namespace

TEST_CASE("mcp session through the binary: handshake, tools, resources, malformed input",
          "[agent]") {
  const std::string draft = "Hola Ana,\n\nLe enviamos la respuetsa mañana.\n\nUn saludo,\nLuis\n";
  const std::vector<std::string> script = {
      json{{"jsonrpc", "2.0"},
           {"id", 1},
           {"method", "initialize"},
           {"params",
            {{"protocolVersion", "2025-06-18"},
             {"capabilities", json::object()},
             {"clientInfo", {{"name", "session-test"}, {"version", "1.0"}}}}}}
          .dump(),
      R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
      R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})",
      json{{"jsonrpc", "2.0"},
           {"id", 3},
           {"method", "tools/call"},
           {"params", {{"name", "lint_draft"}, {"arguments", {{"text", draft}}}}}}
          .dump(),
      R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"lint_draft","arguments":{"path":"examples/es-borrador-con-problemas.txt"}}})",
      R"({"jsonrpc":"2.0","id":5,"method":"resources/list"})",
      R"({"jsonrpc":"2.0","id":6,"method":"resources/read","params":{"uri":"replylint://rules/spelling"}})",
      R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"lint_draft")",
      R"({"jsonrpc":"2.0","id":8,"method":"prompts/list"})",
      R"({"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"lint_draft","arguments":{"text":42}}})",
      R"({"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"lint_draft","arguments":{"path":"no/such.eml"}}})",
      R"([{"jsonrpc":"2.0","id":11,"method":"ping"}])",
      R"({"jsonrpc":"2.0","id":"last","method":"ping"})",
  };
  std::string input;
  for (const std::string& line : script) input += line + "\n";
  const Run run = run_shell(server_command(), input);
  INFO(run.out << "\n--- stderr ---\n" << run.err);
  CHECK(run.status == 0);  // end of input ends the server cleanly
  // stderr holds only the server's own log lines.
  std::istringstream log(run.err);
  for (std::string line; std::getline(log, line);) CHECK(line.starts_with("replylint mcp: "));

  const std::vector<json> r = responses(run.out);
  REQUIRE(r.size() == 12);  // every request answered once, the notification not at all

  CHECK(r[0]["id"] == 1);
  CHECK(r[0]["result"]["protocolVersion"] == "2025-06-18");
  CHECK(r[0]["result"]["serverInfo"]["name"] == "replylint");
  CHECK(r[0]["result"]["capabilities"] ==
        json{{"tools", {{"listChanged", false}}},
             {"resources", {{"listChanged", false}, {"subscribe", false}}}});

  CHECK(r[1]["id"] == 2);
  REQUIRE(r[1]["result"]["tools"].size() == 4);
  CHECK(r[1]["result"]["tools"][0]["name"] == "lint_draft");

  const json expected_report = json::parse(R"({"version": 1,
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
      "summary": {"files": 1, "errors": 0, "warnings": 1, "infos": 0}})");
  CHECK(r[2] == json{{"jsonrpc", "2.0"},
                     {"id", 3},
                     {"result",
                      {{"content", {{{"type", "text"}, {"text", expected_report.dump()}}}},
                       {"structuredContent", expected_report},
                       {"isError", false}}}});

  CHECK(r[3]["id"] == 4);
  CHECK(r[3]["result"]["isError"] == false);
  const json& by_path = r[3]["result"]["structuredContent"];
  CHECK(by_path["files"][0]["path"] == "examples/es-borrador-con-problemas.txt");
  // The same report the command line gives for that file.
  CHECK(
      by_path ==
      json::parse(run_replylint("check --format json examples/es-borrador-con-problemas.txt").out));

  CHECK(r[4]["id"] == 5);
  CHECK(r[4]["result"]["resources"].size() == replylint::rules::registry().size());
  CHECK(r[5] == json{{"jsonrpc", "2.0"},
                     {"id", 6},
                     {"result",
                      {{"contents",
                        {{{"uri", "replylint://rules/spelling"},
                          {"mimeType", "text/markdown"},
                          {"text", run_replylint("explain spelling").out}}}}}}});

  CHECK(error_shape(r[6]) ==
        json{{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32700}}}});
  CHECK(r[6]["error"]["message"] == "Parse error");
  CHECK(error_shape(r[7]) == json{{"jsonrpc", "2.0"}, {"id", 8}, {"error", {{"code", -32601}}}});
  CHECK(r[7]["error"]["message"] == "Method not found: 'prompts/list'");
  CHECK(error_shape(r[8]) == json{{"jsonrpc", "2.0"}, {"id", 9}, {"error", {{"code", -32602}}}});
  CHECK(r[8]["error"]["message"] == "'text' must be a string");
  CHECK(r[9] == json{{"jsonrpc", "2.0"},
                     {"id", 10},
                     {"result",
                      {{"content",
                        {{{"type", "text"},
                          {"text", "replylint: error: no/such.eml: cannot read: no such file"}}}},
                       {"isError", true}}}});
  CHECK(error_shape(r[10]) ==
        json{{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32600}}}});
  CHECK(r[11] == json{{"jsonrpc", "2.0"}, {"id", "last"}, {"result", json::object()}});

  // What lint_draft returns validates against the shipped schema, with the real validator.
  const fs::path dir = scratch_dir("mcp-session");
  std::ofstream(dir / "a.json") << r[2]["result"]["structuredContent"].dump();
  std::ofstream(dir / "b.json") << r[3]["result"]["structuredContent"].dump();
  const Run v = run_shell(
      std::string(k_debian_python) + " tests/schemas/validate_json.py schemas/report.v1.json " +
      shell_quote((dir / "a.json").string()) + " " + shell_quote((dir / "b.json").string()));
  INFO(v.out << v.err);
  CHECK(v.status == 0);
}

TEST_CASE("mcp server ends with 0 at end of input, even mid-message", "[agent]") {
  const Run empty = run_shell(server_command(), "");
  CHECK(empty.status == 0);
  CHECK(empty.out.empty());
  const Run cut = run_shell(server_command(), R"({"jsonrpc":"2.0","id":1,"method":"ping"})"
                                              "\n"
                                              R"({"jsonrpc":"2.0","id":2,"meth)");
  CHECK(cut.status == 0);
  const std::vector<json> r = responses(cut.out);
  REQUIRE(r.size() == 2);
  CHECK(r[0]["result"] == json::object());
  CHECK(r[1]["error"]["code"] == -32700);
}

TEST_CASE("the Python snippet for agents runs replylint check --format json -", "[agent]") {
  const std::string bin_dir = fs::path(REPLYLINT_BINARY).parent_path().string();
  const Run r = run_shell("PATH=" + shell_quote(bin_dir) + ":\"$PATH\" " + k_debian_python +
                          " docs/agents/check_draft.py");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "3:16-3:25 warning[spelling] unknown word 'respuetsa' -> respuesta\n");
}

TEST_CASE("the README's by-hand MCP session works as printed", "[agent]") {
  const std::string bin_dir = fs::path(REPLYLINT_BINARY).parent_path().string();
  const Run r = run_shell("PATH=" + shell_quote(bin_dir) + ":\"$PATH\" sh docs/agents/try_mcp.sh");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  const std::vector<json> lines = responses(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["result"]["serverInfo"]["name"] == "replylint");
  const json& report = lines[1]["result"]["structuredContent"];
  REQUIRE(report["files"][0]["diagnostics"].size() == 1);
  CHECK(report["files"][0]["diagnostics"][0]["suggestions"] == json::array({"respuesta"}));
}

TEST_CASE("mcp server through the binary: a path outside its folder needs --allow-path",
          "[agent]") {
  const fs::path root = scratch_dir("mcp-allow");
  fs::create_directories(root / "work");
  fs::create_directories(root / "outside");
  std::ofstream(root / "outside" / "draft.txt")
      << "Hola Ana,\n\nLe enviamos la respuetsa mañana.\n";
  const std::string request =
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lint_draft","arguments":{"path":"../outside/draft.txt"}}})"
      "\n";
  const Run refused = run_shell(server_command(), request, root / "work");
  REQUIRE(responses(refused.out).size() == 1);
  const json no = responses(refused.out)[0]["result"];
  CHECK(no["isError"] == true);
  CHECK(no["content"][0]["text"].get<std::string>().find("respuetsa") == std::string::npos);

  const Run allowed =
      run_shell(server_command() + " --allow-path ../outside", request, root / "work");
  REQUIRE(responses(allowed.out).size() == 1);
  const json yes = responses(allowed.out)[0]["result"];
  CHECK(yes["isError"] == false);
  CHECK(yes["structuredContent"]["files"][0]["diagnostics"].size() == 1);
  fs::remove_all(root);
}
