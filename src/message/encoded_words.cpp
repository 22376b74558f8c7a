#include "message/encoded_words.hpp"

#include "message/text_codec.hpp"

#include <glib.h>

#include <vector>

namespace replylint::message::detail {
namespace {

struct BWord {
  std::size_t begin = 0, end = 0;  // the whole "=?cs?B?text?=" in the raw value
  std::string charset;             // lowercase
  std::string_view text;           // the base64 text
};

// An RFC 2047 B-encoded word starting at `pos`, if there is one.
std::optional<BWord> b_word_at(std::string_view raw, std::size_t pos) {
  if (raw.substr(pos, 2) != "=?") return std::nullopt;
  const std::size_t q1 = raw.find_first_of(" \t\r\n?", pos + 2);
  if (q1 == std::string_view::npos || raw[q1] != '?') return std::nullopt;
  if (q1 == pos + 2 || q1 + 3 > raw.size()) return std::nullopt;
  if ((raw[q1 + 1] != 'B' && raw[q1 + 1] != 'b') || raw[q1 + 2] != '?') return std::nullopt;
  const std::size_t text = q1 + 3;
  // The encoded text ends at the first '?' or blank: scanning no further keeps a header full of
  // unclosed "=?" linear.
  const std::size_t close = raw.find_first_of(" \t\r\n?", text);
  if (close == std::string_view::npos || raw.substr(close, 2) != "?=") return std::nullopt;
  const std::string_view body = raw.substr(text, close - text);
  const std::string_view charset = raw.substr(pos + 2, q1 - pos - 2);
  return BWord{pos, close + 2, ascii_lower(charset), body};
}

std::string base64_decode(std::string_view text) {
  const std::string copy(text);
  gsize length = 0;
  guchar* bytes = g_base64_decode(copy.c_str(), &length);
  std::string out(reinterpret_cast<const char*>(bytes), length);
  g_free(bytes);
  return out;
}

std::string base64_encode(std::string_view bytes) {
  gchar* text = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string out(text);
  g_free(text);
  return out;
}

}  // namespace

std::optional<std::string> merge_adjacent_b_words(std::string_view raw) {
  std::string out;
  bool changed = false;
  std::size_t copied = 0;
  std::size_t pos = raw.find("=?");
  while (pos != std::string_view::npos) {
    std::optional<BWord> first = b_word_at(raw, pos);
    if (!first) {
      pos = raw.find("=?", pos + 2);
      continue;
    }
    std::vector<BWord> run{*first};
    std::size_t after = first->end;
    while (true) {
      std::size_t gap = after;
      while (gap < raw.size() &&
             (raw[gap] == ' ' || raw[gap] == '\t' || raw[gap] == '\r' || raw[gap] == '\n'))
        ++gap;
      if (gap == after) break;
      std::optional<BWord> next = b_word_at(raw, gap);
      if (!next || next->charset != run.front().charset) break;
      run.push_back(*next);
      after = next->end;
    }
    // Only a word with padding before another one is mangled by the join.
    bool padded = false;
    for (std::size_t i = 0; i + 1 < run.size(); ++i)
      padded = padded || run[i].text.find('=') != std::string_view::npos;
    if (padded) {
      std::string bytes;
      for (const BWord& word : run) bytes += base64_decode(word.text);
      const std::string_view charset =
          raw.substr(run.front().begin + 2, run.front().charset.size());
      out.append(raw.substr(copied, run.front().begin - copied));
      out += "=?" + std::string(charset) + "?B?" + base64_encode(bytes) + "?=";
      copied = run.back().end;
      changed = true;
    }
    pos = raw.find("=?", run.back().end);
  }
  if (!changed) return std::nullopt;
  out.append(raw.substr(copied));
  return out;
}

}  // namespace replylint::message::detail
