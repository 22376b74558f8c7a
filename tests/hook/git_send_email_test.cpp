// A real `git send-email` (Debian git-email) in a throwaway repository, with the validate hook
// written by `replylint install-hook git-send-email` and a sendmail command that records what
// it receives. Only the prose of a patch is linted; the diff never is.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "hook/shell.hpp"

using namespace replylint::test;

namespace {

constexpr const char* k_git = "git -c user.name='Ana Romero' -c user.email=ana@tiendaverde.es";

bool have_send_email() { return std::system("test -x \"$(git --exec-path)/git-send-email\"") == 0; }

// What a failed run of git send-email lacks, from its own message: "The 'Mail::Address' module
// is not here" (Debian builds git with NO_PERL_CPAN_FALLBACKS) or Perl's "Can't locate X/Y.pm".
std::string missing_piece(const std::string& err) {
  static const std::vector<std::pair<std::string, std::string>> k_packages = {
      {"Mail::Address", "libmailtools-perl"},
      {"Authen::SASL", "libauthen-sasl-perl"},
      {"IO::Socket::SSL", "libio-socket-ssl-perl"},
      {"Net::SMTP::SSL", "libnet-smtp-ssl-perl"},
      {"Email::Valid", "libemail-valid-perl"}};
  std::string module;
  if (const auto at = err.find("The '"); at != std::string::npos) {
    const auto end = err.find('\'', at + 5);
    if (end != std::string::npos) module = err.substr(at + 5, end - at - 5);
  } else if (const auto at = err.find("Can't locate "); at != std::string::npos) {
    const auto end = err.find(".pm", at);
    if (end != std::string::npos) {
      module = err.substr(at + 13, end - at - 13);
      for (std::size_t slash; (slash = module.find('/')) != std::string::npos;)
        module.replace(slash, 1, "::");
    }
  }
  if (module.empty()) return "see its message below";
  for (const auto& [name, package] : k_packages)
    if (name == module)
      return "the Perl module " + module + " is missing (Debian package " + package + ")";
  return "the Perl module " + module + " is missing";
}

// Whether the git send-email tests can run. Not installed: a visible skip. Installed but unable
// to run at all (a Perl module its package only recommends): the test fails here, naming the
// program and what it lacks, instead of later on a side effect. The probe is a dry run of one
// patch file, which reads addresses as a real send does.
bool send_email_ready() {
  if (!have_send_email()) {
    WARN("git send-email is not installed (Debian package git-email): skipped");
    return false;
  }
  TempDir dir;
  spit(dir.path / "probe.patch",
       "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
       "From: Ana Romero <ana@tiendaverde.es>\nSubject: [PATCH] probe\n\nprobe\n");
  const Shell probe = sh(dir.path, std::string(k_git) +
                                       " send-email --dry-run --confirm=never --to=bob@example.org "
                                       "--sendmail-cmd=true probe.patch\n");
  if (probe.status != 0) {
    const std::string first_line = probe.err.substr(0, probe.err.find('\n'));
    FAIL("git send-email is installed but cannot run: " + missing_piece(probe.err) +
         " (bash scripts/dev.sh deps installs it)\n  git send-email said: " + first_line);
  }
  return true;
}

// A repository with one commit, the hook installed, and a sendmail that writes to files.
void make_repo(const TempDir& dir) {
  fake_sendmail(dir.path);
  recorder(dir.path);
  const Shell r = sh(dir.path, std::string("set -e\ngit init -q repo\ncd repo\n") + k_git +
                                   " commit -q --allow-empty -m 'Initial commit'\n"
                                   "\"$REPLYLINT\" install-hook git-send-email\n");
  REQUIRE(r.status == 0);
  REQUIRE(r.out.find("sendemail-validate") != std::string::npos);
}

// Commits a file whose contents are full of misspellings, with `message` as commit message.
void commit(const TempDir& dir, const std::string& file, const std::string& message) {
  spit(dir.path / "repo" / file, "int mian(void) { retrun 0; } /* teh recieve adress */\n");
  spit(dir.path / "message.txt", message);
  const Shell r = sh(dir.path, std::string("set -e\ncd repo\ngit add .\n") + k_git +
                                   " commit -q -F ../message.txt\n");
  REQUIRE(r.status == 0);
}

// git send-email of the last commit to bob@example.org, through `record given replylint sendmail
// -- fake-sendmail`, so the test sees what git gave replylint and what the real sendmail got.
Shell send_last(const TempDir& dir, const std::string& extra = "") {
  const std::string cmd = (dir.path / "record").string() + " " + (dir.path / "given").string() +
                          " \"$REPLYLINT\" sendmail -- " + (dir.path / "fake-sendmail").string();
  return sh(dir.path, std::string("cd repo\n") + k_git + " send-email --sendmail-cmd='" + cmd +
                          "' --to=bob@example.org --confirm=never --no-annotate --quiet " + extra +
                          " -1\n");
}

}  // namespace

TEST_CASE("git send-email: a clean patch with typos in its diff is delivered byte for byte",
          "[hook]") {
  if (!send_email_ready()) return;
  TempDir dir;
  make_repo(dir);
  commit(dir, "main.c",
         "Add the main program\n\nThis adds a small program that returns zero, so the build has "
         "something to compile.\n");
  const Shell r = send_last(dir);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  REQUIRE(fs::exists(dir.path / "fake-sendmail.out"));
  const std::string arrived = slurp(dir.path / "fake-sendmail.out");
  CHECK(arrived == slurp(dir.path / "given"));
  CHECK(arrived.find("+int mian(void) { retrun 0; } /* teh recieve adress */") !=
        std::string::npos);
  const Shell sums = sh(dir.path, "sha256sum < given; sha256sum < fake-sendmail.out\n");
  CHECK(sums.out.substr(0, 64) == sums.out.substr(sums.out.find('\n') + 1, 64));
  CHECK(slurp(dir.path / "fake-sendmail.args").find("bob@example.org") != std::string::npos);
}

TEST_CASE("git send-email: a patch whose commit message shouts is refused by the hook", "[hook]") {
  if (!send_email_ready()) return;
  TempDir dir;
  make_repo(dir);
  commit(dir, "main.c",
         "Add the main program\n\nTHIS FIXES THE BUILD ON EVERY PLATFORM WE SUPPORT.\n");
  const Shell r = send_last(dir);
  CHECK(r.status != 0);
  CHECK(!fs::exists(dir.path / "fake-sendmail.out"));
  CHECK(!fs::exists(dir.path / "given"));  // the hook stopped it before any sendmail ran
  CHECK((r.out + r.err).find("warning[shouting]") != std::string::npos);
  CHECK((r.out + r.err).find("mian") == std::string::npos);  // the diff is not linted

  // Without git's hook, `replylint sendmail` as --sendmail-cmd refuses it all the same.
  const Shell unhooked = send_last(dir, "--no-validate");
  CHECK(unhooked.status != 0);
  CHECK(!fs::exists(dir.path / "fake-sendmail.out"));
  CHECK(unhooked.err.find("nothing sent") != std::string::npos);

  // REPLYLINT_SKIP=1 lets the hook and the wrapper pass it.
  const std::string cmd = (dir.path / "fake-sendmail").string();
  const Shell skipped =
      sh(dir.path, std::string("cd repo\nREPLYLINT_SKIP=1 ") + k_git +
                       " send-email --sendmail-cmd='\"$REPLYLINT\" sendmail -- " + cmd +
                       "' --to=bob@example.org --confirm=never --quiet -1\n");
  CHECK(skipped.status == 0);
  CHECK(fs::exists(dir.path / "fake-sendmail.out"));
}

TEST_CASE("git send-email: the repository's .replylint.toml applies to the hook", "[hook]") {
  if (!send_email_ready()) return;
  TempDir dir;
  make_repo(dir);
  spit(dir.path / "repo" / ".replylint.toml", "[rules.shouting]\nenabled = false\n");
  commit(dir, "main.c",
         "Add the main program\n\nTHIS FIXES THE BUILD ON EVERY PLATFORM WE SUPPORT.\n");
  // Only the hook is under test here: the sendmail is the fake one directly.
  const Shell r = sh(dir.path, std::string("cd repo\n") + k_git + " send-email --sendmail-cmd='" +
                                   (dir.path / "fake-sendmail").string() +
                                   "' --to=bob@example.org --confirm=never --quiet -1\n");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(fs::exists(dir.path / "fake-sendmail.out"));
}

TEST_CASE("install-hook refuses to overwrite a hook without --force", "[hook]") {
  TempDir dir;
  const Shell init = sh(dir.path, "git init -q repo\n");
  REQUIRE(init.status == 0);
  const fs::path hook = dir.path / "repo" / ".git" / "hooks" / "sendemail-validate";
  spit(hook, "#!/bin/sh\n# my own hook\n");
  const Shell refused = sh(dir.path, "cd repo && \"$REPLYLINT\" install-hook git-send-email\n");
  CHECK(refused.status == 2);
  CHECK(refused.err.find("replylint: error: ") == 0);
  CHECK(refused.err.find("already there; use --force") != std::string::npos);
  CHECK(slurp(hook) == "#!/bin/sh\n# my own hook\n");

  const Shell forced =
      sh(dir.path, "cd repo && \"$REPLYLINT\" install-hook git-send-email --force\n");
  CHECK(forced.status == 0);
  const std::string script = slurp(hook);
  CHECK(script.find(std::string("exec '") + REPLYLINT_BINARY + "' check -- \"$1\"") !=
        std::string::npos);
  CHECK((fs::status(hook).permissions() & fs::perms::owner_exec) != fs::perms::none);
}

TEST_CASE("install-hook honours core.hooksPath and runs from a subfolder", "[hook]") {
  TempDir dir;
  const Shell r =
      sh(dir.path,
         "set -e\ngit init -q repo\ncd repo\ngit config core.hooksPath .githooks\n"
         "mkdir -p sub/deeper\ncd sub/deeper\n\"$REPLYLINT\" install-hook git-send-email\n");
  CHECK(r.status == 0);
  CHECK(fs::exists(dir.path / "repo" / ".githooks" / "sendemail-validate"));
  CHECK(!fs::exists(dir.path / "repo" / ".git" / "hooks" / "sendemail-validate"));
}

TEST_CASE("install-hook outside a repository is one clear error", "[hook]") {
  TempDir dir;
  const Shell r =
      sh(dir.path, "GIT_CEILING_DIRECTORIES=\"$PWD\" \"$REPLYLINT\" install-hook git-send-email\n");
  CHECK(r.status == 2);
  CHECK(r.err.find("replylint: error: ") == 0);
  CHECK(r.err.find("not inside a git repository") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(sh(dir.path, "\"$REPLYLINT\" install-hook svn\n").status == 2);
}
