#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "report/render.hpp"

namespace replylint::report {

namespace i18n = core::i18n;

namespace {

constexpr int k_max_source_cells = 100;  // longer lines are cut around the span with '…'

struct Palette {
  std::string_view bold, red, yellow, blue, cyan, green, reset;
};
constexpr Palette k_plain{"", "", "", "", "", "", ""};
constexpr Palette k_ansi{"\x1b[1m",    "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;34m",
                         "\x1b[1;36m", "\x1b[32m",   "\x1b[0m"};

std::string_view severity_colour(Severity s, const Palette& p) {
  switch (s) {
    case Severity::error:
      return p.red;
    case Severity::warning:
      return p.yellow;
    case Severity::info:
      return p.cyan;
  }
  return p.reset;
}

int cell_width(UChar32 c) {
  if (c == '\t') return 1;
  if (c < 0x20 || c == 0x7f) return 0;
  const auto category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR)
    return 0;
  const int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

// Splits a line into code points for cutting and measuring.
std::vector<std::pair<UChar32, std::string>> code_points(std::string_view text) {
  std::vector<std::pair<UChar32, std::string>> out;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    out.emplace_back(c, std::string(text.substr(start, i - start)));
  }
  return out;
}

}  // namespace

int display_width(std::string_view text) {
  int width = 0;
  for (const auto& [c, bytes] : code_points(text)) width += cell_width(c);
  return width;
}

// The localised copy when there is one, else the English text.
const std::string& localized(const std::string& copy, const std::string& english) {
  return copy.empty() ? english : copy;
}

core::i18n::Fragment summary_line(const Report& report) {
  namespace i18n = core::i18n;
  const int entries = static_cast<int>(report.files.size());
  const int messages = static_cast<int>(std::ranges::count_if(
      report.files, [](const FileReport& file) { return file.mailbox.has_value(); }));
  const int files = entries - messages;
  const i18n::Fragment checked =
      messages == 0 ? i18n::plural_fragment("{} file checked", "{} files checked", files, files)
      : files == 0
          ? i18n::plural_fragment("{} message checked", "{} messages checked", messages, messages)
          : i18n::fragment("{} and {} checked",
                           i18n::plural_fragment("{} file", "{} files", files, files),
                           i18n::plural_fragment("{} message", "{} messages", messages, messages));
  const int errors = report.count(Severity::error);
  const int warnings = report.count(Severity::warning);
  const int infos = report.count(Severity::info);
  const i18n::Fragment counts[] = {
      checked, i18n::plural_fragment("{} error", "{} errors", errors, errors),
      i18n::plural_fragment("{} warning", "{} warnings", warnings, warnings),
      i18n::plural_fragment("{} info", "{} infos", infos, infos)};
  i18n::Fragment line;
  for (std::size_t i = 0; i < std::size(counts); ++i) {
    const std::string separator = i == 0 ? "" : i == 1 ? ": " : ", ";
    line.english += separator + counts[i].english;
    if (!i18n::active_language().empty())
      line.localized += separator + localized(counts[i].localized, counts[i].english);
  }
  if (const int fixed = report.fixed(); fixed >= 0) {
    const i18n::Fragment note = i18n::fragment("({} fixed)", fixed);
    line.english += " " + note.english;
    if (!line.localized.empty()) line.localized += " " + localized(note.localized, note.english);
  }
  return line;
}

std::string render_text(const Report& report, const TextStyle& style) {
  const Palette& p = style.color ? k_ansi : k_plain;
  std::string out;
  for (const FileReport& file : report.files) {
    const std::string name = entry_name(file);
    for (const std::string& warning : file.warnings)
      out += fmt::format("{}{}: {}warning{}: {}\n", p.bold, name, p.yellow, p.reset, warning);
    for (const Finding& f : file.findings) {
      const Diagnostic& d = f.diagnostic;
      const std::string where = d.part.empty() ? name : fmt::format("{} (part {})", name, d.part);
      out += fmt::format("{}{}:{}:{}:{} {}{}{}[{}]: {}{}{}\n", p.bold, where, d.line, d.column,
                         p.reset, severity_colour(d.severity, p), to_string(d.severity), p.reset,
                         d.rule, p.bold, localized(d.message_localized, d.message), p.reset);

      // The source line, cut around the span when long, and the caret underline.
      auto cps = code_points(f.source_line);
      int first = std::clamp(f.source_column - 1, 0, static_cast<int>(cps.size()));
      int last = std::clamp(f.source_end_column - 1, first, static_cast<int>(cps.size()));
      int from = 0, to = static_cast<int>(cps.size());
      auto cells = [&](int a, int b) {
        int w = 0;
        for (int i = a; i < b; ++i) w += cell_width(cps[i].first);
        return w;
      };
      if (cells(from, to) > k_max_source_cells) {
        from = first;
        while (from > 0 && cells(from - 1, last) < k_max_source_cells / 2) --from;
        to = last;
        while (to < static_cast<int>(cps.size()) && cells(from, to + 1) < k_max_source_cells) ++to;
      }
      std::string shown = from > 0 ? "…" : "";
      std::string caret(from > 0 ? 1 : 0, ' ');
      for (int i = from; i < to; ++i) {
        const bool in_span = i >= first && i < last;
        const int w = cell_width(cps[i].first);
        shown += cps[i].first == '\t' ? std::string(" ") : cps[i].second;
        caret += std::string(static_cast<std::size_t>(w), in_span ? '^' : ' ');
      }
      if (to < static_cast<int>(cps.size())) shown += "…";
      if (last == first) caret += "^";  // an empty span still gets a caret
      while (!caret.empty() && caret.back() == ' ') caret.pop_back();
      const std::string number = std::to_string(d.line);
      const std::string pad(number.size(), ' ');
      out += fmt::format("{}{} |{}\n", p.blue, pad, p.reset);
      out += fmt::format("{}{} |{} {}\n", p.blue, number, p.reset, shown);
      out += fmt::format("{}{} |{} {}{}{}\n", p.blue, pad, p.reset, severity_colour(d.severity, p),
                         caret, p.reset);
      if (!d.suggestions.empty()) {
        std::string list;
        for (const std::string& s : d.suggestions) list += (list.empty() ? "'" : ", '") + s + "'";
        out += fmt::format("{}{} = {}{}: {}\n", p.blue, pad, p.green,
                           d.suggestions.size() == 1 ? i18n::translate(N_("suggestion"))
                                                     : i18n::translate(N_("suggestions")),
                           list + p.reset.data());
      }
      if (!d.help.empty())
        out += fmt::format("{}{} = {}{}{}: {}\n", p.blue, pad, p.bold, i18n::translate(N_("help")),
                           p.reset, localized(d.help_localized, d.help));
      out += fmt::format("{}{} = {}{}: replylint explain {}\n\n", p.blue, pad, p.reset,
                         i18n::translate(N_("see")), d.rule);
    }
  }
  const core::i18n::Fragment summary = summary_line(report);
  out += localized(summary.localized, summary.english) + "\n";
  return out;
}

}  // namespace replylint::report
