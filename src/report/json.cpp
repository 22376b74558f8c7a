#include "report/render.hpp"

namespace replylint::report {

nlohmann::json to_json(const Report& report) {
  using nlohmann::json;
  json files = json::array();
  for (const FileReport& file : report.files) {
    json diagnostics = json::array();
    for (const Finding& f : file.findings) {
      const Diagnostic& d = f.diagnostic;
      json item = {{"rule", d.rule},       {"severity", to_string(d.severity)},
                   {"message", d.message}, {"line", d.line},
                   {"column", d.column},   {"end_line", d.end_line},
                   {"end_column", d.end_column}, {"text", d.text}};
      if (!d.part.empty()) item["part"] = d.part;
      if (!d.suggestions.empty()) item["suggestions"] = d.suggestions;
      if (!d.help.empty()) item["help"] = d.help;
      if (!d.addresses.empty()) item["addresses"] = d.addresses;
      diagnostics.push_back(std::move(item));
    }
    json entry = {{"path", file.path}, {"language", file.language}, {"diagnostics", std::move(diagnostics)}};
    if (!file.warnings.empty()) entry["warnings"] = file.warnings;
    if (!file.error.empty()) entry["error"] = file.error;
    files.push_back(std::move(entry));
  }
  return {{"version", 1},
          {"files", std::move(files)},
          {"summary",
           {{"files", report.files.size()},
            {"errors", report.count(Severity::error)},
            {"warnings", report.count(Severity::warning)},
            {"infos", report.count(Severity::info)}}}};
}

}  // namespace replylint::report
