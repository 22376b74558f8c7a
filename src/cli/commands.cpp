#include "cli/commands.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/i18n.hpp"
#include "data/data.hpp"
#include "draft/draft.hpp"
#include "engine/engine.hpp"
#include "lsp/server.hpp"
#include "mcp/server.hpp"
#include "message/mbox.hpp"
#include "message/model_json.hpp"
#include "report/baseline.hpp"
#include "report/render.hpp"
#include "rules/catalogue.hpp"
#include "rules/rules.hpp"
#include "util/error.hpp"

namespace replylint::cli {

namespace {

bool use_colour(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(STDOUT_FILENO) == 1;
}

// Loads the rule data or prints why not.
const data::DataSet* load_rule_data(const CommonOptions& common, data::DataSet& storage) {
  try {
    storage = data::load_data(data::find_rules_dir(common.rules_dir));
    return &storage;
  } catch (const InputError& e) {
    print_error(e.describe());
    return nullptr;
  }
}

// The rule catalogue as the SARIF renderer describes it.
std::vector<report::RuleDoc> sarif_rules() {
  std::vector<report::RuleDoc> out;
  for (const rules::RegistryEntry& e : rules::registry())
    out.push_back({e.info.id, e.info.summary, e.info.docs, e.info.default_severity});
  return out;
}

report::SarifOptions sarif_options() {
  report::SarifOptions options;
  options.tool_version = REPLYLINT_VERSION;
  // Where dashboards link the tool's name. TODO(lead): the project's public address once it has
  // one.
  options.information_uri = "https://github.com/replylint/replylint";
  std::error_code ec;
  options.base_dir = std::filesystem::current_path(ec);
  return options;
}

// --write-baseline records the report's findings; then --baseline (or the baseline just
// written) hides the findings it records. False, with the error printed, when a baseline cannot
// be read or written.
bool apply_baseline(const CheckOptions& options, report::Report& report) {
  const std::string& file =
      options.write_baseline.empty() ? options.baseline : options.write_baseline;
  if (file.empty()) return true;
  try {
    if (!options.write_baseline.empty()) {
      report::Baseline recorded(std::filesystem::path(file).parent_path());
      recorded.record(report);
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << recorded.to_json();
      out.close();
      if (!out) throw std::runtime_error("cannot write baseline " + file);
    }
    const report::Baseline::Outcome outcome = report::Baseline::load(file).apply(report);
    if (outcome.hidden > 0)
      std::cerr << fmt::format("replylint: {} finding{} hidden by the baseline {}\n",
                               outcome.hidden, outcome.hidden == 1 ? "" : "s", file);
    if (outcome.stale > 0)
      std::cerr << fmt::format(
          "replylint: {} baseline entr{} no longer match: rewrite it with --write-baseline\n",
          outcome.stale, outcome.stale == 1 ? "y" : "ies");
  } catch (const std::exception& e) {
    print_error(e.what());
    return false;
  }
  return true;
}

}  // namespace

void print_error(const std::string& message) {
  std::cerr << "replylint: error: " << message << '\n';
}

int finish_output(int status) {
  errno = 0;
  std::cout.flush();
  const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || std::cout.fail();
  if (!failed) return status;
  // errno names the cause when the final flush failed; a write that failed earlier, while the
  // report was being rendered, may have left no trace of it.
  const int error = errno;
  print_error(error != 0 ? fmt::format("cannot write the report to standard output: {}",
                                       std::strerror(error))
                         : std::string("cannot write the report to standard output"));
  return k_exit_error;
}

std::string render_report(const report::Report& report, const CheckOptions& options) {
  if (options.format == "json") return report::render_json(report, options.jobs) + '\n';
  if (options.format == "sarif")
    return report::to_sarif(report, sarif_rules(), sarif_options())
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
           '\n';
  if (options.format == "github") return report::render_github(report);
  return report::render_text(report, {.color = use_colour(options.color)});
}

int run_check(const CommonOptions& common, const CheckOptions& options) {
  data::DataSet storage;
  const data::DataSet* data = load_rule_data(common, storage);
  if (!data) return k_exit_error;

  std::unique_ptr<engine::Engine> engine;
  try {
    engine::Options engine_options{options.config_file, options.language, options.dict_dir};
    engine_options.limits.max_size = options.max_size;
    engine_options.max_size_given = options.max_size_given;
    engine_options.mbox_format = message::parse_mbox_format(options.mbox_format);
    engine = std::make_unique<engine::Engine>(*data, std::move(engine_options));
  } catch (const InputError& e) {
    print_error(e.describe());
    return k_exit_error;
  }

  std::vector<engine::Input> inputs = engine->expand(options.paths, options.force_exclude);
  for (engine::Input& input : inputs) {
    if (input.path != "-" || !input.error.empty()) continue;
    input.config_path = options.stdin_filename;
    if (!options.stdin_filename.empty()) input.path = options.stdin_filename;
    try {
      std::cin >> std::noskipws;
      const message::Limits limits = engine->limits_for(input.config_path);
      input.bytes =
          message::read_bounded(std::cin, input.path, limits.max_size, limits.max_size_setting);
    } catch (const InputError& e) {
      input.error = e.what();
    }
  }
  if (options.fix || options.diff) {
    // A mailbox is an archive of mail already sent: never rewritten.
    for (const engine::Input& input : inputs)
      if (engine->is_mailbox(input)) {
        print_error(fmt::format(
            "{}: --fix and --diff never rewrite a mailbox; check it without them", input.path));
        return k_exit_error;
      }
    const int status = run_fix(*engine, inputs, options);
    (void)engine.release();
    return status;
  }
  report::Report report;
  report.files = engine->check_all(inputs, options.jobs);
  if (!apply_baseline(options, report)) return k_exit_error;

  for (const report::FileReport& file : report.files)
    if (!file.error.empty())
      print_error(fmt::format("{}: {}", report::entry_name(file), file.error));
  for (const std::string& warning : engine->warnings())
    std::cerr << "replylint: warning: " << warning << '\n';

  std::cout << render_report(report, options);

  int status = k_exit_clean;
  const auto threshold =
      report::parse_severity(options.fail_on).value_or(report::Severity::warning);
  if (report.has_errors_reading())
    status = k_exit_error;
  else if (!options.exit_zero && report.fails(threshold))
    status = k_exit_findings;
  // The process ends right after this: the report of a large run and the engine's dictionaries
  // and caches are left to the operating system instead of freed piece by piece.
  // (Deliberate: memory checkers see these two blocks as lost at exit.)
  (void)new report::Report(std::move(report));
  (void)engine.release();
  return status;
}

namespace {

nlohmann::json segments_json(const draft::Draft& draft) {
  nlohmann::json out = nlohmann::json::array();
  report::Resolver resolver(draft);
  for (const draft::Segment& segment : draft.segments) {
    report::Diagnostic probe;
    probe.location.range = segment.range;
    const report::Finding at = resolver.resolve(std::move(probe));
    const report::Diagnostic& d = at.diagnostic;
    nlohmann::json item = {{"kind", draft::to_string(segment.kind)},
                           {"line", d.line},
                           {"column", d.column},
                           {"end_line", d.end_line},
                           {"end_column", d.end_column}};
    if (segment.kind == draft::SegmentKind::quote) item["depth"] = segment.depth;
    if (segment.kind == draft::SegmentKind::own) item["language"] = segment.language;
    out.push_back(std::move(item));
  }
  return out;
}

std::string addresses_text(const std::vector<message::Address>& list) {
  std::string out;
  for (const message::Address& a : list) {
    if (!out.empty()) out += ", ";
    out += a.name.empty() ? a.address : fmt::format("{} <{}>", a.name, a.address);
  }
  return out;
}

void print_parse_text(const draft::Draft& draft) {
  const message::Message& m = draft.message();
  const char* kinds[] = {"mime", "draft", "body"};
  fmt::print("path: {}\nkind: {}\n", m.path, kinds[static_cast<int>(m.kind)]);
  if (m.kind != message::InputKind::body) {
    fmt::print("subject: {}\nreply: {}{}\n", m.subject, m.is_reply ? "yes" : "no",
               m.is_forward ? " (forward)" : "");
    for (auto [name, list] : {std::pair{"from", &m.from},
                              {"to", &m.to},
                              {"cc", &m.cc},
                              {"bcc", &m.bcc},
                              {"reply-to", &m.reply_to}})
      if (!list->empty()) fmt::print("{}: {}\n", name, addresses_text(*list));
    if (!m.date.empty()) fmt::print("date: {}\n", m.date);
    if (!m.in_reply_to.empty()) fmt::print("in-reply-to: {}\n", m.in_reply_to);
  }
  fmt::print("body: {} {}{}\n", m.body.content_type, m.body.charset.empty() ? "" : m.body.charset,
             m.body.part.empty() ? "" : fmt::format(" (part {})", m.body.part));
  for (const message::Attachment& a : m.attachments)
    fmt::print("attachment: {} ({}, {} bytes{})\n", a.filename.empty() ? "(no name)" : a.filename,
               a.content_type, a.size, a.is_inline ? ", inline" : "");
  fmt::print("language: {}\n\n", draft.language.empty() ? "unknown" : draft.language);
  report::Resolver resolver(draft);
  for (const draft::Segment& segment : draft.segments) {
    report::Diagnostic probe;
    probe.location.range = segment.range;
    const report::Diagnostic d = resolver.resolve(std::move(probe)).diagnostic;
    std::string label(draft::to_string(segment.kind));
    if (segment.kind == draft::SegmentKind::quote) label += fmt::format(" depth {}", segment.depth);
    if (!segment.language.empty()) label += " " + segment.language;
    fmt::print("[{}:{}-{}:{} {}]\n", d.line, d.column, d.end_line, d.end_column, label);
    std::string_view text(draft.text());
    text = text.substr(std::min(segment.range.begin, text.size()), segment.range.size());
    while (!text.empty()) {
      const auto nl = text.find('\n');
      fmt::print("  | {}\n", text.substr(0, nl));
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
  }
  for (const std::string& w : m.warnings) fmt::print("warning: {}\n", w);
  for (const std::string& w : draft.warnings) fmt::print("warning: {}\n", w);
}

}  // namespace

int run_parse(const CommonOptions& common, const ParseOptions& options) {
  data::DataSet storage;
  const data::DataSet* data = load_rule_data(common, storage);
  if (!data) return k_exit_error;
  try {
    message::Limits limits;
    limits.max_size = options.max_size;
    message::Message msg = message::load_message(options.path, *data, limits);
    const draft::Draft draft = draft::segment(std::move(msg), *data, {options.language});
    if (options.format == "json") {
      nlohmann::json out = message::to_json(draft.message());
      out["language"] = draft.language;
      out["segments"] = segments_json(draft);
      // Every string is cleaned to UTF-8 by the parser; a slip must still print, not abort.
      std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
      print_parse_text(draft);
    }
  } catch (const InputError& e) {
    print_error(e.describe());
    return k_exit_error;
  }
  return k_exit_clean;
}

int run_rules(const std::string& format) {
  if (format == "json") {
    std::cout << rules::catalogue_json().dump(2) << '\n';
    return k_exit_clean;
  }
  std::size_t width = 0;
  for (const rules::RegistryEntry& e : rules::registry()) width = std::max(width, e.info.id.size());
  for (const rules::RegistryEntry& e : rules::registry())
    fmt::print("{:<{}}  {:<10}  {:<7}  {}\n", e.info.id, width, rules::to_string(e.info.category),
               report::to_string(e.info.default_severity), core::i18n::translate(e.info.summary));
  return k_exit_clean;
}

int run_explain(const std::string& id) {
  const rules::RegistryEntry* entry = rules::find_rule(id);
  if (!entry) {
    print_error(rules::unknown_rule_message(id));
    return k_exit_error;
  }
  std::cout << rules::explain_markdown(entry->info);
  return k_exit_clean;
}

int run_mcp(const CommonOptions& common, const McpOptions& options) {
  data::DataSet storage;
  const data::DataSet* data = load_rule_data(common, storage);
  if (!data) return k_exit_error;
  // A client that goes away must end the server quietly, not kill it with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  mcp::Server server(
      *data,
      {.dict_dir = options.dict_dir,
       .allowed_dirs = {options.allowed_dirs.begin(), options.allowed_dirs.end()},
       .log = [](std::string_view line) { std::cerr << "replylint mcp: " << line << '\n'; }});
  return mcp::serve(server, std::cin, std::cout);
}

int run_lsp(const CommonOptions& common, const LspOptions& options) {
  data::DataSet storage;
  const data::DataSet* data = load_rule_data(common, storage);
  if (!data) return k_exit_error;
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  lsp::Server server(*data, {.dict_dir = options.dict_dir, .log = [](std::string_view line) {
                               std::cerr << "replylint lsp: " << line << '\n';
                             }});
  // Checks run only when no further message is waiting: a burst of keystrokes costs one check.
  const auto input_waiting = [] {
    if (std::cin.rdbuf()->in_avail() > 0) return true;
    pollfd fd{.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
    return ::poll(&fd, 1, 0) > 0 && (fd.revents & POLLIN) != 0;
  };
  return lsp::serve(server, std::cin, std::cout, input_waiting);
}

}  // namespace replylint::cli
