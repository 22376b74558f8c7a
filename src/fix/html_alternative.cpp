#include "fix/html_alternative.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace replylint::fix::detail {

namespace {

constexpr std::size_t k_npos = std::string_view::npos;
constexpr char k_barrier = '\x01';

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The length of the white space character at `at` (a no-break space is two bytes), 0 if none.
std::size_t space_at(std::string_view text, std::size_t at) {
  if (is_space(text[at])) return 1;
  if (text[at] == '\xC2' && at + 1 < text.size() && text[at + 1] == '\xA0') return 2;
  return 0;
}

std::string utf8_of(std::uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// What a named reference ("&iacute;", semicolon included) stands for, as gumbo's parser reads
// it (its table is the HTML standard's); "" when it names nothing.
std::string decode_named(std::string_view reference) {
  // The most frequent ones without a parse.
  if (reference == "&nbsp;") return "\xC2\xA0";
  if (reference == "&amp;") return "&";
  if (reference == "&lt;") return "<";
  if (reference == "&gt;") return ">";
  if (reference == "&quot;") return "\"";
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, reference.data(), reference.size());
  std::string out;
  std::vector<const GumboNode*> stack{output->root};
  while (!stack.empty() && out.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT) {
      out = node->v.text.text;
    } else if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& children = node->v.element.children;
      for (unsigned i = children.length; i > 0; --i)
        stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  }
  gumbo_destroy_output(&options, output);
  if (out == reference) return "";  // not a reference: read as written
  return out;
}

// The character reference starting at `at` ('&'): its length and the text it stands for;
// {0, ""} when there is none. Only references ended by ';' are read (browsers' legacy
// references without one are left as written, so a match there is refused, not guessed).
std::pair<std::size_t, std::string> reference_at(std::string_view html, std::size_t at) {
  std::size_t end = at + 1;
  if (end < html.size() && html[end] == '#') {
    ++end;
    const bool hex = end < html.size() && (html[end] == 'x' || html[end] == 'X');
    if (hex) ++end;
    const std::size_t digits = end;
    std::uint32_t cp = 0;
    while (end < html.size() && end - digits < 8) {
      const char c = html[end];
      int value = -1;
      if (c >= '0' && c <= '9') value = c - '0';
      if (hex && c >= 'a' && c <= 'f') value = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') value = c - 'A' + 10;
      if (value < 0) break;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(value);
      ++end;
    }
    if (end == digits || end >= html.size() || html[end] != ';') return {0, ""};
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0))
      return {0, ""};  // replaced or remapped by browsers: not read here
    return {end + 1 - at, utf8_of(cp)};
  }
  while (end < html.size() && end - at < 40 && is_alnum(html[end])) ++end;
  if (end == at + 1 || end >= html.size() || html[end] != ';') return {0, ""};
  std::string text = decode_named(html.substr(at, end + 1 - at));
  if (text.empty()) return {0, ""};
  return {end + 1 - at, std::move(text)};
}

class Flattener {
 public:
  void text(std::string_view bytes, std::size_t begin, std::size_t end) {
    for (char c : bytes) {
      m_flat.text += c;
      m_flat.begin.push_back(begin);
      m_flat.end.push_back(end);
    }
  }
  void space(std::size_t begin, std::size_t end) {
    if (!m_flat.text.empty() && m_flat.text.back() == ' ') {
      m_flat.end.back() = end;
      return;
    }
    text(" ", begin, end);
  }
  void barrier(std::size_t at) {
    if (!m_flat.text.empty() && m_flat.text.back() == k_barrier) return;
    text(std::string_view(&k_barrier, 1), at, at);
  }
  Flat take() { return std::move(m_flat); }

 private:
  Flat m_flat;
};

// Marks of blocks that hold quoted text, an attribution line or a signature: the block is not
// own text (Thunderbird, Gmail, Apple Mail, Yahoo, Proton).
constexpr std::array<std::string_view, 10> k_quote_blocks{
    "moz-cite-prefix", "moz-signature",
    "gmail_quote",     "gmail_attr",
    "gmail_signature", "gmail_extra",
    "yahoo_quoted",    "protonmail_quote",
    "applemail-quote", "protonmail_signature_block"};
// Marks after which everything is the message replied to (Outlook puts it below a header block
// without a <blockquote>).
constexpr std::array<std::string_view, 7> k_quote_starts{"divrplyfwdmsg",
                                                         "appendonsend",
                                                         "stopspelling",
                                                         "olk_src_body_section",
                                                         "mail-editor-reference-message-container",
                                                         "border-top:solid #e1e1e1",
                                                         "border-top:solid #b5c4df"};

bool raw_text_element(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp";
}

}  // namespace

Flat flatten_html(std::string_view html) {
  Flattener out;
  std::string hidden;  // the element whose subtree is not own text, "" when none
  int hidden_depth = 0;
  std::size_t at = 0;
  while (at < html.size()) {
    const char c = html[at];
    if (c == '<' && at + 1 < html.size() &&
        (html[at + 1] == '!' || html[at + 1] == '?' || html[at + 1] == '/' ||
         is_alpha(html[at + 1]))) {
      std::size_t end;
      if (html.substr(at, 4) == "<!--") {
        end = html.find("-->", at + 4);
        end = end == k_npos ? html.size() : end + 3;
        out.barrier(at);
        at = end;
        continue;
      }
      const bool closing = html[at + 1] == '/';
      std::size_t name_end = at + 1 + (closing ? 1 : 0);
      while (name_end < html.size() && (is_alnum(html[name_end]) || html[name_end] == '-'))
        ++name_end;
      const std::string name =
          lower(html.substr(at + 1 + (closing ? 1 : 0), name_end - at - 1 - (closing ? 1 : 0)));
      // The tag ends at the first '>' outside a quoted attribute value.
      end = name_end;
      char quote = 0;
      while (end < html.size() && (quote != 0 || html[end] != '>')) {
        if (quote != 0 && html[end] == quote)
          quote = 0;
        else if (quote == 0 && (html[end] == '"' || html[end] == '\''))
          quote = html[end];
        ++end;
      }
      const bool self_closing = end < html.size() && end > at && html[end - 1] == '/';
      end = end < html.size() ? end + 1 : html.size();
      const std::size_t tag_begin = at;
      const std::string tag = lower(html.substr(at, end - at));
      at = end;
      if (hidden == "head" && !closing && name == "body") hidden.clear();  // </head> implied
      if (!hidden.empty()) {
        if (name == hidden && !self_closing) hidden_depth += closing ? -1 : 1;
        if (hidden_depth == 0) hidden.clear();
        out.barrier(end);
        continue;
      }
      if (!closing && name == "br") {
        out.space(tag_begin, end);
        continue;
      }
      out.barrier(end);
      if (closing || name.empty() || name[0] == '!' || name[0] == '?') continue;
      std::string squeezed;  // the tag without blanks, for style values written either way
      for (char t : tag)
        if (t != ' ' && t != '\t' && t != '\n') squeezed += t;
      if (std::ranges::any_of(k_quote_starts, [&](std::string_view mark) {
            std::string mark_squeezed;
            for (char t : mark)
              if (t != ' ') mark_squeezed += t;
            return squeezed.find(mark_squeezed) != k_npos;
          }))
        return out.take();
      if (raw_text_element(name)) {
        // Its content is text to the parser, whatever it holds: skip to its end tag.
        const std::string lowered_rest = lower(html.substr(at));
        const std::size_t close = lowered_rest.find("</" + name);
        at = close == k_npos ? html.size() : at + close;
        continue;
      }
      const bool quote_block = name == "blockquote" || name == "head" ||
                               std::ranges::any_of(k_quote_blocks, [&](std::string_view mark) {
                                 return tag.find(mark) != k_npos;
                               });
      if (quote_block && !self_closing) {
        hidden = name;
        hidden_depth = 1;
      }
      continue;
    }
    if (!hidden.empty()) {
      ++at;
      continue;
    }
    if (const std::size_t blank = space_at(html, at); blank > 0) {
      out.space(at, at + blank);
      at += blank;
      continue;
    }
    if (c == '&') {
      auto [length, text] = reference_at(html, at);
      if (length > 0) {
        if (text == " " || text == "\xC2\xA0" || (text.size() == 1 && is_space(text[0])))
          out.space(at, at + length);
        else
          out.text(text, at, at + length);
        at += length;
        continue;
      }
    }
    out.text(html.substr(at, 1), at, at + 1);
    ++at;
  }
  return out.take();
}

Flat flatten_plain(std::string_view text, const std::vector<bool>& own) {
  Flattener out;
  std::size_t at = 0;
  while (at < text.size()) {
    if (at >= own.size() || !own[at]) {
      out.barrier(at);
      ++at;
      continue;
    }
    if (const std::size_t blank = space_at(text, at); blank > 0) {
      out.space(at, at + blank);
      at += blank;
      continue;
    }
    out.text(text.substr(at, 1), at, at + 1);
    ++at;
  }
  return out.take();
}

std::vector<std::size_t> occurrences(const Flat& flat, std::string_view needle) {
  std::vector<std::size_t> out;
  if (needle.empty()) return out;
  for (std::size_t at = flat.text.find(needle); at != k_npos; at = flat.text.find(needle, at + 1))
    out.push_back(at);
  return out;
}

std::string escape_html(std::string_view text,
                        const std::function<bool(std::string_view character)>& raw_ok) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const auto byte = static_cast<unsigned char>(text[at]);
    std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    length = std::min(length, text.size() - at);
    const std::string_view character = text.substr(at, length);
    at += length;
    if (character == "&") {
      out += "&amp;";
    } else if (character == "<") {
      out += "&lt;";
    } else if (character == ">") {
      out += "&gt;";
    } else if (length == 1 || raw_ok(character)) {
      out += character;
    } else {
      std::uint32_t cp = byte & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
      for (std::size_t i = 1; i < length; ++i)
        cp = (cp << 6) | (static_cast<unsigned char>(character[i]) & 0x3F);
      out += "&#" + std::to_string(cp) + ";";
    }
  }
  return out;
}

namespace {

// A run of `text` that is all white space or holds none: [begin, end) and which.
struct Run {
  std::size_t begin, end;
  bool blank;
};

std::vector<Run> runs_of(std::string_view text) {
  std::vector<Run> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const bool blank = space_at(text, at) > 0;
    std::size_t end = at;
    while (end < text.size() && (space_at(text, end) > 0) == blank)
      end += std::max<std::size_t>(1, space_at(text, end));
    out.push_back({at, end, blank});
    at = end;
  }
  return out;
}

}  // namespace

std::optional<std::vector<TextEdit>> mirror_edit(
    const Flat& html, std::string_view html_source, std::string_view old, std::size_t index,
    std::size_t count, std::string_view replacement,
    const std::function<std::string(std::string_view)>& escape, std::string& why) {
  if (old.empty()) {
    why = "an insertion has no text to find there";
    return std::nullopt;
  }
  const Flat needle = flatten_plain(old, std::vector<bool>(old.size(), true));
  const std::vector<std::size_t> found = occurrences(html, needle.text);
  if (found.size() != count) {
    why = "the text replaced occurs " + std::to_string(count) + " time" + (count == 1 ? "" : "s") +
          " in own text in the plain part and " + std::to_string(found.size()) +
          " in the HTML outside tags and quotes (a tag inside it, or another wording)";
    return std::nullopt;
  }
  const std::size_t start = found[index];
  const std::vector<Run> old_runs = runs_of(old), new_runs = runs_of(replacement);
  std::vector<TextEdit> out;
  const bool same_shape = old_runs.size() == new_runs.size() &&
                          std::ranges::equal(old_runs, new_runs, [](const Run& a, const Run& b) {
                            return a.blank == b.blank;
                          });
  if (same_shape) {
    // Word for word: the HTML keeps its own white space, line breaks and <br>.
    std::size_t flat_at = start;
    for (std::size_t i = 0; i < old_runs.size(); ++i) {
      const Run& o = old_runs[i];
      const Run& n = new_runs[i];
      if (o.blank) {
        ++flat_at;
        continue;
      }
      const std::size_t length = o.end - o.begin;
      const std::string_view old_word = old.substr(o.begin, length);
      const std::string_view new_word = replacement.substr(n.begin, n.end - n.begin);
      if (old_word != new_word)
        out.push_back({html.begin[flat_at], html.end[flat_at + length - 1], escape(new_word)});
      flat_at += length;
    }
    return out;
  }
  const std::size_t begin = html.begin[start];
  const std::size_t end = html.end[start + needle.text.size() - 1];
  if (html_source.substr(begin, end - begin).find('<') != k_npos) {
    why = "the replacement changes its white space and the HTML breaks the text with <br>";
    return std::nullopt;
  }
  out.push_back({begin, end, escape(replacement)});
  return out;
}

}  // namespace replylint::fix::detail
