// The LSP server one message at a time: lifecycle, diagnostics of a mutt draft in Greek and
// Spanish with positions in UTF-16 and UTF-8, code actions from the fixes, hover, the
// configuration found from the document's path, and malformed input.
#include "lsp/server.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/i18n.hpp"
#include "data/data.hpp"
#include "hook/shell.hpp"

using nlohmann::json;
using namespace replylint::lsp;

namespace {

// A mutt draft as the editor holds it: headers, a blank line, the body. The subject and a body
// line shout; the Greek and Spanish text before them makes UTF-16 and UTF-8 columns differ.
const std::string k_draft =
    "From: Ana Romero <ana@tiendaverde.es>\n"
    "To: Νίκος Παππάς <nikos@example.gr>\n"
    "Subject: Re: Η παραγγελία σας\n"
    "\n"
    "Καλημέρα κύριε Παππά,\n"
    "\n"
    "Η παραγγελία σας έφυγε σήμερα. ΠΑΡΑΚΑΛΟΥΜΕ ΣΤΕΙΛΤΕ ΤΗΝ ΥΠΟΓΕΓΡΑΜΜΕΝΗ ΦΟΡΜΑ ΣΗΜΕΡΑ.\n"
    "\n"
    "Με εκτίμηση,\n"
    "Άννα\n";

json request(int id, const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

json notice(const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

// The one response among `messages` (the others are notifications).
json response_in(const std::vector<json>& messages) {
  for (const json& m : messages)
    if (m.contains("id")) return m;
  FAIL("no response");
  return nullptr;
}

json initialize(Server& server, json capabilities = json::object()) {
  const json result =
      response_in(server.handle(request(1, "initialize", {{"capabilities", capabilities}})));
  server.handle(notice("initialized", json::object()));
  return result;
}

void open(Server& server, const std::string& uri, const std::string& text) {
  server.handle(notice(
      "textDocument/didOpen",
      {{"textDocument", {{"uri", uri}, {"languageId", "mail"}, {"version", 1}, {"text", text}}}}));
}

json diagnostics_of(Server& server) {
  const std::vector<json> published = server.publish_pending();
  REQUIRE(published.size() == 1);
  CHECK(published[0]["method"] == "textDocument/publishDiagnostics");
  return published[0]["params"]["diagnostics"];
}

json find_rule(const json& diagnostics, const std::string& rule, int nth = 0) {
  for (const json& d : diagnostics)
    if (d.value("code", "") == rule && nth-- == 0) return d;
  return nullptr;
}

// Applies LSP text edits (non-overlapping) to `text`, last first.
std::string apply(std::string text, json edits, Encoding encoding) {
  std::sort(edits.begin(), edits.end(), [](const json& a, const json& b) {
    return std::pair(a["range"]["start"]["line"].get<int>(),
                     a["range"]["start"]["character"].get<int>()) >
           std::pair(b["range"]["start"]["line"].get<int>(),
                     b["range"]["start"]["character"].get<int>());
  });
  for (const json& e : edits) {
    const LineIndex lines(text);
    auto offset = [&](const json& p) {
      return lines.to_offset({p["line"].get<int>(), p["character"].get<int>()}, encoding);
    };
    const std::size_t begin = offset(e["range"]["start"]), end = offset(e["range"]["end"]);
    text.replace(begin, end - begin, e["newText"].get<std::string>());
  }
  return text;
}

const char* k_uri = "untitled:draft";

}  // namespace

TEST_CASE("lsp initialize negotiates the position encoding", "[lsp]") {
  {
    Server server(replylint::data::default_data(), {});
    const json r = initialize(server);
    CHECK(r["result"]["capabilities"]["positionEncoding"] == "utf-16");
    CHECK(!r["result"].contains("offsetEncoding"));
    CHECK(r["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
    CHECK(r["result"]["capabilities"]["hoverProvider"] == true);
    CHECK(r["result"]["serverInfo"]["name"] == "replylint");
  }
  {
    Server server(replylint::data::default_data(), {});
    const json r = initialize(server, {{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}});
    CHECK(r["result"]["capabilities"]["positionEncoding"] == "utf-8");
    CHECK(server.encoding() == Encoding::utf8);
  }
  {
    // clangd's extension, as neovim 0.7 to 0.9 can be told to send it.
    Server server(replylint::data::default_data(), {});
    const json r = initialize(server, {{"offsetEncoding", {"utf-8", "utf-16"}}});
    CHECK(r["result"]["offsetEncoding"] == "utf-8");
  }
}

TEST_CASE("lsp publishes a mutt draft's findings at their UTF-16 and UTF-8 positions", "[lsp]") {
  const std::string shouted = "ΠΑΡΑΚΑΛΟΥΜΕ ΣΤΕΙΛΤΕ ΤΗΝ ΥΠΟΓΕΓΡΑΜΜΕΝΗ ΦΟΡΜΑ ΣΗΜΕΡΑ.";
  const std::string before = "Η παραγγελία σας έφυγε σήμερα. ";
  for (const Encoding encoding : {Encoding::utf16, Encoding::utf8}) {
    CAPTURE(to_string(encoding));
    Server server(replylint::data::default_data(), {});
    initialize(server, {{"general", {{"positionEncodings", {std::string(to_string(encoding))}}}}});
    open(server, k_uri, k_draft);
    const json diagnostics = diagnostics_of(server);
    const json shouting = find_rule(diagnostics, "shouting");
    REQUIRE(shouting.is_object());
    CHECK(shouting["source"] == "replylint");
    CHECK(shouting["severity"] == 2);  // warning
    CHECK(shouting["range"]["start"]["line"] == 6);
    CHECK(shouting["range"]["start"]["character"] == units(before, encoding));
    CHECK(shouting["range"]["end"]["line"] == 6);
    // The flagged text ends before the final period.
    CHECK(shouting["range"]["end"]["character"] ==
          units(before, encoding) + units(shouted.substr(0, shouted.size() - 1), encoding));
  }
}

TEST_CASE("lsp code actions apply the shouting fix and fix all safe findings", "[lsp]") {
  Server server(replylint::data::default_data(), {});
  initialize(server);
  const std::string draft =
      "Subject: ¿Dónde está MI PEDIDO DE AYER?\n\n"
      "Hola Ana:\n\nSu pedido salió ayer. POR FAVOR ENVÍE EL FORMULARIO "
      "FIRMADO HOY.\n\nUn saludo,\nLuis\n";
  open(server, k_uri, draft);
  const json diagnostics = diagnostics_of(server);
  const json body = find_rule(diagnostics, "shouting", 1);
  REQUIRE(body.is_object());
  CHECK(body["range"]["start"]["line"] == 4);

  const json reply =
      response_in(server.handle(request(2, "textDocument/codeAction",
                                        {{"textDocument", {{"uri", k_uri}}},
                                         {"range", body["range"]},
                                         {"context", {{"diagnostics", json::array({body})}}}})));
  const json& actions = reply["result"];
  REQUIRE(actions.size() >= 2);
  CHECK(actions[0]["kind"] == "quickfix");
  CHECK(actions[0]["isPreferred"] == true);
  CHECK(actions[0]["diagnostics"][0]["code"] == "shouting");
  CHECK(actions[0]["title"].get<std::string>().find("sentence case") != std::string::npos);
  const std::string fixed = apply(draft, actions[0]["edit"]["changes"][k_uri], Encoding::utf16);
  CHECK(fixed.find("Su pedido salió ayer. Por favor envíe el formulario firmado hoy.\n") !=
        std::string::npos);
  CHECK(fixed.find("MI PEDIDO DE AYER") != std::string::npos);  // only this finding's fix

  const json& fix_all = actions.back();
  CHECK(fix_all["kind"] == std::string(k_fix_all_kind));
  const std::string all = apply(draft, fix_all["edit"]["changes"][k_uri], Encoding::utf16);
  CHECK(all.find("Subject: ¿Dónde está mi pedido de ayer?\n") == 0);
  CHECK(all.find("Por favor envíe el formulario firmado hoy.") != std::string::npos);

  // `only` asks for source actions: no quick fixes then.
  const json source = response_in(server.handle(
      request(3, "textDocument/codeAction",
              {{"textDocument", {{"uri", k_uri}}},
               {"range", body["range"]},
               {"context", {{"diagnostics", json::array()}, {"only", {"source"}}}}})));
  REQUIRE(source["result"].size() == 1);
  CHECK(source["result"][0]["kind"] == std::string(k_fix_all_kind));
}

TEST_CASE("lsp offers an unsafe fix as a quick fix that is not preferred", "[lsp]") {
  Server server(replylint::data::default_data(), {});
  initialize(server);
  const std::string draft =
      "Le escribo para confirmarle que su pedido 51190 salió ayer de nuestro almacén y llegará el "
      "jueves por la mañana a su domicilio.\n\nUn saludo,\nLuis\n";
  open(server, k_uri, draft);
  const json greeting = find_rule(diagnostics_of(server), "missing-greeting");
  REQUIRE(greeting.is_object());
  const json reply = response_in(
      server.handle(request(2, "textDocument/codeAction",
                            {{"textDocument", {{"uri", k_uri}}},
                             {"range", greeting["range"]},
                             {"context", {{"diagnostics", json::array({greeting})}}}})));
  REQUIRE(reply["result"].size() == 1);  // no safe fix: no "fix all"
  const json& action = reply["result"][0];
  CHECK(!action.contains("isPreferred"));
  CHECK(action["title"].get<std::string>().find("unsafe") != std::string::npos);
  const std::string fixed = apply(draft, action["edit"]["changes"][k_uri], Encoding::utf16);
  CHECK(fixed.ends_with("\n\n" + draft));  // a greeting above the text
  CHECK(fixed.size() > draft.size() + 4);
}

TEST_CASE("lsp hover shows the finding and its rule's explanation", "[lsp]") {
  Server server(replylint::data::default_data(), {});
  initialize(server);
  open(server, k_uri, k_draft);
  const json shouting = find_rule(diagnostics_of(server), "shouting");
  REQUIRE(shouting.is_object());
  const json reply = response_in(server.handle(
      request(2, "textDocument/hover",
              {{"textDocument", {{"uri", k_uri}}}, {"position", shouting["range"]["start"]}})));
  const std::string text = reply["result"]["contents"]["value"];
  CHECK(reply["result"]["contents"]["kind"] == "markdown");
  CHECK(text.find("**shouting**") != std::string::npos);
  CHECK(text.find("# shouting") != std::string::npos);
  CHECK(text.find("## Why") != std::string::npos);
  const json nothing = response_in(server.handle(request(
      3, "textDocument/hover",
      {{"textDocument", {{"uri", k_uri}}}, {"position", {{"line", 0}, {"character", 0}}}})));
  CHECK(nothing["result"].is_null());
}

TEST_CASE("lsp speaks the reader's language: messages, fix titles and hover", "[lsp][i18n]") {
  struct EnglishAfter {
    ~EnglishAfter() { replylint::core::i18n::activate("en"); }
  } english_after;
  REQUIRE(replylint::core::i18n::activate("es"));
  Server server(replylint::data::default_data(), {});
  initialize(server);
  const std::string draft =
      "Hola Ana:\n\nSu pedido salió ayer. POR FAVOR ENVÍE EL FORMULARIO FIRMADO HOY.\n\n"
      "Un saludo,\nLuis\n";
  open(server, k_uri, draft);
  const json shouting = find_rule(diagnostics_of(server), "shouting");
  REQUIRE(shouting.is_object());
  CHECK(shouting["message"].get<std::string>().find("frase escrita en mayúsculas") !=
        std::string::npos);
  const json actions = response_in(
      server.handle(request(2, "textDocument/codeAction",
                            {{"textDocument", {{"uri", k_uri}}},
                             {"range", shouting["range"]},
                             {"context", {{"diagnostics", json::array({shouting})}}}})))["result"];
  REQUIRE(actions.size() >= 2);
  CHECK(actions[0]["title"].get<std::string>().find("escríbala en minúsculas") !=
        std::string::npos);
  CHECK(actions.back()["title"] == "Corregir todos los hallazgos seguros de replylint");
  const json hover = response_in(server.handle(
      request(3, "textDocument/hover",
              {{"textDocument", {{"uri", k_uri}}}, {"position", shouting["range"]["start"]}})));
  const std::string text = hover["result"]["contents"]["value"];
  CHECK(text.find("## Por qué") != std::string::npos);
  CHECK(text.find("(ayuda: ") != std::string::npos);
}

TEST_CASE("lsp applies incremental changes and checks the text as changed", "[lsp]") {
  Server server(replylint::data::default_data(), {});
  initialize(server);
  open(server, k_uri, "Hola Ana:\n\nTodo bien.\n\nUn saludo,\nLuis\n");
  CHECK(find_rule(diagnostics_of(server), "shouting").is_null());
  // Two changes in one burst: replace "Todo bien." with a shouted sentence, in UTF-16 units.
  server.handle(notice(
      "textDocument/didChange",
      {{"textDocument", {{"uri", k_uri}, {"version", 2}}},
       {"contentChanges",
        {{{"range",
           {{"start", {{"line", 2}, {"character", 0}}}, {"end", {{"line", 2}, {"character", 10}}}}},
          {"text", "AÑADIMOS"}},
         {{"range",
           {{"start", {{"line", 2}, {"character", 8}}}, {"end", {{"line", 2}, {"character", 8}}}}},
          {"text", " EL RECIBO HOY."}}}}}));
  const std::vector<json> published = server.publish_pending();
  REQUIRE(published.size() == 1);
  CHECK(published[0]["params"]["version"] == 2);
  const json shouting = find_rule(published[0]["params"]["diagnostics"], "shouting");
  REQUIRE(shouting.is_object());
  CHECK(shouting["range"]["start"] == json{{"line", 2}, {"character", 0}});
  CHECK(server.publish_pending().empty());  // nothing changed since
}

TEST_CASE("lsp reads the .replylint.toml found from the document's path", "[lsp]") {
  replylint::test::TempDir dir;
  replylint::test::spit(dir.path / ".replylint.toml", "[rules.shouting]\nenabled = false\n");
  Server server(replylint::data::default_data(), {});
  initialize(server);
  const std::string uri = "file://" + (dir.path / "my%20draft.txt").string();
  CHECK(path_of_uri(uri) == dir.path / "my draft.txt");
  open(server, uri, k_draft);
  CHECK(find_rule(diagnostics_of(server), "shouting").is_null());
  open(server, k_uri, k_draft);  // no file: the working folder's configuration
  CHECK(!find_rule(server.publish_pending()[0]["params"]["diagnostics"], "shouting").is_null());

  // Saving an edited config is seen at once.
  replylint::test::spit(dir.path / ".replylint.toml", "[rules.shouting]\nseverity = \"error\"\n");
  server.handle(notice("textDocument/didSave", {{"textDocument", {{"uri", uri}}}}));
  const std::vector<json> published = server.publish_pending();
  REQUIRE(published.size() == 2);
  const json& mine = published[0]["params"]["uri"] == uri ? published[0] : published[1];
  const json shouting = find_rule(mine["params"]["diagnostics"], "shouting");
  REQUIRE(shouting.is_object());
  CHECK(shouting["severity"] == 1);

  // A broken config is one error at the top, not a crash.
  replylint::test::spit(dir.path / ".replylint.toml", "[rules.shouting]\nsevrity = 1\n");
  server.handle(notice("workspace/didChangeWatchedFiles", {{"changes", json::array()}}));
  for (const json& p : server.publish_pending()) {
    if (p["params"]["uri"] != uri) continue;
    REQUIRE(p["params"]["diagnostics"].size() == 1);
    CHECK(p["params"]["diagnostics"][0]["severity"] == 1);
    CHECK(p["params"]["diagnostics"][0]["message"].get<std::string>().find("sevrity") !=
          std::string::npos);
  }
}

TEST_CASE("lsp answers malformed and unknown messages with errors, never a crash", "[lsp]") {
  Server server(replylint::data::default_data(), {});
  // Before initialize, a request is refused.
  CHECK(response_in(
            server.handle(request(1, "textDocument/hover", json::object())))["error"]["code"] ==
        k_server_not_initialized);
  initialize(server);
  auto error_of = [](const std::vector<json>& out) {
    REQUIRE(out.size() == 1);
    return out[0]["error"]["code"].get<int>();
  };
  CHECK(error_of(server.handle_text("{not json")) == k_parse_error);
  CHECK(error_of(server.handle_text("[1,2]")) == k_invalid_request);
  CHECK(error_of(server.handle_text(R"({"jsonrpc":"2.0","id":{},"method":"x"})")) ==
        k_invalid_request);
  CHECK(error_of(server.handle(request(4, "$/progress", json::object()))) == k_method_not_found);
  CHECK(error_of(server.handle(request(5, "textDocument/formatting", json::object()))) ==
        k_method_not_found);
  CHECK(error_of(server.handle(request(6, "textDocument/codeAction", {{"range", 1}}))) ==
        k_invalid_params);
  CHECK(error_of(server.handle(request(7, "textDocument/hover",
                                       {{"textDocument", {{"uri", "file:///not/open"}}},
                                        {"position", {{"line", 0}, {"character", 0}}}}))) ==
        k_invalid_params);
  // Unknown or unusable notifications and responses from the client get no answer.
  CHECK(server.handle(notice("workspace/somethingNew", json::object())).empty());
  CHECK(server.handle(notice("textDocument/didChange", {{"x", 1}})).empty());
  CHECK(server.handle(notice("$/cancelRequest", {{"id", 3}})).empty());
  CHECK(server.handle(json{{"jsonrpc", "2.0"}, {"id", 9}, {"result", nullptr}}).empty());
  // Positions far outside the document are clamped, not trusted.
  open(server, k_uri, "Hola:\n\nBien.\n");
  server.handle(
      notice("textDocument/didChange",
             {{"textDocument", {{"uri", k_uri}, {"version", 2}}},
              {"contentChanges", json::array({{{"range",
                                                {{"start", {{"line", 99}, {"character", -4}}},
                                                 {"end", {{"line", 0}, {"character", 999}}}}},
                                               {"text", "x"}}})}}));
  CHECK(server.publish_pending().size() == 1);
  CHECK(server.handle(notice("textDocument/didClose", {{"textDocument", {{"uri", k_uri}}}}))
            .at(0)["params"]["diagnostics"]
            .empty());

  CHECK(response_in(server.handle(request(10, "shutdown", nullptr)))["result"].is_null());
  CHECK(error_of(server.handle(request(11, "textDocument/hover", json::object()))) ==
        k_invalid_request);
  server.handle(notice("exit", nullptr));
  CHECK(server.exited());
  CHECK(server.exit_code() == 0);
}

TEST_CASE("lsp serve speaks framed JSON-RPC from start to exit", "[lsp]") {
  auto framed = [](const json& m) {
    const std::string body = m.dump();
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  std::istringstream in(
      framed(request(1, "initialize", {{"capabilities", json::object()}})) +
      framed(notice("initialized", json::object())) + "Content-Length: x\r\n\r\n" +
      framed(
          notice("textDocument/didOpen",
                 {{"textDocument",
                   {{"uri", k_uri}, {"languageId", "mail"}, {"version", 1}, {"text", k_draft}}}})) +
      framed(request(2, "shutdown", nullptr)) + framed(notice("exit", nullptr)));
  std::ostringstream out;
  Server server(replylint::data::default_data(), {});
  CHECK(serve(server, in, out) == 0);
  std::istringstream replies(out.str());
  std::vector<json> got;
  for (Framed f = read_message(replies); f.status == Framed::Status::message;
       f = read_message(replies))
    got.push_back(json::parse(f.body));
  REQUIRE(got.size() == 4);
  CHECK(got[0]["id"] == 1);
  CHECK(got[1]["error"]["code"] == k_parse_error);  // the bad header
  CHECK(got[2]["method"] == "textDocument/publishDiagnostics");
  CHECK(!find_rule(got[2]["params"]["diagnostics"], "shouting").is_null());
  CHECK(got[3]["id"] == 2);
}

namespace {

// A rule with fixes on a header and on the body, standing in for the rules that will have them
// (moving an address from Cc to Bcc, masking a value in a decoded part).
const replylint::rules::RuleInfo k_mover_info{"test-mover",
                                              replylint::rules::Category::privacy,
                                              replylint::core::Severity::warning,
                                              "a test rule with header and body fixes",
                                              "",
                                              {}};

class MoverRule final : public replylint::rules::Rule {
 public:
  const replylint::rules::RuleInfo& info() const override { return k_mover_info; }
  void check(const replylint::draft::Draft& draft, replylint::rules::Reporter& out) const override {
    using replylint::core::Location;
    const std::string bob = "bob@example.org";
    if (const auto* cc = draft.message().find_header("Cc")) {
      const std::size_t at = cc->value.find(bob);
      if (at != std::string::npos) {
        out.report_header("Cc", "bob can see the others")
            .fix({.title = "move bob to Bcc",
                  .applicability = replylint::core::Applicability::unsafe,
                  .edits = {{{Location::Origin::header, {at, at + bob.size()}, "Cc"}, ""},
                            {{Location::Origin::header, {0, 0}, "Bcc"}, bob}}});
      }
    }
    const std::string& text = draft.text();
    if (const std::size_t at = text.find("Κωδικός"); at != std::string::npos)
      out.report({at, at + std::string("Κωδικός").size()}, "a word to replace")
          .replace_with("κωδικός", replylint::core::Applicability::safe,
                        replylint::core::i18n::fragment("lower-case it"));
  }
};

Server mover_server() {
  ServerOptions options;
  options.extra_rules.push_back(
      {k_mover_info,
       [](const replylint::rules::RuleContext&) -> std::unique_ptr<replylint::rules::Rule> {
         return std::make_unique<MoverRule>();
       }});
  return Server(replylint::data::default_data(), std::move(options));
}

json actions_at(Server& server, const json& diagnostic, int id) {
  return response_in(
      server.handle(request(id, "textDocument/codeAction",
                            {{"textDocument", {{"uri", k_uri}}},
                             {"range", diagnostic["range"]},
                             {"context", {{"diagnostics", json::array()}}}})))["result"];
}

}  // namespace

TEST_CASE("lsp maps header edits onto the header block and adds a missing header", "[lsp]") {
  Server server = mover_server();
  initialize(server);
  const std::string draft =
      "From: Άννα <anna@example.gr>\n"
      "To: Νίκος <nikos@example.gr>\n"
      "Cc: Ελένη <eleni@example.gr>, bob@example.org\n"
      "Subject: Η παραγγελία σας\n"
      "\n"
      "Καλημέρα Νίκο,\n\nΚωδικός παραγγελίας 51190.\n";
  open(server, k_uri, draft);
  const json diagnostics = diagnostics_of(server);
  const json mover = find_rule(diagnostics, "test-mover");
  REQUIRE(mover.is_object());
  CHECK(mover["range"]["start"]["line"] == 2);
  json actions = actions_at(server, mover, 2);
  REQUIRE(actions.size() == 2);  // this finding's unsafe fix; "fix all" for the safe one below
  CHECK(actions[0]["kind"] == "quickfix");
  CHECK(actions[1]["kind"] == std::string(k_fix_all_kind));
  CHECK(apply(draft, actions[0]["edit"]["changes"][k_uri], Encoding::utf16) ==
        "From: Άννα <anna@example.gr>\n"
        "To: Νίκος <nikos@example.gr>\n"
        "Cc: Ελένη <eleni@example.gr>, \n"
        "Subject: Η παραγγελία σας\n"
        "Bcc: bob@example.org\n"
        "\n"
        "Καλημέρα Νίκο,\n\nΚωδικός παραγγελίας 51190.\n");
  const json word = find_rule(diagnostics, "test-mover", 1);
  REQUIRE(word.is_object());
  CHECK(word["range"]["start"] == json{{"line", 7}, {"character", 0}});
  actions = actions_at(server, word, 3);
  REQUIRE(actions.size() == 2);  // the quick fix and "fix all"
  CHECK(apply(draft, actions[0]["edit"]["changes"][k_uri], Encoding::utf16)
            .ends_with("\nκωδικός παραγγελίας 51190.\n"));
}

TEST_CASE("lsp offers no fix where the document does not hold the text as read", "[lsp]") {
  Server server = mover_server();
  initialize(server);
  // A quoted-printable part in windows-1253, a folded Cc: the editor shows the encoded bytes.
  const std::string eml =
      "From: anna@example.gr\n"
      "To: nikos@example.gr\n"
      "Cc: eleni@example.gr,\n"
      " bob@example.org\n"
      "Subject: test\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=windows-1253\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "=CA=E1=EB=E7=EC=DD=F1=E1,\n\n=CA=F9=E4=E9=EA=FC=F2 =F0=E1=F1=E1=E3=E3=E5=EB=DF=E1=F2.\n";
  open(server, k_uri, eml);
  const json diagnostics = diagnostics_of(server);
  const json folded = find_rule(diagnostics, "test-mover");
  REQUIRE(folded.is_object());
  CHECK(actions_at(server, folded, 2).empty());
  const json decoded = find_rule(diagnostics, "test-mover", 1);
  REQUIRE(decoded.is_object());
  CHECK(decoded["message"].get<std::string>().find("(MIME part") != std::string::npos);
  CHECK(decoded["range"]["start"] == json{{"line", 0}, {"character", 0}});
  CHECK(actions_at(server, decoded, 3).empty());
}

TEST_CASE("lsp survives random bytes and random JSON", "[lsp]") {
  Server server(replylint::data::default_data(), {});
  initialize(server);
  open(server, k_uri, "Hola:\n\nBien.\n");
  std::mt19937 random(15);
  const std::vector<std::string> pieces = {"{",
                                           "}",
                                           "[",
                                           "]",
                                           ",",
                                           ":",
                                           "\"jsonrpc\"",
                                           "\"2.0\"",
                                           "\"id\"",
                                           "1",
                                           "-1",
                                           "null",
                                           "\"method\"",
                                           "\"textDocument/didChange\"",
                                           "\"textDocument/codeAction\"",
                                           "\"textDocument/hover\"",
                                           "\"params\"",
                                           "\"textDocument\"",
                                           "\"uri\"",
                                           "\"untitled:draft\"",
                                           "\"range\"",
                                           "\"start\"",
                                           "\"line\"",
                                           "\"character\"",
                                           "\"contentChanges\"",
                                           "\"text\"",
                                           "\"ΑΒΓ\"",
                                           "1e400",
                                           "true",
                                           "\xff",
                                           "\"\\ud800\""};
  for (int i = 0; i < 2000; ++i) {
    std::string body;
    const int n = static_cast<int>(random() % 40);
    for (int k = 0; k < n; ++k) body += pieces[random() % pieces.size()];
    CAPTURE(body);
    const std::vector<json> out = server.handle_text(body);
    for (const json& m : out)
      CHECK(m.dump(-1, ' ', false, json::error_handler_t::replace).size() > 2);
  }
  std::string bytes;
  for (int i = 0; i < 20000; ++i) bytes.push_back(static_cast<char>(random() % 256));
  std::istringstream in("Content-Length: 5\r\n\r\n" + bytes);
  std::ostringstream out;
  CHECK(serve(server, in, out) == 1);  // end of input without shutdown
  CHECK(server.publish_pending().size() <= 1);
}
