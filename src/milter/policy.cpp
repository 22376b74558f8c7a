// The milter's decisions, kept apart from libmilter so that they can be tested without a mail
// server: which senders are linted and how, and what Postfix is told (headers, reply, hold).
#include "milter/policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "config/config.hpp"
#include "config/size_value.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"
#include "util/toml_util.hpp"

namespace replylint::milter {
namespace {

const std::vector<std::string> k_milter_keys = {
    "socket",   "action",     "fail-on",   "on-error",    "max-size",
    "oversize", "time-limit", "tag-clean", "org-domains", "senders"};

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

bool looks_like_domain(std::string_view text) {
  return text.find('.') != std::string_view::npos &&
         text.find_first_of("@ \t/<>") == std::string_view::npos && text.front() != '.' &&
         text.back() != '.';
}

class SectionReader {
 public:
  explicit SectionReader(const std::filesystem::path& path) : m_file(path.string()) {}

  Settings read(const toml::table& table) {
    Settings settings;
    if (const toml::node* domains = table.get("org-domains"))
      settings.org_domains = domains_of("org-domains", *domains);
    const toml::node* section = table.get("milter");
    if (!section) return settings;
    const toml::table* milter = section->as_table();
    if (!milter) wrong_type("milter", "a table", *section);
    for (const auto& [key, node] : *milter) {
      const std::string name(key.str());
      if (name == "socket") {
        settings.socket = socket(node);
      } else if (name == "action") {
        settings.action = action(node);
      } else if (name == "fail-on") {
        const std::string text = util::string_value(m_file, "milter.fail-on", node);
        const auto severity = core::parse_severity(text);
        if (!severity)
          fail(node, "unknown severity '" + text + "' (expected 'error', 'warning' or 'info')");
        settings.fail_on = *severity;
      } else if (name == "on-error") {
        const std::string text = util::string_value(m_file, "milter.on-error", node);
        const auto policy = parse_fail_policy(text);
        if (!policy)
          fail(node, "unknown on-error '" + text + "' (expected 'tempfail', 'accept' or 'reject')");
        settings.on_error = *policy;
      } else if (name == "max-size") {
        settings.max_size = config::size_value(m_file, "milter.max-size", node);
      } else if (name == "oversize") {
        const std::string text = util::string_value(m_file, "milter.oversize", node);
        if (text != "fail" && text != "pass")
          fail(node, "unknown oversize '" + text + "' (expected 'fail' or 'pass')");
        settings.oversize_fails = text == "fail";
      } else if (name == "time-limit") {
        settings.time_limit = duration(node);
      } else if (name == "tag-clean") {
        const auto* flag = node.as_boolean();
        if (!flag) wrong_type("milter.tag-clean", "a boolean", node);
        settings.tag_clean = flag->get();
      } else if (name == "org-domains") {
        settings.org_domains = domains_of("milter.org-domains", node);
      } else if (name == "senders") {
        settings.senders = senders(node);
      } else {
        fail(key,
             "unknown key '" + name + "' in [milter]" + util::did_you_mean(name, k_milter_keys));
      }
    }
    return settings;
  }

 private:
  template <typename Where>
  [[noreturn]] void fail(const Where& where, const std::string& message) const {
    throw InputError(m_file, util::line_of(where), message);
  }

  [[noreturn]] void wrong_type(const std::string& key, std::string_view expected,
                               const toml::node& node) const {
    fail(node, "'" + key + "' must be " + std::string(expected) + ", found " +
                   std::string(util::toml_type_name(node)));
  }

  std::vector<std::string> domains_of(const std::string& key, const toml::node& node) const {
    std::vector<std::string> out;
    for (const std::string& text : util::string_list(m_file, key, node)) {
      std::string domain = lower_ascii(text);
      if (!domain.empty() && domain.front() == '@') domain.erase(0, 1);
      if (!looks_like_domain(domain)) fail(node, "'" + text + "' is not a domain name");
      out.push_back(std::move(domain));
    }
    return out;
  }

  std::string socket(const toml::node& node) const {
    const std::string text = util::string_value(m_file, "milter.socket", node);
    const auto colon = text.find(':');
    const std::string kind = text.substr(0, colon);
    const std::string rest = colon == std::string::npos ? "" : text.substr(colon + 1);
    bool good = false;
    if (kind == "unix" || kind == "local") {
      good = !rest.empty() && rest.front() == '/';
    } else if (kind == "inet" || kind == "inet6") {
      const std::string port = rest.substr(0, rest.find('@'));
      good = !port.empty() && port.size() <= 5 &&
             std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; }) &&
             std::stoi(port) > 0 && std::stoi(port) < 65536;
    }
    if (!good)
      fail(node,
           "'milter.socket' must be \"unix:PATH\", \"local:PATH\" or \"inet:PORT@HOST\", found '" +
               text + "'");
    return text;
  }

  Action action(const toml::node& node) const {
    const std::string text = util::string_value(m_file, "milter.action", node);
    const auto parsed = parse_action(text);
    if (!parsed)
      fail(node, "unknown action '" + text + "' (expected 'reject', 'tag', 'hold' or 'pass')");
    return *parsed;
  }

  std::chrono::milliseconds duration(const toml::node& node) const {
    std::optional<std::chrono::milliseconds> parsed;
    std::string shown;
    if (const auto* number = node.as_integer()) {
      shown = std::to_string(number->get());
      if (number->get() > 0 && number->get() < 86400) parsed = std::chrono::seconds(number->get());
    } else if (const auto* text = node.as_string()) {
      shown = text->get();
      parsed = parse_duration(shown);
    } else {
      wrong_type("milter.time-limit", "a duration such as \"20s\" or \"500ms\"", node);
    }
    if (!parsed)
      fail(node, "'milter.time-limit' must be a duration such as \"20s\" or \"500ms\", found '" +
                     shown + "'");
    return *parsed;
  }

  std::vector<std::pair<std::string, Action>> senders(const toml::node& node) const {
    const toml::table* table = node.as_table();
    if (!table) wrong_type("milter.senders", "a table of \"address or domain\" = \"action\"", node);
    std::vector<std::pair<std::string, Action>> out;
    for (const auto& [key, value] : *table) {
      std::string who = lower_ascii(key.str());
      if (!who.empty() && who.front() == '@') who.erase(0, 1);
      const auto at = who.find('@');
      const bool address = at != std::string::npos && at > 0 &&
                           looks_like_domain(std::string_view(who).substr(at + 1)) &&
                           who.find_first_of(" \t<>") == std::string::npos;
      if (!address && !looks_like_domain(who))
        fail(key, "'" + std::string(key.str()) +
                      "' in [milter.senders] is not an address or a domain name");
      out.emplace_back(std::move(who), action(value));
    }
    return out;
  }

  std::string m_file;
};

std::string plural(std::size_t n, std::string_view one) {
  return fmt::format("{} {}{}", n, one, n == 1 ? "" : "s");
}

// The findings that count (at or above fail_on), in report order.
std::vector<const report::Finding*> counted(const Settings& settings,
                                            const report::FileReport& file) {
  std::vector<const report::Finding*> out;
  for (const report::Finding& finding : file.findings)
    if (finding.diagnostic.severity >= settings.fail_on) out.push_back(&finding);
  return out;
}

// "1 error, 2 warnings": the counted findings by severity, the worst first.
std::string tally(const std::vector<const report::Finding*>& findings) {
  std::string out;
  for (const core::Severity severity :
       {core::Severity::error, core::Severity::warning, core::Severity::info}) {
    const auto n = static_cast<std::size_t>(std::ranges::count_if(
        findings, [&](const report::Finding* f) { return f->diagnostic.severity == severity; }));
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += plural(n, to_string(severity));
  }
  return out;
}

// "personal-data, shouting": each rule once, in report order, the header kept under 900 bytes.
std::string rule_list(const std::vector<const report::Finding*>& findings) {
  std::vector<std::string> ids;
  for (const report::Finding* f : findings)
    if (std::ranges::find(ids, f->diagnostic.rule) == ids.end()) ids.push_back(f->diagnostic.rule);
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string id = printable_ascii(ids[i], 80);
    if (out.size() + id.size() > 900) {
      out += fmt::format(" and {} more", ids.size() - i);
      break;
    }
    if (!out.empty()) out += ", ";
    out += id;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> verdict_headers(
    const std::vector<const report::Finding*>& findings) {
  if (findings.empty()) return {{"X-Replylint", "pass; replylint " REPLYLINT_VERSION}};
  return {
      {"X-Replylint", fmt::format("fail ({}); replylint {}", tally(findings), REPLYLINT_VERSION)},
      {"X-Replylint-Findings", rule_list(findings)}};
}

// "line 3", "Subject" or the header's name: where the sender finds it.
std::string where(const core::Diagnostic& d) {
  switch (d.location.origin) {
    case core::Location::Origin::subject:
      return "Subject";
    case core::Location::Origin::header:
      return d.location.header;
    case core::Location::Origin::body:
      break;
  }
  return fmt::format("line {}", d.line);
}

}  // namespace

std::optional<Action> parse_action(std::string_view text) {
  if (text == "reject") return Action::reject;
  if (text == "tag") return Action::tag;
  if (text == "hold") return Action::hold;
  if (text == "pass") return Action::pass;
  return std::nullopt;
}

std::string_view to_string(Action action) {
  switch (action) {
    case Action::reject:
      return "reject";
    case Action::tag:
      return "tag";
    case Action::hold:
      return "hold";
    case Action::pass:
      return "pass";
  }
  return "pass";
}

std::optional<FailPolicy> parse_fail_policy(std::string_view text) {
  if (text == "tempfail") return FailPolicy::tempfail;
  if (text == "accept") return FailPolicy::accept;
  if (text == "reject") return FailPolicy::reject;
  return std::nullopt;
}

std::string_view to_string(FailPolicy policy) {
  switch (policy) {
    case FailPolicy::tempfail:
      return "tempfail";
    case FailPolicy::accept:
      return "accept";
    case FailPolicy::reject:
      return "reject";
  }
  return "tempfail";
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9) return std::nullopt;
  const long long value = std::stoll(std::string(text.substr(0, digits)));
  std::string_view unit = text.substr(digits);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  std::chrono::milliseconds out{};
  if (unit.empty() || unit == "s")
    out = std::chrono::seconds(value);
  else if (unit == "ms")
    out = std::chrono::milliseconds(value);
  else if (unit == "m" || unit == "min")
    out = std::chrono::minutes(value);
  else
    return std::nullopt;
  if (out.count() <= 0 || out > std::chrono::hours(24)) return std::nullopt;
  return out;
}

Settings load_settings(const std::filesystem::path& path) {
  return SectionReader(path).read(util::parse_toml_file(path));
}

std::string bare_address(std::string_view text) {
  if (const auto open = text.rfind('<'); open != std::string_view::npos) {
    const auto close = text.find('>', open);
    text = text.substr(open + 1, close == std::string_view::npos ? close : close - open - 1);
  }
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return lower_ascii(text);
}

std::string domain_of(std::string_view address) {
  const std::string bare = bare_address(address);
  const auto at = bare.rfind('@');
  return at == std::string::npos ? "" : bare.substr(at + 1);
}

bool in_organisation(const Settings& settings, std::string_view domain) {
  const std::string lower = lower_ascii(domain);
  return std::ranges::any_of(settings.org_domains, [&](const std::string& org) {
    return lower == org || (lower.size() > org.size() && lower.ends_with(org) &&
                            lower[lower.size() - org.size() - 1] == '.');
  });
}

Action action_for(const Settings& settings, std::string_view sender) {
  const std::string address = bare_address(sender);
  const std::string domain = domain_of(address);
  if (domain.empty() || !in_organisation(settings, domain)) return Action::pass;
  for (const auto& [who, action] : settings.senders)
    if (who == address) return action;
  // The nearest listed domain: "ventas.x.es" before "x.es".
  for (std::string_view d = domain; !d.empty();) {
    for (const auto& [who, action] : settings.senders)
      if (who == d) return action;
    const auto dot = d.find('.');
    if (dot == std::string_view::npos) break;
    d.remove_prefix(dot + 1);
  }
  return settings.action;
}

std::string printable_ascii(std::string_view text, std::size_t max) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      ++i;
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c >= 0x21 && c < 0x7f) {
      out += static_cast<char>(c);
      ++i;
    } else {
      out += '?';
      ++i;  // a whole UTF-8 sequence becomes one '?'
      while (c >= 0xc0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80)
        ++i;
    }
  }
  if (out.size() > max) out = out.substr(0, max > 3 ? max - 3 : 0) + "...";
  return out;
}

Decision decide(const Settings& settings, Action action, const report::FileReport& file) {
  const std::vector<const report::Finding*> findings = counted(settings, file);
  Decision decision;
  if (findings.empty()) {
    if ((action == Action::tag && settings.tag_clean) || action == Action::hold)
      decision.headers = verdict_headers(findings);
    decision.reason = "replylint: pass";
    return decision;
  }
  decision.reason = fmt::format("replylint: {}: {}", tally(findings), rule_list(findings));
  if (action == Action::tag || action == Action::hold) {
    decision.headers = verdict_headers(findings);
    if (action == Action::hold) decision.kind = Decision::Kind::hold;
    return decision;
  }
  decision.kind = Decision::Kind::reject;
  decision.code = "550";
  decision.extended = "5.7.1";
  decision.reply.push_back(
      fmt::format("replylint: the message was not sent: {} to fix", tally(findings)));
  const std::size_t room = k_max_reply_lines - 2;
  for (std::size_t i = 0; i < findings.size() && i < room; ++i) {
    const core::Diagnostic& d = findings[i]->diagnostic;
    // Reports are redacted before they reach here (Engine::check_message): a masked card
    // number stays masked. The quoted text itself is never repeated, only the message.
    decision.reply.push_back(printable_ascii(
        fmt::format("{} ({}, {}): {}", d.rule, to_string(d.severity), where(d), d.message), 200));
  }
  if (findings.size() > room)
    decision.reply.push_back(fmt::format("... and {} more", findings.size() - room));
  return decision;
}

Decision decide_failure(const Settings& settings, std::string_view why) {
  Decision decision;
  const std::string reason = printable_ascii(why, 200);
  decision.reason = "replylint could not check the message: " + reason;
  switch (settings.on_error) {
    case FailPolicy::tempfail:
      decision.kind = Decision::Kind::tempfail;
      decision.code = "451";
      decision.extended = "4.7.1";
      decision.reply = {"replylint could not check the message; try again later"};
      break;
    case FailPolicy::reject:
      decision.kind = Decision::Kind::reject;
      decision.code = "550";
      decision.extended = "5.7.1";
      decision.reply = {"replylint could not check the message, so it was not sent"};
      break;
    case FailPolicy::accept:
      decision.headers = {
          {"X-Replylint", "unchecked (" + reason + "); replylint " REPLYLINT_VERSION}};
      break;
  }
  return decision;
}

}  // namespace replylint::milter
