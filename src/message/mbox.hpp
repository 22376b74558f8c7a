#pragma once

// Mailboxes: mbox files (mboxo, mboxrd, mboxcl2) read one message at a time, and Maildir
// folders. See docs/mailbox.md.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replylint::message {

/// How `From ` lines inside bodies were escaped when the mbox was written.
/// mboxrd: every `>*From ` line got one more '>' (read: one '>' is removed from `>+From `).
/// mboxo: only `From ` became `>From ` (read: `>From ` becomes `From `, `>>From ` stays).
/// mboxcl2: bodies are not escaped; a Content-Length header gives each body's size (messages
/// without one are split at `From ` lines, like mboxo without unescaping).
enum class MboxFormat { mboxrd, mboxo, mboxcl2 };

/// "mboxrd", "mboxo", "mboxcl2".
std::string_view to_string(MboxFormat format);

/// Parses an --mbox-format value ("mboxrd", "mboxo", "mboxcl2"); nullopt for any other.
std::optional<MboxFormat> parse_mbox_format(std::string_view name);

/// True when `head` (the first bytes of a file, a few KB are enough) starts an mbox: a `From `
/// line (after an optional UTF-8 BOM) followed directly by a header field line.
bool looks_like_mbox(std::string_view head);

/// One message of an mbox, as MboxReader gives it.
struct MboxMessage {
  int index = 0;      // 1-based position in the mailbox
  int from_line = 0;  // 1-based line of its `From ` separator in the mbox file
  /// The message's bytes: the lines after the separator up to the next one, unescaped, with
  /// the blank line that precedes the next separator removed. Line n of `bytes` is line
  /// from_line + n of the file. Empty when `too_large`.
  std::string bytes;
  /// Lines of `bytes` (1-based) whose leading '>' were removed by unescaping, with how many:
  /// a column on such a line is that many code points further right in the file.
  std::vector<std::pair<int, int>> unescaped;
  bool too_large = false;  // over the size limit given to the reader; `bytes` was not kept
};

/// Reads an mbox from a stream one message at a time, holding only the current message (and
/// one line of look-ahead). Lines may end in LF or CRLF; the last may have no newline.
class MboxReader {
 public:
  /// `max_size`: a message larger than this (0: no limit) comes back with `too_large` set.
  MboxReader(std::istream& in, MboxFormat format, std::uint64_t max_size);

  /// The next message, or nullopt at the end. Text before the first `From ` line (there is
  /// none when looks_like_mbox() said yes) is skipped. Throws std::runtime_error when the stream
  /// fails while reading.
  std::optional<MboxMessage> next();

 private:
  const std::string* peek(std::size_t k);  // the k-th line not yet taken (newline kept)
  std::string take();                      // consumes the first line not yet taken
  bool at_separator();

  std::istream& m_in;
  MboxFormat m_format;
  std::uint64_t m_max_size;
  std::deque<std::string> m_buffer;  // at most two lines of look-ahead
  bool m_at_end = false;
  bool m_first_line = true;
  bool m_previous_blank = true;  // the line before m_buffer's first was blank (or none)
  int m_next_number = 1;         // file line number of m_buffer's first line
  int m_index = 0;
};

/// True when `folder` is a Maildir: it holds the folders `cur` and `new`.
bool is_maildir(const std::filesystem::path& folder);

/// The message files of the Maildir `folder`: those of `cur/` then `new/`, each sorted by name,
/// hidden files left out; `tmp/` (messages still being written) is never read. Throws
/// std::runtime_error naming the folder when `cur/` or `new/` cannot be listed.
std::vector<std::filesystem::path> maildir_messages(const std::filesystem::path& folder);

}  // namespace replylint::message
