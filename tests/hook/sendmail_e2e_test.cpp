// `replylint sendmail` driven the way mutt, neomutt and git send-email drive their sendmail:
// the message on stdin, the real command after "--", recipients appended by the caller.
#include <catch2/catch.hpp>

#include <algorithm>

#include "hook/shell.hpp"

using namespace replylint::test;

namespace {

const fs::path k_fixtures = fs::path(REPLYLINT_TESTS_DIR) / "hook" / "fixtures";

// `replylint [global] sendmail [options] -- FAKE -oem -oi -- bob@example.org carol@example.org`
// as mutt runs it, with `message` on stdin.
Shell wrap(const TempDir& dir, const std::string& message, const std::string& options = "",
           const std::string& env = "", const std::string& global = "") {
  const fs::path fake = fake_sendmail(dir.path);
  return sh(dir.path,
            env + " \"$REPLYLINT\" " + global + " sendmail " + options + " -- '" + fake.string() +
                "' -oem -oi -- bob@example.org carol@example.org\n",
            message);
}

fs::path delivered(const TempDir& dir) { return dir.path / "fake-sendmail.out"; }

}  // namespace

TEST_CASE("sendmail delivers a passing message byte for byte", "[hook]") {
  const std::string name = GENERATE(as<std::string>{}, "pass-plain-7bit.eml", "pass-utf8-8bit.eml",
                                    "pass-mime-base64.eml", "pass-mime-qp.eml");
  CAPTURE(name);
  TempDir dir;
  const std::string message = slurp(k_fixtures / name);
  REQUIRE(!message.empty());
  const Shell r = wrap(dir, message);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  REQUIRE(fs::exists(delivered(dir)));
  CHECK(slurp(delivered(dir)) == message);
  // The same, as a user would check it: the checksums of what went in and what arrived.
  spit(dir.path / "sent.eml", message);
  const Shell sums = sh(dir.path, "sha256sum < sent.eml; sha256sum < fake-sendmail.out\n");
  REQUIRE(sums.out.size() > 64);
  CHECK(sums.out.substr(0, 64) == sums.out.substr(sums.out.find('\n') + 1, 64));
  // The arguments reach the real command untouched, the second "--" included.
  CHECK(slurp(dir.path / "fake-sendmail.args") ==
        "-oem\n-oi\n--\nbob@example.org\ncarol@example.org\n");
}

TEST_CASE("sendmail keeps CRLF line ends and a missing final newline", "[hook]") {
  TempDir dir;
  const std::string message =
      "From: ana@tiendaverde.es\r\nTo: bob@example.org\r\nSubject: Your order\r\n\r\n"
      "Hi Bob,\r\n\r\nYour order left this morning.\r\n\r\nAna";
  const Shell r = wrap(dir, message);
  CHECK(r.status == 0);
  CHECK(slurp(delivered(dir)) == message);
}

TEST_CASE("sendmail refuses a failing message with 65 and sends nothing", "[hook]") {
  const std::string name = GENERATE(as<std::string>{}, "fail-shouting.eml", "fail-mime-base64.eml");
  CAPTURE(name);
  TempDir dir;
  const Shell r = wrap(dir, slurp(k_fixtures / name));
  CHECK(r.status == 65);
  CHECK(!fs::exists(delivered(dir)));
  CHECK(r.err.find("warning[shouting]") != std::string::npos);
  CHECK(r.err.find("nothing sent") != std::string::npos);
  CHECK(r.out.empty());  // stdout is the mail program's, not ours
}

TEST_CASE("sendmail --fail-on error lets warnings through", "[hook]") {
  TempDir dir;
  const std::string message = slurp(k_fixtures / "fail-shouting.eml");
  const Shell r = wrap(dir, message, "--fail-on error");
  CHECK(r.status == 0);
  CHECK(slurp(delivered(dir)) == message);
}

TEST_CASE("sendmail bypass: --no-verify and REPLYLINT_SKIP=1 send unchecked and say so", "[hook]") {
  const std::string message = slurp(k_fixtures / "fail-shouting.eml");
  {
    TempDir dir;
    const Shell r = wrap(dir, message, "--no-verify");
    CHECK(r.status == 0);
    CHECK(slurp(delivered(dir)) == message);
    CHECK(r.err.find("without linting (--no-verify)") != std::string::npos);
  }
  {
    TempDir dir;
    const Shell r = wrap(dir, message, "", "REPLYLINT_SKIP=1");
    CHECK(r.status == 0);
    CHECK(slurp(delivered(dir)) == message);
    CHECK(r.err.find("REPLYLINT_SKIP=1") != std::string::npos);
  }
  {
    TempDir dir;  // any other value is not a bypass
    const Shell r = wrap(dir, message, "", "REPLYLINT_SKIP=0");
    CHECK(r.status == 65);
    CHECK(!fs::exists(delivered(dir)));
  }
}

TEST_CASE("sendmail refuses with 70 when replylint itself fails, or sends with --on-error=send",
          "[hook]") {
  const std::string message = slurp(k_fixtures / "pass-utf8-8bit.eml");
  TempDir broken;
  fs::create_directories(broken.path / "es");
  spit(broken.path / "es" / "quoting.toml", "[[attribution]\nthis is not toml\n");
  spit(broken.path / "bad.toml", "sevrity = 3\n");
  const std::vector<std::pair<std::string, std::string>> failures = {
      {"", "--rules-dir '" + broken.path.string() + "'"},                // broken rule data
      {"", "--rules-dir '" + (broken.path / "missing").string() + "'"},  // no rule data
      {"--config '" + (broken.path / "bad.toml").string() + "'", ""},    // bad config
      {"--config '" + (broken.path / "none.toml").string() + "'", ""},   // missing config
  };
  for (const auto& [options, global] : failures) {
    CAPTURE(options, global);
    {
      TempDir dir;
      const Shell r = wrap(dir, message, options, "", global);
      CHECK(r.status == 70);
      CHECK(!fs::exists(delivered(dir)));
      CHECK(r.err.find("replylint: error: cannot check the message, nothing sent: ") == 0);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    }
    {
      TempDir dir;
      const Shell r = wrap(dir, message, options + " --on-error=send", "", global);
      CHECK(r.status == 0);
      CHECK(slurp(delivered(dir)) == message);
      CHECK(r.err.find("sending it unchecked") != std::string::npos);
    }
  }
}

TEST_CASE("sendmail: a config found by walking up from the working folder applies", "[hook]") {
  TempDir dir;
  spit(dir.path / ".replylint.toml", "[rules.shouting]\nenabled = false\n");
  const std::string message = slurp(k_fixtures / "fail-shouting.eml");
  const Shell r = wrap(dir, message);
  CHECK(r.status == 0);
  CHECK(slurp(delivered(dir)) == message);
  spit(dir.path / ".replylint.toml", "[rules.shoutin]\n");  // a bad one is replylint's failure
  const Shell bad = wrap(dir, message);
  CHECK(bad.status == 70);
}

TEST_CASE("sendmail returns the real command's status", "[hook]") {
  const std::string message = slurp(k_fixtures / "pass-plain-7bit.eml");
  {
    TempDir dir;
    const Shell r = wrap(dir, message, "", "FAKE_STATUS=3");
    CHECK(r.status == 3);
    CHECK(slurp(delivered(dir)) == message);
  }
  {
    TempDir dir;  // EX_TEMPFAIL from the real sendmail is passed on: it is its call, not ours
    const Shell r = wrap(dir, message, "", "FAKE_STATUS=75");
    CHECK(r.status == 75);
  }
  {
    TempDir dir;  // killed by a signal: 128 + signal, as a shell reports it
    spit(dir.path / "die", "#!/bin/sh\ncat >/dev/null\nkill -TERM $$\n");
    fs::permissions(dir.path / "die", fs::perms::owner_all);
    const Shell r = sh(dir.path, "\"$REPLYLINT\" sendmail -- ./die -i bob@example.org\n", message);
    CHECK(r.status == 128 + 15);
  }
  {
    TempDir dir;  // exits without reading its input: no SIGPIPE for us, its status still counts
    const Shell r = sh(dir.path, "\"$REPLYLINT\" sendmail -- /bin/sh -c 'exit 4'\n", message);
    CHECK(r.status == 4);
  }
  {
    TempDir dir;
    const Shell r =
        sh(dir.path, "\"$REPLYLINT\" sendmail -- ./no-such-sendmail -i bob@example.org\n", message);
    CHECK(r.status == 127);
    CHECK(r.err.find("no-such-sendmail: cannot run") != std::string::npos);
  }
}

TEST_CASE("sendmail usage errors exit 64 and send nothing", "[hook]") {
  TempDir dir;
  const std::string message = slurp(k_fixtures / "pass-plain-7bit.eml");
  CHECK(sh(dir.path, "\"$REPLYLINT\" sendmail\n", message).status == 64);
  CHECK(sh(dir.path, "\"$REPLYLINT\" sendmail --\n", message).status == 64);
  CHECK(sh(dir.path, "\"$REPLYLINT\" sendmail --bogus -- /bin/cat\n", message).status == 64);
  CHECK(sh(dir.path, "\"$REPLYLINT\" sendmail --on-error=maybe -- /bin/cat\n", message).status ==
        64);
}

TEST_CASE("sendmail works as mutt's and neomutt's $sendmail", "[hook]") {
  for (const std::string mutt : {"mutt", "neomutt"}) {
    if (!have(mutt)) {
      WARN(mutt + " is not installed (Debian package " + mutt + "): skipped");
      continue;
    }
    INFO(mutt);
    TempDir dir;
    fake_sendmail(dir.path);
    recorder(dir.path);
    const std::string muttrc =
        "set sendmail=\"" + (dir.path / "record").string() + " " + (dir.path / "given").string() +
        " " REPLYLINT_BINARY " sendmail -- " + (dir.path / "fake-sendmail").string() +
        " -oem -oi\"\n"
        "set from=\"Ana Romero <ana@tiendaverde.es>\"\nset use_from=yes\nset charset=\"utf-8\"\n"
        "set send_charset=\"us-ascii:utf-8\"\nset record=\"\"\nset folder=\"" +
        dir.path.string() +
        "\"\n"
        "set spoolfile=\"" +
        (dir.path / "spool").string() + "\"\n";
    spit(dir.path / "muttrc", muttrc);
    const std::string run =
        mutt + " -n -F muttrc -s 'Your order 51190' -b carol@example.org bob@example.org\n";

    const Shell good =
        sh(dir.path, run,
           "Hi Bob,\n\nYour order left our warehouse this morning.\n\nBest regards,\nAna\n");
    CHECK(good.status == 0);
    REQUIRE(fs::exists(dir.path / "fake-sendmail.out"));
    CHECK(slurp(dir.path / "fake-sendmail.out") == slurp(dir.path / "given"));
    CHECK(slurp(dir.path / "fake-sendmail.out").find("Your order left") != std::string::npos);
    CHECK(slurp(dir.path / "fake-sendmail.args").find("carol@example.org") != std::string::npos);

    const Shell utf8 =
        sh(dir.path, run, "Hola Bob:\n\nSu pedido salió ayer del almacén.\n\nUn saludo,\nAna\n");
    CHECK(utf8.status == 0);
    CHECK(slurp(dir.path / "fake-sendmail.out") == slurp(dir.path / "given"));

    fs::remove(dir.path / "fake-sendmail.out");
    const Shell bad =
        sh(dir.path, run, "Hi Bob,\n\nPLEASE SEND THE SIGNED FORM BACK TODAY.\n\nAna\n");
    CHECK(bad.status != 0);
    CHECK(!fs::exists(dir.path / "fake-sendmail.out"));
    CHECK((bad.out + bad.err).find("65") != std::string::npos);  // "child exited 65"
  }
}

TEST_CASE("sendmail works as Emacs message-mode's sendmail-program", "[hook]") {
  if (!have("emacs")) {
    WARN("emacs is not installed (Debian package emacs-nox): skipped");
    return;
  }
  TempDir dir;
  fake_sendmail(dir.path);
  recorder(dir.path);
  // message-mode puts its own "-oi" first, so the README's two-line wrapper script is what
  // sendmail-program names. Here the recorder sits in front of replylint.
  spit(dir.path / "replylint-sendmail",
       "#!/bin/sh\nexec " + (dir.path / "record").string() + " " + (dir.path / "given").string() +
           " \"$REPLYLINT\" sendmail -- " + (dir.path / "fake-sendmail").string() + " \"$@\"\n");
  fs::permissions(dir.path / "replylint-sendmail", fs::perms::owner_all);
  spit(dir.path / "send.el",
       "(require 'message)\n"
       "(setq message-send-mail-function #'message-send-mail-with-sendmail\n"
       "      sendmail-program (expand-file-name \"replylint-sendmail\")\n"
       "      user-mail-address \"ana@tiendaverde.es\" user-full-name \"Ana Romero\"\n"
       "      mail-host-address \"tiendaverde.es\")\n"
       "(message-mail \"bob@example.org\" \"Your order 51190\")\n"
       "(message-goto-body)\n"
       "(insert (getenv \"BODY\"))\n"
       "(message-send)\n");
  const Shell good =
      sh(dir.path,
         "BODY='Hi Bob,\n\nYour order left our warehouse this morning.\n\nBest regards,\nAna\n' "
         "emacs --batch -Q -l send.el\n");
  INFO(good.err);
  CHECK(good.status == 0);
  REQUIRE(fs::exists(dir.path / "fake-sendmail.out"));
  CHECK(slurp(dir.path / "fake-sendmail.out") == slurp(dir.path / "given"));
  CHECK(slurp(dir.path / "fake-sendmail.args") == "-oi\n-f\nana@tiendaverde.es\n-t\n");

  fs::remove(dir.path / "fake-sendmail.out");
  const Shell bad = sh(dir.path,
                       "BODY='Hi Bob,\n\nPLEASE SEND THE SIGNED FORM BACK TODAY.\n\nAna\n' "
                       "emacs --batch -Q -l send.el\n");
  CHECK(bad.status != 0);
  CHECK(!fs::exists(dir.path / "fake-sendmail.out"));
  CHECK(bad.err.find("failed with exit value 65") != std::string::npos);
}

TEST_CASE("sendmail refuses with 70 a message with a part nested too deeply to be read", "[hook]") {
  // The same shouting part, 5 levels deep, is linted and refused; 33 levels deep it is over the
  // nesting limit (32): never linted, so never sent unchecked.
  {
    TempDir dir;
    const Shell r = wrap(dir, slurp(k_fixtures / "fail-shouting-nested-5.eml"));
    CHECK(r.status == 65);
    CHECK(r.err.find("warning[shouting]") != std::string::npos);
  }
  const std::string message = slurp(k_fixtures / "unread-shouting-nested-33.eml");
  {
    TempDir dir;
    const Shell r = wrap(dir, message);
    CHECK(r.status == 70);
    CHECK(!fs::exists(delivered(dir)));
    CHECK(r.err.find("cannot check the message, nothing sent") != std::string::npos);
    CHECK(r.err.find("nested more than 32 levels deep") != std::string::npos);
    // The parser's own warnings reach stderr too.
    CHECK(r.err.find("replylint: warning: -: MIME parts nested more than 32 levels deep") !=
          std::string::npos);
  }
  {
    TempDir dir;
    const Shell r = wrap(dir, message, "--on-error=send");
    CHECK(r.status == 0);
    CHECK(slurp(delivered(dir)) == message);
    CHECK(r.err.find("sending it unchecked") != std::string::npos);
  }
}
