#include "message/mbox.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <istream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace replylint::message {

namespace fs = std::filesystem;

namespace {

std::string_view without_newline(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool is_blank(std::string_view line) { return without_newline(line).empty(); }

bool is_from_line(std::string_view line) { return line.starts_with("From "); }

// A header field line: a name of printable ASCII without ':', optional blanks, then ':'.
bool is_field_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] > 32 && line[i] < 127 && line[i] != ':') ++i;
  if (i == 0) return false;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i < line.size() && line[i] == ':';
}

// How many '>' unescaping removes from `line` (0 or 1).
int escape_marks(std::string_view line, MboxFormat format) {
  if (format == MboxFormat::mboxcl2 || line.empty() || line[0] != '>') return 0;
  std::size_t quotes = 0;
  while (quotes < line.size() && line[quotes] == '>') ++quotes;
  if (format == MboxFormat::mboxo && quotes != 1) return 0;
  return line.substr(quotes).starts_with("From ") ? 1 : 0;
}

// The value of a Content-Length field line, when `line` is one.
std::optional<std::uint64_t> content_length(std::string_view line) {
  constexpr std::string_view k_name = "content-length:";
  if (line.size() < k_name.size()) return std::nullopt;
  for (std::size_t i = 0; i < k_name.size(); ++i)
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(line[i]))) != k_name[i])
      return std::nullopt;
  std::string_view value = without_newline(line.substr(k_name.size()));
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end == value.data()) return std::nullopt;
  return n;
}

}  // namespace

std::string_view to_string(MboxFormat format) {
  switch (format) {
    case MboxFormat::mboxrd:
      return "mboxrd";
    case MboxFormat::mboxo:
      return "mboxo";
    case MboxFormat::mboxcl2:
      return "mboxcl2";
  }
  return "mboxrd";
}

std::optional<MboxFormat> parse_mbox_format(std::string_view name) {
  for (MboxFormat f : {MboxFormat::mboxrd, MboxFormat::mboxo, MboxFormat::mboxcl2})
    if (name == to_string(f)) return f;
  return std::nullopt;
}

bool looks_like_mbox(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (!is_from_line(head)) return false;
  const std::size_t nl = head.find('\n');
  if (nl == std::string_view::npos) return false;
  return is_field_line(head.substr(nl + 1));
}

MboxReader::MboxReader(std::istream& in, MboxFormat format, std::uint64_t max_size)
    : m_in(in), m_format(format), m_max_size(max_size) {}

const std::string* MboxReader::peek(std::size_t k) {
  while (m_buffer.size() <= k && !m_at_end) {
    std::string line;
    if (!std::getline(m_in, line)) {
      if (m_in.bad()) throw std::runtime_error("read error");
      m_at_end = true;
      break;
    }
    if (!m_in.eof()) line += '\n';
    if (m_first_line && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    m_first_line = false;
    m_buffer.push_back(std::move(line));
  }
  return k < m_buffer.size() ? &m_buffer[k] : nullptr;
}

std::string MboxReader::take() {
  std::string line = std::move(m_buffer.front());
  m_buffer.pop_front();
  ++m_next_number;
  return line;
}

bool MboxReader::at_separator() {
  if (!m_previous_blank) return false;
  const std::string* line = peek(0);
  if (!line || !is_from_line(*line)) return false;
  const std::string* after = peek(1);
  return after && is_field_line(*after);
}

std::optional<MboxMessage> MboxReader::next() {
  while (!at_separator()) {
    const std::string* line = peek(0);
    if (!line) return std::nullopt;
    m_previous_blank = is_blank(*line);
    take();
  }
  MboxMessage message;
  message.index = ++m_index;
  message.from_line = m_next_number;
  take();
  m_previous_blank = false;

  int line_in_message = 0;
  std::size_t last_length = 0;
  bool last_blank = false;
  auto append = [&](std::string line) {
    ++line_in_message;
    last_length = line.size();
    last_blank = is_blank(line);
    if (message.too_large) return;
    if (const int marks = escape_marks(line, m_format); marks > 0) {
      line.erase(0, static_cast<std::size_t>(marks));
      last_length = line.size();
      message.unescaped.emplace_back(line_in_message, marks);
    }
    if (m_max_size > 0 && message.bytes.size() + line.size() > m_max_size) {
      message.too_large = true;
      std::string().swap(message.bytes);
      return;
    }
    message.bytes += line;
  };

  bool in_headers = true;
  std::optional<std::uint64_t> length;
  while (const std::string* line = peek(0)) {
    if (in_headers && is_blank(*line)) {
      in_headers = false;
      if (length) {
        // mboxcl2: the body is exactly `length` bytes, whatever lines it holds.
        append(take());
        std::uint64_t read = 0;
        while (read < *length && peek(0)) {
          read += m_buffer.front().size();
          append(take());
        }
        m_previous_blank = true;
        continue;
      }
    } else if (in_headers && m_format == MboxFormat::mboxcl2) {
      if (auto n = content_length(*line)) length = n;
    }
    if (at_separator()) {
      // The blank line before a separator belongs to the mbox, not to the message.
      if (last_blank && !message.too_large && message.bytes.size() >= last_length)
        message.bytes.resize(message.bytes.size() - last_length);
      break;
    }
    m_previous_blank = is_blank(*line);
    append(take());
  }
  return message;
}

bool is_maildir(const fs::path& folder) {
  std::error_code ec;
  return fs::is_directory(folder / "cur", ec) && fs::is_directory(folder / "new", ec);
}

std::vector<fs::path> maildir_messages(const fs::path& folder) {
  std::vector<fs::path> out;
  for (const char* sub : {"cur", "new"}) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::directory_iterator it(folder / sub, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::error_code type_ec;
      if (fs::is_regular_file(it->path(), type_ec)) files.push_back(it->path());
    }
    if (ec)
      throw std::runtime_error("cannot read Maildir folder " + (folder / sub).string() + ": " +
                               ec.message());
    std::ranges::sort(files);
    std::ranges::move(files, std::back_inserter(out));
  }
  return out;
}

}  // namespace replylint::message
