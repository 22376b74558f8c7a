#include "hook/sendmail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "util/error.hpp"

namespace replylint::hook {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "a@x.es", "Ana <a@x.es>", "a@x.es, b@y.es" → the bare addresses.
void add_addresses(std::string_view arg, std::vector<std::string>& out) {
  while (!arg.empty()) {
    const std::size_t comma = arg.find(',');
    std::string_view one = trim(arg.substr(0, comma));
    if (const auto open = one.rfind('<'); open != std::string_view::npos) {
      const auto close = one.find('>', open);
      one = trim(one.substr(open + 1, close == std::string_view::npos ? close : close - open - 1));
    }
    if (!one.empty()) out.emplace_back(one);
    if (comma == std::string_view::npos) break;
    arg.remove_prefix(comma + 1);
  }
}

bool takes_value(std::string_view option) {
  return option.size() == 2 &&
         std::string_view("fFrNRVBOXLChp").find(option[1]) != std::string_view::npos;
}

}  // namespace

std::vector<std::string> recipients_from_args(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  bool only_recipients = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!only_recipients && arg == "--") {
      only_recipients = true;
    } else if (!only_recipients && arg.size() > 1 && arg[0] == '-') {
      if (takes_value(arg)) ++i;
    } else {
      add_addresses(arg, out);
    }
  }
  return out;
}

std::vector<std::string> add_hidden_recipients(message::Message& message,
                                               const std::vector<std::string>& recipients) {
  std::vector<std::string> known;
  for (const auto* list : {&message.to, &message.cc, &message.bcc})
    for (const message::Address& a : *list) known.push_back(lower_ascii(a.address));
  std::vector<std::string> added;
  for (const std::string& r : recipients) {
    const std::string key = lower_ascii(r);
    if (std::ranges::find(known, key) != known.end()) continue;
    known.push_back(key);
    message.bcc.push_back(message::Address{"", r, ""});
    added.push_back(r);
  }
  return added;
}

OutgoingLinter::OutgoingLinter(LintSettings settings) : m_settings(std::move(settings)) {
  m_limits = m_settings.engine.limits;
  try {
    m_data = std::make_unique<data::DataSet>(
        data::load_data(data::find_rules_dir(m_settings.rules_dir)));
    m_engine = std::make_unique<engine::Engine>(*m_data, m_settings.engine);
    m_limits = m_engine->limits_for(m_settings.config_path);
  } catch (const InputError& e) {
    m_setup_problems.push_back(e.describe());
  } catch (const std::exception& e) {
    m_setup_problems.push_back(fmt::format("internal error: {}", e.what()));
  }
}

OutgoingLinter::~OutgoingLinter() = default;

std::string OutgoingLinter::over_limit_problem() const {
  return fmt::format("{}: over the size limit of {} ({}); not checked", m_settings.display_path,
                     message::format_size(m_limits.max_size), m_limits.max_size_setting);
}

OutgoingLint OutgoingLinter::lint(std::string bytes, const std::vector<std::string>& command) {
  OutgoingLint out;
  out.file.path = m_settings.display_path;
  if (!m_engine) {
    out.problems = m_setup_problems;
    return out;
  }
  try {
    message::Message msg =
        message::parse_message(m_settings.display_path, std::move(bytes), *m_data, m_limits);
    // A part the parser gave up on was never linted: that is a failure to check, not a pass.
    for (const std::string& part : msg.unread_parts)
      out.problems.push_back(fmt::format("{}: could not read {}", m_settings.display_path, part));
    if (!command.empty())
      out.hidden = add_hidden_recipients(
          msg, recipients_from_args(std::vector<std::string>(command.begin() + 1, command.end())));
    out.file =
        m_engine->check_message(m_settings.display_path, std::move(msg), m_settings.config_path);
    if (!out.file.error.empty())
      out.problems.push_back(fmt::format("{}: {}", out.file.path, out.file.error));
    for (const std::string& warning : m_engine->warnings()) out.problems.push_back(warning);
  } catch (const InputError& e) {
    out.problems.push_back(e.describe());
  } catch (const std::exception& e) {
    // Anything else is a bug in replylint; it must still end as a refusal, never a lost message.
    out.problems.push_back(fmt::format("internal error: {}", e.what()));
  }
  return out;
}

OutgoingLint lint_outgoing(std::string bytes, const std::vector<std::string>& command,
                           const LintSettings& settings) {
  return OutgoingLinter(settings).lint(std::move(bytes), command);
}

}  // namespace replylint::hook
