// The bad input table (issue 6): every case goes through the built binary (`check`, and `parse`
// and `sendmail` where they apply) and must end with the documented message and exit status,
// never a crash (a status of 128 or more is a signal), never a hang, and with the input file
// byte for byte as it was.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/run.hpp"

namespace {

namespace fs = std::filesystem;
using replylint::test::run_shell;
using replylint::test::scratch_dir;
using replylint::test::shell_quote;
using replylint::test::slurp;

const fs::path k_fixtures = fs::path(REPLYLINT_TESTS_DIR) / "robust" / "fixtures";

// The longest any one case may take: a hang shows as a timeout's 124, not a stuck suite.
const std::string k_timeout = "timeout 60 ";

struct Case {
  std::string file;  // in tests/robust/fixtures
  int check_status;  // `check`'s exit status
  std::string
      message;  // the line that must appear: "PATH: warning: …" on stdout, or the error on stderr
  bool error;   // true: "replylint: error: PATH: message" on stderr
};

// Copies a fixture into a scratch folder (so no test ever points the binary at the source tree)
// and remembers its bytes and modification time.
struct Copy {
  fs::path path;
  std::string bytes;
  fs::file_time_type mtime;
};

Copy copy_fixture(const std::string& name, const fs::path& dir) {
  Copy c;
  c.path = dir / name;
  fs::copy_file(k_fixtures / name, c.path, fs::copy_options::overwrite_existing);
  c.bytes = slurp(c.path);
  c.mtime = fs::last_write_time(c.path);
  return c;
}

void require_untouched(const Copy& c) {
  INFO(c.path);
  CHECK(slurp(c.path) == c.bytes);
  CHECK(fs::last_write_time(c.path) == c.mtime);
}

// `replylint ARGS` in `dir`, stopped after a minute.
replylint::test::Run run_bin(const std::string& args, const fs::path& dir) {
  return run_shell(k_timeout + "env NO_COLOR=1 " + shell_quote(REPLYLINT_BINARY) + " " + args, "",
                   dir);
}

// Exit statuses of 128 and above come from signals (the shell reports 128 + N).
void require_no_crash(const replylint::test::Run& r) {
  INFO(r.err);
  CHECK(r.status >= 0);
  CHECK(r.status < 124);  // 124: timeout(1) had to stop it; >= 128: killed by a signal
}

}  // namespace

TEST_CASE("bad input table: check, parse and sendmail on each broken message", "[robust]") {
  const std::vector<Case> table = {
      {"empty.eml", 2, "replylint: error: empty.eml: empty file", true},
      {"nul-bytes.eml", 0,
       "nul-bytes.eml: warning: 2 NUL byte(s) in the input: it is not plain text", false},
      // "Buenos d\uFFFDas": read as English, and en_GB lists "Buenos" (Aires): nothing to report.
      {"invalid-utf8.eml", 0,
       "invalid-utf8.eml: warning: 3 invalid byte sequence(s) in part 1 replaced by U+FFFD", false},
      {"unknown-charset.eml", 0,
       "unknown-charset.eml: warning: unknown charset 'x-klingon-8' in part 1; read as "
       "windows-1252",
       false},
      {"base64-garbage.eml", 0,
       "base64-garbage.eml: warning: invalid base64 in part 1; decoded as far as possible", false},
      {"truncated-qp.eml", 0,
       "truncated-qp.eml: warning: invalid quoted-printable in part 1; decoded as far as possible",
       false},
      {"boundary-never-closes.eml", 0,
       "boundary-never-closes.eml: warning: truncated message: a MIME boundary is not closed",
       false},
      {"part-no-headers.eml", 0, "", false},  // valid MIME: a part without headers is text/plain
      {"headers-only.eml", 0, "headers-only.eml: warning: header block with no body", false},
      {"long-header.eml", 0,
       "long-header.eml: warning: line 3: header line of 1216 characters (RFC 5322 allows 998)",
       false},
      {"folded-forever.eml", 0, "folded-forever.eml: warning: header block with no body", false},
  };
  const fs::path dir = scratch_dir("bad-input");
  for (const Case& c : table) {
    SECTION(c.file) {
      const Copy copy = copy_fixture(c.file, dir);
      const auto check = run_bin("check --color never " + c.file, dir);
      INFO("check stdout: " << check.out << "\ncheck stderr: " << check.err);
      require_no_crash(check);
      CHECK(check.status == c.check_status);
      if (c.error) {
        CHECK(check.err == c.message + "\n");
      } else {
        CHECK(check.err.empty());
        if (!c.message.empty()) CHECK(check.out.find(c.message + "\n") != std::string::npos);
      }
      require_untouched(copy);

      // parse reads the same way: the same error, or a model with the same warning.
      const auto parse = run_bin("parse " + c.file, dir);
      INFO("parse stdout: " << parse.out << "\nparse stderr: " << parse.err);
      require_no_crash(parse);
      CHECK(parse.status == (c.error ? 2 : 0));
      if (c.error) CHECK(parse.err == c.message + "\n");
      require_untouched(copy);

      // The hook hands the real sendmail exactly the bytes it got, or refuses: never a changed
      // message. `cat` stands in for sendmail and writes what it receives.
      const fs::path sent = dir / (c.file + ".sent");
      fs::remove(sent);
      const auto hook = run_shell(k_timeout + shell_quote(REPLYLINT_BINARY) +
                                      " sendmail --fail-on error -- sh -c " +
                                      shell_quote("cat > " + shell_quote(sent.string())) + " < " +
                                      shell_quote(copy.path.string()),
                                  "", dir);
      INFO("sendmail stderr: " << hook.err);
      require_no_crash(hook);
      if (c.error) {
        CHECK(hook.status == 70);  // replylint cannot check it: refused, nothing sent
        CHECK_FALSE(fs::exists(sent));
      } else if (hook.status == 0) {
        CHECK(slurp(sent) == copy.bytes);
      } else {
        CHECK(hook.status == 65);  // the lint found an error: refused, nothing sent
        CHECK_FALSE(fs::exists(sent));
      }
      require_untouched(copy);
    }
  }
}

TEST_CASE("bad input table: a FIFO is refused when named and skipped in a folder walk",
          "[robust]") {
  const fs::path dir = scratch_dir("bad-input-fifo");
  REQUIRE(::mkfifo((dir / "pipe.eml").c_str(), 0644) == 0);
  const auto check = run_bin("check --color never pipe.eml", dir);
  require_no_crash(check);
  CHECK(check.status == 2);
  CHECK(check.err ==
        "replylint: error: pipe.eml: cannot read: not a regular file (pipe it to '-' instead)\n");
  const auto parse = run_bin("parse pipe.eml", dir);
  CHECK(parse.status == 2);
  CHECK(parse.err ==
        "replylint: error: pipe.eml: cannot read: not a regular file (pipe it to '-' instead)\n");

  // In a folder, a FIFO matching the include globs is not a draft: skipped, the walk goes on.
  fs::create_directories(dir / "drafts");
  REQUIRE(::mkfifo((dir / "drafts" / "b.eml").c_str(), 0644) == 0);
  std::ofstream(dir / "drafts" / "a.txt") << "Hola Luis,\n\ngracias por el informe.\n\nAna\n";
  const auto walk = run_bin("check --color never drafts", dir);
  require_no_crash(walk);
  CHECK(walk.status == 0);
  CHECK(walk.err.empty());
  CHECK(walk.out == "1 file checked: 0 errors, 0 warnings, 0 infos\n");
}

TEST_CASE("bad input table: symbolic link loops end the walk", "[robust]") {
  const fs::path dir = scratch_dir("bad-input-loop");
  fs::create_directories(dir / "drafts" / "sub");
  std::ofstream(dir / "drafts" / "sub" / "a.txt")
      << "Hola Luis,\n\ngracias por el informe.\n\nAna\n";
  fs::create_directory_symlink("..", dir / "drafts" / "sub" / "up");  // a loop through the parent
  fs::create_directory_symlink("../sub", dir / "drafts" / "sub" / "self");  // a loop onto itself
  const auto walk = run_bin("check --color never drafts", dir);
  require_no_crash(walk);
  CHECK(walk.status == 0);
  CHECK(walk.err.empty());
  CHECK(walk.out == "1 file checked: 0 errors, 0 warnings, 0 infos\n");
}

TEST_CASE("bad input table: a folder of 10,000 drafts", "[robust]") {
  const fs::path dir = scratch_dir("bad-input-many");
  fs::create_directories(dir / "many");
  for (int i = 0; i < 10000; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "d%05d.txt", i);
    std::ofstream(dir / "many" / name)
        << "Hola Luis,\n\ngracias por el informe " << i << ".\n\nAna\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const auto walk = run_bin("check --color never many", dir);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("10,000 drafts checked in " << seconds << " s");
  require_no_crash(walk);
  CHECK(walk.status == 0);
  CHECK(walk.err.empty());
  CHECK(walk.out == "10000 files checked: 0 errors, 0 warnings, 0 infos\n");
  fs::remove_all(dir);
}

TEST_CASE("bad input table: an unreadable file", "[robust]") {
  const fs::path dir = scratch_dir("bad-input-unreadable");
  fs::permissions(dir, fs::perms::all);  // the unprivileged user below must reach the file
  std::ofstream(dir / "secret.txt") << "Hola Luis,\n\ngracias.\n\nAna\n";
  fs::permissions(dir / "secret.txt", fs::perms::none);
  std::string prefix;
  if (::geteuid() == 0) {
    // Root reads anything, so permissions only bite once replylint runs as someone else.
    if (run_shell("command -v setpriv && setpriv --reuid=65534 --regid=65534 --clear-groups true")
            .status != 0) {
      WARN("running as root without a working setpriv: the unreadable-file case is skipped");
      return;
    }
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    // That user must reach the binary and this folder at all: a checkout under a folder closed
    // to others (mktemp -d makes them 0700) stops it before replylint even starts.
    const auto reach = run_shell(
        prefix + "sh -c " +
            shell_quote("test -x . && exec " + shell_quote(REPLYLINT_BINARY) + " --version"),
        "", dir);
    if (reach.status != 0) {
      WARN("user 65534 cannot run " << REPLYLINT_BINARY << " from " << dir.string()
                                    << " (a folder above it is closed to other users): the "
                                       "unreadable-file case is skipped");
      return;
    }
  }
  const auto r = run_shell(
      prefix + "env NO_COLOR=1 " + shell_quote(REPLYLINT_BINARY) + " check secret.txt", "", dir);
  require_no_crash(r);
  CHECK(r.status == 2);
  CHECK(r.err == "replylint: error: secret.txt: cannot read: Permission denied\n");
}

TEST_CASE("bad input table: a config with a syntax error", "[robust]") {
  const fs::path dir = scratch_dir("bad-input-config");
  fs::copy(k_fixtures / "bad-config", dir / "bad-config");
  const auto found = run_bin("check bad-config/draft.txt", dir);
  require_no_crash(found);
  CHECK(found.status == 2);
  CHECK(found.err ==
        "replylint: error: bad-config/draft.txt: " + (dir / "bad-config/.replylint.toml").string() +
            ":2: invalid TOML: error while parsing table header: expected ']', saw '\\n'\n");
  const auto named = run_bin("check --config bad-config/.replylint.toml bad-config/draft.txt", dir);
  require_no_crash(named);
  CHECK(named.status == 2);
  CHECK(named.err ==
        "replylint: error: bad-config/.replylint.toml:2: invalid TOML: error while parsing table "
        "header: expected ']', saw '\\n'\n");
}

TEST_CASE("bad input table: a rules file with a pattern that does not compile", "[robust]") {
  const fs::path dir = scratch_dir("bad-input-rules");
  fs::copy(replylint::test::project_dir() / "rules", dir / "rules", fs::copy_options::recursive);
  const fs::path file = dir / "rules" / "common" / "placeholders.toml";
  std::string text = slurp(file);
  const std::string good = "'\\$\\{(?-i:";
  REQUIRE(text.find(good) != std::string::npos);
  text.replace(text.find(good), good.size(), "'(\\$\\{(?-i:");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  std::ofstream(dir / "a.txt") << "Hola Luis,\n\ngracias.\n\nAna\n";
  const auto r = run_bin("--rules-dir rules check a.txt", dir);
  require_no_crash(r);
  CHECK(r.status == 2);
  // The line the broken pattern is on, counted in the file itself.
  const std::size_t at = text.find("'(\\$\\{(?-i:");
  const auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  CHECK(r.err == "replylint: error: rules/common/placeholders.toml:" + std::to_string(line) +
                     ": pattern does not compile: "
                     "'(\\$\\{(?-i:[\\p{L}_][\\p{L}\\p{N}_.]*)\\}' (U_REGEX_MISMATCHED_PAREN)\n");
  CHECK(r.out.empty());
}
