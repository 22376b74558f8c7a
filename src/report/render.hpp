#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "report/report.hpp"

namespace replylint::report {

struct TextStyle {
  bool color = false;  // ANSI colours (the CLI decides: terminal, NO_COLOR, --color)
};

/// Compiler-style text: `path:line:col: severity[rule]: message`, the source line, a caret
/// underline measured in display cells, help and suggestions, then a summary line.
std::string render_text(const Report& report, const TextStyle& style);

/// The JSON report, contract version 1 (DESIGN.md "The JSON report").
nlohmann::json to_json(const Report& report);

/// The summary line: "2 files checked: 1 error, 3 warnings, 0 infos".
std::string summary_line(const Report& report);

/// Width of `text` in terminal cells: wide (East Asian Wide/Fullwidth) characters count 2,
/// combining marks and zero-width characters 0, a tab counts 1 (tabs are shown as spaces).
int display_width(std::string_view text);

}  // namespace replylint::report
