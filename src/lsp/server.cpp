#include "lsp/server.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <set>
#include <system_error>

#include "config/config.hpp"
#include "core/i18n.hpp"
#include "draft/draft.hpp"
#include "message/message.hpp"
#include "report/report.hpp"
#include "rules/catalogue.hpp"
#include "rules/rules.hpp"
#include "util/error.hpp"

namespace replylint::lsp {

namespace {

// A piece of the editor's text in the reader's language (its English text when there is none).
std::string shown(const core::i18n::Fragment& piece) {
  return piece.localized.empty() ? piece.english : piece.localized;
}

namespace fs = std::filesystem;
using nlohmann::json;

// At most this many bytes of a client's input are repeated in an error or the log.
constexpr std::size_t k_max_echo_bytes = 200;

// A JSON-RPC error raised while handling a request; handle() turns it into the response.
struct RpcError {
  int code;
  std::string message;
};

[[noreturn]] void invalid_params(std::string message) {
  throw RpcError{k_invalid_params, std::move(message)};
}

std::string clip(std::string_view text) {
  if (text.size() <= k_max_echo_bytes) return std::string(text);
  std::size_t cut = k_max_echo_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("{}… ({} more bytes)", text.substr(0, cut), text.size() - cut);
}

json error_response(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

json notification(const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

const json& member(const json& object, const char* key) {
  static const json k_null;
  if (!object.is_object()) return k_null;
  const auto it = object.find(key);
  return it == object.end() ? k_null : *it;
}

std::string string_member(const json& object, const char* key) {
  const json& value = member(object, key);
  if (!value.is_string()) invalid_params(fmt::format("'{}' must be a string", key));
  return value.get<std::string>();
}

std::string uri_of(const json& params) {
  return string_member(member(params, "textDocument"), "uri");
}

Position position_of(const json& value) {
  const json& line = member(value, "line");
  const json& character = member(value, "character");
  if (!line.is_number_integer() || !character.is_number_integer())
    invalid_params("a position needs integer 'line' and 'character'");
  return {line.get<int>(), character.get<int>()};
}

Span span_of(const json& value) {
  return {position_of(member(value, "start")), position_of(member(value, "end"))};
}

json to_json(Position p) { return {{"line", p.line}, {"character", p.character}}; }
json to_json(const Span& s) { return {{"start", to_json(s.start)}, {"end", to_json(s.end)}}; }

int lsp_severity(core::Severity severity) {
  switch (severity) {
    case core::Severity::error:
      return 1;
    case core::Severity::warning:
      return 2;
    case core::Severity::info:
      return 3;
  }
  return 3;
}

// True when `a` and `b` share a position, counting touching ends (a cursor at a word's end).
bool touches(const Span& a, const Span& b) { return a.start <= b.end && b.start <= a.end; }

// True when a code-action kind is asked for by `only` (absent: every kind): "source" asks for
// "source.fixAll.replylint", "quickfix" for "quickfix".
bool wanted(const json& only, std::string_view kind) {
  if (!only.is_array()) return true;
  for (const json& o : only) {
    if (!o.is_string()) continue;
    const std::string& prefix = o.get_ref<const std::string&>();
    if (kind == prefix || (kind.starts_with(prefix) && kind[prefix.size()] == '.')) return true;
  }
  return false;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Byte offset in `lines`' text of 1-based `line`, 1-based code-point `column`.
std::size_t offset_of_report(const LineIndex& lines, int line, int column) {
  const Position p = lines.from_report(line, column, Encoding::utf8);
  return lines.line_start(p.line) + static_cast<std::size_t>(p.character);
}

// The byte range of the document that an edit's location stands for, or nullopt when the
// document does not hold that text as the parser read it (a quoted-printable or base64 part, an
// RFC 2047 subject, a folded header, a flowed line): such a fix is not offered.
struct Replacement {
  std::size_t begin, end;
  std::string text;
};
std::optional<Replacement> map_edit(const draft::Draft& draft, report::Resolver& resolver,
                                    const LineIndex& lines, const core::Edit& edit) {
  const message::Message& msg = draft.message();
  const std::string_view doc = lines.text();
  const core::Location& where = edit.location;
  if (where.origin == core::Location::Origin::header) {
    const message::Header* h = msg.find_header(where.header);
    if (!h) {
      // A header that does not exist yet: a line of its own at the end of the header block.
      if (!where.range.empty() || where.range.begin != 0 || msg.headers.empty()) return {};
      int last = 0;
      for (const message::Header& header : msg.headers) last = std::max(last, header.end_line);
      if (last >= lines.line_count()) return {};
      const std::size_t at = lines.line_start(last);
      return Replacement{at, at, where.header + ": " + edit.replacement + "\n"};
    }
    if (h->end_line != h->line || where.range.end > h->value.size()) return {};
    const std::size_t begin = offset_of_report(lines, h->line, h->value_column) + where.range.begin;
    const std::size_t end = begin + where.range.size();
    if (end > doc.size() ||
        doc.substr(begin, end - begin) !=
            std::string_view(h->value).substr(where.range.begin, where.range.size()))
      return {};
    return Replacement{begin, end, edit.replacement};
  }
  if (where.origin == core::Location::Origin::body && (!msg.body.in_file || msg.body.flowed))
    return {};
  core::Diagnostic probe;
  probe.location = where;
  const report::Finding found = resolver.resolve(std::move(probe));
  const core::Diagnostic& d = found.diagnostic;
  const std::size_t begin = offset_of_report(lines, d.line, d.column);
  const std::size_t end = std::max(begin, offset_of_report(lines, d.end_line, d.end_column));
  if (doc.substr(begin, end - begin) != d.text) return {};
  return Replacement{begin, end, edit.replacement};
}

}  // namespace

fs::path path_of_uri(std::string_view uri) {
  constexpr std::string_view k_scheme = "file://";
  if (uri.size() < k_scheme.size()) return {};
  for (std::size_t i = 0; i < k_scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(uri[i])) != k_scheme[i]) return {};
  std::string_view rest = uri.substr(k_scheme.size());
  if (const auto slash = rest.find('/'); slash != std::string_view::npos)
    rest.remove_prefix(slash);  // "file://host/path": the host is this machine's
  else
    return {};
  std::string path;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 &&
        hex_value(rest[i + 2]) >= 0) {
      path.push_back(static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2])));
      i += 2;
    } else if (rest[i] == '?' || rest[i] == '#') {
      break;
    } else {
      path.push_back(rest[i]);
    }
  }
  return fs::path(path);
}

Server::Server(const data::DataSet& data, ServerOptions options)
    : m_data(data), m_options(std::move(options)) {}

void Server::log(std::string_view message) const {
  if (m_options.log) m_options.log(message);
}

engine::Engine& Server::engine() {
  if (!m_engine)
    m_engine = std::make_unique<engine::Engine>(
        m_data,
        engine::Options{.dict_dir = m_options.dict_dir, .extra_rules = m_options.extra_rules});
  return *m_engine;
}

void Server::reload() {
  if (m_engine) {
    try {
      m_engine->reload_configs();
    } catch (const InputError& e) {
      log(e.describe());  // only a --config can throw here, and the server has none
    }
  }
  for (auto& [uri, document] : m_documents) document.stale = true;
}

std::vector<json> Server::handle_text(std::string_view body) {
  json message;
  try {
    message = json::parse(body);
  } catch (const json::exception& e) {
    const std::string what = clip(e.what());
    log(fmt::format("parse error: {}", what));
    return {error_response(nullptr, k_parse_error, "Parse error: " + what)};
  }
  return handle(message);
}

std::vector<json> Server::handle(const json& message) {
  std::vector<json> out;
  if (!message.is_object()) {
    out.push_back(error_response(nullptr, k_invalid_request,
                                 message.is_array() ? "Invalid Request: batches are not supported"
                                                    : "Invalid Request: not an object"));
    return out;
  }
  const auto id_it = message.find("id");
  const bool has_id = id_it != message.end();
  const bool valid_id = has_id && (id_it->is_string() || id_it->is_number_integer());
  const json id = valid_id ? *id_it : json(nullptr);
  const auto method_it = message.find("method");
  if (method_it == message.end() && has_id &&
      (message.contains("result") || message.contains("error")))
    return out;  // a response to a request this server never sends
  if (message.value("jsonrpc", json()) != "2.0") {
    if (has_id)
      out.push_back(
          error_response(id, k_invalid_request, "Invalid Request: 'jsonrpc' must be \"2.0\""));
    return out;
  }
  if (method_it == message.end() || !method_it->is_string()) {
    out.push_back(
        error_response(id, k_invalid_request, "Invalid Request: 'method' must be a string"));
    return out;
  }
  if (has_id && !valid_id) {
    out.push_back(error_response(nullptr, k_invalid_request,
                                 "Invalid Request: 'id' must be a string or an integer"));
    return out;
  }
  const std::string method = method_it->get<std::string>();
  const json params = message.value("params", json::object());

  if (!has_id) {
    // A notification: never answered; one that cannot be used is only logged.
    try {
      dispatch(method, params, out);
    } catch (const RpcError& e) {
      log(fmt::format("ignored notification '{}': {}", clip(method), e.message));
    } catch (const std::exception& e) {
      log(fmt::format("internal error in '{}': {}", clip(method), clip(e.what())));
    }
    return out;
  }
  try {
    if (!m_initialized && method != "initialize")
      throw RpcError{k_server_not_initialized, "Server not initialized"};
    if (m_shutdown) throw RpcError{k_invalid_request, "Invalid Request: the server is shut down"};
    if (method.starts_with("$/"))  // optional protocol requests: the spec wants MethodNotFound
      throw RpcError{k_method_not_found, fmt::format("Method not found: '{}'", clip(method))};
    json result = dispatch(method, params, out);
    out.push_back({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  } catch (const RpcError& e) {
    out.push_back(error_response(id, e.code, e.message));
  } catch (const std::exception& e) {
    log(fmt::format("internal error in '{}': {}", clip(method), clip(e.what())));
    out.push_back(
        error_response(id, k_internal_error, fmt::format("Internal error: {}", clip(e.what()))));
  }
  return out;
}

json Server::dispatch(const std::string& method, const json& params, std::vector<json>& out) {
  if (method == "exit") {
    m_exited = true;
    return nullptr;
  }
  if (method == "initialize") {
    if (m_initialized) throw RpcError{k_invalid_request, "Invalid Request: already initialized"};
    return initialize(params);
  }
  if (!m_initialized) return nullptr;  // notifications before initialize are dropped
  if (method == "initialized") return nullptr;
  if (method == "shutdown") {
    m_shutdown = true;
    return nullptr;
  }
  if (method == "textDocument/didOpen") {
    const json& item = member(params, "textDocument");
    const std::string uri = string_member(item, "uri");
    Document document;
    document.text = string_member(item, "text");
    document.language_id =
        member(item, "languageId").is_string() ? member(item, "languageId").get<std::string>() : "";
    document.version = member(item, "version").is_number_integer() ? item["version"].get<int>() : 0;
    m_documents.insert_or_assign(uri, std::move(document));
    return nullptr;
  }
  if (method == "textDocument/didChange") {
    const std::string uri = uri_of(params);
    const auto it = m_documents.find(uri);
    if (it == m_documents.end()) invalid_params(fmt::format("'{}' is not open", clip(uri)));
    Document& document = it->second;
    const json& changes = member(params, "contentChanges");
    if (!changes.is_array()) invalid_params("'contentChanges' must be an array");
    for (const json& change : changes) {
      std::string text = string_member(change, "text");
      if (!member(change, "range").is_object()) {
        document.text = std::move(text);
        continue;
      }
      const Span range = span_of(change["range"]);
      const LineIndex lines(document.text);
      const std::size_t begin = lines.to_offset(range.start, m_encoding);
      const std::size_t end = std::max(begin, lines.to_offset(range.end, m_encoding));
      document.text.replace(begin, end - begin, text);
    }
    if (const json& v = member(member(params, "textDocument"), "version"); v.is_number_integer())
      document.version = v.get<int>();
    document.stale = true;
    return nullptr;
  }
  if (method == "textDocument/didClose") {
    const std::string uri = uri_of(params);
    if (m_documents.erase(uri) > 0)
      out.push_back(notification("textDocument/publishDiagnostics",
                                 {{"uri", uri}, {"diagnostics", json::array()}}));
    return nullptr;
  }
  if (method == "textDocument/didSave" || method == "workspace/didChangeWatchedFiles" ||
      method == "workspace/didChangeConfiguration") {
    // A .replylint.toml may have changed (saved in this editor or elsewhere): read configs anew.
    reload();
    return nullptr;
  }
  if (method == "textDocument/codeAction") return code_actions(params, out);
  if (method == "textDocument/hover") return hover(params, out);
  if (method.starts_with("$/")) return nullptr;  // $/cancelRequest, $/setTrace: nothing to do
  throw RpcError{k_method_not_found, fmt::format("Method not found: '{}'", clip(method))};
}

json Server::initialize(const json& params) {
  const json& capabilities = member(params, "capabilities");
  std::vector<std::string> offered;
  for (const json* list : {&member(member(capabilities, "general"), "positionEncodings"),
                           &member(capabilities, "offsetEncoding")})
    if (list->is_array())
      for (const json& e : *list)
        if (e.is_string()) offered.push_back(e.get<std::string>());
  // UTF-8 when the client offers it: no conversion on either side. Else UTF-16, which every
  // client must support.
  m_encoding = std::find(offered.begin(), offered.end(), "utf-8") != offered.end()
                   ? Encoding::utf8
                   : Encoding::utf16;
  m_initialized = true;
  json result = {{"capabilities",
                  {{"positionEncoding", to_string(m_encoding)},
                   {"textDocumentSync",
                    {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
                   {"codeActionProvider",
                    {{"codeActionKinds", json::array({"quickfix", std::string(k_fix_all_kind)})}}},
                   {"hoverProvider", true}}},
                 {"serverInfo", {{"name", "replylint"}, {"version", REPLYLINT_VERSION}}}};
  // clangd's extension, read by editors older than LSP 3.17 (neovim 0.7 to 0.9).
  if (member(capabilities, "offsetEncoding").is_array())
    result["offsetEncoding"] = to_string(m_encoding);
  return result;
}

std::vector<json> Server::publish_pending() {
  std::vector<json> out;
  for (auto& [uri, document] : m_documents)
    if (document.stale) out.push_back(check(uri, document));
  return out;
}

Server::Document& Server::fresh(const std::string& uri, std::vector<json>& out) {
  const auto it = m_documents.find(uri);
  if (it == m_documents.end()) invalid_params(fmt::format("'{}' is not open", clip(uri)));
  if (it->second.stale) out.push_back(check(uri, it->second));
  return it->second;
}

json Server::check(const std::string& uri, Document& document) {
  document.stale = false;
  document.published.clear();
  const LineIndex lines(document.text);
  const fs::path path = path_of_uri(uri);
  const std::string display = path.empty() ? uri : path.string();
  auto problem = [&](core::Severity severity, const std::string& message) {
    Published p;
    p.range = {};
    p.rule = "replylint";
    p.message = message;
    p.diagnostic = {{"range", to_json(p.range)},
                    {"severity", lsp_severity(severity)},
                    {"source", "replylint"},
                    {"message", message}};
    document.published.push_back(std::move(p));
  };
  const bool blank = document.text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!blank && path.filename() != ".replylint.toml") {
    try {
      engine::Engine& eng = engine();
      const config::Effective settings = eng.settings_for(path);
      draft::Options options;
      options.language = settings.language;
      options.placeholders = settings.placeholders;
      const draft::Draft draft = draft::segment(
          message::parse_message(display, document.text, m_data, eng.limits_for(path)), m_data,
          options);
      report::FileReport file = eng.check_draft(draft, settings);
      report::Resolver resolver(draft);
      for (report::Finding& finding : file.findings) {
        const core::Diagnostic& d = finding.diagnostic;
        Published p;
        p.rule = d.rule;
        // The editor shows the reader's language (LANGUAGE/LANG, as for the CLI).
        p.message = d.message_localized.empty() ? d.message : d.message_localized;
        p.help = d.help_localized.empty() ? d.help : d.help_localized;
        if (d.part.empty()) {
          p.range = {lines.from_report(d.line, d.column, m_encoding),
                     lines.from_report(d.end_line, d.end_column, m_encoding)};
          if (p.range.end < p.range.start) p.range.end = p.range.start;
        } else {
          // Positions in a decoded (quoted-printable, base64, HTML) part: point at the flagged
          // text where the document holds it as such, else at the top, and say where it is.
          const std::size_t at = d.text.empty() ? std::string::npos : document.text.find(d.text);
          if (at != std::string::npos)
            p.range = {lines.from_offset(at, m_encoding),
                       lines.from_offset(at + d.text.size(), m_encoding)};
          p.message += " " + shown(core::i18n::fragment(
                                 "(MIME part {}, line {} of the decoded text)", d.part, d.line));
        }
        if (d.fix && d.fix->applicability != core::Applicability::display_only &&
            !d.fix->edits.empty()) {
          MappedFix fix{d.fix->title_localized.empty() ? d.fix->title : d.fix->title_localized,
                        d.fix->applicability,
                        {}};
          for (const core::Edit& edit : d.fix->edits) {
            const auto mapped = map_edit(draft, resolver, lines, edit);
            if (!mapped) {
              fix.edits.clear();
              break;
            }
            fix.edits.push_back({{lines.from_offset(mapped->begin, m_encoding),
                                  lines.from_offset(mapped->end, m_encoding)},
                                 mapped->text});
          }
          if (!fix.edits.empty()) p.fix = std::move(fix);
        }
        p.diagnostic = {{"range", to_json(p.range)},
                        {"severity", lsp_severity(d.severity)},
                        {"code", d.rule},
                        {"source", "replylint"},
                        {"message", p.message}};
        document.published.push_back(std::move(p));
      }
    } catch (const InputError& e) {
      problem(core::Severity::error, e.path == display ? e.what() : e.describe());
    } catch (const std::exception& e) {
      log(fmt::format("internal error checking {}: {}", clip(uri), clip(e.what())));
      problem(core::Severity::error,
              fmt::format("replylint: internal error: {}; not checked", clip(e.what())));
    }
  }
  json diagnostics = json::array();
  for (const Published& p : document.published) diagnostics.push_back(p.diagnostic);
  json params = {{"uri", uri}, {"diagnostics", std::move(diagnostics)}};
  params["version"] = document.version;
  return notification("textDocument/publishDiagnostics", std::move(params));
}

json Server::code_actions(const json& params, std::vector<json>& out) {
  const std::string uri = uri_of(params);
  const Span range = span_of(member(params, "range"));
  const json& only = member(member(params, "context"), "only");
  const Document& document = fresh(uri, out);
  auto edit_of = [&](const std::vector<TextEdit>& edits) {
    json list = json::array();
    for (const TextEdit& e : edits)
      list.push_back({{"range", to_json(e.range)}, {"newText", e.text}});
    return json{{"changes", {{uri, std::move(list)}}}};
  };
  json actions = json::array();
  if (wanted(only, "quickfix")) {
    // Safe fixes first: editors list actions in the order given.
    for (const core::Applicability applicability :
         {core::Applicability::safe, core::Applicability::unsafe}) {
      for (const Published& p : document.published) {
        if (!p.fix || p.fix->applicability != applicability || !touches(p.range, range)) continue;
        const bool safe = applicability == core::Applicability::safe;
        json action = {{"title", safe ? fmt::format("{} ({})", p.fix->title, p.rule)
                                      : shown(core::i18n::fragment("{} ({}, unsafe fix)",
                                                                   p.fix->title, p.rule))},
                       {"kind", "quickfix"},
                       {"diagnostics", json::array({p.diagnostic})},
                       {"edit", edit_of(p.fix->edits)}};
        if (safe) action["isPreferred"] = true;
        actions.push_back(std::move(action));
      }
    }
  }
  if (wanted(only, k_fix_all_kind)) {
    // Every safe fix whose edits do not overlap one taken before, in document order.
    std::vector<TextEdit> edits;
    for (const Published& p : document.published) {
      if (!p.fix || p.fix->applicability != core::Applicability::safe) continue;
      const bool clashes = std::any_of(p.fix->edits.begin(), p.fix->edits.end(), [&](auto& e) {
        return std::any_of(edits.begin(), edits.end(), [&](const TextEdit& taken) {
          return e.range.start < taken.range.end && taken.range.start < e.range.end;
        });
      });
      if (!clashes) edits.insert(edits.end(), p.fix->edits.begin(), p.fix->edits.end());
    }
    if (!edits.empty())
      actions.push_back({{"title", shown(core::i18n::fragment("Fix all safe replylint findings"))},
                         {"kind", std::string(k_fix_all_kind)},
                         {"edit", edit_of(edits)}});
  }
  return actions;
}

json Server::hover(const json& params, std::vector<json>& out) {
  const std::string uri = uri_of(params);
  const Position at = position_of(member(params, "position"));
  const Document& document = fresh(uri, out);
  std::string findings, docs;
  std::set<std::string> explained;
  std::optional<Span> range;
  for (const Published& p : document.published) {
    if (!(p.range.start <= at && at <= p.range.end)) continue;
    if (!range) range = p.range;
    findings +=
        fmt::format("**{}**: {}{}\n\n", p.rule, p.message,
                    p.help.empty() ? "" : " " + shown(core::i18n::fragment("(help: {})", p.help)));
    if (!explained.insert(p.rule).second) continue;
    if (const rules::RegistryEntry* entry = rules::find_rule(p.rule))
      docs += "\n---\n\n" + rules::explain_markdown(entry->info);
  }
  if (!range) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", findings + docs}}},
          {"range", to_json(*range)}};
}

int serve(Server& server, std::istream& in, std::ostream& out,
          const std::function<bool()>& input_waiting) {
  auto send = [&](const std::vector<json>& messages) {
    for (const json& m : messages)
      if (!write_message(out, m.dump(-1, ' ', false, json::error_handler_t::replace))) return false;
    return true;
  };
  for (;;) {
    const Framed framed = read_message(in);
    if (framed.status == Framed::Status::end) return server.exit_code();
    if (framed.status == Framed::Status::malformed) {
      if (!send({error_response(nullptr, k_parse_error, "Parse error: " + framed.error)}))
        return server.exit_code();
      continue;
    }
    if (!send(server.handle_text(framed.body))) return server.exit_code();
    if (server.exited()) return server.exit_code();
    if (!input_waiting || !input_waiting()) {
      if (!send(server.publish_pending())) return server.exit_code();
    }
  }
}

}  // namespace replylint::lsp
