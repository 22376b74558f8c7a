#pragma once

// The Language Server Protocol's transport and coordinates, without any linting: base-protocol
// framing (a "Content-Length: N" header block, "\r\n\r\n", then N bytes of JSON) and the mapping
// between replylint's positions (lines, code-point columns, byte offsets) and LSP positions
// (0-based lines, columns in the negotiated position encoding's code units).

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace replylint::lsp {

/// The largest message body read_message() accepts: a draft at the default 25 MB --max-size,
/// escaped as JSON, fits.
inline constexpr std::size_t k_max_message_bytes = 64u << 20;

/// One message read from the stream, or why none could be.
struct Framed {
  enum class Status { message, malformed, end };
  Status status = Status::end;
  std::string body;   // the JSON text (Status::message)
  std::string error;  // what was wrong with the header block or length (Status::malformed)
};

/// Reads the next message from `in`: header lines up to an empty line (each ended by "\r\n"; a
/// bare "\n" is accepted), then exactly Content-Length bytes. Other headers (Content-Type) are
/// ignored. A header block without a usable Content-Length, or one over `max_bytes` (whose body
/// is skipped unread), gives Status::malformed and the stream stays in step for the next
/// message; end of input gives Status::end. Never throws.
Framed read_message(std::istream& in, std::size_t max_bytes = k_max_message_bytes);

/// Writes `body` with its Content-Length header and flushes. Returns false when the stream failed
/// (the client went away).
bool write_message(std::ostream& out, std::string_view body);

/// How LSP positions count columns (LSP 3.17 PositionEncodingKind).
enum class Encoding { utf8, utf16, utf32 };
/// "utf-8", "utf-16" or "utf-32".
std::string_view to_string(Encoding encoding);

/// An LSP position: 0-based line, column in code units of the negotiated encoding.
struct Position {
  int line = 0;
  int character = 0;
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

/// An LSP range, end exclusive.
struct Span {
  Position start;
  Position end;
  friend bool operator==(const Span&, const Span&) = default;
};

/// The lines of one document as the editor holds it, for converting positions. A line ends at
/// "\n" (a "\r" before it is not part of the line), as replylint's parser splits lines.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  std::string_view text() const { return m_text; }
  int line_count() const { return static_cast<int>(m_starts.size()); }
  /// The bytes of 0-based `line` without its line end; empty past the last line.
  std::string_view line(int line) const;
  /// Byte offset of 0-based `line`'s first byte (the text's size past the last line).
  std::size_t line_start(int line) const;

  /// The position of `column` (1-based, in code points, as the report counts) on 1-based
  /// `report_line`. Lines and columns past the end are clamped to the document.
  Position from_report(int report_line, int column, Encoding encoding) const;
  /// The position of the byte at `offset` (moved back to a code point's first byte, clamped).
  Position from_offset(std::size_t offset, Encoding encoding) const;
  /// The byte offset of `position`. A column past the line's end is its end; one inside a
  /// UTF-16 surrogate pair or a UTF-8 sequence moves to the code point's start; a line past the
  /// last is the text's end.
  std::size_t to_offset(Position position, Encoding encoding) const;

 private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
};

/// Code units of `text` (valid or not: an invalid byte counts as U+FFFD) in `encoding`.
int units(std::string_view text, Encoding encoding);

}  // namespace replylint::lsp
