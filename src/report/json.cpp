#include "core/i18n.hpp"
#include "report/render.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
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

// The report is written as text directly rather than built as nlohmann::json objects and dumped:
// building the objects cost four times as much as writing the text. The text is what
// to_json(report).dump(2, ' ', false, replace) prints, byte for byte (a test holds the two
// together): nlohmann's objects sort their keys, so every object below lists its keys in byte
// order.

// `count` spaces.
void pad(std::string& out, std::size_t count) { out.append(count, ' '); }

// Length of the well-formed UTF-8 sequence at `s[i]` (a lead byte >= 0x80), or 0 when it is not
// one (Unicode table 3-7, as strict as nlohmann's decoder).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const auto tail = [](unsigned b) { return b >= 0x80 && b <= 0xBF; };
  const unsigned lead = byte(0);
  const unsigned second = byte(1);
  if (lead >= 0xC2 && lead <= 0xDF) return tail(second) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned high = lead == 0xED ? 0x9F : 0xBF;
    return second >= low && second <= high && tail(byte(2)) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
    return second >= low && second <= high && tail(byte(2)) && tail(byte(3)) ? 4 : 0;
  }
  return 0;
}

// Bytes write_string cannot copy as they are: '"', '\\', control characters and the start of a
// UTF-8 sequence (to be checked). One table look-up a byte instead of four comparisons.
constexpr std::array<bool, 256> k_special = [] {
  std::array<bool, 256> special{};
  for (std::size_t c = 0; c < 256; ++c) special[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return special;
}();

// `s` as a JSON string, escaped as nlohmann escapes with ensure_ascii off: '"', '\\' and control
// characters; other UTF-8 as is. Invalid UTF-8 is left to nlohmann itself, whose replacement of
// the bad bytes with U+FFFD is not worth copying for a case that should never happen.
void write_string(std::string& out, std::string_view s) {
  const std::size_t start = out.size();
  out += '"';
  std::size_t from = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!k_special[c]) continue;
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence(s, i);
      if (length == 0) {
        out.resize(start);
        out += nlohmann::json(std::string(s)).dump(-1, ' ', false, k_replace_invalid);
        return;
      }
      i += length - 1;
      continue;
    }
    out.append(s.data() + from, i - from);
    from = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        constexpr char k_hex[] = "0123456789abcdef";
        out += "\\u00";
        out += k_hex[c >> 4];
        out += k_hex[c & 0xF];
      }
    }
  }
  out.append(s.data() + from, s.size() - from);
  out += '"';
}

template <typename Integer>
void write_number(std::string& out, Integer value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// An array opened at `indent`, nlohmann's layout: write_item(i, item_indent) writes item i after
// its padding.
template <typename WriteItem>
void write_array(std::string& out, std::size_t count, std::size_t indent, WriteItem write_item) {
  if (count == 0) {
    out += "[]";
    return;
  }
  out += "[\n";
  for (std::size_t i = 0; i < count; ++i) {
    pad(out, indent + 2);
    write_item(i, indent + 2);
    out += i + 1 < count ? ",\n" : "\n";
  }
  pad(out, indent);
  out += ']';
}

void write_strings(std::string& out, const std::vector<std::string>& values, std::size_t indent) {
  write_array(out, values.size(), indent,
              [&](std::size_t i, std::size_t) { write_string(out, values[i]); });
}

// An object opened at `indent`; key() starts each member (callers go in key order).
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, std::size_t indent) : m_out(out), m_indent(indent) {
    m_out += '{';
  }
  std::string& key(std::string_view name) {
    m_out += m_empty ? "\n" : ",\n";
    m_empty = false;
    pad(m_out, m_indent + 2);
    write_string(m_out, name);
    m_out += ": ";
    return m_out;
  }
  void string(std::string_view name, std::string_view value) { write_string(key(name), value); }
  template <typename Integer>
  void number(std::string_view name, Integer value) {
    write_number(key(name), value);
  }
  void strings(std::string_view name, const std::vector<std::string>& values) {
    write_strings(key(name), values, m_indent + 2);
  }
  std::size_t inner() const { return m_indent + 2; }
  void close() {
    if (!m_empty) {
      m_out += '\n';
      pad(m_out, m_indent);
    }
    m_out += '}';
  }

 private:
  std::string& m_out;
  std::size_t m_indent;
  bool m_empty = true;
};

void write_fix(std::string& out, const core::Fix& fix, const std::string& part,
               std::size_t indent) {
  ObjectWriter object(out, indent);
  object.string("applicability", core::to_string(fix.applicability));
  write_array(object.key("edits"), fix.edits.size(), object.inner(),
              [&](std::size_t i, std::size_t edit_indent) {
                const core::Edit& e = fix.edits[i];
                ObjectWriter edit(out, edit_indent);
                const bool header = e.location.origin == Location::Origin::header;
                if (!header) edit.number("column", e.column);
                edit.number("end", e.location.range.end);
                if (!header) {
                  edit.number("end_column", e.end_column);
                  edit.number("end_line", e.end_line);
                }
                if (header) edit.string("header", e.location.header);
                if (!header) edit.number("line", e.line);
                edit.string("origin", origin_name(e.location.origin));
                if (e.location.origin == Location::Origin::body && !part.empty())
                  edit.string("part", part);
                edit.string("replacement", e.replacement);
                edit.number("start", e.location.range.begin);
                edit.close();
              });
  object.string("title", fix.title);
  if (!fix.title_localized.empty()) object.string("title_localized", fix.title_localized);
  object.close();
}

// One member of a diagnostic: the standard fields and the rule's own lists ("addresses") share
// one object, so they are gathered first and written in key order.
struct Member {
  std::string_view key;
  enum class Kind { string, number, strings, fix } kind;
  std::string_view text{};
  int number = 0;
  const std::vector<std::string>* strings = nullptr;
};

void write_diagnostic(std::string& out, const FileReport& file, const Diagnostic& d,
                      std::vector<Member>& members, std::size_t indent) {
  using Kind = Member::Kind;
  members.clear();
  const auto string = [&](std::string_view key, std::string_view value) {
    members.push_back({.key = key, .kind = Kind::string, .text = value});
  };
  const auto number = [&](std::string_view key, int value) {
    members.push_back({.key = key, .kind = Kind::number, .number = value});
  };
  // Standard fields, in key order.
  const MailboxMessage* mailbox =
      file.mailbox && file.mailbox->from_line > 0 && d.part.empty() ? &*file.mailbox : nullptr;
  number("column", d.column);
  number("end_column", d.end_column);
  number("end_line", d.end_line);
  if (d.fix) members.push_back({.key = "fix", .kind = Kind::fix});
  if (!d.help.empty()) string("help", d.help);
  // The copies in the reader's language, only when a catalog other than English is active.
  if (!d.help_localized.empty()) string("help_localized", d.help_localized);
  number("line", d.line);
  string("message", d.message);
  if (mailbox) {
    // The same span in the message's own lines, as a mail client shows the message.
    const MailboxMessage& m = *mailbox;
    number("message_column", d.column - m.marks_on(d.line - m.from_line));
    number("message_end_column", d.end_column - m.marks_on(d.end_line - m.from_line));
    number("message_end_line", d.end_line - m.from_line);
    number("message_line", d.line - m.from_line);
  }
  if (!d.message_localized.empty()) string("message_localized", d.message_localized);
  if (!d.part.empty()) string("part", d.part);
  string("rule", d.rule);
  string("severity", to_string(d.severity));
  if (!d.suggestions.empty())
    members.push_back({.key = "suggestions", .kind = Kind::strings, .strings = &d.suggestions});
  string("text", d.text);
  // Rule-specific lists are fields of their own; never over a standard field, and the first
  // non-empty list of a name wins.
  for (const auto& [name, values] : d.data) {
    if (values.empty()) continue;
    const auto end = members.begin() + static_cast<std::ptrdiff_t>(members.size());
    const auto at =
        std::lower_bound(members.begin(), end, std::string_view(name),
                         [](const Member& m, std::string_view key) { return m.key < key; });
    if (at != end && at->key == name) continue;
    members.insert(at, {.key = name, .kind = Kind::strings, .strings = &values});
  }

  ObjectWriter item(out, indent);
  for (const Member& m : members) {
    switch (m.kind) {
      case Kind::string:
        item.string(m.key, m.text);
        break;
      case Kind::number:
        item.number(m.key, m.number);
        break;
      case Kind::strings:
        item.strings(m.key, *m.strings);
        break;
      case Kind::fix:
        write_fix(item.key(m.key), *d.fix, d.part, item.inner());
        break;
    }
  }
  item.close();
}

void write_file(std::string& out, const FileReport& file, std::size_t indent) {
  ObjectWriter entry(out, indent);
  std::vector<Member> members;
  write_array(entry.key("diagnostics"), file.findings.size(), entry.inner(),
              [&](std::size_t i, std::size_t item_indent) {
                write_diagnostic(out, file, file.findings[i].diagnostic, members, item_indent);
              });
  if (!file.error.empty()) entry.string("error", file.error);
  if (file.fixed >= 0) entry.number("fixed", file.fixed);
  entry.string("language", file.language);
  if (file.mailbox) {
    const MailboxMessage& m = *file.mailbox;
    ObjectWriter mailbox(entry.key("mailbox"), entry.inner());
    mailbox.string("format", m.format);
    mailbox.number("index", m.index);
    if (m.from_line > 0) mailbox.number("line", m.from_line);
    mailbox.string("message_id", m.message_id);
    mailbox.string("path", m.mailbox);
    mailbox.close();
  }
  entry.string("path", file.path);
  if (!file.warnings.empty()) entry.strings("warnings", file.warnings);
  entry.close();
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
  // Each file's part is written on its own (on up to `jobs` threads) at its depth; keys are in
  // nlohmann's order (sorted): files, locale, summary, version.
  const std::size_t n = report.files.size();
  std::vector<std::string> parts(n);
  auto render = [&](std::size_t i) {
    std::string& part = parts[i];
    // About what a finding takes, so that the text is seldom moved while it grows.
    part.reserve(512 + 640 * report.files[i].findings.size());
    pad(part, 4);
    write_file(part, report.files[i], 4);
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
  ObjectWriter summary(out, 2);
  summary.number("errors", report.count(Severity::error));
  summary.number("files", report.files.size());
  if (const int fixed = report.fixed(); fixed >= 0) summary.number("fixed", fixed);
  summary.number("infos", report.count(Severity::info));
  summary.number("warnings", report.count(Severity::warning));
  summary.close();
  out += ",\n  \"version\": 1\n}";
  return out;
}

}  // namespace replylint::report
