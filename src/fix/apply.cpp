#include <gmime/gmime.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fix/fix.hpp"
#include "fix/html_alternative.hpp"
#include "message/text_codec.hpp"
#include "text/text.hpp"

namespace replylint::fix {

namespace {

using core::Location;
using Origin = core::Location::Origin;

constexpr std::size_t k_npos = std::string::npos;

// One replacement of bytes of the raw file.
struct Splice {
  std::size_t begin = 0, end = 0;
  std::string text;
};

bool is_ascii(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string lower(std::string_view text) { return message::detail::ascii_lower(text); }

// A charset with no real meaning: what decode_text() guesses for.
bool guessed_charset(std::string_view name) {
  return name.empty() || name == "us-ascii" || name == "ascii" || name == "default" ||
         name == "unknown-8bit" || name == "x-unknown";
}

// `utf8` written in `charset`; nullopt when a character has no form there.
std::optional<std::string> encode_charset(std::string_view utf8, const std::string& charset) {
  const std::string name = lower(charset);
  if (name == "utf-8" || name == "utf8") return std::string(utf8);
  if (name == "us-ascii" || name == "ascii") {
    if (!is_ascii(utf8)) return std::nullopt;
    return std::string(utf8);
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(name.c_str(), &status),
                                                          &ucnv_close);
  if (U_FAILURE(status) || !conv) return std::nullopt;
  ucnv_setFromUCallBack(conv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const int32_t length = text.extract(nullptr, 0, conv.get(), status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
  status = U_ZERO_ERROR;
  std::string out(static_cast<std::size_t>(length), '\0');
  text.extract(out.data(), length, conv.get(), status);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

std::string with_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string without_cr(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

// Quoted-printable or base64 through GMime's codecs, whole.
std::string transfer(std::string_view in, GMimeContentEncoding encoding, bool encode) {
  GMimeEncoding state;
  if (encode)
    g_mime_encoding_init_encode(&state, encoding);
  else
    g_mime_encoding_init_decode(&state, encoding);
  std::string out(g_mime_encoding_outlen(&state, in.size()) + 256, '\0');
  const std::size_t n = g_mime_encoding_flush(&state, in.data(), in.size(), out.data());
  out.resize(n);
  return out;
}

// The 0-based byte offset where each line of `raw` starts.
std::vector<std::size_t> line_starts(std::string_view raw) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < raw.size(); ++i)
    if (raw[i] == '\n') starts.push_back(i + 1);
  return starts;
}

// The end of the line starting at `start`, its '\r\n' or '\n' excluded.
std::size_t line_end(std::string_view raw, std::size_t start) {
  std::size_t end = raw.find('\n', start);
  if (end == k_npos) return raw.size();
  if (end > start && raw[end - 1] == '\r') --end;
  return end;
}

// Just past the line terminator of the line holding `at` (or the end).
std::size_t next_line(std::string_view raw, std::size_t at) {
  const std::size_t end = raw.find('\n', at);
  return end == k_npos ? raw.size() : end + 1;
}

std::string newline_of(std::string_view raw, std::size_t line_begin) {
  const std::size_t end = raw.find('\n', line_begin);
  return end != k_npos && end > 0 && raw[end - 1] == '\r' ? "\r\n" : "\n";
}

// A header field of a part's header block: [begin, end) from its name to the end of its last
// folded line (terminator excluded).
struct Field {
  std::size_t begin = 0, end = 0;
};

// The field `name` in the header block [begin, end) of `raw`.
std::optional<Field> find_field(std::string_view raw, std::size_t begin, std::size_t end,
                                std::string_view name) {
  for (std::size_t at = begin; at < end; at = next_line(raw, at)) {
    const std::size_t colon = raw.find(':', at);
    if (colon == k_npos || colon >= line_end(raw, at)) continue;
    std::string_view field_name = raw.substr(at, colon - at);
    while (!field_name.empty() && (field_name.back() == ' ' || field_name.back() == '\t'))
      field_name.remove_suffix(1);
    if (lower(field_name) != lower(name)) continue;
    Field field{at, line_end(raw, at)};
    for (std::size_t next = next_line(raw, at);
         next < end && (raw[next] == ' ' || raw[next] == '\t'); next = next_line(raw, next))
      field.end = line_end(raw, next);
    return field;
  }
  return std::nullopt;
}

// The header block of the part whose content starts at `content`: back from the blank line
// before it to the part's boundary line, a blank line or the start of the file.
std::pair<std::size_t, std::size_t> part_header_block(std::string_view raw, std::size_t content) {
  // The start of the line holding byte `at`.
  auto line_start_of = [&](std::size_t at) {
    if (at == 0) return std::size_t{0};
    const std::size_t nl = raw.rfind('\n', at - 1);
    return nl == k_npos ? std::size_t{0} : nl + 1;
  };
  // The blank line that ends the block is the one whose '\n' precedes the content.
  const std::size_t end = content > 0 ? line_start_of(content - 1) : 0;
  std::size_t begin = end;
  while (begin > 0) {
    const std::size_t previous = line_start_of(begin - 1);
    const std::string_view line = raw.substr(previous, line_end(raw, previous) - previous);
    if (line.empty() || line.starts_with("--")) break;
    begin = previous;
    if (previous == 0) break;
  }
  return {begin, end};
}

// `field` (a Content-Type field's text) with its charset parameter set to utf-8.
std::string with_utf8_charset(std::string_view field) {
  const std::string folded = lower(field);
  const std::size_t at = folded.find("charset");
  if (at != k_npos) {
    std::size_t value = folded.find('=', at);
    if (value != k_npos) {
      ++value;
      while (value < field.size() && (field[value] == ' ' || field[value] == '\t')) ++value;
      std::size_t value_end = value;
      if (value_end < field.size() && field[value_end] == '"') {
        const std::size_t close = field.find('"', value_end + 1);
        value_end = close == k_npos ? field.size() : close + 1;
      } else {
        while (value_end < field.size() && field[value_end] != ';' && field[value_end] != ' ' &&
               field[value_end] != '\t' && field[value_end] != '\r' && field[value_end] != '\n')
          ++value_end;
      }
      return std::string(field.substr(0, value)) + "utf-8" + std::string(field.substr(value_end));
    }
  }
  return std::string(field) + "; charset=utf-8";
}

// True when every byte of body range `r` is own text (segments of kind own, and the line
// breaks between two of them); an insertion may also stand just before or after own text.
bool in_own_text(const draft::Draft& draft, core::Range r) {
  std::vector<core::Range> own;
  const std::string& text = draft.text();
  for (const draft::Segment& s : draft.segments) {
    if (s.kind != draft::SegmentKind::own) continue;
    if (!own.empty()) {
      const std::string_view gap = std::string_view(text).substr(
          own.back().end, s.range.begin >= own.back().end ? s.range.begin - own.back().end : 0);
      if (std::ranges::all_of(gap, [](char c) { return c == '\n'; })) {
        own.back().end = s.range.end;
        continue;
      }
    }
    own.push_back(s.range);
  }
  for (const core::Range& o : own) {
    if (r.empty()) {
      const std::size_t reach = o.end < text.size() && text[o.end] == '\n' ? o.end + 1 : o.end;
      if (o.begin <= r.begin && r.begin <= reach) return true;
    } else if (o.begin <= r.begin && r.end <= o.end) {
      return true;
    }
  }
  return false;
}

// Where an edit lands, for overlap checks: body, subject, or a header by its lowercase name.
std::string key_of(const Location& where) {
  switch (where.origin) {
    case Origin::body:
      return "2body";
    case Origin::subject:
      return "1subject";
    case Origin::header:
      return "0" + lower(where.header);
  }
  return "";
}

bool conflicts(const core::Edit& a, const core::Edit& b) {
  if (key_of(a.location) != key_of(b.location)) return false;
  // Touching edits wait for the next pass too (ruff does the same): the second may depend on
  // text the first rewrites.
  return a.location.range.begin <= b.location.range.end &&
         b.location.range.begin <= a.location.range.end;
}

std::string applied_to(std::string text, std::vector<const core::Edit*> edits) {
  std::ranges::sort(edits, [](const core::Edit* x, const core::Edit* y) {
    return x->location.range.begin > y->location.range.begin;
  });
  for (const core::Edit* e : edits)
    text.replace(e->location.range.begin, e->location.range.end - e->location.range.begin,
                 e->replacement);
  return text;
}

// A text part as stored: how its text goes back to bytes.
struct StoredBody {
  std::string refusal;  // why body edits cannot be applied; "" when they can
  GMimeContentEncoding transfer = GMIME_CONTENT_ENCODING_DEFAULT;  // DEFAULT: stored as is
  bool transport_crlf = false;
  bool content_crlf = false;
  std::string charset;     // the charset the text was read in
  bool declared = false;   // the part names its charset
  std::string text;        // the part's text, lines ended by '\n'
  bool seven_bit = false;  // stored as is in a MIME message, declared 7bit (or nothing)
};

// Reads the part stored at [begin, end) of `m.raw` with its transfer `encoding` and `charset`;
// `refusal` set when its text does not read back to the same bytes.
StoredBody read_stored_part(const message::Message& m, std::size_t begin, std::size_t end,
                            const std::string& encoding, const std::string& charset) {
  StoredBody out;
  if (begin == k_npos || end > m.raw.size() || begin > end) {
    out.refusal = "the body's bytes could not be located in the file";
    return out;
  }
  const std::string_view stored = std::string_view(m.raw).substr(begin, end - begin);
  std::string content;
  if (m.kind != message::InputKind::mime || encoding.empty() || encoding == "7bit" ||
      encoding == "8bit" || encoding == "binary") {
    content = std::string(stored);
    out.seven_bit = m.kind == message::InputKind::mime && (encoding.empty() || encoding == "7bit");
  } else if (encoding == "quoted-printable" || encoding == "base64") {
    out.transfer = encoding == "base64" ? GMIME_CONTENT_ENCODING_BASE64
                                        : GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
    out.transport_crlf = stored.find("\r\n") != k_npos;
    content = transfer(stored, out.transfer, false);
  } else {
    out.refusal = "the body's transfer encoding '" + encoding + "' is not written back";
    return out;
  }
  out.content_crlf = content.find("\r\n") != k_npos;
  message::detail::Decoded decoded = message::detail::decode_text(content, charset);
  out.charset = decoded.used;
  out.declared = m.kind == message::InputKind::mime && !guessed_charset(charset);
  out.text = message::detail::normalize_newlines(decoded.text);
  // The text must come back to the same bytes, or edits would rewrite more than they say.
  const auto again =
      encode_charset(out.content_crlf ? with_crlf(out.text) : out.text, decoded.used);
  if (decoded.invalid > 0 || !again || *again != content)
    out.refusal =
        "the body's bytes do not read back to the same text (invalid or unnormalised "
        "characters, mixed line ends)";
  return out;
}

// `content` (the part's new text in its charset and line ends) encoded for the transfer as
// `old_stored` was: the encoded lines end as the file's do, and the part ends as it did.
std::string stored_bytes(const StoredBody& stored, std::string_view old_stored,
                         std::string content) {
  if (stored.transfer == GMIME_CONTENT_ENCODING_DEFAULT) return content;
  std::string bytes = transfer(
      stored.transfer == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ? without_cr(content) : content,
      stored.transfer, true);
  bytes = without_cr(bytes);
  const bool ended = old_stored.ends_with('\n');
  while (!ended && bytes.ends_with('\n')) bytes.pop_back();
  if (ended && !bytes.ends_with('\n')) bytes += '\n';
  if (stored.transport_crlf) bytes = with_crlf(bytes);
  return bytes;
}

// The text/html alternative of the body, read to be edited along with it.
struct StoredHtml {
  StoredBody stored;
  detail::Flat shown;      // its own text, as the HTML shows it
  detail::Flat own_plain;  // the plain body's own text, flattened the same way
};

StoredBody read_stored_body(const message::Message& m) {
  const message::Body& body = m.body;
  if (!m.has_body) return {.refusal = "the message has no text body"};
  if (body.content_type != "text/plain")
    return {.refusal = "the body is HTML: its text cannot be mapped back onto the markup"};
  StoredBody out = read_stored_part(m, body.raw_begin, body.raw_end, body.encoding, body.charset);
  if (out.refusal.empty() && out.text != (body.flowed ? body.unflowed_text : body.text))
    out.refusal =
        "the body's bytes do not read back to the same text (invalid or unnormalised "
        "characters, mixed line ends)";
  return out;
}

// Which bytes of the draft's text are own text: own segments and the line breaks between two.
std::vector<bool> own_mask(const draft::Draft& draft) {
  const std::string& text = draft.text();
  std::vector<bool> own(text.size(), false);
  std::size_t previous_end = k_npos;
  for (const draft::Segment& s : draft.segments) {
    if (s.kind != draft::SegmentKind::own) continue;
    const std::size_t end = std::min(s.range.end, text.size());
    for (std::size_t i = std::min(s.range.begin, end); i < end; ++i) own[i] = true;
    if (previous_end != k_npos && previous_end <= s.range.begin &&
        std::ranges::all_of(
            std::string_view(text).substr(previous_end, s.range.begin - previous_end),
            [](char c) { return c == '\n'; }))
      for (std::size_t i = previous_end; i < s.range.begin; ++i) own[i] = true;
    previous_end = end;
  }
  return own;
}

// Why the HTML alternative cannot be edited with the body, "" when it can.
std::string html_refusal(const message::Body& body, std::string_view why) {
  return "part " + body.html_alternative + " (text/html) is an alternative of the text and " +
         std::string(why) + ": editing the text alone would make them say different things";
}

std::optional<StoredHtml> read_stored_html(const draft::Draft& draft, std::string& refusal) {
  const message::Message& m = draft.message();
  const message::Body& body = m.body;
  StoredHtml out;
  out.stored = read_stored_part(m, body.html_raw_begin, body.html_raw_end, body.html_encoding,
                                body.html_charset);
  if (!out.stored.refusal.empty()) {
    refusal = html_refusal(body, "cannot be written back (" + out.stored.refusal + ")");
    return std::nullopt;
  }
  out.shown = detail::flatten_html(out.stored.text);
  out.own_plain = detail::flatten_plain(draft.text(), own_mask(draft));
  return out;
}

// The edits of the HTML alternative that make body edit `e`; nullopt with `why` when there is
// no single place for it there.
std::optional<std::vector<detail::TextEdit>> html_edits(const draft::Draft& draft,
                                                        const StoredHtml& html, const core::Edit& e,
                                                        std::string& why) {
  const core::Range r = e.location.range;
  const std::string_view old = std::string_view(draft.text()).substr(r.begin, r.size());
  const detail::Flat needle = detail::flatten_plain(old, std::vector<bool>(old.size(), true));
  const std::vector<std::size_t> plain = detail::occurrences(html.own_plain, needle.text);
  const auto here = std::ranges::find_if(
      plain, [&](std::size_t at) { return html.own_plain.begin[at] == r.begin; });
  if (here == plain.end()) {
    why = "the text replaced is not whole own text";
    return std::nullopt;
  }
  const StoredBody& stored = html.stored;
  // Non-ASCII is written raw where the part's charset and transfer can carry it.
  auto raw_ok = [&](std::string_view character) {
    return stored.declared && !stored.seven_bit && encode_charset(character, stored.charset);
  };
  auto escape = [&](std::string_view text) { return detail::escape_html(text, raw_ok); };
  return detail::mirror_edit(html.shown, stored.text, old,
                             static_cast<std::size_t>(here - plain.begin()), plain.size(),
                             e.replacement, escape, why);
}

// A body edit in the coordinates of the stored text (flowed bodies: before their decoding).
std::optional<core::Range> stored_range(const message::Body& body, core::Range r) {
  if (!body.flowed) return r;
  const auto& map = body.flowed_map;
  // The run holding r.begin must hold all of r: an edit across a soft line break has no
  // single place in the stored text.
  std::size_t i = 0;
  while (i + 1 < map.size() && map[i + 1].text_offset <= r.begin) ++i;
  if (map.empty()) return std::nullopt;
  const std::size_t run_end = i + 1 < map.size() ? map[i + 1].text_offset : body.text.size();
  if (r.end > run_end) return std::nullopt;
  const std::size_t begin = map[i].unflowed_offset + (r.begin - map[i].text_offset);
  return core::Range{begin, begin + r.size()};
}

// Offsets just past each run of spaces in `text`.
std::vector<std::size_t> blank_ends(std::string_view text) {
  std::vector<std::size_t> ends;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == ' ' && (i + 1 == text.size() || text[i + 1] != ' ')) ends.push_back(i + 1);
  return ends;
}

// A body edit in the coordinates of the stored text: one edit, or for a flowed body one per
// line the edit spans. A flowed line ends in the space of its soft break, so an edit across it is
// split there, and the replacement with it at the same space: its spaces must line up with the
// old text's (sentence case keeps them). nullopt when they do not.
std::optional<std::vector<core::Edit>> stored_edits(const message::Body& body,
                                                    const core::Edit& edit) {
  const core::Range r = edit.location.range;
  std::vector<std::size_t> cuts;
  if (body.flowed)
    for (const message::Body::FlowedPiece& piece : body.flowed_map)
      if (piece.text_offset > r.begin && piece.text_offset < r.end)
        cuts.push_back(piece.text_offset);
  std::vector<core::Edit> out;
  auto add = [&](core::Range piece, std::string replacement) {
    const auto stored = stored_range(body, piece);
    if (!stored) return false;
    core::Edit part = edit;
    part.location.range = *stored;
    part.replacement = std::move(replacement);
    out.push_back(std::move(part));
    return true;
  };
  const std::string_view old = std::string_view(body.text).substr(r.begin, r.size());
  const std::string_view replacement = edit.replacement;
  const std::vector<std::size_t> old_ends = blank_ends(old), new_ends = blank_ends(replacement);
  if (!cuts.empty() && old_ends.size() != new_ends.size()) return std::nullopt;
  std::size_t from_old = 0, from_new = 0;
  for (const std::size_t cut : cuts) {
    const auto k = std::ranges::find(old_ends, cut - r.begin);
    if (k == old_ends.end()) return std::nullopt;
    const std::size_t to_new = new_ends[static_cast<std::size_t>(k - old_ends.begin())];
    if (!add({r.begin + from_old, cut},
             std::string(replacement.substr(from_new, to_new - from_new))))
      return std::nullopt;
    from_old = cut - r.begin;
    from_new = to_new;
  }
  if (!add({r.begin + from_old, r.end}, std::string(replacement.substr(from_new))))
    return std::nullopt;
  return out;
}

bool flowed_safe(std::string_view replacement) {
  // A line that ends in a space would join the next one; one that starts with '>', ' ' or
  // "From " would need stuffing.
  std::size_t at = 0;
  while (at <= replacement.size()) {
    std::size_t nl = replacement.find('\n', at);
    const bool whole_line = nl != k_npos;
    if (nl == k_npos) nl = replacement.size();
    const std::string_view line = replacement.substr(at, nl - at);
    if (whole_line && line.ends_with(' ')) return false;
    if (at > 0 && (line.starts_with('>') || line.starts_with(' ') || line.starts_with("From ")))
      return false;
    at = nl + 1;
  }
  return true;
}

// The raw bytes of a header field's value (after "Name:" and one blank), folded as written.
std::string_view raw_value(std::string_view field) {
  std::size_t colon = field.find(':');
  if (colon == k_npos) return {};
  ++colon;
  if (colon < field.size() && (field[colon] == ' ' || field[colon] == '\t')) ++colon;
  return field.substr(colon);
}

// The charset of the first encoded word in `raw`, "" when none.
std::string encoded_word_charset(std::string_view raw) {
  const std::size_t at = raw.find("=?");
  if (at == k_npos) return "";
  const std::size_t end = raw.find('?', at + 2);
  if (end == k_npos) return "";
  std::string charset(raw.substr(at + 2, end - at - 2));
  if (const std::size_t star = charset.find('*'); star != k_npos) charset.resize(star);  // RFC 2231
  return lower(charset);
}

// A header field written again with `value`: "Name: value", encoded per RFC 2047 when the
// original was (or a MIME message's value must be), raw UTF-8 where the original was raw
// 8-bit (mutt drafts), folded like GMime folds.
std::string write_field(const message::Message& m, std::string_view name,
                        std::string_view original_raw, const std::string& value, bool addresses,
                        const std::string& newline) {
  const bool encoded_before = original_raw.find("=?") != k_npos;
  const bool must_encode =
      !is_ascii(value) &&
      (encoded_before || (m.kind == message::InputKind::mime && is_ascii(original_raw)));
  std::string field = std::string(name) + ": ";
  if (!must_encode) {
    field += value;
  } else if (addresses) {
    InternetAddressList* list = internet_address_list_parse(nullptr, value.c_str());
    char* text = list != nullptr ? internet_address_list_to_string(list, nullptr, TRUE) : nullptr;
    field += text != nullptr ? text : value;
    g_free(text);
    if (list != nullptr) g_object_unref(list);
  } else {
    std::string charset = encoded_word_charset(original_raw);
    if (charset.empty() || !encode_charset(value, charset)) charset = "utf-8";
    char* text = g_mime_utils_header_encode_text(nullptr, value.c_str(), charset.c_str());
    std::string encoded = text != nullptr ? text : value;
    g_free(text);
    char* folded = g_mime_utils_unstructured_header_fold(
        nullptr, nullptr, (std::string(name) + ": " + encoded).c_str());
    if (folded != nullptr) {
      field = folded;
      g_free(folded);
      while (!field.empty() && (field.back() == '\n' || field.back() == '\r')) field.pop_back();
      // GMime folds with '\n'; the file's own line ends are kept.
      if (newline == "\r\n") field = with_crlf(without_cr(field));
      return field;
    }
    field += encoded;
  }
  return field;
}

}  // namespace

bool applies(core::Applicability applicability, core::Applicability minimum) {
  if (applicability == core::Applicability::display_only) return false;
  return static_cast<int>(applicability) >= static_cast<int>(minimum);
}

Pass apply_fixes(const draft::Draft& draft, const std::vector<core::Diagnostic>& diagnostics,
                 core::Applicability minimum) {
  const message::Message& m = draft.message();
  Pass out;
  out.bytes = m.raw;

  // Candidates in the order of their first edit, stable for equal positions.
  std::vector<const core::Diagnostic*> candidates;
  for (const core::Diagnostic& d : diagnostics)
    if (d.fix && !d.fix->edits.empty() && applies(d.fix->applicability, minimum))
      candidates.push_back(&d);
  auto first_edit = [](const core::Diagnostic* d) {
    const core::Edit* first = &d->fix->edits.front();
    for (const core::Edit& e : d->fix->edits)
      if (std::pair(key_of(e.location), e.location.range.begin) <
          std::pair(key_of(first->location), first->location.range.begin))
        first = &e;
    return std::pair(key_of(first->location), first->location.range.begin);
  };
  std::ranges::stable_sort(candidates, [&](const core::Diagnostic* a, const core::Diagnostic* b) {
    return first_edit(a) < first_edit(b);
  });

  std::optional<StoredBody> stored;
  std::optional<StoredHtml> html;  // the body's text/html alternative, when it has one
  std::string html_unreadable;     // why that alternative cannot be edited, "" when it can
  std::map<const core::Edit*, std::vector<detail::TextEdit>> html_for;
  const bool has_headers = m.kind != message::InputKind::body;
  std::vector<const core::Edit*> chosen;
  for (const core::Diagnostic* d : candidates) {
    std::string refusal;
    for (const core::Edit& e : d->fix->edits) {
      const core::Range r = e.location.range;
      if (r.begin > r.end) refusal = "its edit has an inverted range";
      switch (e.location.origin) {
        case Origin::body:
          if (!stored) stored = read_stored_body(m);
          if (!stored->refusal.empty()) {
            refusal = stored->refusal;
          } else if (r.end > draft.text().size()) {
            refusal = "its edit lies outside the body";
          } else if (!in_own_text(draft, r)) {
            refusal =
                "it would edit quoted text, an attribution line, a signature or a placeholder";
          } else if (m.body.flowed && (!stored_edits(m.body, e) || !flowed_safe(e.replacement))) {
            refusal = "the edit crosses a format=flowed line break";
          } else if (!m.body.html_alternative.empty()) {
            if (!html && html_unreadable.empty()) html = read_stored_html(draft, html_unreadable);
            std::string why;
            if (!html) {
              refusal = html_unreadable;
            } else if (auto mirrored = html_edits(draft, *html, e, why)) {
              html_for[&e] = std::move(*mirrored);
            } else {
              refusal = html_refusal(m.body, why);
            }
          }
          break;
        case Origin::subject:
          if (!has_headers || m.subject_header() == nullptr)
            refusal = "the draft has no Subject header";
          else if (r.end > m.subject.size())
            refusal = "its edit lies outside the subject";
          break;
        case Origin::header: {
          const message::Header* h = m.find_header(e.location.header);
          if (!has_headers)
            refusal = "the draft has no header block";
          else if (h == nullptr ? r.end > 0 : r.end > h->value.size())
            refusal = "its edit lies outside the " + e.location.header + " header";
          else if (lower(e.location.header) == "subject")
            refusal = "a subject edit must name the subject, not the header";
          break;
        }
      }
      if (!refusal.empty()) break;
    }
    if (!refusal.empty()) {
      out.notes.push_back("line " + std::to_string(d->line) + ": the fix of " + d->rule + " ('" +
                          d->fix->title + "') is not applied: " + refusal);
      continue;
    }
    const bool overlap = std::ranges::any_of(d->fix->edits, [&](const core::Edit& e) {
      return std::ranges::any_of(chosen, [&](const core::Edit* c) { return conflicts(e, *c); }) ||
             std::ranges::any_of(d->fix->edits, [&](const core::Edit& other) {
               // A fix's own edits may touch (deleting "a@x, " then "b@y"), never overlap.
               return &other < &e && key_of(e.location) == key_of(other.location) &&
                      e.location.range.overlaps(other.location.range);
             });
    });
    if (overlap) continue;  // the next pass sees it again, on the text the others left
    for (const core::Edit& e : d->fix->edits) chosen.push_back(&e);
    out.applied.push_back({d->rule, d->line, d->column, *d->fix});
  }
  if (out.applied.empty()) return out;

  // Gather the edits per text, then turn each changed text into splices of the file.
  std::vector<const core::Edit*> body_edits, subject_edits;
  std::map<std::string, std::pair<std::string, std::vector<const core::Edit*>>> header_edits;
  for (const core::Edit* e : chosen) {
    if (e->location.origin == Origin::body) body_edits.push_back(e);
    if (e->location.origin == Origin::subject) subject_edits.push_back(e);
    if (e->location.origin == Origin::header) {
      auto& slot = header_edits[lower(e->location.header)];
      slot.first = e->location.header;
      slot.second.push_back(e);
    }
  }
  const std::string_view raw = m.raw;
  const std::vector<std::size_t> starts = line_starts(raw);
  auto field_of = [&](const message::Header& h) {
    const std::size_t begin = starts[static_cast<std::size_t>(h.line - 1)];
    const std::size_t last = starts[static_cast<std::size_t>(std::max(h.line, h.end_line) - 1)];
    return Field{begin, line_end(raw, last)};
  };
  std::vector<Splice> splices;
  auto fail = [&](std::string why) {
    Pass refused;
    refused.bytes = m.raw;
    refused.notes = std::move(out.notes);
    refused.notes.push_back("no fix applied: " + std::move(why));
    return refused;
  };

  if (!body_edits.empty()) {
    const message::Body& body = m.body;
    std::vector<core::Edit> mapped;
    for (const core::Edit* e : body_edits) {
      std::vector<core::Edit> parts = *stored_edits(body, *e);  // checked when it was chosen
      for (core::Edit& part : parts) mapped.push_back(std::move(part));
    }
    std::vector<const core::Edit*> pointers;
    for (const core::Edit& e : mapped) pointers.push_back(&e);
    const std::string text = applied_to(body.flowed ? body.unflowed_text : body.text, pointers);
    const std::string with_newlines = stored->content_crlf ? with_crlf(text) : text;
    std::optional<std::string> content = encode_charset(with_newlines, stored->charset);
    bool widen = false;
    if (!content ||
        (!stored->declared && !is_ascii(*content) && m.kind == message::InputKind::mime)) {
      if (m.kind != message::InputKind::mime)
        return fail("a replacement cannot be written in the body's charset (" + stored->charset +
                    ")");
      content = with_newlines;
      widen = true;
    }
    splices.push_back(
        {body.raw_begin, body.raw_end,
         stored_bytes(*stored, raw.substr(body.raw_begin, body.raw_end - body.raw_begin),
                      *content)});
    if (html) {
      // The same edits in the HTML alternative, in its charset and transfer encoding.
      std::vector<detail::TextEdit> edits;
      for (const core::Edit* e : body_edits)
        if (const auto found = html_for.find(e); found != html_for.end())
          edits.insert(edits.end(), found->second.begin(), found->second.end());
      std::ranges::sort(edits, [](const detail::TextEdit& a, const detail::TextEdit& b) {
        return a.begin > b.begin;
      });
      std::string html_text = html->stored.text;
      for (std::size_t i = 0; i < edits.size(); ++i) {
        if (i > 0 && edits[i].end > edits[i - 1].begin)
          return fail("two edits land on the same text of the HTML alternative");
        html_text.replace(edits[i].begin, edits[i].end - edits[i].begin, edits[i].text);
      }
      const std::optional<std::string> html_content = encode_charset(
          html->stored.content_crlf ? with_crlf(html_text) : html_text, html->stored.charset);
      if (!html_content)
        return fail("a replacement cannot be written in the HTML alternative's charset (" +
                    html->stored.charset + ")");
      splices.push_back(
          {body.html_raw_begin, body.html_raw_end,
           stored_bytes(html->stored,
                        raw.substr(body.html_raw_begin, body.html_raw_end - body.html_raw_begin),
                        *html_content)});
    }
    const bool seven_bit = lower(body.encoding) == "7bit" || body.encoding.empty();
    const bool needs_8bit = stored->transfer == GMIME_CONTENT_ENCODING_DEFAULT && seven_bit &&
                            !is_ascii(*content) && m.kind == message::InputKind::mime;
    if (widen || needs_8bit) {
      const auto [block_begin, block_end] = part_header_block(raw, body.raw_begin);
      const std::string newline = newline_of(raw, block_begin);
      if (widen) {
        if (auto type = find_field(raw, block_begin, block_end, "Content-Type"))
          splices.push_back({type->begin, type->end,
                             with_utf8_charset(raw.substr(type->begin, type->end - type->begin))});
        else
          splices.push_back(
              {block_end, block_end, "Content-Type: text/plain; charset=utf-8" + newline});
      }
      if (needs_8bit) {
        if (auto cte = find_field(raw, block_begin, block_end, "Content-Transfer-Encoding"))
          splices.push_back({cte->begin, cte->end, "Content-Transfer-Encoding: 8bit"});
        else
          splices.push_back({block_end, block_end, "Content-Transfer-Encoding: 8bit" + newline});
      }
    }
  }

  if (!subject_edits.empty()) {
    const message::Header& h = *m.subject_header();
    const Field field = field_of(h);
    const std::string_view old_field = raw.substr(field.begin, field.end - field.begin);
    const std::string value = applied_to(m.subject, subject_edits);
    splices.push_back(
        {field.begin, field.end,
         write_field(m, h.name, raw_value(old_field), value, false, newline_of(raw, field.begin))});
  }

  for (const auto& [key, slot] : header_edits) {
    const auto& [name, edits] = slot;
    const message::Header* h = m.find_header(name);
    const std::string value = applied_to(h ? h->value : std::string(), edits);
    const bool empty =
        std::ranges::all_of(value, [](char c) { return c == ' ' || c == ',' || c == '\t'; });
    if (h != nullptr) {
      const Field field = field_of(*h);
      const std::string_view old_field = raw.substr(field.begin, field.end - field.begin);
      if (empty)  // a header left with no address goes, with its line end
        splices.push_back({field.begin, next_line(raw, field.end), ""});
      else
        splices.push_back({field.begin, field.end,
                           write_field(m, h->name, raw_value(old_field), value, true,
                                       newline_of(raw, field.begin))});
    } else if (!empty) {
      // A new field goes after the last address header, else at the end of the header block.
      const message::Header* after = nullptr;
      for (const message::Header& other : m.headers)
        for (const char* address : {"to", "cc", "bcc"})
          if (lower(other.name) == address) after = &other;
      if (after == nullptr && !m.headers.empty()) after = &m.headers.back();
      if (after == nullptr) return fail("the " + name + " header has nowhere to go");
      const Field field = field_of(*after);
      const std::string newline = newline_of(raw, field.begin);
      const std::size_t at = next_line(raw, field.end);
      splices.push_back({at, at, write_field(m, name, "", value, true, newline) + newline});
    }
  }

  std::ranges::sort(splices, [](const Splice& a, const Splice& b) { return a.begin > b.begin; });
  for (std::size_t i = 1; i < splices.size(); ++i)
    if (splices[i].end > splices[i - 1].begin) return fail("the edits would overlap in the file");
  for (const Splice& s : splices) out.bytes.replace(s.begin, s.end - s.begin, s.text);
  return out;
}

}  // namespace replylint::fix
