// The pre-send hook's library: recipients from a sendmail command line, the hidden (Bcc)
// recipients, the exact-bytes pipe to the real command, and tool failures as values.
#include <catch2/catch.hpp>

#include "hook/process.hpp"
#include "hook/sendmail.hpp"
#include "hook/shell.hpp"

using namespace replylint;
using replylint::test::TempDir;

TEST_CASE("recipients_from_args reads sendmail command lines as mutt, git and aerc write them",
          "[hook]") {
  using V = std::vector<std::string>;
  CHECK(
      hook::recipients_from_args(V{"-oem", "-oi", "--", "bob@example.org", "carol@example.org"}) ==
      V{"bob@example.org", "carol@example.org"});
  CHECK(hook::recipients_from_args(V{"-i", "bob@example.org"}) == V{"bob@example.org"});  // git
  CHECK(hook::recipients_from_args(V{"bob@example.org", "carol@example.org"}) ==
        V{"bob@example.org", "carol@example.org"});           // aerc
  CHECK(hook::recipients_from_args(V{"-oi", "-t"}).empty());  // Emacs: recipients from headers
  // Options that take a value never count as recipients.
  CHECK(hook::recipients_from_args(V{"-f", "ana@tiendaverde.es", "-F", "Ana", "-N", "never", "-B",
                                     "8BITMIME", "-oi", "--", "bob@example.org"}) ==
        V{"bob@example.org"});
  CHECK(hook::recipients_from_args(V{"-fana@tiendaverde.es", "bob@example.org"}) ==
        V{"bob@example.org"});
  // After "--" everything is a recipient, even what looks like an option.
  CHECK(hook::recipients_from_args(V{"--", "-odd@example.org"}) == V{"-odd@example.org"});
  CHECK(hook::recipients_from_args(V{"Bob <bob@example.org>, carol@example.org"}) ==
        V{"bob@example.org", "carol@example.org"});
  CHECK(hook::recipients_from_args(V{}).empty());
}

TEST_CASE("add_hidden_recipients puts command-line recipients missing from To/Cc in Bcc",
          "[hook]") {
  message::Message m;
  m.to = {{"Bob", "Bob@Example.org", ""}};
  m.cc = {{"", "carol@example.org", ""}};
  m.bcc = {{"", "dan@example.org", ""}};
  const auto added =
      hook::add_hidden_recipients(m, {"bob@example.org", "CAROL@example.org", "dan@example.org",
                                      "eve@example.org", "eve@example.org"});
  CHECK(added == std::vector<std::string>{"eve@example.org"});
  REQUIRE(m.bcc.size() == 2);
  CHECK(m.bcc[1].address == "eve@example.org");
  CHECK(m.to.size() == 1);
  CHECK(m.cc.size() == 1);
}

TEST_CASE("run_with_input pipes exact bytes and returns the status", "[hook]") {
  TempDir dir;
  std::string bytes("line\r\nbin\0ary\xff\xfe\n", 16);
  bytes += std::string(1 << 20, 'x');  // larger than a pipe buffer
  bytes += "no final newline";
  const auto out = dir.path / "out";
  CHECK(hook::run_with_input({"/bin/sh", "-c", "cat > '" + out.string() + "'; exit 3"}, bytes) ==
        3);
  CHECK(test::slurp(out) == bytes);
  CHECK(hook::run_with_input({"sh", "-c", "exit 0"}, bytes) == 0);  // found in PATH, input unread
  CHECK(hook::run_with_input({"sh", "-c", "kill -KILL $$"}, "x") == 128 + 9);
  CHECK_THROWS_AS(hook::run_with_input({(dir.path / "missing").string()}, "x"), hook::StartError);
  CHECK_THROWS_AS(hook::run_with_input({}, "x"), std::invalid_argument);
}

TEST_CASE("capture_output collects stdout and the status", "[hook]") {
  const auto r = hook::capture_output({"sh", "-c", "printf 'a\\nb'; echo oops >&2; exit 5"});
  CHECK(r.out == "a\nb");
  CHECK(r.status == 5);
  CHECK_THROWS_AS(hook::capture_output({"/nonexistent/git"}), hook::StartError);
}

TEST_CASE("lint_outgoing: a missing dictionary is a failure of the tool, not a pass", "[hook]") {
  TempDir empty;
  hook::LintSettings settings;
  settings.engine.dict_search_path = std::vector<std::filesystem::path>{empty.path};
  settings.config_path = empty.path / "message.eml";
  const std::string message =
      "From: ana@tiendaverde.es\nTo: bob@example.org\nSubject: Your order\n\n"
      "Hi Bob,\n\nYour order left our warehouse this morning.\n\nAna\n";
  const hook::OutgoingLint lint =
      hook::lint_outgoing(message, {"sendmail", "-i", "bob@example.org"}, settings);
  CHECK_FALSE(lint.complete());
  REQUIRE(lint.problems.size() == 1);
  CHECK(lint.problems[0].find("hunspell-en-us") != std::string::npos);

  settings.engine.dict_search_path.reset();  // the real dictionaries: a complete, clean lint
  const hook::OutgoingLint ok =
      hook::lint_outgoing(message, {"sendmail", "-i", "bob@example.org"}, settings);
  CHECK(ok.complete());
  CHECK(ok.file.findings.empty());
}

TEST_CASE("lint_outgoing reports recipients that only the command line names", "[hook]") {
  TempDir dir;
  hook::LintSettings settings;
  settings.config_path = dir.path / "message.eml";
  const std::string message =
      "From: ana@tiendaverde.es\nTo: bob@example.org\nSubject: Your order\n\nHi Bob,\n\nIt left "
      "today.\n\nAna\n";
  const auto lint = hook::lint_outgoing(
      message, {"/usr/sbin/sendmail", "-oem", "-oi", "--", "bob@example.org", "boss@example.org"},
      settings);
  CHECK(lint.complete());
  CHECK(lint.hidden == std::vector<std::string>{"boss@example.org"});
}

TEST_CASE("lint_outgoing turns unusable input and bad settings into problems", "[hook]") {
  TempDir dir;
  hook::LintSettings settings;
  settings.config_path = dir.path / "message.eml";
  CHECK_FALSE(hook::lint_outgoing("", {"sendmail"}, settings).complete());  // empty message
  settings.rules_dir = (dir.path / "no-rules").string();
  const auto no_rules = hook::lint_outgoing("Hi.\n", {"sendmail"}, settings);
  REQUIRE(no_rules.problems.size() == 1);
  CHECK(no_rules.problems[0].find("no-rules") != std::string::npos);
}
