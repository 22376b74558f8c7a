#include <algorithm>

#include "config/config.hpp"
#include "text/text.hpp"

namespace replylint::config {
namespace {

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t slash = text.find('/', start);
    parts.push_back(text.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

// Globs work on code points (text::code_points), so `?` and `[é]` see one character where
// UTF-8 has two bytes.
// Matches `[...]` starting at pattern[p] (the '['); sets `end` past the ']'. A '[' with no
// closing ']' is a literal '['.
bool match_class(const std::u32string& pattern, size_t p, char32_t c, size_t& end, bool& is_class) {
  size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == U'!' || pattern[i] == U'^')) {
    negate = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != U']' || first)) {
    first = false;
    char32_t low = pattern[i];
    char32_t high = low;
    if (i + 2 < pattern.size() && pattern[i + 1] == U'-' && pattern[i + 2] != U']') {
      high = pattern[i + 2];
      i += 3;
    } else {
      ++i;
    }
    if (low <= c && c <= high) matched = true;
  }
  if (i >= pattern.size()) {
    is_class = false;
    end = p + 1;
    return c == U'[';
  }
  is_class = true;
  end = i + 1;
  return matched != negate;
}

// One path segment against one pattern segment (no '/' in either).
bool match_segment(const std::u32string& pattern, const std::u32string& text) {
  size_t p = 0, t = 0;
  size_t star_p = std::u32string::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == U'*') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      if (pattern[p] == U'?') {
        ++p;
        ++t;
        continue;
      }
      if (pattern[p] == U'[') {
        size_t end = 0;
        bool is_class = false;
        if (match_class(pattern, p, text[t], end, is_class)) {
          p = end;
          ++t;
          continue;
        }
      } else if (pattern[p] == text[t]) {
        ++p;
        ++t;
        continue;
      }
    }
    // Mismatch: let the last '*' swallow one more character, or fail.
    if (star_p == std::u32string::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == U'*') ++p;
  return p == pattern.size();
}

bool match_segments(const std::vector<std::u32string>& pattern, size_t p,
                    const std::vector<std::u32string>& path, size_t s) {
  while (p < pattern.size()) {
    if (pattern[p] == U"**") {
      // Collapse runs of "**" and try every number of folders.
      while (p + 1 < pattern.size() && pattern[p + 1] == U"**") ++p;
      if (p + 1 == pattern.size()) return s < path.size();  // "a/**" needs something below a/
      for (size_t skip = s; skip < path.size(); ++skip)
        if (match_segments(pattern, p + 1, path, skip)) return true;
      return false;
    }
    if (s >= path.size() || !match_segment(pattern[p], path[s])) return false;
    ++p;
    ++s;
  }
  return s == path.size();
}

std::string_view strip_dot_slash(std::string_view text) {
  while (text.size() >= 2 && text[0] == '.' && text[1] == '/') text.remove_prefix(2);
  return text;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  pattern = strip_dot_slash(pattern);
  path = strip_dot_slash(path);
  if (pattern.empty() || path.empty()) return false;
  // The common "**/*.eml": the last segment ends with an ASCII literal (checked on bytes, which
  // for ASCII is the same as on code points).
  if (pattern.size() > 4 && pattern.substr(0, 4) == "**/*") {
    const std::string_view suffix = pattern.substr(4);
    const bool literal = std::all_of(suffix.begin(), suffix.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x80 && c != '*' && c != '?' && c != '[' && c != ']' &&
             c != '/' && c != '\\';
    });
    if (literal) {
      const std::size_t slash = path.rfind('/');
      const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
      return last.size() >= suffix.size() && last.substr(last.size() - suffix.size()) == suffix;
    }
  }
  std::string full(pattern);
  if (full.back() == '/') full += "**";
  std::vector<std::u32string> pattern_parts, path_parts;
  for (std::string_view part : split(full)) pattern_parts.push_back(text::code_points(part));
  for (std::string_view part : split(path)) path_parts.push_back(text::code_points(part));
  return match_segments(pattern_parts, 0, path_parts, 0);
}

}  // namespace replylint::config
