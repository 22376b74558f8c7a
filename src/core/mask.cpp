#include "core/mask.hpp"

namespace replylint::core {

namespace {

// A hidden value must still show how many characters remain visible: at least this many others
// are hidden before the last four are shown.
constexpr std::size_t k_min_hidden_for_reveal = 8;
constexpr std::size_t k_revealed = 4;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

bool is_space(std::string_view point) {
  return point == " " || point == "\t" || point == "\n" || point == "\r" || point == "\xC2\xA0" ||
         point == "\xE2\x80\xAF";
}

}  // namespace

std::size_t code_point_length(std::string_view text, std::size_t at) {
  std::size_t end = at + 1;
  while (end < text.size() && is_continuation(static_cast<unsigned char>(text[end]))) ++end;
  return end - at;
}

std::vector<bool> hidden_code_points(std::string_view value, Masking masking) {
  std::vector<bool> hidden;
  std::vector<std::size_t> visible_candidates;  // indexes of code points that are not whitespace
  for (std::size_t at = 0; at < value.size();) {
    const std::size_t length = code_point_length(value, at);
    const bool space = is_space(value.substr(at, length));
    if (!space) visible_candidates.push_back(hidden.size());
    hidden.push_back(!space);
    at += length;
  }
  if (masking == Masking::last_four &&
      visible_candidates.size() >= k_min_hidden_for_reveal + k_revealed) {
    for (std::size_t i = visible_candidates.size() - k_revealed; i < visible_candidates.size(); ++i)
      hidden[visible_candidates[i]] = false;
  }
  return hidden;
}

std::string mask(std::string_view value, Masking masking) {
  const std::vector<bool> hidden = hidden_code_points(value, masking);
  std::string out;
  out.reserve(value.size());
  std::size_t index = 0;
  for (std::size_t at = 0; at < value.size(); ++index) {
    const std::size_t length = code_point_length(value, at);
    if (hidden[index])
      out += '*';
    else
      out.append(value.substr(at, length));
    at += length;
  }
  return out;
}

}  // namespace replylint::core
