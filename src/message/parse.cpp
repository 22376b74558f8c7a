// parse_message: input-kind detection, then GMime for headers and MIME structure, ICU for
// charsets and gumbo for HTML bodies.
#include "data/data.hpp"
#include "message/encoded_words.hpp"
#include "message/flowed.hpp"
#include "message/html_text.hpp"
#include "message/message.hpp"
#include "message/subject.hpp"
#include "message/text_codec.hpp"
#include "text/text.hpp"
#include "util/error.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

namespace replylint::message {
namespace {

using detail::ascii_lower;
using detail::trim;

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_mime_init();
    // GObject classes are created on first use, under GLib's own locks; create every class the
    // parser touches now, once, so threads that parse at the same time only ever read them
    // (and ThreadSanitizer, which cannot see GLib's futex locks, sees why).
    for (GType type :
         {GMIME_TYPE_PARSER, GMIME_TYPE_STREAM_MEM, GMIME_TYPE_STREAM_FILTER, GMIME_TYPE_MESSAGE,
          GMIME_TYPE_MULTIPART, GMIME_TYPE_PART, GMIME_TYPE_TEXT_PART, GMIME_TYPE_MESSAGE_PART,
          GMIME_TYPE_DATA_WRAPPER, GMIME_TYPE_CONTENT_TYPE, GMIME_TYPE_CONTENT_DISPOSITION,
          GMIME_TYPE_HEADER_LIST, INTERNET_ADDRESS_LIST_TYPE, INTERNET_ADDRESS_TYPE_MAILBOX,
          INTERNET_ADDRESS_TYPE_GROUP})
      g_type_class_unref(g_type_class_ref(type));
  });
}

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

// Maps byte offsets of the whole input to 1-based lines.
class LineIndex {
 public:
  explicit LineIndex(std::string_view bytes) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (bytes[i] == '\n') m_starts.push_back(i + 1);
    }
  }
  int line_of(std::size_t offset) const {
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    return static_cast<int>(it - m_starts.begin());
  }
  std::size_t start_of(int line) const { return m_starts[static_cast<std::size_t>(line - 1)]; }

 private:
  std::vector<std::size_t> m_starts;
};

// ---- input-kind detection ---------------------------------------------------------------

std::string_view line_at(std::string_view bytes, std::size_t pos, std::size_t* next) {
  const std::size_t nl = bytes.find('\n', pos);
  const std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
  *next = nl == std::string_view::npos ? bytes.size() : nl + 1;
  std::string_view line = bytes.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// A header field line: a name of printable ASCII without ':', optional blanks, then ':'.
bool field_name(std::string_view line, std::string_view* name) {
  std::size_t i = 0;
  while (i < line.size() && line[i] > 32 && line[i] < 127 && line[i] != ':') ++i;
  if (i == 0) return false;
  const std::size_t end = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return false;
  *name = line.substr(0, end);
  return true;
}

bool is_known_header(std::string_view name) {
  static const std::set<std::string> k_known = {"from",
                                                "to",
                                                "cc",
                                                "bcc",
                                                "subject",
                                                "date",
                                                "message-id",
                                                "in-reply-to",
                                                "references",
                                                "reply-to",
                                                "sender",
                                                "received",
                                                "return-path",
                                                "mime-version",
                                                "content-type",
                                                "content-transfer-encoding",
                                                "content-disposition",
                                                "delivered-to",
                                                "user-agent",
                                                "x-mailer",
                                                "organization",
                                                "importance",
                                                "priority",
                                                "thread-topic",
                                                "thread-index",
                                                "fcc",
                                                "envelope-to",
                                                "precedence",
                                                "comments",
                                                "keywords",
                                                "authentication-results"};
  const std::string lower = ascii_lower(name);
  if (k_known.count(lower) != 0) return true;
  for (const char* prefix : {"x-", "list-", "content-", "resent-", "arc-", "dkim-"}) {
    if (lower.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

struct HeaderScan {
  bool is_header_block = false;
  bool has_mime = false;        // MIME-Version, Content-Type or Content-Transfer-Encoding
  bool ended_by_blank = false;  // a blank line separates headers and body
  std::size_t body_offset = 0;  // where the body starts (after the blank line)
  int bad_line_offset = -1;     // a line that is neither a field nor a continuation
  std::vector<std::size_t> skipped_lines;  // offsets of junk lines inside the header block
};

// Is the line at `pos`, which is neither a field nor a continuation, junk inside the header
// block rather than the start of the body? RFC 5322 ends the header section at the empty line,
// and GMime skips such a line (a badly folded line, "quite Delivered-To: x"), so it is junk
// when the lines after it, up to an empty line, are mostly header fields, one of them a known
// one. Returns the offset of that empty line's start, or npos when the line starts the body.
std::size_t junk_until_blank(std::string_view bytes, std::size_t pos) {
  int fields = 0;
  int junk = 0;
  bool known = false;
  while (pos < bytes.size()) {
    std::size_t next = 0;
    const std::string_view line = line_at(bytes, pos, &next);
    if (line.empty()) return known && junk <= fields ? pos : std::string_view::npos;
    std::string_view name;
    if (line[0] == ' ' || line[0] == '\t') {
      // a continuation of whatever came before
    } else if (field_name(line, &name)) {
      ++fields;
      known = known || is_known_header(name);
    } else {
      ++junk;
    }
    pos = next;
  }
  return std::string_view::npos;
}

HeaderScan scan_headers(std::string_view bytes) {
  HeaderScan scan;
  std::size_t pos = 0;
  int fields = 0;
  bool known = false;
  std::size_t junk_known_until = 0;
  while (pos < bytes.size()) {
    std::size_t next = 0;
    const std::string_view line = line_at(bytes, pos, &next);
    std::string_view name;
    if (line.empty()) {
      scan.ended_by_blank = true;
      scan.body_offset = next;
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && fields > 0) {
      pos = next;
      continue;
    }
    if (!field_name(line, &name)) {
      if (fields == 0) return scan;
      // One look ahead decides for every junk line up to the empty line: linear time.
      if (pos < junk_known_until) {
        scan.skipped_lines.push_back(pos);
        pos = next;
        continue;
      }
      if (const std::size_t blank = junk_until_blank(bytes, pos); blank != std::string_view::npos) {
        junk_known_until = blank;
        scan.skipped_lines.push_back(pos);
        pos = next;
        continue;
      }
      scan.bad_line_offset = static_cast<int>(pos);
      scan.body_offset = pos;
      break;
    }
    ++fields;
    known = known || is_known_header(name);
    const std::string lower = ascii_lower(name);
    if (lower == "mime-version" || lower == "content-type" ||
        lower == "content-transfer-encoding") {
      scan.has_mime = true;
    }
    pos = next;
  }
  if (pos >= bytes.size() && !scan.ended_by_blank) scan.body_offset = bytes.size();
  // One "Word: text" line is how many bodies start; a header block needs a real header name.
  scan.is_header_block = fields > 0 && (known || fields >= 3);
  return scan;
}

// The top-level Content-Type fields other than the one to use, when there are several: the
// one whose boundary occurs in the body wins (GMime would take the last one, boundary or not).
std::vector<std::size_t> extra_content_types(std::string_view bytes, const HeaderScan& scan) {
  struct Field {
    std::size_t offset;
    std::string value;
  };
  std::vector<Field> fields;
  std::size_t pos = 0;
  while (pos < scan.body_offset && pos < bytes.size()) {
    std::size_t next = 0;
    const std::string_view line = line_at(bytes, pos, &next);
    std::string_view name;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (!fields.empty() && fields.back().offset != std::string_view::npos)
        fields.back().value += std::string(line);
    } else if (field_name(line, &name) && ascii_lower(name) == "content-type") {
      fields.push_back({pos, std::string(line.substr(line.find(':') + 1))});
    } else if (!fields.empty()) {
      fields.push_back({std::string_view::npos, ""});  // ends the previous field's folding
    }
    pos = next;
  }
  std::erase_if(fields, [](const Field& f) { return f.offset == std::string_view::npos; });
  // Each candidate costs a search of the body: a handful keeps the parse linear; a message
  // with more Content-Type fields than that is left to GMime (the last one wins).
  constexpr std::size_t k_max_candidates = 8;
  if (fields.size() < 2 || fields.size() > k_max_candidates) return {};
  const std::string_view body = bytes.substr(std::min(scan.body_offset, bytes.size()));
  const auto boundary_occurs = [&](const std::string& value) {
    GMimeContentType* type =
        g_mime_content_type_parse(g_mime_parser_options_get_default(), value.c_str());
    if (type == nullptr) return false;
    const char* boundary = g_mime_content_type_get_parameter(type, "boundary");
    const std::string delimiter =
        boundary != nullptr && *boundary != '\0' ? std::string("--") + boundary : "";
    g_object_unref(type);
    if (delimiter.empty()) return false;
    for (std::size_t at = body.find(delimiter); at != std::string_view::npos;
         at = body.find(delimiter, at + 1))
      if (at == 0 || body[at - 1] == '\n') return true;
    return false;
  };
  std::size_t chosen = fields.size();
  for (std::size_t i = fields.size(); i-- > 0;) {
    if (boundary_occurs(fields[i].value)) {
      chosen = i;
      break;
    }
  }
  if (chosen == fields.size() || chosen + 1 == fields.size()) return {};
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (i != chosen) others.push_back(fields[i].offset);
  return others;
}

// Same length as "Content-Type", so that every offset in the input stays where it was.
constexpr std::string_view k_ignored_content_type = "X-Ignored-CT";

// NUL-heavy or control-heavy bytes are not a message.
bool looks_binary(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 65536);
  if (n == 0) return false;
  std::size_t nul = 0;
  std::size_t control = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) {
      ++nul;
    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
                c != 0x1b && c != 0x0e && c != 0x0f) ||
               c == 0x7f) {
      ++control;
    }
  }
  return nul * 200 > n || (nul + control) * 100 > n * 5;
}

bool only_whitespace(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  });
}

// ---- GMime helpers ----------------------------------------------------------------------

std::string clean_utf8(const char* text) {
  if (text == nullptr) return "";
  const std::string_view view(text);
  if (text::is_valid_utf8(view)) return text::nfc(view);
  return detail::decode_text(view, "").text;
}

std::string stream_bytes(GMimeStream* stream) {
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_stream_write_to_stream(stream, mem.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

std::string decoded_content(GMimePart* part) {
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  if (wrapper == nullptr) return "";
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(wrapper, mem.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

std::string encoded_content(GMimePart* part) {
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  if (wrapper == nullptr) return "";
  GMimeStream* stream = g_mime_data_wrapper_get_stream(wrapper);
  if (stream == nullptr) return "";
  g_mime_stream_reset(stream);
  std::string bytes = stream_bytes(stream);
  g_mime_stream_reset(stream);
  return bytes;
}

std::string mime_type_of(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr) return "text/plain";
  gchar* mime = g_mime_content_type_get_mime_type(type);
  // Cleaned as header_of's values: a type or subtype may hold 8-bit junk the model must not.
  std::string out = mime != nullptr ? ascii_lower(clean_utf8(mime)) : "text/plain";
  g_free(mime);
  return out;
}

std::string header_of(GMimeObject* object, const char* name) {
  // Cleaned: a value reaches the model and warnings, which are UTF-8 (8-bit junk becomes U+FFFD).
  const char* value = g_mime_object_get_header(object, name);
  return value != nullptr ? trim(clean_utf8(value)) : "";
}

// The transfer encoding is checked on the encoded bytes, so the warning can name the part.
bool invalid_base64(std::string_view raw) {
  for (const char c : raw) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n' || c == ' ' ||
                    c == '\t';
    if (!ok) return true;
  }
  return false;
}

bool invalid_quoted_printable(std::string_view raw) {
  const auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '=') continue;
    std::size_t j = i + 1;
    if (j + 1 < raw.size() && hex(raw[j]) && hex(raw[j + 1])) continue;
    if (j + 1 == raw.size() && hex(raw[j])) return true;  // cut inside an escape: "=A" at the end
    while (j < raw.size() && (raw[j] == ' ' || raw[j] == '\t')) ++j;  // soft break
    if (j >= raw.size() || raw[j] == '\n' || raw[j] == '\r') continue;
    return true;
  }
  return false;
}

std::string describe_warning(GMimeParserWarning code, const std::string& item) {
  const std::string quoted = item.empty() ? "" : " '" + item + "'";
  switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER:
      return "duplicated header" + quoted;
    case GMIME_WARN_DUPLICATED_PARAMETER:
      return "duplicated header parameter" + quoted;
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
      return "";  // checked separately (UTF-8 is fine)
    case GMIME_WARN_INVALID_CONTENT_TYPE:
      return "invalid Content-Type" + quoted;
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
      return "invalid RFC 2047 encoded word" + quoted;
    case GMIME_WARN_INVALID_PARAMETER:
      return "invalid header parameter" + quoted;
    case GMIME_WARN_MALFORMED_MULTIPART:
      return "malformed multipart: no parts found" + quoted;
    case GMIME_WARN_TRUNCATED_MESSAGE:
      return "truncated message: a MIME boundary is not closed";
    case GMIME_WARN_MALFORMED_MESSAGE:
      return "malformed message" + quoted;
    case GMIME_WARN_INVALID_ADDRESS_LIST:
      return "invalid address list" + quoted;
    case GMIME_CRIT_INVALID_HEADER_NAME:
      return "invalid header name" + quoted;
    case GMIME_CRIT_CONFLICTING_HEADER:
      return "conflicting header" + quoted;
    case GMIME_CRIT_CONFLICTING_PARAMETER:
      return "conflicting header parameter" + quoted;
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      return "multipart without a boundary parameter";
    case GMIME_CRIT_NESTING_OVERFLOW:
      return "MIME parts nested too deeply";
    case GMIME_WARN_PART_WITHOUT_CONTENT:
      return "MIME part without content";
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      return "MIME part without headers or content";
  }
  return "MIME parser warning" + quoted;
}

struct RawWarning {
  gint64 offset;
  GMimeParserWarning code;
  std::string item;
};

void collect_warning(gint64 offset, GMimeParserWarning code, const gchar* item, gpointer data) {
  static_cast<std::vector<RawWarning>*>(data)->push_back(
      {offset, code, item != nullptr ? trim(clean_utf8(item)) : ""});
}

std::string rfc3339(GDateTime* date) {
  gchar* text = g_date_time_format(date, "%Y-%m-%dT%H:%M:%S%:z");
  std::string out = text != nullptr ? text : "";
  g_free(text);
  if (out.size() > 6 && out.compare(out.size() - 6, 6, "+00:00") == 0) {
    out.replace(out.size() - 6, 6, "Z");
  }
  return out;
}

std::string strip_angles(std::string value) {
  value = trim(value);
  if (value.size() >= 2 && value.front() == '<' && value.back() == '>') {
    value = trim(value.substr(1, value.size() - 2));
  }
  return value;
}

// GMime's decoded value of a header, unless the raw value has adjacent B-words that GMime
// 3.2.13 decodes wrongly (see merge_adjacent_b_words): then the repaired value, decoded.
std::optional<std::string> repaired_header_text(GMimeParserOptions* options, const char* raw) {
  if (raw == nullptr) return std::nullopt;
  gchar* unfolded = g_mime_utils_header_unfold(raw);
  const std::optional<std::string> merged = detail::merge_adjacent_b_words(unfolded);
  g_free(unfolded);
  if (!merged) return std::nullopt;
  gchar* decoded = g_mime_utils_header_decode_text(options, merged->c_str());
  std::string out = clean_utf8(decoded);
  g_free(decoded);
  return out;
}

// The raw value of the first header `name` of `object`, or nullptr.
const char* raw_header(GMimeObject* object, const char* name) {
  GMimeHeaderList* list = g_mime_object_get_header_list(object);
  GMimeHeader* header = list != nullptr ? g_mime_header_list_get_header(list, name) : nullptr;
  return header != nullptr ? g_mime_header_get_raw_value(header) : nullptr;
}

// A body candidate or an attachment, found while walking the MIME tree.
struct Leaf {
  GMimeObject* object;
  std::string id;
  std::vector<std::string> alternatives;  // ids of the multipart/alternative parts it is in
};

class MimeParser {
 public:
  MimeParser(Message& message, std::string_view input, std::size_t base, const Limits& limits = {})
      : m_message(message), m_input(input), m_base(base), m_lines(message.raw), m_limits(limits) {}

  void parse(const HeaderScan& scan) {
    std::unique_ptr<GMimeParserOptions, ParserOptionsFree> options(g_mime_parser_options_new());
    g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    // 8-bit header text without a charset is read as the body is: windows-1252, or 8-bit Greek
    // when the message reads as Greek (a mutt draft written in windows-1253).
    const char* fallback[] = {"utf-8", "windows-1252", nullptr};
    const std::string_view header_block =
        m_input.substr(0, std::min(scan.body_offset, m_input.size()));
    if (std::any_of(header_block.begin(), header_block.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) &&
        !text::is_valid_utf8(header_block))
      if (const char* greek = detail::greek_8bit(m_input)) fallback[1] = greek;
    g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
    std::vector<RawWarning> raw_warnings;
    g_mime_parser_options_set_warning_callback(options.get(), collect_warning, &raw_warnings);

    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(m_input.data(), m_input.size()));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GPtr<GMimeMessage> gmessage(g_mime_parser_construct_message(parser.get(), options.get()));
    m_options = options.get();

    if (!gmessage) {
      m_message.warnings.push_back("the header block could not be parsed; read as a bare body");
      m_message.kind = InputKind::body;
      m_message.headers.clear();
      read_plain_body(0);
      return;
    }
    read_headers(gmessage.get());
    read_addresses(gmessage.get());
    read_ids_and_date(gmessage.get());

    if (!scan.ended_by_blank) {
      if (scan.bad_line_offset >= 0) {
        m_message.warnings.push_back(
            "line " + std::to_string(line_of(static_cast<std::size_t>(scan.bad_line_offset))) +
            ": the header block does not end with a blank line");
      } else {
        m_message.warnings.push_back("header block with no body");
      }
    }

    if (m_message.kind == InputKind::draft) {
      if (scan.ended_by_blank || scan.bad_line_offset >= 0) read_plain_body(scan.body_offset);
    } else {
      GMimeObject* root = g_mime_message_get_mime_part(gmessage.get());
      if (root != nullptr) walk(root, "", 0);
      if (!scan.ended_by_blank && scan.bad_line_offset < 0) {
        // nothing after the headers: no body to choose
      } else if (m_plain.empty() && m_html.empty() && m_named_plain.empty() &&
                 m_named_html.empty() && root != nullptr && GMIME_IS_MULTIPART(root) &&
                 g_mime_multipart_get_count(GMIME_MULTIPART(root)) == 0) {
        // A multipart GMime could not split (no boundary): the raw text is the best guess.
        m_message.warnings.push_back(
            "multipart with no readable parts; its raw text is read as the body");
        read_plain_body(scan.body_offset);
      } else {
        choose_body(scan);
      }
    }

    std::set<std::string> seen(m_message.warnings.begin(), m_message.warnings.end());
    std::vector<std::string> gmime_warnings;
    GMimeObject* top = g_mime_message_get_mime_part(gmessage.get());
    const bool multipart = top != nullptr && GMIME_IS_MULTIPART(top);
    for (const RawWarning& w : raw_warnings) {
      // GMime says "truncated" of any input that ends inside its headers; only an unclosed
      // boundary is news ("header block with no body" says the rest).
      if (w.code == GMIME_WARN_TRUNCATED_MESSAGE && !multipart) continue;
      std::string text = describe_warning(w.code, w.item);
      if (text.empty()) continue;
      if (w.offset >= 0) {
        text = "line " + std::to_string(line_of(static_cast<std::size_t>(w.offset))) + ": " + text;
      }
      if (seen.insert(text).second) gmime_warnings.push_back(text);
    }
    m_message.warnings.insert(m_message.warnings.begin(), gmime_warnings.begin(),
                              gmime_warnings.end());
    m_options = nullptr;
  }

  /// The field at `offset` of the input was renamed for GMime; the header list shows its name
  /// as written.
  void restore_name_at(std::size_t offset) { m_renamed.insert(offset); }

  // A draft or bare body: the bytes from `offset` on, UTF-8 or a windows-1252 fallback.
  void read_plain_body(std::size_t offset) {
    const std::string_view bytes = m_input.substr(std::min(offset, m_input.size()));
    detail::Decoded decoded = detail::decode_text(bytes, "");
    if (decoded.fell_back) {
      m_message.warnings.push_back("the body is not valid UTF-8; it was read as " + decoded.used);
    }
    if (decoded.invalid > 0) {
      m_message.warnings.push_back(std::to_string(decoded.invalid) +
                                   " invalid byte sequence(s) in the body replaced by U+FFFD");
    }
    m_message.has_body = true;
    m_message.body = Body{};
    m_message.body.text = detail::normalize_newlines(decoded.text);
    m_message.body.in_file = true;
    m_message.body.first_line = line_of(offset);
    m_message.body.raw_begin = m_base + std::min(offset, m_input.size());
    m_message.body.raw_end = m_base + m_input.size();
  }

 private:
  int line_of(std::size_t offset_in_input) const {
    return m_lines.line_of(m_base + std::min(offset_in_input, m_input.size()));
  }

  // The last line of the field starting on `line`: folded lines start with a blank.
  int last_folded_line(int line) const {
    const std::string_view raw = m_message.raw;
    std::size_t next = 0;
    line_at(raw, m_lines.start_of(line), &next);
    while (next < raw.size() && (raw[next] == ' ' || raw[next] == '\t')) {
      std::size_t after = 0;
      const std::string_view text = line_at(raw, next, &after);
      if (detail::trim(text).empty()) break;  // a blank-looking line ends the header block
      ++line;
      next = after;
    }
    return line;
  }

  // GMime keeps the Content-* fields of the top level in the root part's list, so both lists
  // are merged back into input order.
  void read_headers(GMimeMessage* gmessage) {
    std::vector<GMimeHeader*> fields;
    std::set<gint64> offsets;
    GMimeObject* root = g_mime_message_get_mime_part(gmessage);
    for (GMimeObject* object : {GMIME_OBJECT(gmessage), root}) {
      GMimeHeaderList* list = object != nullptr ? g_mime_object_get_header_list(object) : nullptr;
      const int count = list != nullptr ? g_mime_header_list_get_count(list) : 0;
      for (int i = 0; i < count; ++i) {
        GMimeHeader* field = g_mime_header_list_get_header_at(list, i);
        const gint64 offset = g_mime_header_get_offset(field);
        if (offset >= 0 && !offsets.insert(offset).second) continue;
        fields.push_back(field);
      }
    }
    std::stable_sort(fields.begin(), fields.end(), [](GMimeHeader* a, GMimeHeader* b) {
      return g_mime_header_get_offset(a) < g_mime_header_get_offset(b);
    });
    if (m_limits.max_headers > 0 &&
        fields.size() > static_cast<std::size_t>(m_limits.max_headers)) {
      m_message.warnings.push_back("more than " + std::to_string(m_limits.max_headers) +
                                   " header fields (" + std::to_string(fields.size()) +
                                   "); the fields after the first " +
                                   std::to_string(m_limits.max_headers) + " are ignored");
      fields.resize(static_cast<std::size_t>(m_limits.max_headers));
    }
    for (GMimeHeader* gheader : fields) {
      Header header;
      header.name = clean_utf8(g_mime_header_get_name(gheader));
      header.value = clean_utf8(g_mime_header_get_value(gheader));
      const char* raw_value = g_mime_header_get_raw_value(gheader);
      if (auto repaired = repaired_header_text(m_options, raw_value))
        header.value = trim(*repaired);
      if (raw_value != nullptr && !text::is_valid_utf8(raw_value)) {
        m_message.warnings.push_back("header '" + header.name +
                                     "' has 8-bit text that is not UTF-8");
      }
      const gint64 offset = g_mime_header_get_offset(gheader);
      // Only a field GMime names as renamed is ours to restore: a nested message's header
      // offsets count from its own start and can equal a renamed top-level offset.
      if (offset >= 0 && header.name == k_ignored_content_type &&
          m_renamed.count(static_cast<std::size_t>(offset)) > 0 &&
          m_base + static_cast<std::size_t>(offset) < m_message.raw.size())
        header.name = clean_utf8(
            m_message.raw
                .substr(m_base + static_cast<std::size_t>(offset), k_ignored_content_type.size())
                .c_str());
      if (offset >= 0) {
        const std::size_t absolute = m_base + static_cast<std::size_t>(offset);
        header.line = m_lines.line_of(absolute);
        std::size_t pos = m_message.raw.find(':', absolute);
        const std::size_t line_start = m_lines.start_of(header.line);
        if (pos == std::string::npos) pos = absolute;
        ++pos;
        while (pos < m_message.raw.size() &&
               (m_message.raw[pos] == ' ' || m_message.raw[pos] == '\t')) {
          ++pos;
        }
        header.value_column =
            text::count_code_points(
                std::string_view(m_message.raw).substr(line_start, pos - line_start)) +
            1;
        header.end_line = last_folded_line(header.line);
        std::size_t ignored = 0;
        header.end_column = text::count_code_points(line_at(
                                m_message.raw, m_lines.start_of(header.end_line), &ignored)) +
                            1;
      }
      m_message.headers.push_back(std::move(header));
    }
  }

  static void add_addresses(InternetAddressList* list, const std::string& group,
                            std::vector<Address>& out) {
    if (list == nullptr) return;
    const int count = internet_address_list_length(list);
    for (int i = 0; i < count; ++i) {
      InternetAddress* address = internet_address_list_get_address(list, i);
      if (INTERNET_ADDRESS_IS_GROUP(address)) {
        add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)),
                      clean_utf8(internet_address_get_name(address)), out);
      } else if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
        Address a;
        a.name = clean_utf8(internet_address_get_name(address));
        a.address =
            clean_utf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
        a.group = group;
        if (!a.address.empty() || !a.name.empty()) out.push_back(std::move(a));
      }
    }
  }

  void read_addresses(GMimeMessage* gmessage) {
    const std::array<std::pair<GMimeAddressType, std::vector<Address>*>, 6> lists{{
        {GMIME_ADDRESS_TYPE_FROM, &m_message.from},
        {GMIME_ADDRESS_TYPE_SENDER, &m_message.sender},
        {GMIME_ADDRESS_TYPE_REPLY_TO, &m_message.reply_to},
        {GMIME_ADDRESS_TYPE_TO, &m_message.to},
        {GMIME_ADDRESS_TYPE_CC, &m_message.cc},
        {GMIME_ADDRESS_TYPE_BCC, &m_message.bcc},
    }};
    static const char* const k_names[] = {"From", "Sender", "Reply-To", "To", "Cc", "Bcc"};
    for (std::size_t i = 0; i < lists.size(); ++i) {
      const auto& [type, out] = lists[i];
      const char* raw = raw_header(GMIME_OBJECT(gmessage), k_names[i]);
      gchar* unfolded = raw != nullptr ? g_mime_utils_header_unfold(raw) : nullptr;
      const auto merged =
          unfolded != nullptr ? detail::merge_adjacent_b_words(unfolded) : std::nullopt;
      g_free(unfolded);
      if (merged) {
        // Display names with adjacent B-words: parsed again from the repaired value.
        GPtr<InternetAddressList> list(internet_address_list_parse(m_options, merged->c_str()));
        add_addresses(list.get(), "", *out);
      } else {
        add_addresses(g_mime_message_get_addresses(gmessage, type), "", *out);
      }
      if (out->empty()) rescue_addresses(gmessage, k_names[i], *out);
    }
  }

  // GMime gives up on a list like "Weiß foo@bar.com" (no angle brackets around an address
  // after a phrase). Keep the tokens that look like addresses rather than lose the recipients.
  void rescue_addresses(GMimeMessage* gmessage, const char* name, std::vector<Address>& out) {
    const char* value = g_mime_object_get_header(GMIME_OBJECT(gmessage), name);
    if (value == nullptr) return;
    const std::string text = clean_utf8(value);
    std::size_t pos = 0;
    while (pos < text.size()) {
      const std::size_t end = text.find_first_of(" \t\r\n,;", pos);
      std::string token =
          text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      pos = end == std::string::npos ? text.size() : end + 1;
      while (!token.empty() &&
             std::string_view("<>\"'()").find(token.front()) != std::string_view::npos) {
        token.erase(0, 1);
      }
      while (!token.empty() &&
             std::string_view("<>\"'()").find(token.back()) != std::string_view::npos) {
        token.pop_back();
      }
      const std::size_t at = token.find('@');
      if (at != std::string::npos && at > 0 && at + 1 < token.size()) {
        out.push_back(Address{"", token, ""});
      }
    }
    if (!out.empty()) {
      m_message.warnings.push_back(
          std::string("the ") + name +
          " header is not a valid address list; addresses were picked out of it");
    }
  }

  std::vector<std::string> parse_ids(const char* text) {
    std::vector<std::string> ids;
    if (text == nullptr) return ids;
    GMimeReferences* refs = g_mime_references_parse(m_options, text);
    if (refs != nullptr) {
      for (int i = 0; i < g_mime_references_length(refs); ++i) {
        ids.push_back(clean_utf8(g_mime_references_get_message_id(refs, i)));
      }
      g_mime_references_free(refs);
    }
    if (ids.empty()) {
      const std::string bare = strip_angles(clean_utf8(text));
      if (!bare.empty()) ids.push_back(bare);
    }
    return ids;
  }

  void read_ids_and_date(GMimeMessage* gmessage) {
    GMimeObject* object = GMIME_OBJECT(gmessage);
    m_message.subject = trim(clean_utf8(g_mime_message_get_subject(gmessage)));
    if (auto repaired = repaired_header_text(m_options, raw_header(object, "Subject")))
      m_message.subject = trim(*repaired);
    m_message.message_id = strip_angles(clean_utf8(g_mime_message_get_message_id(gmessage)));
    const auto in_reply_to = parse_ids(g_mime_object_get_header(object, "In-Reply-To"));
    if (!in_reply_to.empty()) m_message.in_reply_to = in_reply_to.front();
    m_message.references = parse_ids(g_mime_object_get_header(object, "References"));

    if (const char* value = g_mime_object_get_header(object, "List-Unsubscribe")) {
      const std::string text = clean_utf8(value);
      std::size_t pos = 0;
      while ((pos = text.find('<', pos)) != std::string::npos) {
        const std::size_t end = text.find('>', pos);
        if (end == std::string::npos) break;
        const std::string uri = trim(text.substr(pos + 1, end - pos - 1));
        if (!uri.empty()) m_message.list_unsubscribe.push_back(uri);
        pos = end + 1;
      }
      if (m_message.list_unsubscribe.empty() && !trim(text).empty()) {
        m_message.list_unsubscribe.push_back(trim(text));
      }
    }

    if (GDateTime* date = g_mime_message_get_date(gmessage)) {
      m_message.date = rfc3339(date);
      m_message.date_unix = g_date_time_to_unix(date);
    } else if (const char* value = g_mime_object_get_header(object, "Date")) {
      m_message.warnings.push_back("the Date header '" + trim(clean_utf8(value)) +
                                   "' is not a valid date");
    }
  }

  void walk(GMimeObject* object, const std::string& id, int depth) {
    // A part given up on is also listed in unread_parts: text the linter never saw must not
    // pass for checked text (the sendmail hook refuses to send it).
    if (depth > m_limits.max_depth) {
      if (!m_too_deep) {
        m_message.warnings.push_back("MIME parts nested more than " +
                                     std::to_string(m_limits.max_depth) +
                                     " levels deep; the deeper parts are ignored");
        m_message.unread_parts.push_back("part " + id +
                                         " and the parts inside it: nested more than " +
                                         std::to_string(m_limits.max_depth) + " levels deep");
      }
      m_too_deep = true;
      return;
    }
    if (m_limits.max_parts > 0 && ++m_parts > m_limits.max_parts) {
      if (!m_too_many_parts) {
        m_message.warnings.push_back("more than " + std::to_string(m_limits.max_parts) +
                                     " MIME parts; the parts after the first " +
                                     std::to_string(m_limits.max_parts) + " are ignored");
        m_message.unread_parts.push_back("the parts from part " + id + " on: more than " +
                                         std::to_string(m_limits.max_parts) + " MIME parts");
      }
      m_too_many_parts = true;
      return;
    }
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      const bool alternative = mime_type_of(object) == "multipart/alternative";
      if (alternative) m_alternatives.push_back(id);
      const int count = g_mime_multipart_get_count(multipart);
      for (int i = 0; i < count; ++i) {
        const std::string child_id = (id.empty() ? "" : id + ".") + std::to_string(i + 1);
        walk(g_mime_multipart_get_part(multipart, i), child_id, depth + 1);
      }
      if (alternative) m_alternatives.pop_back();
      return;
    }
    const std::string part_id = id.empty() ? "1" : id;
    if (GMIME_IS_PART(object)) {
      const std::string type = mime_type_of(object);
      const char* disposition = g_mime_object_get_disposition(object);
      const bool attachment =
          disposition != nullptr && ascii_lower(trim(disposition)) == "attachment";
      const char* filename = g_mime_part_get_filename(GMIME_PART(object));
      const bool named = filename != nullptr && *filename != '\0';
      if ((type == "text/plain" || type == "text/html") && !attachment) {
        if (!named) {
          (type == "text/plain" ? m_plain : m_html).push_back({object, part_id, m_alternatives});
          return;
        }
        // A named inline text part is a file the sender attached, unless nothing else can
        // be the body (a single-part message with a file name, for instance).
        (type == "text/plain" ? m_named_plain : m_named_html)
            .push_back({object, part_id, m_alternatives});
      }
    }
    add_attachment(object, part_id);
  }

  void add_attachment(GMimeObject* object, const std::string& id) {
    Attachment attachment;
    attachment.part = id;
    attachment.content_type = mime_type_of(object);
    const char* disposition = g_mime_object_get_disposition(object);
    attachment.is_inline = disposition != nullptr && ascii_lower(trim(disposition)) == "inline";
    if (GMIME_IS_PART(object)) {
      attachment.filename = clean_utf8(g_mime_part_get_filename(GMIME_PART(object)));
      if (attachment.filename.empty()) attachment.filename = name_of_invalid_type(object);
      attachment.size = decoded_content(GMIME_PART(object)).size();
    } else {
      const char* name = g_mime_object_get_content_disposition_parameter(object, "filename");
      if (name == nullptr) name = g_mime_object_get_content_type_parameter(object, "name");
      attachment.filename = clean_utf8(name);
      if (GMIME_IS_MESSAGE_PART(object)) {
        if (GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object))) {
          GPtr<GMimeStream> mem(g_mime_stream_mem_new());
          g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, mem.get());
          attachment.size = g_mime_stream_length(mem.get());
        }
      }
    }
    m_message.attachments.push_back(std::move(attachment));
  }

  // GMime drops the parameters of a Content-Type it cannot read ("application" with no
  // subtype, so application/octet-stream) and with them the file name. The parameters after
  // the first ';' are read again with GMime's own parameter parser.
  std::string name_of_invalid_type(GMimeObject* object) const {
    const char* raw = raw_header(object, "Content-Type");
    if (raw == nullptr) return "";
    const char* semicolon = std::strchr(raw, ';');
    if (semicolon == nullptr) return "";
    GMimeParamList* params = g_mime_param_list_parse(m_options, semicolon + 1);
    if (params == nullptr) return "";
    std::string name;
    if (GMimeParam* param = g_mime_param_list_get_parameter(params, "name"))
      name = clean_utf8(g_mime_param_get_value(param));
    g_object_unref(params);
    return name;
  }

  void choose_body(const HeaderScan& scan) {
    const Leaf* chosen = nullptr;
    if (!m_plain.empty()) {
      chosen = &m_plain.front();
      for (std::size_t i = 1; i < m_plain.size(); ++i) {
        // Another alternative of the body is the same text in another form, not more text.
        const bool alternative_of_body =
            std::ranges::any_of(m_plain[i].alternatives, [&](const std::string& a) {
              return std::ranges::find(chosen->alternatives, a) != chosen->alternatives.end();
            });
        if (alternative_of_body) continue;
        const std::string bytes = decoded_content(GMIME_PART(m_plain[i].object));
        const char* charset =
            g_mime_object_get_content_type_parameter(m_plain[i].object, "charset");
        std::string text = detail::normalize_newlines(
            detail::decode_text(bytes, charset != nullptr ? ascii_lower(trim(charset)) : "").text);
        if (const char* format =
                g_mime_object_get_content_type_parameter(m_plain[i].object, "format");
            format != nullptr && ascii_lower(trim(format)) == "flowed") {
          const char* delsp = g_mime_object_get_content_type_parameter(m_plain[i].object, "delsp");
          text = detail::decode_flowed(text, delsp != nullptr && ascii_lower(trim(delsp)) == "yes")
                     .text;
        }
        m_message.other_text_parts.push_back({m_plain[i].id, std::move(text)});
      }
    } else if (!m_html.empty()) {
      chosen = &m_html.front();
    } else if (!m_named_plain.empty() || !m_named_html.empty()) {
      chosen = !m_named_plain.empty() ? &m_named_plain.front() : &m_named_html.front();
      const std::string id = chosen->id;
      std::erase_if(m_message.attachments, [&](const Attachment& a) { return a.part == id; });
    }
    if (chosen == nullptr) {
      if (scan.ended_by_blank) m_message.warnings.push_back("no text body: only attachments");
      return;
    }
    GMimePart* part = GMIME_PART(chosen->object);
    Body& body = m_message.body;
    body.part = chosen->id;
    body.content_type = mime_type_of(chosen->object);
    const char* charset = g_mime_object_get_content_type_parameter(chosen->object, "charset");
    body.charset = charset != nullptr ? ascii_lower(trim(clean_utf8(charset))) : "";
    body.encoding = ascii_lower(header_of(chosen->object, "Content-Transfer-Encoding"));
    const std::string where = "in part " + chosen->id;
    if (GMimeDataWrapper* wrapper = g_mime_part_get_content(part)) {
      const GMimeStream* stream = g_mime_data_wrapper_get_stream(wrapper);
      if (stream != nullptr && stream->bound_start >= 0) {
        body.raw_begin = m_base + static_cast<std::size_t>(stream->bound_start);
        body.raw_end =
            m_base +
            (stream->bound_end >= 0 ? static_cast<std::size_t>(stream->bound_end) : m_input.size());
      }
    }
    if (body.content_type == "text/plain") {
      for (const Leaf& html : m_html)
        if (std::ranges::any_of(html.alternatives, [&](const std::string& a) {
              return std::ranges::find(chosen->alternatives, a) != chosen->alternatives.end();
            })) {
          body.html_alternative = html.id;
          const char* html_charset =
              g_mime_object_get_content_type_parameter(html.object, "charset");
          body.html_charset =
              html_charset != nullptr ? ascii_lower(trim(clean_utf8(html_charset))) : "";
          body.html_encoding = ascii_lower(header_of(html.object, "Content-Transfer-Encoding"));
          if (GMimeDataWrapper* wrapper = g_mime_part_get_content(GMIME_PART(html.object))) {
            const GMimeStream* stream = g_mime_data_wrapper_get_stream(wrapper);
            if (stream != nullptr && stream->bound_start >= 0) {
              body.html_raw_begin = m_base + static_cast<std::size_t>(stream->bound_start);
              body.html_raw_end =
                  m_base + (stream->bound_end >= 0 ? static_cast<std::size_t>(stream->bound_end)
                                                   : m_input.size());
            }
          }
          break;
        }
    }

    const std::string& enc = body.encoding;
    const bool identity = enc.empty() || enc == "7bit" || enc == "8bit" || enc == "binary";
    if (!identity && enc != "quoted-printable" && enc != "base64" && enc != "x-uuencode" &&
        enc != "uuencode") {
      m_message.warnings.push_back("unknown transfer encoding '" + enc + "' " + where +
                                   "; read as 8bit");
    }
    if (enc == "base64" && invalid_base64(encoded_content(part))) {
      m_message.warnings.push_back("invalid base64 " + where + "; decoded as far as possible");
    }
    if (enc == "quoted-printable" && invalid_quoted_printable(encoded_content(part))) {
      m_message.warnings.push_back("invalid quoted-printable " + where +
                                   "; decoded as far as possible");
    }

    const std::string bytes = decoded_content(part);
    detail::Decoded decoded = detail::decode_text(bytes, body.charset);
    if (decoded.unknown_charset) {
      m_message.warnings.push_back("unknown charset '" + body.charset + "' " + where +
                                   "; read as " + decoded.used);
    } else if (decoded.fell_back) {
      m_message.warnings.push_back("8-bit text without a usable charset " + where + "; read as " +
                                   decoded.used);
    }
    if (decoded.invalid > 0) {
      m_message.warnings.push_back(std::to_string(decoded.invalid) + " invalid byte sequence(s) " +
                                   where + " replaced by U+FFFD");
    }

    m_message.has_body = true;
    if (body.content_type == "text/html") {
      detail::HtmlText html = detail::html_to_text(decoded.text);
      if (html.too_deep)
        m_message.warnings.push_back("HTML nested more than " +
                                     std::to_string(detail::k_max_html_depth) + " elements deep " +
                                     where + "; read with its tags removed");
      body.text = text::nfc(html.text);
      body.html_quote_depth = std::move(html.quote_depth);
      body.in_file = false;
      body.first_line = 1;
      return;
    }
    body.text = detail::normalize_newlines(decoded.text);
    body.in_file = identity;
    body.first_line = 1;
    if (const char* format = g_mime_object_get_content_type_parameter(chosen->object, "format");
        format != nullptr && ascii_lower(trim(format)) == "flowed") {
      const char* delsp = g_mime_object_get_content_type_parameter(chosen->object, "delsp");
      detail::Flowed flowed =
          detail::decode_flowed(body.text, delsp != nullptr && ascii_lower(trim(delsp)) == "yes");
      body.flowed = true;
      body.unflowed_text = std::move(body.text);
      body.text = std::move(flowed.text);
      body.flowed_quote_depth = std::move(flowed.quote_depth);
      body.flowed_map = std::move(flowed.map);
    }
    if (identity) {
      GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
      GMimeStream* stream = wrapper != nullptr ? g_mime_data_wrapper_get_stream(wrapper) : nullptr;
      if (stream != nullptr && stream->bound_start >= 0) {
        body.first_line = line_of(static_cast<std::size_t>(stream->bound_start));
      } else {
        body.in_file = false;
      }
    }
  }

  Message& m_message;
  std::string_view m_input;
  std::size_t m_base;
  LineIndex m_lines;
  Limits m_limits;
  int m_parts = 0;
  bool m_too_deep = false;
  bool m_too_many_parts = false;
  GMimeParserOptions* m_options = nullptr;
  std::vector<Leaf> m_plain;
  std::vector<Leaf> m_html;
  std::vector<Leaf> m_named_plain;
  std::vector<Leaf> m_named_html;
  std::set<std::size_t> m_renamed;
  std::vector<std::string> m_alternatives;  // the multipart/alternative parts walk() is inside
};

// RFC 5322 allows 998 characters a line; longer header lines are kept, with a warning.
void warn_long_header_lines(Message& message, std::string_view block, std::size_t base,
                            const Limits& limits) {
  if (limits.max_header_line == 0) return;
  int line = 1;
  for (std::size_t i = 0; i < base; ++i)
    if (message.raw[i] == '\n') ++line;
  std::size_t pos = 0;
  int reported = 0;
  while (pos < block.size()) {
    std::size_t next = 0;
    const std::string_view text = line_at(block, pos, &next);
    const std::size_t length = static_cast<std::size_t>(text::count_code_points(text));
    if (length > limits.max_header_line && reported++ < 3)
      message.warnings.push_back("line " + std::to_string(line) + ": header line of " +
                                 std::to_string(length) + " characters (RFC 5322 allows " +
                                 std::to_string(limits.max_header_line) + ")");
    pos = next;
    ++line;
  }
}

void detect_reply(Message& message, const data::DataSet& data) {
  const detail::SubjectPrefixes split = detail::split_subject_prefixes(message.subject, data);
  message.subject_prefixes = split.prefixes;
  message.subject_without_prefixes = split.rest;
  message.is_forward = split.forward;
  message.is_reply = split.reply || !message.in_reply_to.empty() || !message.references.empty();
}

}  // namespace

const char* utf16_byte_order(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (bytes.starts_with("\xFE\xFF")) return "UTF-16BE";
  return nullptr;
}

Message parse_message(std::string path, std::string bytes, const data::DataSet& data,
                      const Limits& limits) {
  if (limits.max_size > 0 && bytes.size() > limits.max_size)
    throw InputError(path, 0,
                     "over the size limit of " + format_size(limits.max_size) + " (" +
                         limits.max_size_setting + "); not checked");
  if (bytes.empty()) throw InputError(path, 0, "empty file");
  // Its NUL bytes would make UTF-16 text look binary: it is read as the text it is, and
  // positions are then those of that text in UTF-8.
  std::string utf16_warning;
  if (const char* order = utf16_byte_order(bytes)) {
    if (bytes.size() % 2 != 0)
      throw InputError(path, 0,
                       std::string("not a text message: ") + order + " with an odd byte count");
    detail::Decoded decoded = detail::decode_text(std::string_view(bytes).substr(2), order);
    utf16_warning = std::string("the file is ") + order + "; it was read as UTF-8 text";
    if (decoded.invalid > 0)
      utf16_warning += " (" + std::to_string(decoded.invalid) + " invalid sequence(s) replaced)";
    bytes = std::move(decoded.text);
    if (bytes.empty()) throw InputError(path, 0, "empty file");
  }
  if (only_whitespace(bytes)) throw InputError(path, 0, "empty file: only blank lines");
  init_gmime();

  Message message;
  message.path = std::move(path);
  message.raw = std::move(bytes);
  if (!utf16_warning.empty()) message.warnings.push_back(std::move(utf16_warning));
  std::string_view input = message.raw;
  std::size_t base = 0;

  if (input.substr(0, 3) == "\xEF\xBB\xBF") {
    base = 3;
  }
  // An mbox file: skip the "From " separator line and read the first message only.
  if (input.substr(base, 5) == "From ") {
    std::size_t next = 0;
    line_at(input, base, &next);
    base = next;
    std::size_t search = base;
    int others = 0;
    std::size_t end = input.size();
    while (search < input.size()) {
      std::size_t after = 0;
      const std::string_view line = line_at(input, search, &after);
      if (line.substr(0, 5) == "From ") {
        if (others == 0) end = search;
        ++others;
      }
      search = after;
    }
    if (others > 0) {
      message.warnings.push_back("mbox file with " + std::to_string(others + 1) +
                                 " messages: only the first one is read");
    }
    input = input.substr(0, end);
  }
  // A header block pasted with leading blanks (" From: …") is still a header block.
  {
    std::size_t blanks = base;
    while (blanks < input.size() && (input[blanks] == ' ' || input[blanks] == '\t')) ++blanks;
    std::size_t next = 0;
    std::string_view name;
    if (blanks > base && field_name(line_at(input, blanks, &next), &name) &&
        is_known_header(name)) {
      message.warnings.push_back("line 1: the header block starts with blanks");
      base = blanks;
    }
  }
  const std::string_view slice = input.substr(base);

  const HeaderScan scan = scan_headers(slice);
  if (!scan.is_header_block) {
    if (looks_binary(slice)) throw InputError(message.path, 0, "not a text message: binary data");
    message.kind = InputKind::body;
    MimeParser(message, slice, base).read_plain_body(0);
  } else {
    if (looks_binary(slice.substr(0, scan.body_offset))) {
      throw InputError(message.path, 0, "not a text message: binary data");
    }
    message.kind = scan.has_mime ? InputKind::mime : InputKind::draft;
    warn_long_header_lines(message, slice.substr(0, scan.body_offset), base, limits);
    const std::vector<std::size_t> ignored = extra_content_types(slice, scan);
    std::string patched;
    std::string_view input_for_gmime = slice;
    if (!ignored.empty()) {
      patched = std::string(slice);
      for (const std::size_t offset : ignored)
        patched.replace(offset, k_ignored_content_type.size(), k_ignored_content_type);
      input_for_gmime = patched;
      message.warnings.push_back(
          std::to_string(ignored.size() + 1) +
          " Content-Type fields; the one whose boundary occurs in the body is used");
    }
    MimeParser parser(message, input_for_gmime, base, limits);
    for (const std::size_t offset : ignored) parser.restore_name_at(offset);
    parser.parse(scan);
  }
  if (const auto nul = std::count(message.raw.begin(), message.raw.end(), '\0'); nul > 0)
    message.warnings.push_back(std::to_string(nul) +
                               " NUL byte(s) in the input: it is not plain text");
  detect_reply(message, data);
  return message;
}

}  // namespace replylint::message
