#include "message/subject.hpp"

#include "data/data.hpp"
#include "message/text_codec.hpp"
#include "text/text.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace replylint::message::detail {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& folded) {
  return std::find(list.begin(), list.end(), folded) != list.end();
}

// One prefix at the start of `s`: letters, an optional counter ("[2]", "(3)", "^2"), optional
// spaces, then ':' or the full-width '：'. Returns the letters and the length consumed, or
// nothing when the start does not look like a prefix.
struct Candidate {
  std::string word;
  std::size_t length = 0;
};

Candidate next_candidate(const icu::UnicodeString& s, int32_t start) {
  int32_t i = start;
  const int32_t n = s.length();
  while (i < n && u_isalpha(s.char32At(i))) i = s.moveIndex32(i, 1);
  const int32_t word_end = i;
  if (word_end == start || word_end - start > 12) return {};
  int32_t after_word = i;
  while (after_word < n && s[after_word] == ' ') ++after_word;
  if (after_word < n && (s[after_word] == '[' || s[after_word] == '(')) i = after_word;
  if (i < n && (s[i] == '[' || s[i] == '(')) {
    const UChar close = s[i] == '[' ? u']' : u')';
    int32_t j = i + 1;
    while (j < n && u_isdigit(s[j])) ++j;
    if (j == i + 1 || j >= n || s[j] != close) return {};
    i = j + 1;
  } else if (i < n && s[i] == '^') {
    int32_t j = i + 1;
    while (j < n && u_isdigit(s[j])) ++j;
    if (j == i + 1) return {};
    i = j;
  }
  while (i < n && s[i] == ' ') ++i;
  if (i >= n || (s[i] != ':' && s[i] != 0xFF1A)) return {};
  ++i;
  Candidate out;
  s.tempSubStringBetween(start, word_end).toUTF8String(out.word);
  out.length = static_cast<std::size_t>(i - start);
  return out;
}

}  // namespace

SubjectPrefixes split_subject_prefixes(std::string_view subject, const data::DataSet& data) {
  // The folded prefix lists, kept per thread for the last indexed DataSet (data::DataSet::identity)
  // instead of folded again for every message.
  thread_local std::uint64_t cached_identity = 0;
  thread_local std::vector<std::string> cached_reply, cached_forward;
  std::vector<std::string> local_reply, local_forward;
  const bool cache = data.identity != 0;
  std::vector<std::string>& reply = cache ? cached_reply : local_reply;
  std::vector<std::string>& forward = cache ? cached_forward : local_forward;
  if (!cache || cached_identity != data.identity) {
    reply.clear();
    forward.clear();
    for (const auto& [code, language] : data.languages) {
      for (const auto& p : language.reply_prefixes) reply.push_back(text::fold(p));
      for (const auto& p : language.forward_prefixes) forward.push_back(text::fold(p));
    }
    if (cache) cached_identity = data.identity;
  }

  SubjectPrefixes out;
  const icu::UnicodeString s =
      icu::UnicodeString::fromUTF8(icu::StringPiece(subject.data(), subject.size()));
  int32_t i = 0;
  const auto skip_space = [&] {
    while (i < s.length() && u_isUWhiteSpace(s.char32At(i))) i = s.moveIndex32(i, 1);
  };
  skip_space();
  while (i < s.length()) {
    const Candidate candidate = next_candidate(s, i);
    if (candidate.length == 0) break;
    const std::string folded = text::fold(candidate.word);
    const bool is_reply = contains(reply, folded);
    const bool is_forward = contains(forward, folded);
    if (!is_reply && !is_forward) break;
    out.reply = out.reply || is_reply;
    out.forward = out.forward || is_forward;
    out.prefixes.push_back(candidate.word);
    i += static_cast<int32_t>(candidate.length);
    skip_space();
  }
  std::string rest;
  s.tempSubString(i).toUTF8String(rest);
  out.rest = trim(rest);
  return out;
}

}  // namespace replylint::message::detail
