#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace replylint::engine {
class Engine;
struct Input;
}  // namespace replylint::engine
namespace replylint::report {
struct Report;
}

namespace replylint::cli {

/// Exit codes (DESIGN.md): nothing at or above --fail-on, something is, usage/unreadable input.
inline constexpr int k_exit_clean = 0;
inline constexpr int k_exit_findings = 1;
inline constexpr int k_exit_error = 2;

struct CommonOptions {
  std::string rules_dir;
};

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string config_file;
  std::string language;
  std::string dict_dir;
  std::string stdin_filename;
  std::string fail_on = "warning";
  bool exit_zero = false;
  std::string color = "auto";
  unsigned jobs = 0;  // 0: every core
  bool force_exclude = false;
  std::uint64_t max_size = 25ull * 1024 * 1024;  // --max-size (0: no limit)
  bool max_size_given = false;  // --max-size was on the command line (else a config may set it)
  std::string baseline;         // --baseline: hide the findings recorded there
  std::string write_baseline;   // --write-baseline: record today's findings there (then hide them)
  bool fix = false;             // --fix: apply safe fixes and write the files back
  bool unsafe_fixes = false;    // --unsafe-fixes: unsafe fixes too (with --fix or --diff)
  bool diff = false;            // --diff: print what --fix would change, write nothing
  std::string mbox_format;      // --mbox-format: "mboxrd", "mboxo", "mboxcl2" or "" (default)
};

struct ParseOptions {
  std::uint64_t max_size = 25ull * 1024 * 1024;  // --max-size (0: no limit)
  std::string path;
  std::string format = "text";
  std::string language;
};

struct McpOptions {
  std::string dict_dir;
  std::vector<std::string> allowed_dirs;  // --allow-path
};

struct LspOptions {
  std::string dict_dir;
};

int run_check(const CommonOptions& common, const CheckOptions& options);
/// `check --fix` / `--diff` on the expanded inputs (cli/fix_command.cpp): fixes each input,
/// writes it back atomically (stdin: the fixed draft on stdout, the report on stderr) or prints
/// the diff, and returns the exit status.
int run_fix(engine::Engine& engine, const std::vector<engine::Input>& inputs,
            const CheckOptions& options);
int run_parse(const CommonOptions& common, const ParseOptions& options);
int run_rules(const std::string& format);
int run_explain(const std::string& id);
/// The MCP server on stdin/stdout until end of input; logs on stderr. Exit 0, or 2 when the
/// rule data cannot be loaded.
int run_mcp(const CommonOptions& common, const McpOptions& options);
/// The Language Server Protocol server on stdin/stdout until `exit` or end of input; logs on
/// stderr. Exit 0 after shutdown and exit, 1 without shutdown, 2 when the rule data cannot be
/// loaded.
int run_lsp(const CommonOptions& common, const LspOptions& options);

/// The report in `options.format` (text in colour when `options.color` asks for it).
std::string render_report(const report::Report& report, const CheckOptions& options);

/// Prints "replylint: error: MESSAGE" on stderr.
void print_error(const std::string& message);

/// Flushes stdout and returns `status`, or, when something written to stdout could not be
/// written (a full disk, a closed pipe, /dev/full), says so in one line on stderr and returns
/// k_exit_error: a report that was not written must not pass for a clean one.
int finish_output(int status);

}  // namespace replylint::cli
