#include <fmt/format.h>

#include <algorithm>

#include "report/report.hpp"

namespace replylint::report {

int MailboxMessage::marks_on(int line) const {
  const auto it = std::ranges::find(unescaped, line, &std::pair<int, int>::first);
  return it == unescaped.end() ? 0 : it->second;
}

std::string entry_name(const FileReport& file) {
  if (!file.mailbox) return file.path;
  const MailboxMessage& m = *file.mailbox;
  std::string out = m.from_line > 0 ? fmt::format("{}[{}]", file.path, m.index) : file.path;
  if (!m.message_id.empty()) out += fmt::format(" <{}>", m.message_id);
  return out;
}

void to_mailbox_positions(FileReport& file) {
  if (!file.mailbox || file.mailbox->from_line <= 0) return;
  const MailboxMessage& m = *file.mailbox;
  auto move = [&](int& line, int& column, int& end_line, int& end_column) {
    column += m.marks_on(line);
    end_column += m.marks_on(end_line);
    line += m.from_line;
    end_line += m.from_line;
  };
  for (Finding& f : file.findings) {
    Diagnostic& d = f.diagnostic;
    if (!d.part.empty()) continue;
    // The source line is shown as the file has it, with its escaping, so the caret lines up.
    if (const int marks = m.marks_on(d.line);
        marks > 0 && d.location.origin == Location::Origin::body) {
      f.source_line.insert(0, static_cast<std::size_t>(marks), '>');
      f.source_column += marks;
      f.source_end_column += marks;
      f.source_text_at += static_cast<std::size_t>(marks);
    }
    move(d.line, d.column, d.end_line, d.end_column);
    if (!d.fix) continue;
    for (core::Edit& e : d.fix->edits)
      if (e.location.origin != Location::Origin::header && e.line > 0)
        move(e.line, e.column, e.end_line, e.end_column);
  }
}

}  // namespace replylint::report
