#include "rules/signoff.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "text/text.hpp"

namespace replylint::rules {
namespace {

constexpr std::size_t k_max_footer_lines = 8;
constexpr std::size_t k_max_footer_line_words = 16;  // "Calle Mayor 3, 28001 Madrid | …"
constexpr std::size_t k_max_closing_words = 5;

}  // namespace

std::size_t words_between(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t words = 0;
  bool counted = false;  // the current run is counted already
  for (std::size_t i = begin; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      counted = false;
    } else if (!counted && (std::isalnum(c) != 0 || c >= 0x80)) {
      ++words;
      counted = true;
    }
  }
  return words;
}

bool postscript_mark(std::string_view line) {
  std::string head;
  for (std::size_t i = 0; i < line.size() && head.size() < 8; ++i) {
    const char c = line[i];
    if (c == '.' || (c == ' ' && head.empty())) continue;
    if (c == ' ' || c == ':' || c == '-') break;
    head += c;
  }
  const std::string key = text::fold(head);
  return key == "pd" || key == "ps" || key == "pps" || key == "υγ";
}

bool legal_disclaimer(const PhraseMatcher& cues, const draft::Paragraph& paragraph) {
  std::size_t found = 0;
  for (const draft::Sentence& s : paragraph.sentences)
    for (const PhraseMatch& m : cues.find(s, paragraph.language)) {
      if (m.end_word - m.first_word >= 2) return true;
      if (++found >= 2) return true;
    }
  return false;
}

bool SignoffBlock::contains(std::string_view text, std::size_t begin, std::size_t end) const {
  begin = begin == 0 ? 0 : text.rfind('\n', begin - 1) + 1;
  end = std::min(text.find('\n', end), text.size());
  const std::string_view own_line = text.substr(begin, end - begin);
  if (words_between(own_line, 0, own_line.size()) > k_max_footer_line_words ||
      postscript_mark(own_line))
    return false;
  for (std::size_t lines = 0; lines < k_max_footer_lines && begin > 0; ++lines) {
    const std::size_t line_end = begin - 1;
    begin = line_end == 0 ? 0 : text.rfind('\n', line_end - 1) + 1;
    std::string_view line = text.substr(begin, line_end - begin);
    while (!line.empty() && std::string_view(" \t\r").find(line.back()) != line.npos)
      line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.front() == '>') return false;
    if (closing_line(line)) return true;
    if (words_between(line, 0, line.size()) > k_max_footer_line_words || postscript_mark(line))
      return false;
  }
  return false;
}

bool SignoffBlock::closing_line(std::string_view line) const {
  while (!line.empty() && std::string_view(",.!:;-").find(line.back()) != line.npos)
    line.remove_suffix(1);
  if (line.starts_with("¡")) line.remove_prefix(std::string_view("¡").size());  // "¡Un abrazo!"
  const std::string folded = text::fold(line);
  if (words_between(folded, 0, folded.size()) > k_max_closing_words) return false;
  for (const auto& [code, language] : m_data.languages)
    for (const std::string& closing : language.closings)
      if (folded == closing || (folded.starts_with(closing) && folded.size() > closing.size() &&
                                folded[closing.size()] == ' '))
        return true;
  return false;
}

}  // namespace replylint::rules
