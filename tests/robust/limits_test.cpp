// Limits (issue 6): the input size, MIME nesting, part and header counts, pattern time limits.
// Over the size limit an input is refused with one clear line; over any other limit a warning
// says what was left out and the rest is still linted.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/run.hpp"
#include "message/message.hpp"

namespace {

namespace fs = std::filesystem;
using replylint::test::run_shell;
using replylint::test::scratch_dir;
using replylint::test::shell_quote;
using replylint::test::slurp;

replylint::test::Run run_bin(const std::string& args, const fs::path& dir,
                             const std::string& in = "") {
  return run_shell("timeout 60 env NO_COLOR=1 " + shell_quote(REPLYLINT_BINARY) + " " + args, in,
                   dir);
}

const std::string k_headers =
    "From: ana@example.com\nTo: luis@example.org\nSubject: prueba\nMIME-Version: 1.0\n";
const std::string k_body = "Hola Luis,\n\ngracias por el informe.\n\nAna\n";

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::string nested_multipart(int levels) {
  std::string s = k_headers + "Content-Type: multipart/mixed; boundary=\"b0\"\n\n";
  for (int i = 1; i <= levels; ++i)
    s += "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=\"b" +
         std::to_string(i) + "\"\n\n";
  s += "--b" + std::to_string(levels) + "\nContent-Type: text/plain; charset=utf-8\n\n" + k_body;
  for (int i = levels; i >= 0; --i) s += "--b" + std::to_string(i) + "--\n";
  return s;
}

}  // namespace

TEST_CASE("limits: --max-size refuses a larger input with one line, from a file or stdin",
          "[robust]") {
  const fs::path dir = scratch_dir("limits-size");
  write(dir / "big.txt", k_body + std::string(3000, 'a') + "\n");
  const auto file = run_bin("check --max-size 1KB big.txt", dir);
  CHECK(file.status == 2);
  CHECK(file.err ==
        "replylint: error: big.txt: over the size limit of 1 KB (--max-size); not checked\n");
  const auto parse = run_bin("parse --max-size 1KB big.txt", dir);
  CHECK(parse.status == 2);
  CHECK(parse.err ==
        "replylint: error: big.txt: over the size limit of 1 KB (--max-size); not checked\n");
  // Within the limit (and with the default of 25 MB) the same file is checked.
  CHECK(run_bin("check --max-size 1MB big.txt", dir).err.empty());
  CHECK(run_bin("check big.txt", dir).err.empty());

  // An endless stdin: replylint stops reading after limit + 1 bytes, so it ends at all.
  const auto endless = run_shell("yes Hola 2>/dev/null | timeout 60 " +
                                     shell_quote(REPLYLINT_BINARY) + " check --max-size 1MB -",
                                 "", dir);
  CHECK(endless.status == 2);
  CHECK(endless.err ==
        "replylint: error: -: over the size limit of 1 MB (--max-size); not checked\n");
}

TEST_CASE("limits: a config's max-size governs its files unless --max-size is given", "[robust]") {
  const fs::path dir = scratch_dir("limits-config-size");
  write(dir / ".replylint.toml", "max-size = \"1KB\"\n");
  write(dir / "big.txt", k_body + std::string(3000, 'a') + "\n");
  const std::string config = (fs::canonical(dir) / ".replylint.toml").string();
  const auto file = run_bin("check big.txt", dir);
  CHECK(file.status == 2);
  CHECK(file.err == "replylint: error: big.txt: over the size limit of 1 KB (max-size in " +
                        config + "); not checked\n");
  const auto piped = run_bin("check -", dir, slurp(dir / "big.txt"));
  CHECK(piped.status == 2);
  CHECK(piped.err == "replylint: error: -: over the size limit of 1 KB (max-size in " + config +
                         "); not checked\n");
  // The command line wins over the config, both ways.
  CHECK(run_bin("check --max-size 1MB big.txt", dir).err.empty());
  write(dir / ".replylint.toml", "max-size = 0  # no limit\n");
  CHECK(run_bin("check big.txt", dir).err.empty());
  CHECK(run_bin("check --max-size 1KB big.txt", dir).status == 2);
  // The hook reads the same config.
  const std::string sink = "sh -c " + shell_quote("cat > sent.eml");
  write(dir / ".replylint.toml", "max-size = \"1KB\"\n");
  const std::string message = k_headers + "Content-Type: text/plain; charset=utf-8\n\n" + k_body +
                              std::string(2000, 'x') + "\n";
  const auto refused = run_bin("sendmail -- " + sink, dir, message);
  CHECK(refused.status == 70);
  CHECK(refused.err.find("over the size limit of 1 KB (max-size in ") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "sent.eml"));
}

TEST_CASE(
    "limits: sendmail refuses a message over --max-size, or sends it unchanged with "
    "--on-error=send",
    "[robust]") {
  const fs::path dir = scratch_dir("limits-sendmail");
  const std::string message = k_headers + "Content-Type: text/plain; charset=utf-8\n\n" + k_body +
                              std::string(2000, 'x') + "\n";
  const std::string sink = "sh -c " + shell_quote("cat > sent.eml");
  const auto refused = run_bin("sendmail --max-size 1KB -- " + sink, dir, message);
  CHECK(refused.status == 70);
  CHECK_FALSE(fs::exists(dir / "sent.eml"));
  CHECK(refused.err.find("over the size limit of 1 KB") != std::string::npos);
  const auto sent = run_bin("sendmail --max-size 1KB --on-error send -- " + sink, dir, message);
  CHECK(sent.status == 0);
  CHECK(slurp(dir / "sent.eml") == message);
}

TEST_CASE("limits: nesting, parts and headers over their limits warn and the rest is linted",
          "[robust]") {
  const fs::path dir = scratch_dir("limits-mime");
  write(dir / "nested.eml", nested_multipart(40));
  const auto nested = run_bin("check --color never nested.eml", dir);
  CHECK(nested.status == 0);
  CHECK(nested.out.find("nested.eml: warning: MIME parts nested more than 32 levels deep; the "
                        "deeper parts are ignored\n") != std::string::npos);
  // Within the limit the innermost text is the body.
  write(dir / "nested-ok.eml", nested_multipart(20));
  CHECK(run_bin("parse nested-ok.eml", dir)
            .out.find("body: text/plain utf-8 (part 1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1)") !=
        std::string::npos);

  std::string parts = k_headers +
                      "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: "
                      "text/plain\n\nHOLA LUIS, ESTO ES URGENTE Y NO PUEDE ESPERAR MAS\n";
  for (int i = 0; i < 1200; ++i)
    parts += "--b\nContent-Type: text/plain\nContent-Disposition: attachment\n\n\n";
  parts += "--b--\n";
  write(dir / "parts.eml", parts);
  const auto many = run_bin("check --color never parts.eml", dir);
  CHECK(many.out.find("parts.eml: warning: more than 1000 MIME parts; the parts after the first "
                      "1000 are ignored\n") != std::string::npos);
  CHECK(many.out.find("[shouting]") != std::string::npos);  // the body is still linted

  std::string headers = "From: ana@example.com\nTo: luis@example.org\nSubject: cabeceras\n";
  for (int i = 0; i < 1200; ++i) headers += "X-H" + std::to_string(i) + ": v\n";
  write(dir / "headers.eml", headers + "\nHOLA LUIS, ESTO ES URGENTE Y NO PUEDE ESPERAR MAS\n");
  const auto fields = run_bin("check --color never headers.eml", dir);
  CHECK(fields.out.find("headers.eml: warning: more than 1000 header fields (1203); the fields "
                        "after the first 1000 are ignored\n") != std::string::npos);
  CHECK(fields.out.find("[shouting]") != std::string::npos);
}

TEST_CASE("limits: HTML nested deeper than 1000 elements is read without its tags, in linear time",
          "[robust]") {
  // Gumbo's time grows with the square of the nesting: 100,000 unclosed <div><b> took minutes.
  const fs::path dir = scratch_dir("limits-html");
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "<div><b>";
  write(dir / "deep.eml", k_headers + "Content-Type: text/html; charset=utf-8\n\n" + body +
                              "HOLA LUIS, ESTO ES URGENTE Y NO PUEDE ESPERAR MAS\n");
  const auto r = run_bin("check --color never deep.eml", dir);
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(r.out.find("deep.eml: warning: HTML nested more than 1000 elements deep in part 1; read "
                   "with its tags removed\n") != std::string::npos);
  CHECK(r.out.find("[shouting]") != std::string::npos);  // its text is still linted
}

TEST_CASE("limits: a catastrophic config pattern cannot hang the linter", "[robust]") {
  const fs::path dir = scratch_dir("limits-regex");
  write(dir / ".replylint.toml", "placeholders = ['^(a+)+$']\n");
  // 2^60 ways to split the a's: without a time limit this backtracks for ever.
  write(dir / "d.txt",
        "Hola Luis,\n\n" + std::string(60, 'a') + "b\n\ngracias por el informe.\n\nAna\n");
  const auto r = run_bin("check --color never d.txt", dir);
  INFO(r.out << r.err);
  CHECK(r.status == 1);  // the line is still linted: the odd word is a spelling finding
  CHECK(r.err.empty());
  CHECK(r.out.find(
            "d.txt: warning: a pattern from rules/ or the config's placeholders ran over its time "
            "limit and was given up (no match); it is left out for the rest of this draft\n") !=
        std::string::npos);
  CHECK(r.out.find("[spelling]") != std::string::npos);
  // The same pattern on a line it matches quickly is just a placeholder.
  write(dir / "ok.txt", "Hola Luis,\n\naaaa\n\ngracias por el informe.\n\nAna\n");
  const auto ok = run_bin("check --color never ok.txt", dir);
  CHECK(ok.out.find("time limit") == std::string::npos);
}

TEST_CASE("limits: read_bounded reads at most the limit plus one byte", "[robust]") {
  std::istringstream in(std::string(5000, 'a'));
  CHECK_THROWS_WITH(replylint::message::read_bounded(in, "x.eml", 1000),
                    "over the size limit of 1000 bytes (--max-size); not checked");
  CHECK(in.tellg() == 1001);  // the rest is left unread
  std::istringstream exact(std::string(1000, 'a'));
  CHECK(replylint::message::read_bounded(exact, "x.eml", 1000).size() == 1000);
  std::istringstream unlimited(std::string(70000, 'a'));
  CHECK(replylint::message::read_bounded(unlimited, "x.eml", 0).size() == 70000);
}
