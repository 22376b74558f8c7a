#include "lsp/protocol.hpp"

#include <algorithm>
#include <charconv>

namespace replylint::lsp {

namespace {

// A header line longer than this keeps only its tail: after a body sent without a header, the
// next message's "Content-Length" comes at the end of a very long line.
constexpr std::size_t k_max_header_line = 8192;

// Length of the UTF-8 sequence starting at `at` (1 for an invalid or cut byte: it stands for
// U+FFFD).
std::size_t sequence_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = lead < 0x80                    ? 1
                       : lead >= 0xC2 && lead <= 0xDF ? 2
                       : lead >= 0xE0 && lead <= 0xEF ? 3
                       : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                      : 1;
  if (at + length > text.size()) return 1;
  for (std::size_t i = 1; i < length; ++i)
    if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return 1;
  return length;
}

std::size_t units_of(std::size_t length, Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8:
      return length;
    case Encoding::utf16:
      return length == 4 ? 2 : 1;
    case Encoding::utf32:
      return 1;
  }
  return 1;
}

bool iequals_prefix(std::string_view text, std::size_t at, std::string_view lower) {
  if (at + lower.size() > text.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const char c = text[at + i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower[i]) return false;
  }
  return true;
}

// The value of the last "Content-Length:" in `line` (case-insensitive), if there is one.
std::optional<std::string_view> content_length_in(std::string_view line) {
  constexpr std::string_view k_name = "content-length:";
  std::optional<std::string_view> found;
  for (std::size_t i = 0; i + k_name.size() <= line.size(); ++i)
    if (iequals_prefix(line, i, k_name)) found = line.substr(i + k_name.size());
  return found;
}

}  // namespace

Framed read_message(std::istream& in, std::size_t max_bytes) {
  std::streambuf* input = in.rdbuf();
  Framed out;
  std::optional<std::string> length_text;
  bool any_header = false;
  std::string line;
  for (;;) {
    line.clear();
    bool ended = false;
    for (;;) {
      const int c = input->sbumpc();
      if (c == std::char_traits<char>::eof()) {
        ended = true;
        break;
      }
      if (c == '\n') break;
      line.push_back(static_cast<char>(c));
      if (line.size() > k_max_header_line) line.erase(0, line.size() - k_max_header_line / 2);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (ended) {
      out.status = Framed::Status::end;
      return out;
    }
    if (line.empty()) {
      if (!any_header) continue;  // blank lines between messages
      break;
    }
    any_header = true;
    if (const auto value = content_length_in(line)) length_text = std::string(*value);
  }
  out.status = Framed::Status::malformed;
  if (!length_text) {
    out.error = "missing Content-Length header";
    return out;
  }
  std::string_view digits = *length_text;
  while (!digits.empty() && (digits.front() == ' ' || digits.front() == '\t'))
    digits.remove_prefix(1);
  while (!digits.empty() && (digits.back() == ' ' || digits.back() == '\t'))
    digits.remove_suffix(1);
  std::size_t length = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    out.error = "invalid Content-Length '" + std::string(digits.substr(0, 40)) + "'";
    return out;
  }
  if (length > max_bytes) {
    // Skipped in pieces, never held whole.
    char chunk[65536];
    std::size_t left = length;
    while (left > 0) {
      const auto got = input->sgetn(
          chunk, static_cast<std::streamsize>(std::min<std::size_t>(left, sizeof chunk)));
      if (got <= 0) break;
      left -= static_cast<std::size_t>(got);
    }
    out.error = "message of " + std::to_string(length) + " bytes is longer than the limit of " +
                std::to_string(max_bytes) + " bytes";
    return out;
  }
  out.body.resize(length);
  const auto got =
      length == 0 ? 0 : input->sgetn(out.body.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(got) != length) {
    out.status = Framed::Status::end;  // cut off by the end of input
    out.body.clear();
    return out;
  }
  out.status = Framed::Status::message;
  return out;
}

bool write_message(std::ostream& out, std::string_view body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
  return static_cast<bool>(out);
}

std::string_view to_string(Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8:
      return "utf-8";
    case Encoding::utf16:
      return "utf-16";
    case Encoding::utf32:
      return "utf-32";
  }
  return "utf-16";
}

int units(std::string_view text, Encoding encoding) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_length(text, at);
    count += encoding == Encoding::utf8 ? length : units_of(length, encoding);
    at += length;
  }
  return static_cast<int>(count);
}

LineIndex::LineIndex(std::string_view text) : m_text(text) {
  m_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') m_starts.push_back(i + 1);
}

std::size_t LineIndex::line_start(int line) const {
  if (line < 0) return 0;
  if (line >= line_count()) return m_text.size();
  return m_starts[static_cast<std::size_t>(line)];
}

std::string_view LineIndex::line(int line) const {
  if (line < 0 || line >= line_count()) return {};
  const std::size_t begin = m_starts[static_cast<std::size_t>(line)];
  std::size_t end =
      line + 1 < line_count() ? m_starts[static_cast<std::size_t>(line) + 1] - 1 : m_text.size();
  if (end > begin && m_text[end - 1] == '\r') --end;
  return m_text.substr(begin, end - begin);
}

Position LineIndex::from_report(int report_line, int column, Encoding encoding) const {
  const int line_number = std::clamp(report_line - 1, 0, line_count() - 1);
  const std::string_view text = line(line_number);
  std::size_t at = 0, count = 0;
  for (int point = 1; point < column && at < text.size(); ++point) {
    const std::size_t length = sequence_length(text, at);
    count += units_of(length, encoding);
    at += length;
  }
  return {line_number, static_cast<int>(count)};
}

Position LineIndex::from_offset(std::size_t offset, Encoding encoding) const {
  offset = std::min(offset, m_text.size());
  const auto next = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
  const int line_number = static_cast<int>(next - m_starts.begin()) - 1;
  const std::string_view text = line(line_number);
  const std::size_t within = std::min(offset - line_start(line_number), text.size());
  std::size_t at = 0, count = 0;
  while (at < within) {
    const std::size_t length = sequence_length(text, at);
    if (at + length > within) break;
    count += units_of(length, encoding);
    at += length;
  }
  return {line_number, static_cast<int>(count)};
}

std::size_t LineIndex::to_offset(Position position, Encoding encoding) const {
  if (position.line < 0) return 0;
  if (position.line >= line_count()) return m_text.size();
  const std::string_view text = line(position.line);
  std::size_t at = 0, count = 0;
  const auto wanted = static_cast<std::size_t>(std::max(position.character, 0));
  while (at < text.size()) {
    const std::size_t length = sequence_length(text, at);
    const std::size_t step = units_of(length, encoding);
    if (count + step > wanted) break;
    count += step;
    at += length;
  }
  return line_start(position.line) + at;
}

}  // namespace replylint::lsp
