// Never lose or alter a message (issue 6). `replylint sendmail` either hands the real sendmail
// the exact bytes it received, or sends nothing and exits non-zero so that the mail client keeps
// the draft. The failures are injected with REPLYLINT_TEST_FAULT, which only builds made with
// REPLYLINT_FAULT_INJECTION (on with the tests) honour. A missing dictionary is covered in
// tests/hook/sendmail_test.cpp ("a missing dictionary is a failure of the tool, not a pass").
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/run.hpp"

namespace {

namespace fs = std::filesystem;
using replylint::test::run_shell;
using replylint::test::scratch_dir;
using replylint::test::shell_quote;
using replylint::test::slurp;

// Latin-1 bytes, CRLF line ends and a trailing blank: any re-encoding would show.
const std::string k_message =
    "From: ana@example.com\r\nTo: luis@example.org\r\nSubject: informe\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    "Hola Luis,\r\n\r\nel informe est\xE1 listo. \r\n\r\nAna\r\n";

replylint::test::Run sendmail(const fs::path& dir, const std::string& fault,
                              const std::string& options = "") {
  const std::string env = fault.empty() ? "" : "REPLYLINT_TEST_FAULT=" + fault + " ";
  return run_shell("timeout 60 env " + env + "NO_COLOR=1 " + shell_quote(REPLYLINT_BINARY) +
                       " sendmail " + options + " -- sh -c " + shell_quote("cat > sent.eml"),
                   k_message, dir);
}

}  // namespace

TEST_CASE("never lose a message: without a fault the exact bytes are sent", "[robust]") {
  const fs::path dir = scratch_dir("never-lose-ok");
  const auto r = sendmail(dir, "");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(slurp(dir / "sent.eml") == k_message);
}

TEST_CASE(
    "never lose a message: a rule that throws refuses the message (70), or sends it unchanged with "
    "--on-error=send",
    "[robust]") {
  const fs::path dir = scratch_dir("never-lose-throw");
  const auto refused = sendmail(dir, "rule-throw");
  INFO(refused.err);
  CHECK(refused.status == 70);
  CHECK_FALSE(fs::exists(dir / "sent.eml"));
  CHECK(refused.err.rfind(
            "replylint: error: cannot check the message, nothing sent: -: internal error: rule '",
            0) == 0);
  CHECK(refused.err.find("failed: injected fault (REPLYLINT_TEST_FAULT=rule-throw); not checked") !=
        std::string::npos);

  const auto sent = sendmail(dir, "rule-throw", "--on-error send");
  CHECK(sent.status == 0);
  CHECK(slurp(dir / "sent.eml") == k_message);

  // `check` reports the same failure as an error of that input (exit 2), not as a clean pass.
  std::ofstream(dir / "d.eml", std::ios::binary) << k_message;
  const auto check = run_shell(
      "REPLYLINT_TEST_FAULT=rule-throw " + shell_quote(REPLYLINT_BINARY) + " check d.eml", "", dir);
  CHECK(check.status == 2);
  CHECK(check.err.rfind("replylint: error: d.eml: internal error: rule '", 0) == 0);
  CHECK(slurp(dir / "d.eml") == k_message);
}

TEST_CASE("never lose a message: replylint killed while linting sends nothing and fails",
          "[robust]") {
  // SIGABRT inside a rule stands for any crash or kill before the real sendmail starts: nothing
  // has been handed on, and the caller sees a failure (128 + 6 from the shell), so the mail
  // client keeps the message (mutt: "Error sending message"; git send-email stops).
  const fs::path dir = scratch_dir("never-lose-abort");
  const auto r = sendmail(dir, "abort");
  CHECK(r.status == 134);
  CHECK_FALSE(fs::exists(dir / "sent.eml"));
  // Even --on-error=send cannot send what a dead process holds: still nothing sent, still failure.
  const auto again = sendmail(dir, "abort", "--on-error send");
  CHECK(again.status == 134);
  CHECK_FALSE(fs::exists(dir / "sent.eml"));
}

TEST_CASE(
    "never lose a message: replylint killed while the real sendmail runs still hands over every "
    "byte",
    "[robust]") {
  // The stand-in sendmail kills replylint (its parent) before reading anything, then reads its
  // stdin. Through a pipe it would get at most a pipe buffer of this 1 MB message and send a
  // truncated one; replylint hands it the whole message before it starts.
  const fs::path dir = scratch_dir("never-lose-kill");
  std::string big = k_message;
  for (int i = 0; i < 20000; ++i)
    big += "Una l\xEDnea m\xE1s del informe, la n\xFAmero " + std::to_string(i) + ".\r\n";
  const auto r = run_shell(shell_quote(REPLYLINT_BINARY) + " sendmail --no-verify -- sh -c " +
                               shell_quote("kill -9 $PPID; sleep 0.2; cat > sent.eml; touch done"),
                           big, dir);
  CHECK(r.status == 137);  // replylint died of SIGKILL: the caller sees a failure…
  // The orphaned stand-in goes on after replylint's death: wait for it.
  for (int i = 0; i < 200 && !fs::exists(dir / "done"); ++i) ::usleep(50'000);
  REQUIRE(fs::exists(dir / "done"));
  CHECK(slurp(dir / "sent.eml") == big);  // …and the message went out whole, not cut
}
