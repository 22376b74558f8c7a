#pragma once

// Addresses and display names that take no replies ("noreply", "no-responder", "mhn-apantate",
// "No Reply"), read from rules/<lang>/no-reply-sender.toml: what no-reply-sender and
// no-human-contact share.

#include <string>
#include <string_view>
#include <vector>

#include "draft/draft.hpp"  // the message model comes with the draft

namespace replylint::data {
struct DataSet;
}

namespace replylint::rules {

/// The listed no-reply local parts of every language, compiled once (immutable afterwards; safe
/// from several threads at once).
class NoReplyNames {
 public:
  /// Reads the no-reply-sender phrase lists of every language in `data` (none is fine: then
  /// nothing says no-reply).
  explicit NoReplyNames(const data::DataSet& data);

  /// True when a run of whole pieces of `text` (a local part or a display name, cut at every
  /// ASCII character that is not a letter or digit), joined, is a listed no-reply local part,
  /// digits at its end aside: "noreply2", "ventas.noreply", "No Reply", "Μην απαντάτε". Never
  /// inside a longer word ("noreplyco").
  bool says_no_reply(std::string_view text) const;

  /// True when the local part of `address` (before its last '@') says no-reply, or the first
  /// label of a domain of three labels or more does ("avisos@noreply.banco.es").
  bool is_no_reply_address(std::string_view address) const;

  /// True when a comment of the From header says no-reply ("Hotel (Μην απαντάτε) <info@…>"):
  /// no part of the parsed name, yet mail clients show it. `comment` receives it.
  bool from_comment_says_no_reply(const message::Message& msg,
                                  std::string* comment = nullptr) const;

  /// True when the message has a Reply-To address that takes replies.
  bool reply_to_takes_replies(const message::Message& msg) const;

 private:
  std::vector<std::string> m_local_parts;  // text::loose_key()ed, words run together
};

/// The parenthesised comments of a header value, outside quoted strings and angle brackets.
std::vector<std::string> header_comments(std::string_view value);

}  // namespace replylint::rules
