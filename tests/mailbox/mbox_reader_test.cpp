// The mbox splitter: where messages start, what unescaping removes, and the line numbers that
// tie a message back to the file.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "message/mbox.hpp"

namespace {

using replylint::message::MboxFormat;
using replylint::message::MboxMessage;
using replylint::message::MboxReader;

std::vector<MboxMessage> split(const std::string& text, MboxFormat format = MboxFormat::mboxrd,
                               std::uint64_t max_size = 0) {
  std::istringstream in(text);
  MboxReader reader(in, format, max_size);
  std::vector<MboxMessage> out;
  while (auto m = reader.next()) out.push_back(std::move(*m));
  return out;
}

const std::string k_two =
    "From a@x Mon Mar 10 09:00:00 2025\n"
    "Subject: one\n"
    "\n"
    "First body.\n"
    "\n"
    "From b@x Mon Mar 10 10:00:00 2025\n"
    "Subject: two\n"
    "\n"
    "Second body.\n";

}  // namespace

TEST_CASE("mbox messages start at From lines after a blank line", "[mailbox]") {
  const auto messages = split(k_two);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].index == 1);
  CHECK(messages[0].from_line == 1);
  // The blank line before the next separator belongs to the mbox, not to the message.
  CHECK(messages[0].bytes == "Subject: one\n\nFirst body.\n");
  CHECK(messages[1].index == 2);
  CHECK(messages[1].from_line == 6);
  CHECK(messages[1].bytes == "Subject: two\n\nSecond body.\n");
}

TEST_CASE("a From line not after a blank line, or not followed by a header, is body text",
          "[mailbox]") {
  const std::string text =
      "From a@x Mon Mar 10 09:00:00 2025\n"
      "Subject: one\n"
      "\n"
      "The parcel left today.\n"
      "From the tracking page you can follow it.\n"
      "\n"
      "From now on we ship daily.\n"
      "Thanks.\n";
  const auto messages = split(text);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].bytes.find("From the tracking page") != std::string::npos);
  CHECK(messages[0].bytes.find("From now on we ship daily.\nThanks.\n") != std::string::npos);
}

TEST_CASE("mboxrd removes one '>' from any >From line, mboxo only from >From", "[mailbox]") {
  const std::string text =
      "From a@x Mon Mar 10 09:00:00 2025\n"
      "Subject: one\n"
      "\n"
      ">From here on.\n"
      ">>From the quote.\n"
      "> From a quote with a space.\n";
  const auto rd = split(text, MboxFormat::mboxrd);
  REQUIRE(rd.size() == 1);
  CHECK(rd[0].bytes ==
        "Subject: one\n\nFrom here on.\n>From the quote.\n> From a quote with a space.\n");
  CHECK(rd[0].unescaped == std::vector<std::pair<int, int>>{{3, 1}, {4, 1}});
  const auto o = split(text, MboxFormat::mboxo);
  REQUIRE(o.size() == 1);
  CHECK(o[0].bytes ==
        "Subject: one\n\nFrom here on.\n>>From the quote.\n> From a quote with a space.\n");
  CHECK(o[0].unescaped == std::vector<std::pair<int, int>>{{3, 1}});
}

TEST_CASE("CRLF mboxes split like LF ones and keep their line ends", "[mailbox]") {
  std::string crlf;
  for (char c : k_two) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const auto messages = split(crlf);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].bytes == "Subject: one\r\n\r\nFirst body.\r\n");
  CHECK(messages[1].from_line == 6);
}

TEST_CASE("the last message may lack its final newline; a BOM is skipped", "[mailbox]") {
  const auto messages = split("\xEF\xBB\xBF" + k_two.substr(0, k_two.size() - 1));
  REQUIRE(messages.size() == 2);
  CHECK(messages[1].bytes == "Subject: two\n\nSecond body.");
}

TEST_CASE("an empty mbox has no messages; text before the first From line is skipped",
          "[mailbox]") {
  CHECK(split("").empty());
  CHECK(split("\n\n").empty());
  const auto messages = split("garbage\n\n" + k_two);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].from_line == 3);
}

TEST_CASE("mboxcl2 reads Content-Length bytes of body, From lines and all", "[mailbox]") {
  const std::string body = "Line one.\n\nFrom b@x Mon Mar 10 10:00:00 2025\nSubject: not one\n";
  const std::string text = "From a@x Mon Mar 10 09:00:00 2025\nSubject: one\nContent-Length: " +
                           std::to_string(body.size()) + "\n\n" + body +
                           "\nFrom c@x Mon Mar 10 11:00:00 2025\nSubject: two\n\nTwo.\n";
  const auto cl2 = split(text, MboxFormat::mboxcl2);
  REQUIRE(cl2.size() == 2);
  CHECK(cl2[0].bytes.ends_with(body));
  CHECK(cl2[1].bytes == "Subject: two\n\nTwo.\n");
  // Read as mboxrd the same file splits at the From line inside the body: no crash, 3 messages.
  CHECK(split(text, MboxFormat::mboxrd).size() == 3);
}

TEST_CASE("a message over the size limit is flagged and not kept", "[mailbox]") {
  const auto messages = split(k_two, MboxFormat::mboxrd, 20);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].too_large);
  CHECK(messages[0].bytes.empty());
  CHECK(messages[1].too_large);
}

TEST_CASE("looks_like_mbox wants a From line followed by a header field", "[mailbox]") {
  using replylint::message::looks_like_mbox;
  CHECK(looks_like_mbox(k_two));
  CHECK(looks_like_mbox("\xEF\xBB\xBF" + k_two));
  CHECK_FALSE(looks_like_mbox("From now on we ship daily.\nThanks.\n"));
  CHECK_FALSE(looks_like_mbox("From: a@x\nSubject: s\n\nBody\n"));
  CHECK_FALSE(looks_like_mbox(""));
}
