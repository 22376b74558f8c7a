#include "core/diagnostic.hpp"

namespace replylint::core {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "error") return Severity::error;
  if (text == "warning") return Severity::warning;
  if (text == "info") return Severity::info;
  return std::nullopt;
}

std::string_view to_string(Applicability applicability) {
  switch (applicability) {
    case Applicability::display_only:
      return "display-only";
    case Applicability::unsafe:
      return "unsafe";
    case Applicability::safe:
      return "safe";
  }
  return "unsafe";
}

const std::vector<std::string>* Diagnostic::find_data(std::string_view key) const {
  for (const auto& [name, values] : data)
    if (name == key) return &values;
  return nullptr;
}

}  // namespace replylint::core
