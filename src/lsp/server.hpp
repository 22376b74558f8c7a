#pragma once

#include <filesystem>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/data.hpp"
#include "engine/engine.hpp"
#include "lsp/protocol.hpp"
#include "rules/rules.hpp"

namespace replylint::lsp {

/// JSON-RPC and LSP error codes used in responses.
inline constexpr int k_parse_error = -32700;
inline constexpr int k_invalid_request = -32600;
inline constexpr int k_method_not_found = -32601;
inline constexpr int k_invalid_params = -32602;
inline constexpr int k_internal_error = -32603;
inline constexpr int k_server_not_initialized = -32002;

/// The code-action kind of "fix every safe finding of this document".
inline constexpr std::string_view k_fix_all_kind = "source.fixAll.replylint";

struct ServerOptions {
  std::filesystem::path dict_dir;  // --dict-dir for every check
  /// Where diagnostics about the server itself go (the CLI sends them to stderr); may be empty.
  std::function<void(std::string_view)> log;
  /// Rules run after the registry's (engine::Options::extra_rules; tests).
  std::vector<rules::RegistryEntry> extra_rules;
};

/// A Language Server Protocol (3.17) server for drafts: diagnostics on open and change, code
/// actions from the fixes (a quick fix per finding, preferred when safe; "fix all safe" as a
/// source action), hover with the rule's explanation. The document is checked as the editor
/// holds it (a mutt draft with its headers, a .eml, plain text), configured by the
/// .replylint.toml found from its file:// path as `check` finds it. Transport-agnostic: feed it
/// one parsed message at a time. Not thread-safe.
class Server {
 public:
  /// `data` must outlive the server.
  Server(const data::DataSet& data, ServerOptions options);

  /// Handles one message body (JSON text) and returns what to send back, in order: at most
  /// one response, preceded by the diagnostics of a document a request needed checked first.
  /// Never throws: malformed JSON gets -32700, a message that is not a request or notification
  /// -32600, an unknown request -32601 (unknown notifications are ignored), bad params -32602.
  std::vector<nlohmann::json> handle_text(std::string_view body);
  /// handle_text() for a parsed message.
  std::vector<nlohmann::json> handle(const nlohmann::json& message);

  /// Checks every open document changed since its last check and returns one
  /// textDocument/publishDiagnostics notification per document. The transport calls it when no
  /// more input is waiting, so a burst of changes costs one check.
  std::vector<nlohmann::json> publish_pending();

  /// True once the client sent `exit`; exit_code() is 0 when `shutdown` came before it, else 1.
  bool exited() const { return m_exited; }
  int exit_code() const { return m_shutdown ? 0 : 1; }
  /// The position encoding agreed in initialize (utf-16 until then).
  Encoding encoding() const { return m_encoding; }

 private:
  struct TextEdit {
    Span range;
    std::string text;
  };
  struct MappedFix {
    std::string title;
    core::Applicability applicability = core::Applicability::unsafe;
    std::vector<TextEdit> edits;
  };
  struct Published {
    nlohmann::json diagnostic;  // the LSP Diagnostic as sent
    Span range;
    std::string rule;
    std::string message;
    std::string help;
    std::optional<MappedFix> fix;  // set when every edit maps onto the document
  };
  struct Document {
    std::string language_id;
    int version = 0;
    std::string text;
    bool stale = true;
    std::vector<Published> published;
  };

  nlohmann::json dispatch(const std::string& method, const nlohmann::json& params,
                          std::vector<nlohmann::json>& out);
  void notify(const std::string& method, const nlohmann::json& params);
  nlohmann::json initialize(const nlohmann::json& params);
  nlohmann::json code_actions(const nlohmann::json& params, std::vector<nlohmann::json>& out);
  nlohmann::json hover(const nlohmann::json& params, std::vector<nlohmann::json>& out);
  Document& fresh(const std::string& uri, std::vector<nlohmann::json>& out);
  nlohmann::json check(const std::string& uri, Document& document);
  void reload();
  engine::Engine& engine();
  void log(std::string_view message) const;

  const data::DataSet& m_data;
  ServerOptions m_options;
  std::unique_ptr<engine::Engine> m_engine;  // made at the first check: dictionaries load once
  std::map<std::string, Document, std::less<>> m_documents;  // by URI
  Encoding m_encoding = Encoding::utf16;
  bool m_initialized = false, m_shutdown = false, m_exited = false;
};

/// The file a "file://" URI names ("file:///home/ana/a%20b.txt" → "/home/ana/a b.txt"), or an
/// empty path for any other scheme (an unsaved buffer): its configuration is then the working
/// folder's.
std::filesystem::path path_of_uri(std::string_view uri);

/// The stdio transport: reads framed messages from `in` until `exit` or end of input and writes
/// the answers to `out`. Whenever `input_waiting` says nothing more is waiting (and after every
/// message when it is empty), pending checks run and their diagnostics are published. Returns
/// the exit status: Server::exit_code() after `exit`, 1 at end of input without one, 0 when the
/// client went away after shutdown.
int serve(Server& server, std::istream& in, std::ostream& out,
          const std::function<bool()>& input_waiting = {});

}  // namespace replylint::lsp
