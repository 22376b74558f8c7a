#include "core/i18n.hpp"
#include "report/render.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace replylint::report {

namespace {

// Every string is UTF-8 by the time it is reported; should one slip through, the report is still
// printed (with U+FFFD) instead of the process aborting on nlohmann's exception.
constexpr auto k_replace_invalid = nlohmann::json::error_handler_t::replace;

std::string_view origin_name(Location::Origin origin) {
  switch (origin) {
    case Location::Origin::body:
      return "body";
    case Location::Origin::subject:
      return "subject";
    case Location::Origin::header:
      return "header";
  }
  return "body";
}

}  // namespace

nlohmann::json fix_json(const core::Fix& fix, const std::string& part) {
  nlohmann::json edits = nlohmann::json::array();
  for (const core::Edit& e : fix.edits) {
    nlohmann::json edit = {{"origin", origin_name(e.location.origin)},
                           {"start", e.location.range.begin},
                           {"end", e.location.range.end},
                           {"replacement", e.replacement}};
    if (e.location.origin == Location::Origin::header) {
      edit["header"] = e.location.header;
    } else {
      edit["line"] = e.line;
      edit["column"] = e.column;
      edit["end_line"] = e.end_line;
      edit["end_column"] = e.end_column;
    }
    if (e.location.origin == Location::Origin::body && !part.empty()) edit["part"] = part;
    edits.push_back(std::move(edit));
  }
  nlohmann::json object = {{"title", fix.title},
                           {"applicability", core::to_string(fix.applicability)},
                           {"edits", std::move(edits)}};
  if (!fix.title_localized.empty()) object["title_localized"] = fix.title_localized;
  return object;
}

namespace {

nlohmann::json file_json(const FileReport& file) {
  using nlohmann::json;
  json diagnostics = json::array();
  for (const Finding& f : file.findings) {
    const Diagnostic& d = f.diagnostic;
    json item = {{"rule", d.rule},
                 {"severity", to_string(d.severity)},
                 {"message", d.message},
                 {"line", d.line},
                 {"column", d.column},
                 {"end_line", d.end_line},
                 {"end_column", d.end_column},
                 {"text", d.text}};
    if (!d.part.empty()) item["part"] = d.part;
    if (!d.suggestions.empty()) item["suggestions"] = d.suggestions;
    if (!d.help.empty()) item["help"] = d.help;
    // The copies in the reader's language, only when a catalog other than English is active.
    if (!d.message_localized.empty()) item["message_localized"] = d.message_localized;
    if (!d.help_localized.empty()) item["help_localized"] = d.help_localized;
    // Rule-specific lists are fields of their own ("addresses"); never over a standard field.
    for (const auto& [name, values] : d.data)
      if (!values.empty() && !item.contains(name)) item[name] = values;
    if (d.fix) item["fix"] = fix_json(*d.fix, d.part);
    if (file.mailbox && file.mailbox->from_line > 0 && d.part.empty()) {
      // The same span in the message's own lines, as a mail client shows the message.
      const MailboxMessage& m = *file.mailbox;
      item["message_line"] = d.line - m.from_line;
      item["message_column"] = d.column - m.marks_on(d.line - m.from_line);
      item["message_end_line"] = d.end_line - m.from_line;
      item["message_end_column"] = d.end_column - m.marks_on(d.end_line - m.from_line);
    }
    diagnostics.push_back(std::move(item));
  }
  json entry = {
      {"path", file.path}, {"language", file.language}, {"diagnostics", std::move(diagnostics)}};
  if (!file.warnings.empty()) entry["warnings"] = file.warnings;
  if (!file.error.empty()) entry["error"] = file.error;
  if (file.fixed >= 0) entry["fixed"] = file.fixed;
  if (file.mailbox) {
    const MailboxMessage& m = *file.mailbox;
    json mailbox = {{"path", m.mailbox},
                    {"format", m.format},
                    {"index", m.index},
                    {"message_id", m.message_id}};
    if (m.from_line > 0) mailbox["line"] = m.from_line;
    entry["mailbox"] = std::move(mailbox);
  }
  return entry;
}

nlohmann::json summary_json(const Report& report) {
  nlohmann::json summary = {{"files", report.files.size()},
                            {"errors", report.count(Severity::error)},
                            {"warnings", report.count(Severity::warning)},
                            {"infos", report.count(Severity::info)}};
  if (const int fixed = report.fixed(); fixed >= 0) summary["fixed"] = fixed;
  return summary;
}

// `text` with `spaces` before every line but the first (JSON strings hold no raw newline).
void append_indented(std::string& out, const std::string& text, std::size_t spaces,
                     bool first_too) {
  const std::string pad(spaces, ' ');
  if (first_too) out += pad;
  // Whole lines at a time: a byte-by-byte copy cost as much as dumping the JSON.
  std::size_t from = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out.append(text, from, nl + 1 - from);
    out += pad;
    from = nl + 1;
  }
  out.append(text, from, std::string::npos);
}

}  // namespace

nlohmann::json to_json(const Report& report) {
  nlohmann::json files = nlohmann::json::array();
  for (const FileReport& file : report.files) files.push_back(file_json(file));
  nlohmann::json out = {
      {"version", 1}, {"files", std::move(files)}, {"summary", summary_json(report)}};
  if (!core::i18n::active_language().empty()) out["locale"] = core::i18n::active_language();
  return out;
}

std::string render_json(const Report& report, unsigned jobs) {
  // Each file's part is dumped on its own (on up to `jobs` threads) and indented to its depth;
  // keys are in nlohmann's order (sorted): files, locale, summary, version.
  const std::size_t n = report.files.size();
  std::vector<std::string> parts(n);
  auto render = [&](std::size_t i) {
    const std::string dumped = file_json(report.files[i]).dump(2, ' ', false, k_replace_invalid);
    std::string& part = parts[i];
    part.reserve(dumped.size() + dumped.size() / 4);
    append_indented(part, dumped, 4, true);
  };
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, n / 64 + 1));
  if (jobs <= 1) {
    for (std::size_t i = 0; i < n; ++i) render(i);
  } else {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < jobs; ++t)
      workers.emplace_back([&] {
        for (std::size_t i = next++; i < n; i = next++) render(i);
      });
    for (std::thread& w : workers) w.join();
  }
  std::string out = "{\n  \"files\": ";
  if (n == 0) {
    out += "[]";
  } else {
    out += "[\n";
    for (std::size_t i = 0; i < n; ++i) {
      out += parts[i];
      out += i + 1 < n ? ",\n" : "\n";
      std::string().swap(parts[i]);
    }
    out += "  ]";
  }
  if (const std::string& locale = core::i18n::active_language(); !locale.empty())
    out += ",\n  \"locale\": " + nlohmann::json(locale).dump();
  out += ",\n  \"summary\": ";
  append_indented(out, summary_json(report).dump(2, ' ', false, k_replace_invalid), 2, false);
  out += ",\n  \"version\": 1\n}";
  return out;
}

}  // namespace replylint::report
