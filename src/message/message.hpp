#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replylint::data {
struct DataSet;
}

namespace replylint::message {

/// One mailbox of an address header, decoded to UTF-8. `group` names the RFC 5322 group the
/// mailbox was listed in ("" when none). `address` is as written (local@domain), `name` may be "".
struct Address {
  std::string name;
  std::string address;
  std::string group;

  /// Lowercased domain part of `address` ("" when there is no '@').
  std::string domain() const;
};

/// What the input bytes were: a full MIME message, a mutt-style draft (headers, blank line,
/// 8-bit body, no MIME headers) or a bare body with no header block.
enum class InputKind { mime, draft, body };

/// One header field as it appears in the input, in order.
struct Header {
  std::string name;      // as written, e.g. "Subject"
  std::string value;     // unfolded and RFC 2047-decoded to NFC UTF-8
  int line = 0;          // 1-based line of the field name in the input file
  int value_column = 0;  // 1-based column (code points) where the raw value starts on that line
  int end_line = 0;      // 1-based line of the field's last (folded) line in the input file
  int end_column = 0;    // 1-based column (code points) just past the end of that last line
};

/// A part that is not the chosen text body: an attachment or an inline resource.
struct Attachment {
  std::string part;          // MIME part id, e.g. "2" or "1.3"
  std::string filename;      // decoded (RFC 2231/2047), "" when the part has none
  std::string content_type;  // lowercase "type/subtype"
  std::uint64_t size = 0;    // decoded size in bytes
  bool is_inline = false;
};

/// The text chosen for linting (text/plain alternative if any, else text from the HTML part).
struct Body {
  std::string part;  // MIME part id ("1", "1.2"); "" for drafts and bare bodies
  std::string content_type = "text/plain";
  std::string charset;   // declared charset, lowercase; "" when none was declared
  std::string encoding;  // Content-Transfer-Encoding lowercase; "" when none
  std::string text;      // NFC UTF-8, lines separated by '\n' (no '\r'), invalid bytes as U+FFFD
  /// True when positions in `text` map line for line onto the input file (7bit/8bit/binary
  /// text/plain parts, drafts, bare bodies). False for quoted-printable, base64 and HTML bodies,
  /// whose positions are in the decoded part and are reported with `part`.
  bool in_file = true;
  /// When `in_file`: the 1-based file line holding the first line of `text`.
  int first_line = 1;
  /// For HTML bodies: the <blockquote> depth of each line of `text` (same count as lines).
  /// Empty for text/plain bodies.
  std::vector<int> html_quote_depth;

  /// True for a format=flowed text/plain part (RFC 3676). `text` is then decoded: soft line
  /// breaks joined (DelSp honoured), space-stuffing removed; a quoted line keeps its own '>'
  /// markers as written on its first physical line.
  bool flowed = false;
  /// For flowed bodies: the quote depth of each line of `text` as RFC 3676 counts it. It is
  /// authoritative: a space-stuffed line " > 5" is own text (depth 0) although `text` shows
  /// "> 5". Empty otherwise.
  std::vector<int> flowed_quote_depth;
  /// For flowed bodies: the part's text before the flowed decoding, line for line as in the
  /// part (the file lines from `first_line` on when `in_file`). Positions are reported there.
  std::string unflowed_text;
  /// One run of `text` copied unchanged from `unflowed_text`.
  struct FlowedPiece {
    std::size_t text_offset = 0;
    std::size_t unflowed_offset = 0;
  };
  /// For flowed bodies: the runs of `text`, by increasing `text_offset`; the first starts at 0.
  std::vector<FlowedPiece> flowed_map;

  /// Where the part's content, still transfer-encoded, sits in Message::raw: [raw_begin,
  /// raw_end). For drafts and bare bodies, the body's bytes. Both npos when unknown. Fixes
  /// (src/fix/) rewrite this range.
  std::size_t raw_begin = std::string::npos;
  std::size_t raw_end = std::string::npos;
  /// The MIME part id of a text/html part that is another alternative of this text/plain body
  /// (multipart/alternative), "" when there is none.
  std::string html_alternative;
  /// For `html_alternative`: its content's bytes in Message::raw, still transfer-encoded
  /// ([html_raw_begin, html_raw_end), npos when unknown), its declared charset (lowercase, ""
  /// when none) and its Content-Transfer-Encoding (lowercase, "" when none). Fixes edit it too.
  std::size_t html_raw_begin = std::string::npos;
  std::size_t html_raw_end = std::string::npos;
  std::string html_charset;
  std::string html_encoding;

  /// The offset in `unflowed_text` of the byte at `text_offset` in `text` (for a flowed body;
  /// otherwise `text_offset` itself). Offsets past the end map past the end.
  std::size_t unflowed_offset(std::size_t text_offset) const;
};

/// A text/plain part shown inline after the body (a mailing-list or carrier footer, or text
/// split around an inline image). Listed, decoded, but not linted: see README "Several text parts".
struct TextPart {
  std::string part;  // MIME part id
  std::string text;  // decoded like Body::text
};

/// The parsed draft. Everything is decoded to UTF-8; nothing is written back.
struct Message {
  std::string path;  // as given on the command line ("-" or the --stdin-filename for stdin)
  InputKind kind = InputKind::body;
  std::vector<Header> headers;  // every header field, in order (empty for bare bodies)

  std::vector<Address> from, sender, reply_to, to, cc, bcc;
  std::string subject;
  const Header* subject_header() const;  // nullptr when there is no Subject
  /// Date as RFC 3339 with its own zone ("2025-03-07T09:45:00+01:00"); "" when absent/invalid.
  std::string date;
  std::optional<std::int64_t> date_unix;      // seconds since the epoch (UTC)
  std::string message_id;                     // without angle brackets
  std::string in_reply_to;                    // first message id, without angle brackets
  std::vector<std::string> references;        // without angle brackets
  std::vector<std::string> list_unsubscribe;  // URIs without angle brackets

  /// Reply detection: In-Reply-To/References, or a reply prefix on the subject (rules/ data).
  bool is_reply = false;
  bool is_forward = false;  // a forward prefix (Fwd, RV, ΠΡΘ, …) on the subject
  std::vector<std::string> subject_prefixes;  // stacked prefixes as written ("Re", "RV", "Απ")
  std::string subject_without_prefixes;

  bool has_body = false;
  Body body;
  std::vector<Attachment> attachments;
  /// Inline unnamed text/plain parts after the chosen body, in order (not linted).
  std::vector<TextPart> other_text_parts;
  /// MIME parts the parser gave up on (nested too deeply, over the part limit), one sentence
  /// each. A caller that must not pass unchecked text (the sendmail hook) treats any as a
  /// failure to check the message.
  std::vector<std::string> unread_parts;

  /// Problems that did not stop the parse (invalid bytes, unknown charset, bad base64…), each
  /// one self-contained sentence without the path ("invalid UTF-8 in part 1 replaced by U+FFFD").
  std::vector<std::string> warnings;

  /// The input bytes, kept so reports can quote source lines. Never written anywhere.
  std::string raw;

  /// Value of the first header named `name` (case-insensitive), or nullptr.
  const Header* find_header(std::string_view name) const;
};

/// Bounds on what one input may hold. Over `max_size` the input is refused (InputError); over
/// any other limit the parse goes on with what fits and a warning says what was left out.
struct Limits {
  std::uint64_t max_size = 25ull * 1024 * 1024;  // bytes of input; 0: no limit
  std::string max_size_setting = "--max-size";   // where max_size came from, for messages
  int max_depth = 32;                            // multipart nesting below the top level
  int max_parts = 1000;                          // MIME leaves and multiparts walked
  int max_headers = 1000;                        // header fields of the top level kept
  std::size_t max_header_line = 998;  // characters of one header line (RFC 5322): a warning
};

/// "25 MB", "512 KB", "300 bytes": a size as messages show it.
std::string format_size(std::uint64_t bytes);

/// "UTF-16LE" or "UTF-16BE" when `bytes` start with that byte-order mark (Windows editors save
/// "Unicode" text so), else nullptr. parse_message reads such input as the UTF-8 text it holds.
const char* utf16_byte_order(std::string_view bytes);

/// Parses `bytes` read from `path`. Detects the input kind from the bytes. Throws InputError
/// only when nothing usable can be read (empty input, binary garbage, over `limits.max_size`);
/// every lesser problem becomes a warning and a best-effort parse. `data` provides the
/// reply/forward prefixes.
Message parse_message(std::string path, std::string bytes, const data::DataSet& data,
                      const Limits& limits = {});

/// Reads `path` ("-" for stdin) whole and parses it; throws InputError naming the path when it
/// cannot be read (missing, a directory, a FIFO, socket or device: "not a regular file",
/// unreadable, over `limits.max_size`: never more than max_size + 1 bytes are read).
Message load_message(const std::string& path, const data::DataSet& data, const Limits& limits = {});

/// Reads at most `max_size` + 1 bytes (0: no limit) from `in`; throws InputError naming `path`
/// when there are more ("over the size limit") or the stream fails.
std::string read_bounded(std::istream& in, const std::string& path, std::uint64_t max_size,
                         const std::string& setting = "--max-size");

}  // namespace replylint::message
