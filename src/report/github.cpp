// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
#include <fmt/format.h>

#include "report/render.hpp"

namespace replylint::report {
namespace {

std::string_view command(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "notice";
  }
  return "warning";
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string render_github(const Report& report) {
  std::string out;
  for (const FileReport& file : report.files) {
    const std::string path = github_escape_property(file.path);
    const std::string name = entry_name(file);
    if (!file.error.empty())
      out += fmt::format("::error file={},title=replylint::{}\n", path,
                         github_escape_data(file.mailbox ? name + ": " + file.error : file.error));
    for (const Finding& finding : file.findings) {
      const Diagnostic& d = finding.diagnostic;
      std::string message = file.mailbox ? name + ": " + d.message : d.message;
      // Positions in a decoded MIME part are not file positions: name the part, annotate line 1.
      if (!d.part.empty())
        message += fmt::format(" (MIME part {}, line {}, column {})", d.part, d.line, d.column);
      if (!d.help.empty()) message += "\nhelp: " + d.help;
      const std::string where =
          d.part.empty() ? fmt::format("line={},col={},endLine={},endColumn={}", d.line, d.column,
                                       d.end_line, d.end_column)
                         : fmt::format("line={}", file.mailbox && file.mailbox->from_line > 0
                                                      ? file.mailbox->from_line
                                                      : 1);
      out +=
          fmt::format("::{} file={},{},title={}::{}\n", command(d.severity), path, where,
                      github_escape_property("replylint " + d.rule), github_escape_data(message));
    }
  }
  out += summary_line(report).english + '\n';  // annotations stay English
  return out;
}

}  // namespace replylint::report
