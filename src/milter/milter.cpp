// The libmilter adapter: collects each message into its connection's context, asks the policy
// (policy.hpp) what to do and tells the mail server. It never changes a message: the only
// modifications it asks for are added headers (SMFIF_ADDHDRS) and the quarantine.
#include "milter/milter.hpp"

#include <fmt/format.h>
#include <libmilter/mfapi.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "hook/sendmail.hpp"
#include "message/message.hpp"
#include "milter/policy.hpp"
#include "util/error.hpp"

namespace replylint::milter {
namespace {

// Set once in serve() before smfi_main() and only read by the callbacks' threads. Never
// destroyed: a lint abandoned over the time limit may still be running when serve() returns.
Settings* g_settings = nullptr;
hook::OutgoingLinter* g_linter = nullptr;

// One connection's state (smfi_setpriv); the message part is cleared after each message.
struct Context {
  std::string envelope_sender;  // bare, lowercase; "" for the null sender "<>"
  std::string header_from;
  std::vector<std::string> recipients;
  std::string bytes;  // header and body as received, CRLF line ends
  std::uint64_t size = 0;
  bool oversize = false;
  Action action = Action::pass;

  void clear_message() {
    envelope_sender.clear();
    header_from.clear();
    recipients.clear();
    std::string().swap(bytes);  // give the memory back, not just the length
    size = 0;
    oversize = false;
    action = Action::pass;
  }
};

Context* context_of(SMFICTX* ctx) { return static_cast<Context*>(smfi_getpriv(ctx)); }

std::string symbol(SMFICTX* ctx, const char* name) {
  const char* value = smfi_getsymval(ctx, const_cast<char*>(name));
  return value ? value : "";
}

void log_line(SMFICTX* ctx, const Context& context, std::string_view what) {
  std::string id = symbol(ctx, "i");
  if (id.empty()) id = "-";
  const std::string line = fmt::format(
      "replylint milter: {}: from=<{}> {}\n", id,
      printable_ascii(
          context.envelope_sender.empty() ? context.header_from : context.envelope_sender, 200),
      what);
  std::fputs(line.c_str(), stderr);  // one write per line: threads do not interleave
}

// A lint over the time limit is abandoned: its thread finishes on its own and drops the result.
struct Pending {
  std::mutex mutex;
  std::condition_variable done_signal;
  bool done = false;
  hook::OutgoingLint result;
};

// Lints running now, abandoned ones included. Past the cap a message gets the fail policy at once:
// lints abandoned over the time limit must not pile up without end.
std::atomic<unsigned> g_running{0};

unsigned running_cap() {
  static const unsigned cap = std::max(8u, 4 * std::thread::hardware_concurrency());
  return cap;
}

std::string duration_text(std::chrono::milliseconds limit);

// The lint's outcome, or nullopt with `why` set when there is none in time.
std::optional<hook::OutgoingLint> lint_in_time(std::string bytes, std::vector<std::string> command,
                                               std::string& why) {
  if (g_running.fetch_add(1) >= running_cap()) {
    g_running.fetch_sub(1);
    why = fmt::format("{} messages being checked already", running_cap());
    return std::nullopt;
  }
  auto pending = std::make_shared<Pending>();
  try {
    std::thread([pending, bytes = std::move(bytes), command = std::move(command)]() mutable {
      hook::OutgoingLint result = g_linter->lint(std::move(bytes), command);
      g_running.fetch_sub(1);
      const std::lock_guard lock(pending->mutex);
      pending->result = std::move(result);
      pending->done = true;
      pending->done_signal.notify_one();
    }).detach();
  } catch (const std::system_error&) {
    g_running.fetch_sub(1);
    why = "no thread could be started";
    return std::nullopt;
  }
  std::unique_lock lock(pending->mutex);
  if (!pending->done_signal.wait_for(lock, g_settings->time_limit, [&] { return pending->done; })) {
    why = "over the time limit of " + duration_text(g_settings->time_limit);
    return std::nullopt;
  }
  return std::move(pending->result);
}

std::string duration_text(std::chrono::milliseconds limit) {
  if (limit.count() % 1000 == 0) return fmt::format("{}s", limit.count() / 1000);
  return fmt::format("{}ms", limit.count());
}

// libmilter wants '%' doubled in reply text, as printf does.
std::string escape_percent(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '%') out += '%';
  }
  return out;
}

sfsistat apply(SMFICTX* ctx, const Decision& decision) {
  for (const auto& [name, value] : decision.headers)
    smfi_addheader(ctx, const_cast<char*>(name.c_str()), const_cast<char*>(value.c_str()));
  switch (decision.kind) {
    case Decision::Kind::accept:
      return SMFIS_ACCEPT;
    case Decision::Kind::hold:
      smfi_quarantine(ctx, const_cast<char*>(decision.reason.c_str()));
      return SMFIS_ACCEPT;
    case Decision::Kind::reject:
    case Decision::Kind::tempfail: {
      std::vector<std::string> lines;
      for (const std::string& line : decision.reply) lines.push_back(escape_percent(line));
      std::array<const char*, 33> args{};
      for (std::size_t i = 0; i < lines.size() && i < 32; ++i) args[i] = lines[i].c_str();
      // smfi_setmlreply reads its lines up to the first null pointer.
      if (smfi_setmlreply(ctx, decision.code.c_str(), decision.extended.c_str(), args[0], args[1],
                          args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9],
                          args[10], args[11], args[12], args[13], args[14], args[15], args[16],
                          args[17], args[18], args[19], args[20], args[21], args[22], args[23],
                          args[24], args[25], args[26], args[27], args[28], args[29], args[30],
                          args[31], args[32]) != MI_SUCCESS)
        smfi_setreply(ctx, const_cast<char*>(decision.code.c_str()),
                      const_cast<char*>(decision.extended.c_str()),
                      const_cast<char*>("replylint refused the message"));
      return decision.kind == Decision::Kind::reject ? SMFIS_REJECT : SMFIS_TEMPFAIL;
    }
  }
  return SMFIS_TEMPFAIL;
}

sfsistat on_connect(SMFICTX* ctx, char*, _SOCK_ADDR*) {
  auto* context = new (std::nothrow) Context;
  if (!context) return SMFIS_TEMPFAIL;
  smfi_setpriv(ctx, context);
  return SMFIS_CONTINUE;
}

sfsistat on_envfrom(SMFICTX* ctx, char** argv) {
  Context* context = context_of(ctx);
  if (!context) return SMFIS_TEMPFAIL;
  context->clear_message();
  context->envelope_sender = bare_address(argv && argv[0] ? argv[0] : "");
  if (!context->envelope_sender.empty()) {
    context->action = action_for(*g_settings, context->envelope_sender);
    // Incoming mail, mail relayed for others, senders exempted: untouched, not even read.
    if (context->action == Action::pass) return SMFIS_ACCEPT;
  }
  return SMFIS_CONTINUE;
}

sfsistat on_envrcpt(SMFICTX* ctx, char** argv) {
  Context* context = context_of(ctx);
  if (!context) return SMFIS_TEMPFAIL;
  if (argv && argv[0]) context->recipients.push_back(bare_address(argv[0]));
  return SMFIS_CONTINUE;
}

void add_bytes(Context& context, std::string_view piece) {
  context.size += piece.size();
  if (g_settings->max_size > 0 && context.size > g_settings->max_size) {
    if (!context.oversize) std::string().swap(context.bytes);
    context.oversize = true;
    return;
  }
  context.bytes += piece;
}

sfsistat on_header(SMFICTX* ctx, char* name, char* value) {
  Context* context = context_of(ctx);
  if (!context) return SMFIS_TEMPFAIL;
  const std::string_view header(name ? name : "");
  if (context->header_from.empty() && header.size() == 4 && (header[0] | 0x20) == 'f' &&
      (header[1] | 0x20) == 'r' && (header[2] | 0x20) == 'o' && (header[3] | 0x20) == 'm')
    context->header_from = bare_address(value ? value : "");
  add_bytes(*context, header);
  add_bytes(*context, ": ");
  add_bytes(*context, value ? value : "");
  add_bytes(*context, "\r\n");
  return SMFIS_CONTINUE;
}

sfsistat on_eoh(SMFICTX* ctx) {
  Context* context = context_of(ctx);
  if (!context) return SMFIS_TEMPFAIL;
  // The null sender (bounces, notices): the From header says whose mail it is.
  if (context->envelope_sender.empty()) {
    context->action = action_for(*g_settings, context->header_from);
    if (context->action == Action::pass) {
      context->clear_message();
      return SMFIS_ACCEPT;
    }
  }
  add_bytes(*context, "\r\n");
  return SMFIS_CONTINUE;
}

sfsistat on_body(SMFICTX* ctx, unsigned char* chunk, size_t length) {
  Context* context = context_of(ctx);
  if (!context) return SMFIS_TEMPFAIL;
  add_bytes(*context, std::string_view(reinterpret_cast<const char*>(chunk), length));
  return SMFIS_CONTINUE;
}

sfsistat on_eom(SMFICTX* ctx) {
  Context* context = context_of(ctx);
  if (!context) return SMFIS_TEMPFAIL;
  Decision decision;
  if (context->oversize) {
    const std::string why =
        fmt::format("over the size limit of {}", message::format_size(g_settings->max_size));
    if (g_settings->oversize_fails) {
      decision = decide_failure(*g_settings, why);
    } else {
      decision.reason = "passed unchecked: " + why;
      decision.headers = {{"X-Replylint", "unchecked (" + why + "); replylint " REPLYLINT_VERSION}};
    }
  } else {
    std::vector<std::string> command = {"milter", "--"};
    command.insert(command.end(), context->recipients.begin(), context->recipients.end());
    std::string bytes = std::move(context->bytes);
    std::string().swap(context->bytes);
    std::string why;
    const std::optional<hook::OutgoingLint> lint =
        lint_in_time(std::move(bytes), std::move(command), why);
    if (!lint) {
      decision = decide_failure(*g_settings, why);
    } else if (!lint->complete()) {
      // The problem names no message content: "message: not a message (binary data)".
      decision = decide_failure(*g_settings, lint->problems.front());
    } else {
      decision = decide(*g_settings, context->action, lint->file);
    }
  }
  log_line(ctx, *context, fmt::format("action={} {}", to_string(context->action), decision.reason));
  const sfsistat status = apply(ctx, decision);
  context->clear_message();
  return status;
}

sfsistat on_abort(SMFICTX* ctx) {
  if (Context* context = context_of(ctx)) context->clear_message();
  return SMFIS_CONTINUE;
}

sfsistat on_close(SMFICTX* ctx) {
  delete context_of(ctx);
  smfi_setpriv(ctx, nullptr);
  return SMFIS_CONTINUE;
}

// A message every installation can lint: loads the rule data and the English dictionary before
// the first real message, so that the first one is not the one over the time limit.
constexpr std::string_view k_warm_up =
    "From: replylint <replylint@localhost>\r\nTo: test@localhost\r\nSubject: Your order\r\n\r\n"
    "Hello Ana,\r\n\r\nthank you for your message; your order left today.\r\n\r\nBest regards,\r\n"
    "Luis\r\n";

}  // namespace

int serve(const ServeOptions& options) {
  Settings settings;
  try {
    settings = load_settings(options.config_file);
  } catch (const InputError& e) {
    std::cerr << "replylint: error: " << e.describe() << '\n';
    return 2;
  }
  if (!options.socket.empty()) settings.socket = options.socket;
  if (settings.org_domains.empty())
    std::cerr << "replylint milter: warning: no org-domains in " << options.config_file.string()
              << ": every sender counts as outside the organisation and passes unchecked\n";

  hook::LintSettings lint_settings;
  lint_settings.rules_dir = options.rules_dir;
  lint_settings.engine = {options.config_file, options.language, options.dict_dir, std::nullopt};
  // The milter bounds the size itself (Settings::max_size): the parser takes what it is given.
  lint_settings.engine.limits.max_size = 0;
  lint_settings.engine.max_size_given = true;
  lint_settings.display_path = "message";
  auto* linter = new hook::OutgoingLinter(std::move(lint_settings));
  const hook::OutgoingLint warm = linter->lint(std::string(k_warm_up), {});
  if (!warm.complete()) {
    for (const std::string& problem : warm.problems)
      std::cerr << "replylint: error: " << problem << '\n';
    return 1;
  }
  g_settings = new Settings(settings);
  g_linter = linter;

  smfiDesc description{};
  description.xxfi_name = const_cast<char*>("replylint");
  description.xxfi_version = SMFI_VERSION;
  description.xxfi_flags = SMFIF_ADDHDRS | SMFIF_QUARANTINE;
  description.xxfi_connect = on_connect;
  description.xxfi_envfrom = on_envfrom;
  description.xxfi_envrcpt = on_envrcpt;
  description.xxfi_header = on_header;
  description.xxfi_eoh = on_eoh;
  description.xxfi_body = on_body;
  description.xxfi_eom = on_eom;
  description.xxfi_abort = on_abort;
  description.xxfi_close = on_close;

  std::string socket = settings.socket;
  if (smfi_setconn(socket.data()) != MI_SUCCESS || smfi_register(description) != MI_SUCCESS) {
    std::cerr << "replylint: error: cannot use the milter socket '" << socket << "'\n";
    return 1;
  }
  // Group-writable (0660 on a unix socket): the mail server's user reaches it through a group.
  const mode_t old_mask = ::umask(007);
  const bool opened = smfi_opensocket(true) == MI_SUCCESS;  // true: replace a stale socket
  ::umask(old_mask);
  if (!opened) {
    std::cerr << "replylint: error: cannot open the milter socket '" << socket << "'\n";
    return 1;
  }
  std::cerr << fmt::format("replylint milter: listening on {} (default action {}, on-error {})\n",
                           socket, to_string(settings.action), to_string(settings.on_error));
  const int status = smfi_main() == MI_SUCCESS ? 0 : 1;
  // A lint abandoned over the time limit may still be running on the shared engine: wait for it
  // a while, and if it is still going, leave without running the static destructors under it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (g_running.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (g_running.load() > 0) {
    std::fflush(stderr);
    std::_Exit(status);
  }
  return status;
}

}  // namespace replylint::milter
