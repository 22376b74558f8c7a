#pragma once

#include <cstdint>
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
#include <utility>
#include <vector>

#include "data/data.hpp"
#include "engine/engine.hpp"

namespace replylint::mcp {

/// The protocol versions this server speaks, newest first. initialize answers with the version
/// the client asked for when it is one of these, else with the first (newest).
const std::vector<std::string>& supported_protocol_versions();

/// JSON-RPC 2.0 error codes used in responses.
inline constexpr int k_parse_error = -32700;
inline constexpr int k_invalid_request = -32600;
inline constexpr int k_method_not_found = -32601;
inline constexpr int k_invalid_params = -32602;  // also an unknown tool or resource (SEP-2164)
inline constexpr int k_internal_error = -32603;

/// The longest JSON-RPC line serve() reads by default: room for a draft at the default
/// --max-size (25 MB) even with its text escaped; longer lines are refused unread.
inline constexpr std::size_t k_default_max_line_bytes = 64u << 20;
/// At most this many bytes of a client's input are repeated in an error or the log.
inline constexpr std::size_t k_max_echo_bytes = 200;
/// Engines kept at once (one per config file and language); the least recently used goes first.
inline constexpr std::size_t k_max_engines = 4;

struct ServerOptions {
  std::filesystem::path dict_dir;  // --dict-dir for every lint
  /// Folders besides the working folder (when the server is made) whose files lint_draft's
  /// `path` and `config` may name (--allow-path); relative ones are taken from the working folder.
  std::vector<std::filesystem::path> allowed_dirs;
  /// Where diagnostics about the server itself go (the CLI sends them to stderr); may be empty.
  std::function<void(std::string_view)> log;
};

/// A Model Context Protocol server (https://modelcontextprotocol.io, revision 2025-06-18) over
/// JSON-RPC 2.0. It offers the tools lint_draft, fix_draft, list_rules and explain_rule, and one
/// resource per rule (replylint://rules/<id>, the rule's Markdown docs). Transport-agnostic: feed
/// it one message at a time. Not thread-safe: one client, one message at a time.
class Server {
 public:
  /// `data` must outlive the server.
  Server(const data::DataSet& data, ServerOptions options);

  /// Handles one line of the stdio transport (one JSON-RPC message, no embedded newline; a
  /// trailing "\r" is ignored). Returns the response as one line of compact JSON without the
  /// newline, or nullopt when nothing is due: a notification, a response from the client, a
  /// blank line. Never throws; malformed input gets a JSON-RPC error response (-32700 for
  /// text that is not JSON, -32600 for JSON that is not a request, including batch arrays,
  /// which MCP 2025-06-18 dropped).
  std::optional<std::string> handle_line(std::string_view line);

  /// Handles one parsed message, as handle_line does.
  std::optional<nlohmann::json> handle(const nlohmann::json& message);

  /// How many engines (loaded dictionaries) are kept now, at most k_max_engines.
  std::size_t cached_engines() const { return m_engines.size(); }

  /// The protocol version agreed in initialize ("" before it).
  const std::string& protocol_version() const { return m_protocol_version; }

 private:
  nlohmann::json dispatch(const std::string& method, const nlohmann::json& params);
  nlohmann::json initialize(const nlohmann::json& params);
  nlohmann::json call_tool(const nlohmann::json& params);
  nlohmann::json lint_draft(const nlohmann::json& arguments);
  nlohmann::json fix_draft(const nlohmann::json& arguments);
  // lint_draft's and fix_draft's common checks of their arguments, then the lint or the fix.
  nlohmann::json run_on_draft(const nlohmann::json& arguments, std::string_view tool, bool fix,
                              bool unsafe = false);
  nlohmann::json fixed_draft(engine::Engine& engine, const std::string& path,
                             const std::string& text, const std::string& filename, bool unsafe);
  nlohmann::json explain_rule(const nlohmann::json& arguments);
  nlohmann::json read_resource(const nlohmann::json& params);
  engine::Engine& engine_for(const std::string& config, const std::string& language);
  // Empty when `path` (relative to m_root) lies inside m_root or an allowed folder once
  // symlinks are resolved; else the tool error to answer, which never shows the file's content.
  std::string confinement_error(const std::string& argument, const std::string& path) const;
  void log(std::string_view message) const;

  const data::DataSet& m_data;
  ServerOptions m_options;
  std::string m_protocol_version;
  std::filesystem::path m_root;                  // the working folder when made, symlinks resolved
  std::vector<std::filesystem::path> m_allowed;  // m_root first, each resolved
  // Engines by (config file's identity, language), kept so that dictionaries load once per
  // session (a cold Greek dictionary takes most of a second); configs are reloaded for every
  // call. At most k_max_engines: every distinct config would otherwise keep one for good.
  struct CachedEngine {
    std::pair<std::string, std::string> key;
    std::unique_ptr<engine::Engine> engine;
    std::uint64_t last_used = 0;
  };
  std::vector<CachedEngine> m_engines;
  std::uint64_t m_uses = 0;
};

/// Text of a client's input for an error or the log: whole when at most `limit` bytes, else its
/// first `limit` bytes (never a broken UTF-8 sequence) and how many bytes were left out.
std::string clip(std::string_view text, std::size_t limit = k_max_echo_bytes);

/// The stdio transport: reads newline-delimited messages from `in` until end of file and writes
/// each response followed by '\n' to `out`, flushing after each. A line longer than
/// `max_line_bytes` is never held whole: it is skipped up to its newline and answered with
/// -32600. Returns 0 at end of file.
int serve(Server& server, std::istream& in, std::ostream& out,
          std::size_t max_line_bytes = k_default_max_line_bytes);

/// The JSON Schema of the report (schemas/report.v1.json, compiled in), announced as the
/// outputSchema of lint_draft.
const nlohmann::json& report_schema();

}  // namespace replylint::mcp
