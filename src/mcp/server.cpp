#include "mcp/server.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <exception>
#include <fstream>
#include <system_error>

#include "fix/fix.hpp"
#include "mcp/schemas.hpp"
#include "report/render.hpp"
#include "rules/catalogue.hpp"
#include "rules/rules.hpp"
#include "util/error.hpp"

namespace replylint::mcp {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view k_rule_uri_prefix = "replylint://rules/";

// A JSON-RPC error raised while handling a request; handle() turns it into the response.
struct RpcError {
  int code;
  std::string message;
  json data = nullptr;
};

[[noreturn]] void invalid_params(std::string message) {
  throw RpcError{k_invalid_params, std::move(message)};
}

std::string dump_line(const json& value) {
  // Invalid UTF-8 cannot come from a parsed request, but a path or a report could hold some:
  // replace it rather than throw, so that every answer is still a line of valid JSON.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json error_response(const json& id, int code, const std::string& message,
                    const json& data = nullptr) {
  json error = {{"code", code}, {"message", message}};
  if (!data.is_null()) error["data"] = data;
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

json text_content(std::string text) {
  return json::array({{{"type", "text"}, {"text", std::move(text)}}});
}

json tool_error(std::string text) {
  return {{"content", text_content(std::move(text))}, {"isError", true}};
}

json tool_result(json structured) {
  return {{"content", text_content(dump_line(structured))},
          {"structuredContent", std::move(structured)},
          {"isError", false}};
}

// An optional string member of `object`: "" when absent, invalid params when not a string.
std::string optional_string(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (!it->is_string()) invalid_params(fmt::format("'{}' must be a string", key));
  return it->get<std::string>();
}

void reject_unknown_keys(const json& object, std::initializer_list<std::string_view> known,
                         std::string_view where) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string names;
    for (std::string_view k : known) names += fmt::format("{}'{}'", names.empty() ? "" : ", ", k);
    invalid_params(
        fmt::format("unknown argument '{}' for {} (known: {})", clip(key), where, names));
  }
}

json tool_definitions() {
  const json lint_input = {
      {"type", "object"},
      {"properties",
       {{"text",
         {{"type", "string"},
          {"description",
           "The draft itself: a whole message with headers (RFC 5322/MIME) or just the body "
           "text."}}},
        {"path",
         {{"type", "string"},
          {"description",
           "A draft file to read instead of text (.eml, .txt), relative to the server's working "
           "folder. It must lie inside that folder (symlinks resolved) or inside a folder the "
           "server was started with --allow-path DIR; any other path is refused."}}},
        {"filename",
         {{"type", "string"},
          {"description",
           "With text: the file name the draft stands for. The .replylint.toml found from it and "
           "its [[overrides]] apply, and the report names it. Default: '-' (the working "
           "folder)."}}},
        {"lang",
         {{"type", "string"},
          {"enum", {"es", "el", "en"}},
          {"description", "Force the language of every paragraph (default: detected)."}}},
        {"config",
         {{"type", "string"},
          {"description",
           "A .replylint.toml to use instead of the one found by walking up; confined as 'path' "
           "is."}}}}},
      {"additionalProperties", false}};
  json fix_input = lint_input;
  fix_input["properties"]["unsafe"] = {
      {"type", "boolean"},
      {"description", "Apply unsafe fixes too (default false: safe fixes only)."}};
  const json fix_output = {{"type", "object"},
                           {"properties",
                            {{"draft", {{"type", "string"}}},
                             {"changed", {{"type", "boolean"}}},
                             {"applied",
                              {{"type", "array"},
                               {"items",
                                {{"type", "object"},
                                 {"properties",
                                  {{"rule", {{"type", "string"}}},
                                   {"line", {{"type", "integer"}}},
                                   {"column", {{"type", "integer"}}},
                                   {"fix", report_schema()["$defs"]["fix"]}}},
                                 {"required", {"rule", "line", "column", "fix"}}}}}},
                             {"report", report_schema()}}},
                           {"required", {"draft", "changed", "applied", "report"}}};
  const json no_input = {
      {"type", "object"}, {"properties", json::object()}, {"additionalProperties", false}};
  const json explain_input = {
      {"type", "object"},
      {"properties",
       {{"id", {{"type", "string"}, {"description", "A rule id, e.g. 'spelling'."}}}}},
      {"required", {"id"}},
      {"additionalProperties", false}};
  const json read_only = {{"readOnlyHint", true}, {"openWorldHint", false}};
  return json::array(
      {{{"name", "lint_draft"},
        {"title", "Lint an email draft"},
        {"description",
         "Check an email reply (Spanish, Greek or English) before it is sent: spelling, shouting, "
         "a reply that quotes nothing, outside recipients who can see each other. Give exactly one "
         "of 'text' or 'path'. Returns the replylint JSON report (version 1): per diagnostic the "
         "rule, severity, message, the span (line, column, end_line, end_column: 1-based, in code "
         "points, end exclusive) with the exact flagged 'text', and when there are some 'help', "
         "'suggestions' (replacements for the text) and, for visible-recipients, 'addresses' to "
         "move to Bcc. Findings are not tool errors: isError is true only when the draft could not "
         "be read, or 'path' or 'config' lies outside the server's working folder and the "
         "folders allowed with --allow-path."},
        {"inputSchema", lint_input},
        {"outputSchema", report_schema()},
        {"annotations", read_only}},
       {{"name", "fix_draft"},
        {"title", "Fix an email draft"},
        {"description",
         "Apply replylint's fixes to a draft and return it: safe fixes (sentence case for "
         "shouting), and with 'unsafe': true the unsafe ones too (a missing greeting or sign-off, "
         "and what else the rules offer as unsafe). Arguments as lint_draft, plus 'unsafe'. "
         "Quoted text, attribution lines and signatures are never edited; a MIME message keeps "
         "its structure, transfer encoding and charset. Returns 'draft' (the fixed draft, the "
         "whole file), 'changed', 'applied' (each fix: rule, line, column and the fix with its "
         "edits) and 'report' (the replylint JSON report of what remains). Nothing is written: "
         "the caller saves the draft."},
        {"inputSchema", fix_input},
        {"outputSchema", fix_output},
        {"annotations", read_only}},
       {{"name", "list_rules"},
        {"title", "List replylint's rules"},
        {"description",
         "The rule catalogue: each rule's id, category, default severity, summary and options."},
        {"inputSchema", no_input},
        {"annotations", read_only}},
       {{"name", "explain_rule"},
        {"title", "Explain a replylint rule"},
        {"description",
         "A rule's documentation in Markdown: what it flags, why, an example and what to write "
         "instead, its options."},
        {"inputSchema", explain_input},
        {"annotations", read_only}}});
}

// `path` made absolute against `base` with every symlink resolved, as far as it exists (the rest
// is normalised lexically: "..", ".").
fs::path resolved(const fs::path& base, const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(base / path, ec);
  return ec ? (base / path).lexically_normal() : out;
}

// True when `path` is `dir` or below it, compared component by component ("/srv/a" does not
// contain "/srv/ab").
bool inside(const fs::path& path, const fs::path& dir) {
  auto p = path.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++p) {
    if (d->empty() && std::next(d) == dir.end()) break;  // a trailing separator
    if (p == path.end() || *p != *d) return false;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& supported_protocol_versions() {
  static const std::vector<std::string> versions = {"2025-06-18", "2025-03-26", "2024-11-05"};
  return versions;
}

std::string clip(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // not inside a code point
  return fmt::format("{}… ({} more bytes)", text.substr(0, cut), text.size() - cut);
}

Server::Server(const data::DataSet& data, ServerOptions options)
    : m_data(data), m_options(std::move(options)) {
  std::error_code ec;
  m_root = resolved(fs::current_path(ec), ".");
  m_allowed.push_back(m_root);
  for (const fs::path& dir : m_options.allowed_dirs) m_allowed.push_back(resolved(m_root, dir));
}

std::string Server::confinement_error(const std::string& argument, const std::string& path) const {
  const fs::path target = resolved(m_root, path);
  for (const fs::path& dir : m_allowed)
    if (inside(target, dir)) return "";
  return fmt::format(
      "replylint: error: '{}' {} is outside the server's working folder {}; start the server "
      "with --allow-path DIR to allow another folder",
      argument, clip(path), m_root.string());
}

void Server::log(std::string_view message) const {
  if (m_options.log) m_options.log(message);
}

std::optional<std::string> Server::handle_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return std::nullopt;
  json message;
  try {
    message = json::parse(line);
  } catch (const json::exception& e) {
    // Not JSON, or a number out of range ("1e400"): both are parse errors to the client.
    // The parser's message can quote the input: a few hundred bytes of it are enough.
    const std::string what = clip(e.what());
    log(fmt::format("parse error: {}", what));
    return dump_line(error_response(nullptr, k_parse_error, "Parse error", what));
  }
  try {
    std::optional<json> response = handle(message);
    if (!response) return std::nullopt;
    if (const auto error = response->find("error"); error != response->end())
      log(fmt::format("answered error {}: {}", error->value("code", 0),
                      clip(error->value("message", ""))));
    return dump_line(*response);
  } catch (const std::exception& e) {
    // handle() answers every request itself; this is the last guard so the server never dies.
    log(fmt::format("internal error: {}", clip(e.what())));
    return dump_line(error_response(nullptr, k_internal_error,
                                    fmt::format("Internal error: {}", clip(e.what()))));
  }
}

std::optional<json> Server::handle(const json& message) {
  if (message.is_array()) {
    return error_response(
        nullptr, k_invalid_request,
        "Invalid Request: batches are not supported (MCP 2025-06-18 removed them)");
  }
  if (!message.is_object())
    return error_response(nullptr, k_invalid_request, "Invalid Request: not an object");

  const auto id_it = message.find("id");
  const bool has_id = id_it != message.end();
  const bool valid_id = has_id && (id_it->is_string() || id_it->is_number());
  const json id = valid_id ? *id_it : json(nullptr);
  const auto method_it = message.find("method");

  // A response from the client (this server sends no requests): nothing to answer.
  if (method_it == message.end() && has_id &&
      (message.contains("result") || message.contains("error"))) {
    log("ignored a response from the client");
    return std::nullopt;
  }
  if (message.value("jsonrpc", json()) != "2.0")
    return error_response(id, k_invalid_request, "Invalid Request: 'jsonrpc' must be \"2.0\"");
  if (method_it == message.end() || !method_it->is_string())
    return error_response(id, k_invalid_request, "Invalid Request: 'method' must be a string");
  if (has_id && !valid_id)
    return error_response(nullptr, k_invalid_request,
                          "Invalid Request: 'id' must be a string or a number");

  const std::string method = method_it->get<std::string>();
  const auto params_it = message.find("params");
  const json params = params_it == message.end() ? json::object() : *params_it;

  if (!has_id) {
    // A notification: never answered, whatever it says.
    if (method != "notifications/initialized" && method != "notifications/cancelled")
      log(fmt::format("ignored notification '{}'", clip(method)));
    return std::nullopt;
  }
  if (!params.is_object() && !params.is_array())
    return error_response(id, k_invalid_request,
                          "Invalid Request: 'params' must be an object or an array");

  try {
    if (!params.is_object()) invalid_params("params must be an object");
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", dispatch(method, params)}};
  } catch (const RpcError& e) {
    return error_response(id, e.code, e.message, e.data);
  } catch (const std::exception& e) {
    // A bug, not bad input: answer so the client is not left waiting, and say so on stderr.
    log(fmt::format("internal error in '{}': {}", clip(method), clip(e.what())));
    return error_response(id, k_internal_error, fmt::format("Internal error: {}", clip(e.what())));
  }
}

json Server::dispatch(const std::string& method, const json& params) {
  if (method == "initialize") return initialize(params);
  if (method == "ping") return json::object();
  if (method == "tools/list") return {{"tools", tool_definitions()}};
  if (method == "tools/call") return call_tool(params);
  if (method == "resources/list") {
    json resources = json::array();
    for (const rules::RegistryEntry& e : rules::registry())
      resources.push_back(
          {{"uri", fmt::format("{}{}", k_rule_uri_prefix, e.info.id)},
           {"name", e.info.id},
           {"title", fmt::format("{}: {}", e.info.id, e.info.summary)},
           {"description", fmt::format("Documentation of the rule '{}'", e.info.id)},
           {"mimeType", "text/markdown"},
           {"size", rules::explain_markdown(e.info).size()}});
    return {{"resources", std::move(resources)}};
  }
  if (method == "resources/templates/list") {
    return {{"resourceTemplates",
             json::array({{{"uriTemplate", fmt::format("{}{{id}}", k_rule_uri_prefix)},
                           {"name", "rule"},
                           {"title", "A replylint rule's documentation"},
                           {"mimeType", "text/markdown"}}})}};
  }
  if (method == "resources/read") return read_resource(params);
  throw RpcError{k_method_not_found, fmt::format("Method not found: '{}'", clip(method))};
}

json Server::initialize(const json& params) {
  const auto it = params.find("protocolVersion");
  if (it == params.end() || !it->is_string()) invalid_params("'protocolVersion' must be a string");
  const auto& versions = supported_protocol_versions();
  const std::string asked = it->get<std::string>();
  m_protocol_version = std::find(versions.begin(), versions.end(), asked) != versions.end()
                           ? asked
                           : versions.front();
  return {{"protocolVersion", m_protocol_version},
          {"capabilities",
           {{"tools", {{"listChanged", false}}},
            {"resources", {{"listChanged", false}, {"subscribe", false}}}}},
          {"serverInfo",
           {{"name", "replylint"}, {"title", "replylint"}, {"version", REPLYLINT_VERSION}}},
          {"instructions",
           "Run lint_draft on an email reply before sending it and fix what it reports; "
           "explain_rule or the replylint://rules/<id> resources say why a rule fires."}};
}

json Server::call_tool(const json& params) {
  reject_unknown_keys(params, {"name", "arguments", "_meta"}, "tools/call");
  const auto name_it = params.find("name");
  if (name_it == params.end() || !name_it->is_string()) invalid_params("'name' must be a string");
  const std::string name = name_it->get<std::string>();
  json arguments = params.value("arguments", json::object());
  if (arguments.is_null()) arguments = json::object();
  if (!arguments.is_object()) invalid_params("'arguments' must be an object");

  if (name == "lint_draft") return lint_draft(arguments);
  if (name == "fix_draft") return fix_draft(arguments);
  if (name == "list_rules") {
    reject_unknown_keys(arguments, {}, "list_rules");
    return tool_result(rules::catalogue_json());
  }
  if (name == "explain_rule") return explain_rule(arguments);
  throw RpcError{
      k_invalid_params,
      fmt::format("unknown tool '{}' (tools: lint_draft, fix_draft, list_rules, explain_rule)",
                  clip(name))};
}

json Server::lint_draft(const json& arguments) {
  reject_unknown_keys(arguments, {"text", "path", "filename", "lang", "config"}, "lint_draft");
  return run_on_draft(arguments, "lint_draft", false);
}

json Server::fix_draft(const json& arguments) {
  reject_unknown_keys(arguments, {"text", "path", "filename", "lang", "config", "unsafe"},
                      "fix_draft");
  bool unsafe = false;
  if (const auto it = arguments.find("unsafe"); it != arguments.end() && !it->is_null()) {
    if (!it->is_boolean()) invalid_params("'unsafe' must be a boolean");
    unsafe = it->get<bool>();
  }
  return run_on_draft(arguments, "fix_draft", true, unsafe);
}

json Server::run_on_draft(const json& arguments, std::string_view tool, bool fix, bool unsafe) {
  const bool has_text = arguments.contains("text") && !arguments["text"].is_null();
  const bool has_path = arguments.contains("path") && !arguments["path"].is_null();
  if (has_text == has_path)
    invalid_params(fmt::format("{} needs exactly one of 'text' and 'path'", tool));
  const std::string text = optional_string(arguments, "text");
  const std::string path = optional_string(arguments, "path");
  const std::string filename = optional_string(arguments, "filename");
  const std::string language = optional_string(arguments, "lang");
  const std::string config = optional_string(arguments, "config");
  if (has_path && path.empty()) invalid_params("'path' is empty");
  if (has_path && !filename.empty())
    invalid_params("'filename' goes with 'text'; a 'path' names itself");
  if (!language.empty() && language != "es" && language != "el" && language != "en")
    invalid_params(
        fmt::format("unknown language '{}' (expected 'es', 'el' or 'en')", clip(language)));
  // The text of a file comes back in the report (each finding quotes it): an agent's tool must
  // not read files outside the folders it was given.
  if (has_path) {
    if (std::string refused = confinement_error("path", path); !refused.empty())
      return tool_error(refused);
  }
  if (!config.empty()) {
    if (std::string refused = confinement_error("config", config); !refused.empty())
      return tool_error(refused);
  }

  engine::Engine* engine = nullptr;
  try {
    engine = &engine_for(config, language);
  } catch (const InputError& e) {
    return tool_error(fmt::format("replylint: error: {}", e.describe()));
  }
  if (fix) return fixed_draft(*engine, has_path ? path : "", text, filename, unsafe);
  report::FileReport file =
      has_path ? engine->check_file(path)
               : engine->check_bytes(filename.empty() ? "-" : filename, text, filename);
  if (!file.error.empty())
    return tool_error(fmt::format("replylint: error: {}: {}", file.path, file.error));
  // The command line prints these on stderr; an agent only sees the report.
  for (const std::string& warning : engine->warnings())
    if (std::find(file.warnings.begin(), file.warnings.end(), warning) == file.warnings.end())
      file.warnings.push_back(warning);
  report::Report report;
  report.files.push_back(std::move(file));
  return tool_result(report::to_json(report));
}

json Server::fixed_draft(engine::Engine& engine, const std::string& path, const std::string& text,
                         const std::string& filename, bool unsafe) {
  std::string bytes = text;
  const std::string shown = !path.empty() ? path : filename.empty() ? "-" : filename;
  if (!path.empty()) {
    try {
      std::ifstream in(path, std::ios::binary);
      std::error_code ec;
      if (!in || !fs::is_regular_file(path, ec))
        throw InputError(path, 0, "cannot be read as a regular file");
      const message::Limits limits = engine.limits_for(path);
      bytes = message::read_bounded(in, path, limits.max_size, limits.max_size_setting);
    } catch (const InputError& e) {
      return tool_error(fmt::format("replylint: error: {}", e.describe()));
    }
  }
  fix::Result result = fix::fix_bytes(
      engine, shown, std::move(bytes), path.empty() ? fs::path(filename) : fs::path(path),
      unsafe ? core::Applicability::unsafe : core::Applicability::safe);
  if (!result.report.error.empty())
    return tool_error(fmt::format("replylint: error: {}: {}", shown, result.report.error));
  json applied = json::array();
  for (const fix::Applied& a : result.applied)
    applied.push_back({{"rule", a.rule},
                       {"line", a.line},
                       {"column", a.column},
                       {"fix", report::fix_json(a.fix, "")}});
  for (const std::string& warning : engine.warnings())
    if (std::find(result.report.warnings.begin(), result.report.warnings.end(), warning) ==
        result.report.warnings.end())
      result.report.warnings.push_back(warning);
  report::Report report;
  report.files.push_back(std::move(result.report));
  // The draft is returned, never written: the agent decides what to do with it.
  return tool_result({{"draft", result.fixed},
                      {"changed", result.fixed != result.original},
                      {"applied", std::move(applied)},
                      {"report", report::to_json(report)}});
}

json Server::explain_rule(const json& arguments) {
  reject_unknown_keys(arguments, {"id"}, "explain_rule");
  const auto it = arguments.find("id");
  if (it == arguments.end() || !it->is_string()) invalid_params("'id' must be a string");
  const rules::RegistryEntry* entry = rules::find_rule(it->get<std::string>());
  if (!entry) return tool_error(rules::unknown_rule_message(it->get<std::string>()));
  return {{"content", text_content(rules::explain_markdown(entry->info))}, {"isError", false}};
}

json Server::read_resource(const json& params) {
  const auto it = params.find("uri");
  if (it == params.end() || !it->is_string()) invalid_params("'uri' must be a string");
  const std::string uri = it->get<std::string>();
  const rules::RegistryEntry* entry = nullptr;
  if (uri.starts_with(k_rule_uri_prefix))
    entry = rules::find_rule(std::string_view(uri).substr(k_rule_uri_prefix.size()));
  if (!entry)
    throw RpcError{
        k_invalid_params, fmt::format("Resource not found: '{}'", clip(uri)), {{"uri", clip(uri)}}};
  return {{"contents", json::array({{{"uri", uri},
                                     {"mimeType", "text/markdown"},
                                     {"text", rules::explain_markdown(entry->info)}}})}};
}

engine::Engine& Server::engine_for(const std::string& config, const std::string& language) {
  // The file's identity, not its spelling: "a.toml", "./a.toml" and a symlink to it share one.
  std::string identity = config;
  if (struct stat st{}; !config.empty() && ::stat(config.c_str(), &st) == 0)
    identity = fmt::format("{}:{}", static_cast<unsigned long long>(st.st_dev),
                           static_cast<unsigned long long>(st.st_ino));
  const auto key = std::pair{identity, language};
  ++m_uses;
  for (CachedEngine& cached : m_engines) {
    if (cached.key != key) continue;
    cached.last_used = m_uses;
    cached.engine->reload_configs();  // the client may have edited a .replylint.toml since
    return *cached.engine;
  }
  // Throws InputError for a config that cannot be loaded; nothing is cached then.
  auto made = std::make_unique<engine::Engine>(
      m_data, engine::Options{config, language, m_options.dict_dir});
  if (m_engines.size() >= k_max_engines) {
    m_engines.erase(std::min_element(
        m_engines.begin(), m_engines.end(),
        [](const CachedEngine& a, const CachedEngine& b) { return a.last_used < b.last_used; }));
  }
  m_engines.push_back({key, std::move(made), m_uses});
  return *m_engines.back().engine;
}

const json& report_schema() {
  static const json schema = json::parse(generated::k_report_schema);
  return schema;
}

int serve(Server& server, std::istream& in, std::ostream& out, std::size_t max_line_bytes) {
  auto answer = [&](const std::string& response) {
    out << response << '\n';
    out.flush();
    return static_cast<bool>(out);  // false: the client went away
  };
  std::streambuf* input = in.rdbuf();
  std::string line;
  for (;;) {
    line.clear();
    bool too_long = false, ended = false;
    std::size_t skipped = 0;
    for (;;) {
      const int c = input->sbumpc();
      if (c == std::char_traits<char>::eof()) {
        ended = true;
        break;
      }
      if (c == '\n') break;
      if (too_long) {
        ++skipped;  // read and dropped: a line without end must not fill the memory
      } else if (line.size() >= max_line_bytes) {
        too_long = true;
        skipped = line.size() + 1;
        line.clear();
        line.shrink_to_fit();
      } else {
        line.push_back(static_cast<char>(c));
      }
    }
    if (too_long) {
      const std::string message =
          fmt::format("Invalid Request: line of {} bytes is longer than the limit of {} bytes",
                      skipped, max_line_bytes);
      if (!answer(dump_line(error_response(nullptr, k_invalid_request, message)))) return 0;
    } else if (!ended || !line.empty()) {
      if (const auto response = server.handle_line(line)) {
        if (!answer(*response)) return 0;
      }
    }
    if (ended) return 0;
  }
}

}  // namespace replylint::mcp
