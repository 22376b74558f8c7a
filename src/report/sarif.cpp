// SARIF 2.1.0 (OASIS), as code-scanning dashboards read it (GitHub's upload-sarif among them).
#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <system_error>

#include "report/render.hpp"

namespace replylint::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* k_schema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* k_src_root = "%SRCROOT%";

std::string_view level(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "note";
  }
  return "warning";
}

// RFC 3986 percent-encoding of a path: unreserved characters and '/' stay, every other byte of
// the UTF-8 text becomes %XX.
std::string percent_encode(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep)
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string file_uri(const fs::path& absolute) {
  std::string path = absolute.generic_string();
  if (path.empty() || path.back() != '/') path += '/';
  return "file://" + percent_encode(path);
}

// The artifactLocation of a report path: relative to %SRCROOT% when it lies below base_dir.
json artifact_location(const std::string& path, const fs::path& base_dir) {
  if (path == "-") return {{"uri", "-"}};
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  if (!ec && !base_dir.empty()) {
    const fs::path relative = absolute.lexically_relative(base_dir.lexically_normal());
    if (!relative.empty() && *relative.begin() != "..")
      return {{"uri", percent_encode(relative.generic_string())}, {"uriBaseId", k_src_root}};
  }
  std::string uri = file_uri(ec ? fs::path(path) : absolute);
  uri.pop_back();  // a file, not a folder
  return {{"uri", uri}};
}

// "## What it flags" up to the next blank line, on one line.
std::string first_paragraph(const std::string& docs) {
  const std::string heading = "## What it flags\n";
  std::size_t begin = docs.find(heading);
  begin = begin == std::string::npos ? 0 : begin + heading.size();
  std::size_t end = docs.find("\n\n", begin);
  if (end == std::string::npos) end = docs.size();
  std::string out;
  for (char c : docs.substr(begin, end - begin)) {
    if (c == '\n') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string trim_lines(const std::string& text) {
  const auto b = text.find_first_not_of('\n');
  if (b == std::string::npos) return {};
  const auto e = text.find_last_not_of('\n');
  return text.substr(b, e - b + 1);
}

// 64-bit FNV-1a: stable across compilers and runs, unlike std::hash.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

json rule_json(const RuleDoc& rule) {
  const std::string docs = trim_lines(rule.docs);
  return {{"id", rule.id},
          {"name", rule.id},
          {"shortDescription", {{"text", rule.summary}}},
          {"fullDescription", {{"text", first_paragraph(rule.docs)}}},
          {"help",
           {{"text", rule.summary + "\n\n" + docs + "\n\nSee: replylint explain " + rule.id},
            {"markdown", "**" + rule.id + "**: " + rule.summary + "\n\n" + docs +
                             "\n\nSee: `replylint explain " + rule.id + "`"}}},
          {"defaultConfiguration", {{"level", level(rule.default_severity)}}}};
}

}  // namespace

nlohmann::json to_sarif(const Report& report, const std::vector<RuleDoc>& rules,
                        const SarifOptions& options) {
  json driver = {{"name", "replylint"}, {"version", options.tool_version}};
  if (!options.information_uri.empty()) driver["informationUri"] = options.information_uri;
  json rule_list = json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const RuleDoc& rule : rules) {
    rule_index.emplace(rule.id, rule_list.size());
    rule_list.push_back(rule_json(rule));
  }
  driver["rules"] = std::move(rule_list);

  json results = json::array();
  json notifications = json::array();
  for (const FileReport& file : report.files) {
    const json location = artifact_location(file.path, options.base_dir);
    const std::string name = entry_name(file);
    // A mailbox message is a logical location inside the mbox file (or the Maildir).
    json logical = json::array();
    if (file.mailbox)
      logical.push_back(
          {{"name", file.mailbox->message_id.empty() ? fmt::format("[{}]", file.mailbox->index)
                                                     : "<" + file.mailbox->message_id + ">"},
           {"fullyQualifiedName", name},
           {"kind", "message"},
           {"properties",
            {{"mailbox", file.mailbox->mailbox},
             {"format", file.mailbox->format},
             {"index", file.mailbox->index},
             {"message_id", file.mailbox->message_id}}}});
    if (!file.error.empty())
      notifications.push_back(
          {{"level", "error"},
           {"message", {{"text", name + ": " + file.error}}},
           {"locations", json::array({{{"physicalLocation", {{"artifactLocation", location}}}}})}});
    for (const std::string& warning : file.warnings)
      notifications.push_back(
          {{"level", "warning"},
           {"message", {{"text", name + ": " + warning}}},
           {"locations", json::array({{{"physicalLocation", {{"artifactLocation", location}}}}})}});
    std::map<std::uint64_t, int> occurrences;  // same rule, file and text: told apart by order
    for (const Finding& finding : file.findings) {
      const Diagnostic& d = finding.diagnostic;
      std::string text = d.message;
      json physical = {{"artifactLocation", location}};
      if (d.part.empty()) {
        // Columns are Unicode code points, 1-based, end exclusive (run.columnKind says so; SARIF's
        // default would be UTF-16 code units).
        physical["region"] = {{"startLine", d.line},
                              {"startColumn", d.column},
                              {"endLine", d.end_line},
                              {"endColumn", d.end_column}};
      } else {
        // Positions in a decoded (quoted-printable or base64) part are not positions in the
        // file: the location stays file-level and the message says where.
        text += fmt::format(" (MIME part {}, line {}, column {})", d.part, d.line, d.column);
      }
      if (!d.help.empty()) text += "\nhelp: " + d.help;
      json where = {{"physicalLocation", std::move(physical)}};
      if (!logical.empty()) where["logicalLocations"] = logical;
      json result = {{"ruleId", d.rule},
                     {"level", level(d.severity)},
                     {"message", {{"text", text}}},
                     {"locations", json::array({std::move(where)})}};
      if (auto it = rule_index.find(d.rule); it != rule_index.end())
        result["ruleIndex"] = it->second;
      // A mailbox message is told apart by its Message-ID (or index), not by its line.
      std::string identity = location["uri"].get<std::string>();
      if (file.mailbox) identity += '\0' + name;
      const std::uint64_t key = fnv1a(d.rule + '\0' + identity + '\0' + d.text + '\0' + d.message);
      result["partialFingerprints"] = {
          {"replylint/v1", fmt::format("{:016x}:{}", key, occurrences[key]++)}};
      json properties = {{"text", d.text}};
      if (!d.part.empty()) properties["part"] = d.part;
      if (!d.suggestions.empty()) properties["suggestions"] = d.suggestions;
      // Rule-specific lists are fields of their own ("addresses"); never over a standard field.
      for (const auto& [name, values] : d.data)
        if (!values.empty() && !properties.contains(name)) properties[name] = values;
      result["properties"] = std::move(properties);
      results.push_back(std::move(result));
    }
  }

  json run = {
      {"tool", {{"driver", std::move(driver)}}},
      {"columnKind", "unicodeCodePoints"},
      {"invocations", json::array({{{"executionSuccessful", !report.has_errors_reading()},
                                    {"toolExecutionNotifications", std::move(notifications)}}})},
      {"results", std::move(results)}};
  if (!options.base_dir.empty())
    run["originalUriBaseIds"] = {
        {k_src_root, {{"uri", file_uri(options.base_dir.lexically_normal())}}}};
  return {{"$schema", k_schema}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
}

}  // namespace replylint::report
