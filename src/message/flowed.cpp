#include "message/flowed.hpp"

namespace replylint::message::detail {
namespace {

struct PhysicalLine {
  std::size_t begin = 0;  // first byte
  std::size_t end = 0;    // the '\n' (or the end of the text)
  bool has_newline = false;
  int depth = 0;            // leading '>' (RFC 3676 counts them with no blanks between)
  std::size_t content = 0;  // first byte after the markers and the stuffing space
};

PhysicalLine read_line(std::string_view text, std::size_t begin) {
  PhysicalLine line;
  line.begin = begin;
  const std::size_t nl = text.find('\n', begin);
  line.has_newline = nl != std::string_view::npos;
  line.end = line.has_newline ? nl : text.size();
  std::size_t i = begin;
  while (i < line.end && text[i] == '>') ++i;
  line.depth = static_cast<int>(i - begin);
  if (i < line.end && text[i] == ' ') ++i;
  line.content = i;
  return line;
}

bool is_soft(std::string_view text, const PhysicalLine& line) {
  const std::string_view content = text.substr(line.content, line.end - line.content);
  return !content.empty() && content.back() == ' ' && content != "-- ";
}

}  // namespace

Flowed decode_flowed(std::string_view text, bool delsp) {
  Flowed out;
  out.text.reserve(text.size());
  const auto copy = [&](std::size_t from, std::size_t to) {
    if (to <= from) return;
    const bool contiguous =
        !out.map.empty() &&
        out.map.back().unflowed_offset + (out.text.size() - out.map.back().text_offset) == from;
    if (!contiguous) out.map.push_back({out.text.size(), from});
    out.text.append(text.substr(from, to - from));
  };
  bool continuing = false;  // the previous physical line was soft and this one joins it
  std::size_t pos = 0;
  PhysicalLine line = read_line(text, 0);
  while (pos < text.size()) {
    const std::size_t next_pos = line.has_newline ? line.end + 1 : text.size();
    const bool has_next = next_pos < text.size();
    const PhysicalLine next = has_next ? read_line(text, next_pos) : PhysicalLine{};
    // A soft break joins only a following line of the same depth (§4.5); otherwise it is hard.
    const bool joins = is_soft(text, line) && has_next && next.depth == line.depth;
    // The first physical line of a quoted logical line keeps its markers and their space, so
    // the text reads as written; an unquoted line loses its stuffing space.
    const std::size_t from = continuing || line.depth == 0 ? line.content : line.begin;
    if (!continuing) out.quote_depth.push_back(line.depth);
    if (joins) {
      copy(from, delsp ? line.end - 1 : line.end);
    } else {
      copy(from, line.has_newline ? line.end + 1 : line.end);
    }
    continuing = joins;
    pos = next_pos;
    line = next;
  }
  if (out.map.empty()) out.map.push_back({0, 0});
  return out;
}

}  // namespace replylint::message::detail
