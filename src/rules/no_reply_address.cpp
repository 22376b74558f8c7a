#include "rules/no_reply_address.hpp"

#include <algorithm>
#include <cctype>

#include "data/data.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

constexpr std::string_view k_list_id = "no-reply-sender";

// Cuts `text` (already loose-keyed) at every ASCII character that is not a letter or a digit:
// the separators of a local part (. - _ + =) and the spaces and punctuation of a display name.
std::vector<std::string> pieces_of(const std::string& text) {
  std::vector<std::string> out;
  std::string piece;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && !std::isalnum(byte)) {
      if (!piece.empty()) out.push_back(std::move(piece));
      piece.clear();
    } else {
      piece += c;
    }
  }
  if (!piece.empty()) out.push_back(std::move(piece));
  return out;
}

// Every spelling a listed entry stands for, its words run together: "no [reply|answer]" gives
// "noreply" and "noanswer"; an optional word gives the forms with and without it.
void expand(const std::vector<data::PhraseToken>& tokens, std::size_t next, std::string joined,
            std::vector<std::string>& out) {
  if (next == tokens.size()) {
    if (!joined.empty() && std::find(out.begin(), out.end(), joined) == out.end())
      out.push_back(std::move(joined));
    return;
  }
  const data::PhraseToken& token = tokens[next];
  if (token.optional || token.words.empty()) expand(tokens, next + 1, joined, out);
  for (const std::string& word : token.words)
    expand(tokens, next + 1, joined + text::loose_key(word), out);
}

std::vector<std::string> no_reply_local_parts(const data::DataSet& data) {
  std::vector<std::string> out;
  for (const auto& [code, language] : data.languages)
    if (const auto list = language.phrases.find(std::string(k_list_id));
        list != language.phrases.end())
      for (const data::Phrase& entry : list->second) expand(entry.tokens, 0, "", out);
  return out;
}

}  // namespace

NoReplyNames::NoReplyNames(const data::DataSet& data) : m_local_parts(no_reply_local_parts(data)) {}

bool NoReplyNames::says_no_reply(std::string_view text) const {
  if (text.empty()) return false;
  const std::vector<std::string> pieces = pieces_of(text::loose_key(text));
  for (std::size_t first = 0; first < pieces.size(); ++first) {
    std::string joined;
    for (std::size_t last = first; last < pieces.size() && last < first + 4; ++last) {
      joined += pieces[last];
      std::string_view bare = joined;
      while (!bare.empty() && std::isdigit(static_cast<unsigned char>(bare.back())))
        bare.remove_suffix(1);
      if (std::find(m_local_parts.begin(), m_local_parts.end(), bare) != m_local_parts.end())
        return true;
    }
  }
  return false;
}

bool NoReplyNames::is_no_reply_address(std::string_view address) const {
  const std::size_t at = address.rfind('@');
  if (says_no_reply(address.substr(0, at))) return true;
  // A no-reply host under the organisation's domain: "avisos@noreply.banco.es".
  if (at == std::string_view::npos) return false;
  const std::string_view domain = address.substr(at + 1);
  const std::size_t dot = domain.find('.');
  return dot != std::string_view::npos && domain.find('.', dot + 1) != std::string_view::npos &&
         says_no_reply(domain.substr(0, dot));
}

bool NoReplyNames::from_comment_says_no_reply(const message::Message& msg,
                                              std::string* comment) const {
  for (const message::Header& header : msg.headers) {
    if (!text::equal_loosely(header.name, "From")) continue;
    for (std::string& found : header_comments(header.value))
      if (says_no_reply(found)) {
        if (comment) *comment = std::move(found);
        return true;
      }
    break;
  }
  return false;
}

std::vector<std::string> header_comments(std::string_view value) {
  std::vector<std::string> out;
  bool quoted = false;
  int angle = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char ch = value[i];
    if (ch == '\\') {
      ++i;
    } else if (ch == '"') {
      quoted = !quoted;
    } else if (!quoted && ch == '<') {
      ++angle;
    } else if (!quoted && ch == '>' && angle > 0) {
      --angle;
    } else if (!quoted && angle == 0 && ch == '(') {
      const std::size_t close = value.find(')', i + 1);
      if (close == std::string_view::npos) break;
      out.emplace_back(value.substr(i + 1, close - i - 1));
      i = close;
    }
  }
  return out;
}

bool NoReplyNames::reply_to_takes_replies(const message::Message& msg) const {
  return std::any_of(msg.reply_to.begin(), msg.reply_to.end(), [&](const message::Address& a) {
    return a.address.find('@') != std::string::npos && !is_no_reply_address(a.address);
  });
}

}  // namespace replylint::rules
