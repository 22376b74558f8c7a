// The LSP transport and coordinates: Content-Length framing, and positions in UTF-8, UTF-16 and
// UTF-32 over Greek, Spanish and text outside the Basic Multilingual Plane.
#include "lsp/protocol.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace replylint::lsp;

namespace {

std::string framed(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("lsp framing reads messages back to back, with other headers and bare newlines",
          "[lsp]") {
  std::istringstream in(framed(R"({"a":1})") +
                        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" +
                        framed("{\"b\":\"ñ\"}") + "content-length: 2\n\n{}");
  CHECK(read_message(in).body == R"({"a":1})");
  const Framed second = read_message(in);
  CHECK(second.status == Framed::Status::message);
  CHECK(second.body == "{\"b\":\"ñ\"}");  // the length counts bytes, not characters
  CHECK(read_message(in).body == "{}");
  CHECK(read_message(in).status == Framed::Status::end);
}

TEST_CASE("lsp framing reports bad headers and stays in step", "[lsp]") {
  std::istringstream in("Content-Type: text/plain\r\n\r\n" + framed("{}") +
                        "Content-Length: abc\r\n\r\n" + framed("[1]") +
                        "Content-Length: 99999\r\n\r\nshort");
  Framed f = read_message(in);
  CHECK(f.status == Framed::Status::malformed);
  CHECK(f.error == "missing Content-Length header");
  CHECK(read_message(in).body == "{}");
  f = read_message(in);
  CHECK(f.status == Framed::Status::malformed);
  CHECK(f.error.find("invalid Content-Length") != std::string::npos);
  CHECK(read_message(in).body == "[1]");
  CHECK(read_message(in).status == Framed::Status::end);  // cut off: the body never came
}

TEST_CASE("lsp framing skips a body over the limit without holding it", "[lsp]") {
  std::istringstream in(framed(std::string(5000, 'x')) + framed("{}"));
  const Framed big = read_message(in, 1000);
  CHECK(big.status == Framed::Status::malformed);
  CHECK(big.error.find("5000 bytes") != std::string::npos);
  CHECK(read_message(in, 1000).body == "{}");
}

TEST_CASE("lsp framing finds the next header after a body sent without one", "[lsp]") {
  // A client's bug: the body comes with no header and the next message's header follows it.
  std::istringstream in("{\"jsonrpc\":\"2.0\"}\r\n" + framed("{}"));
  CHECK(read_message(in).body == "{}");
}

TEST_CASE("lsp framing writes the byte length", "[lsp]") {
  std::ostringstream out;
  CHECK(write_message(out, "{\"t\":\"αβ\"}"));
  CHECK(out.str() == "Content-Length: 12\r\n\r\n{\"t\":\"αβ\"}");
}

TEST_CASE("lsp positions count code units of the negotiated encoding", "[lsp]") {
  // "Ελλάδα" is 6 code points, 12 bytes; "😀" is 1 code point, 2 UTF-16 units, 4 bytes.
  const std::string text = "Subject: Ελλάδα\r\nniño 😀 ok\nlast";
  const LineIndex lines(text);
  REQUIRE(lines.line_count() == 3);
  CHECK(lines.line(0) == "Subject: Ελλάδα");  // the "\r" is not part of the line
  CHECK(units("Ελλάδα", Encoding::utf8) == 12);
  CHECK(units("Ελλάδα", Encoding::utf16) == 6);
  CHECK(units("😀", Encoding::utf16) == 2);
  CHECK(units("😀", Encoding::utf32) == 1);

  // Report column 8 of line 2 (1-based, code points) is "o" of "ok".
  CHECK(lines.from_report(2, 8, Encoding::utf16) == Position{1, 8});
  CHECK(lines.from_report(2, 8, Encoding::utf8) == Position{1, 11});
  CHECK(lines.from_report(2, 8, Encoding::utf32) == Position{1, 7});
  // Past the end of a line, and past the last line: clamped.
  CHECK(lines.from_report(1, 99, Encoding::utf16) == Position{0, 15});
  CHECK(lines.from_report(9, 2, Encoding::utf16) == Position{2, 1});

  const std::size_t ok = text.find("ok");
  CHECK(lines.from_offset(ok, Encoding::utf16) == Position{1, 8});
  CHECK(lines.from_offset(ok, Encoding::utf8) == Position{1, 11});
  CHECK(lines.to_offset({1, 8}, Encoding::utf16) == ok);
  CHECK(lines.to_offset({1, 11}, Encoding::utf8) == ok);
  CHECK(lines.to_offset({1, 7}, Encoding::utf32) == ok);
  // Inside the surrogate pair of "😀" and inside the bytes of "ñ": the code point's start.
  CHECK(lines.to_offset({1, 6}, Encoding::utf16) == text.find("😀"));
  CHECK(lines.to_offset({1, 3}, Encoding::utf8) == text.find("ñ"));
  // Past the line's end: the end of the line, before "\r\n"; past the last line: the end.
  CHECK(lines.to_offset({0, 40}, Encoding::utf16) == text.find('\r'));
  CHECK(lines.to_offset({7, 0}, Encoding::utf16) == text.size());
}
