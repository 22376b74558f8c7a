// The fault table of a careless or hostile environment (issue 11): an endless stdin, a FIFO
// where a config should be, a config that other users can write, a cache folder that cannot be
// written or holds what a killed writer left, a HOME that is not there, an output that refuses
// the report. Each case runs the built binary and must end with the documented line and exit
// status, never a hang (timeout(1) would report 124) and never a silent change of behaviour.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
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

const std::string k_binary = shell_quote(REPLYLINT_BINARY);

// `replylint ARGS` in `dir` with `env` (VAR=value …) set, stopped after `seconds`.
replylint::test::Run run_bin(const std::string& args, const fs::path& dir,
                             const std::string& env = "", const std::string& in = "",
                             int seconds = 60) {
  return run_shell(
      "timeout " + std::to_string(seconds) + " env NO_COLOR=1 " + env + " " + k_binary + " " + args,
      in, dir);
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

const std::string k_shouting =
    "Hola Luis,\n\nPOR FAVOR ENVÍE EL FORMULARIO FIRMADO HOY MISMO.\n\nAna\n";
const std::string k_shouting_mail =
    "From: ana@example.com\nTo: luis@example.org\nSubject: formulario\n\n" + k_shouting;
const std::string k_quiet_config = "[rules.shouting]\nenabled = false\n";

}  // namespace

TEST_CASE("environment: sendmail stops reading an endless stdin at the size limit + 1 byte",
          "[robust]") {
  const fs::path dir = scratch_dir("env-endless");
  // The producer only finishes (and writes `finished`) if all 64 MB were read: replylint must
  // stop after 1 MB + 1 byte and refuse, without reading on.
  const auto r =
      run_shell("(yes 2>/dev/null | head -c 67108864 2>/dev/null && touch finished) | timeout 60 " +
                    k_binary + " sendmail --max-size 1MB -- sh -c 'cat > sent.eml'",
                "", dir);
  CHECK(r.status == 70);
  CHECK(r.err ==
        "replylint: error: cannot check the message, nothing sent: -: over the size limit of 1 MB "
        "(--max-size); not checked (--on-error=send sends unchecked)\n");
  CHECK_FALSE(fs::exists(dir / "sent.eml"));
  CHECK_FALSE(fs::exists(dir / "finished"));

  // --on-error=send still sends what the user chose to send unchecked: the whole of it.
  const std::string big = k_shouting_mail + std::string(3000, 'a') + "\n";
  const auto sent =
      run_bin("sendmail --max-size 1KB --on-error=send -- sh -c 'cat > sent.eml'", dir, "", big);
  CHECK(sent.status == 0);
  CHECK(slurp(dir / "sent.eml") == big);
  CHECK(sent.err.find("over the size limit of 1 KB (--max-size); not checked; sending it "
                      "unchecked (--on-error=send)") != std::string::npos);

  // A config's max-size bounds the read in the same way, and the refusal names it.
  write(dir / ".replylint.toml", "max-size = \"1KB\"\n");
  const auto by_config = run_bin("sendmail -- sh -c 'cat > sent2.eml'", dir, "", big);
  CHECK(by_config.status == 70);
  CHECK(by_config.err.find("over the size limit of 1 KB (max-size in ") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "sent2.eml"));
}

TEST_CASE("environment: a FIFO as a config is refused by name, never waited on", "[robust]") {
  const fs::path dir = scratch_dir("env-fifo-config");
  REQUIRE(::mkfifo((dir / "pipe.toml").c_str(), 0644) == 0);
  write(dir / "a.txt", "Hola Luis,\n\ngracias por el informe.\n\nAna\n");

  const auto named = run_bin("check --config pipe.toml a.txt", dir, "", "", 20);
  CHECK(named.status == 2);
  CHECK(named.err == "replylint: error: pipe.toml: cannot read: not a regular file\n");

  const auto hook = run_bin("sendmail --config pipe.toml -- sh -c 'cat > sent.eml'", dir, "",
                            k_shouting_mail, 20);
  CHECK(hook.status == 70);
  CHECK(hook.err.find("pipe.toml: cannot read: not a regular file") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "sent.eml"));

  // The MCP server answers the call with that error and goes on to the next one.
  const std::string call =
      R"({"jsonrpc":"2.0","id":ID,"method":"tools/call","params":{"name":"lint_draft","arguments":{"text":"Hola Luis,\n\ngracias.\n"CONFIG}}})";
  auto request = [&](int id, const std::string& config) {
    std::string line = call;
    line.replace(line.find("ID"), 2, std::to_string(id));
    line.replace(line.find("CONFIG"), 6, config);
    return line + "\n";
  };
  const std::string session =
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})"
      "\n" +
      request(2, R"(,"config":"pipe.toml")") + request(3, "");
  const auto mcp = run_bin("mcp", dir, "", session, 20);
  CHECK(mcp.status == 0);
  CHECK(mcp.out.find(R"("id":2)") != std::string::npos);
  CHECK(mcp.out.find("not a regular file") != std::string::npos);
  CHECK(mcp.out.find(R"("id":3)") != std::string::npos);

  // Found by walking up, a FIFO named .replylint.toml is refused too, not silently passed over.
  fs::create_directories(dir / "sub");
  REQUIRE(::mkfifo((dir / "sub" / ".replylint.toml").c_str(), 0644) == 0);
  write(dir / "sub" / "b.txt", "Hola Luis,\n\ngracias por el informe.\n\nAna\n");
  const auto found = run_bin("check sub/b.txt", dir, "", "", 20);
  CHECK(found.status == 2);
  CHECK(found.err == "replylint: error: sub/b.txt: " + (dir / "sub" / ".replylint.toml").string() +
                         ": cannot read: not a regular file\n");
}

TEST_CASE("environment: a config that other users can write is ignored with one warning",
          "[robust]") {
  const fs::path dir = scratch_dir("env-unsafe-config");
  // Each case: a folder with a config that turns shouting off and a draft that shouts.
  auto make = [&](const std::string& name, fs::perms folder_perms) {
    const fs::path folder = dir / name;
    fs::create_directories(folder);
    write(folder / ".replylint.toml", k_quiet_config);
    write(folder / "draft.txt", k_shouting);
    fs::permissions(folder, folder_perms);
    return folder;
  };
  auto ignored_line = [](const fs::path& folder, const std::string& why) {
    return "replylint: warning: ignoring " + (folder / ".replylint.toml").string() + ": " + why +
           " (to trust it: REPLYLINT_SAFE_CONFIG_DIRS=" + folder.string() + ")\n";
  };
  const fs::perms open_folder = fs::perms::all;  // 0777: anyone may replace the config
  const fs::perms sticky_folder = fs::perms::all | fs::perms::sticky_bit;  // 1777, as /tmp

  SECTION("a folder every user can write") {
    const fs::path folder = make("open", open_folder);
    const auto r = run_bin("check --color never draft.txt", folder);
    CHECK(r.status == 1);
    CHECK(r.out.find("warning[shouting]") != std::string::npos);
    CHECK(r.err == ignored_line(folder, "its folder is writable by every user"));

    // Named with --config, the same file is the user's choice: trusted, no warning.
    const auto named = run_bin("check --config .replylint.toml draft.txt", folder);
    CHECK(named.status == 0);
    CHECK(named.err.empty());

    // Allowed by the user: trusted.
    const auto allowed = run_bin("check draft.txt", folder,
                                 "REPLYLINT_SAFE_CONFIG_DIRS=/nowhere:" + folder.string());
    CHECK(allowed.status == 0);
    CHECK(allowed.err.empty());
    CHECK(run_bin("check draft.txt", folder, "REPLYLINT_SAFE_CONFIG_DIRS='*'").status == 0);
    CHECK(run_bin("check draft.txt", folder, "REPLYLINT_SAFE_CONFIG_DIRS=" + dir.string()).status ==
          0);

    // The hook lints with the config ignored, so the shouting draft is not sent.
    const auto hook = run_bin("sendmail -- sh -c 'cat > sent.eml'", folder, "", k_shouting_mail);
    CHECK(hook.status == 65);
    CHECK(hook.err.find(ignored_line(folder, "its folder is writable by every user")) == 0);
    CHECK_FALSE(fs::exists(folder / "sent.eml"));
  }
  SECTION("a config file every user can write") {
    const fs::path folder =
        make("writable-file", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(folder / ".replylint.toml", fs::perms::others_write, fs::perm_options::add);
    const auto r = run_bin("check --color never draft.txt", folder);
    CHECK(r.status == 1);
    CHECK(r.err == ignored_line(folder, "the file is writable by every user"));
  }
  SECTION("a sticky folder (/tmp, /var/tmp): one's own config is trusted") {
    const fs::path folder = make("sticky-own", sticky_folder);
    const auto r = run_bin("check draft.txt", folder);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
  }
  SECTION("a sticky folder: a config owned by another user is ignored") {
    if (::geteuid() != 0) {
      WARN("not root: a file owned by another user cannot be made here; case skipped");
      return;
    }
    const fs::path folder = make("sticky-other", sticky_folder);
    REQUIRE(::chown((folder / ".replylint.toml").c_str(), 65534, 65534) == 0);
    const auto r = run_bin("check --color never draft.txt", folder);
    CHECK(r.status == 1);
    CHECK(r.err.find("replylint: warning: ignoring " + (folder / ".replylint.toml").string() +
                     ": the file is owned by ") == 0);
    CHECK(r.err.find("uid 65534), not by you") != std::string::npos);
  }
  SECTION("a config writable by a group that is not the owner's own") {
    if (::geteuid() != 0) {
      WARN("not root: the file's group cannot be changed here; case skipped");
      return;
    }
    const fs::path folder =
        make("group", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                          fs::perms::others_read | fs::perms::others_exec);
    REQUIRE(::chown((folder / ".replylint.toml").c_str(), 0, 4242) == 0);  // a group of nobody's
    fs::permissions(folder / ".replylint.toml", fs::perms::group_write, fs::perm_options::add);
    const auto r = run_bin("check draft.txt", folder);
    CHECK(r.status == 1);
    CHECK(r.err.find(": the file is writable by group ") != std::string::npos);
  }
}

TEST_CASE("environment: a cache folder that cannot be written is said once, and not used",
          "[robust]") {
  const fs::path dir = scratch_dir("env-cache-unwritable");
  write(dir / "not-a-folder", "");
  // Below a regular file nothing can be created, even by root.
  const fs::path cache = dir / "not-a-folder" / "cache";
  write(dir / "a.txt",
        "Hola Luis,\n\ngracias por el informe de ayer.\n\nThank you for the report of yesterday, "
        "we will read it today.\n\nAna\n");
  const auto r = run_bin("check a.txt", dir, "REPLYLINT_CACHE_DIR=" + shell_quote(cache.string()));
  CHECK(r.status == 0);
  CHECK(r.out == "1 file checked: 0 errors, 0 warnings, 0 infos\n");
  CHECK(r.err == "replylint: warning: cannot write to the word index cache " + cache.string() +
                     ": Not a directory; checking with Hunspell directly, which is slower (set "
                     "REPLYLINT_CACHE_DIR to a writable folder)\n");
}

TEST_CASE("environment: temporary index files that a killed writer left are removed", "[robust]") {
  const fs::path dir = scratch_dir("env-cache-stale");
  const fs::path cache = dir / "cache";
  fs::create_directories(cache);
  // As a process killed while writing an index leaves them: one long ago, one just now (whose
  // writer may still be at work).
  const fs::path stale = cache / "el_GR-00000000deadbeef.idx.tmp4242";
  const fs::path fresh = cache / "el_GR-00000000feedface.idx.tmp4343";
  write(stale, std::string(1 << 20, 'x'));
  write(fresh, std::string(1 << 20, 'x'));
  fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(1));
  write(dir / "a.txt", "Καλημέρα σας,\n\nσας ευχαριστούμε για το μήνυμά σας.\n\nΝίκος\n");
  const auto r =
      run_bin("check --lang el a.txt", dir, "REPLYLINT_CACHE_DIR=" + shell_quote(cache.string()));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(fresh));
  bool compiled = false;
  for (const auto& entry : fs::directory_iterator(cache))
    compiled = compiled || entry.path().extension() == ".idx";
  CHECK(compiled);
}

TEST_CASE("environment: a HOME that is not there is not created for the cache", "[robust]") {
  const fs::path dir = scratch_dir("env-no-home");
  const fs::path home = dir / "no" / "such" / "home";
  write(dir / "a.txt", "Hola Luis,\n\ngracias por el informe.\n\nAna\n");
  const auto r = run_shell("timeout 60 env -u XDG_CACHE_HOME -u REPLYLINT_CACHE_DIR HOME=" +
                               shell_quote(home.string()) + " " + k_binary + " check a.txt",
                           "", dir);
  CHECK(r.status == 0);
  CHECK(r.out == "1 file checked: 0 errors, 0 warnings, 0 infos\n");
  CHECK(r.err == "replylint: warning: HOME (" + home.string() +
                     ") is not a folder: word indexes are not cached, checking with Hunspell "
                     "directly (set XDG_CACHE_HOME or REPLYLINT_CACHE_DIR)\n");
  CHECK_FALSE(fs::exists(dir / "no"));
}

TEST_CASE("environment: a report that cannot be written is an error, not a pass", "[robust]") {
  if (!fs::exists("/dev/full")) {
    WARN("no /dev/full here: the write-error cases are skipped");
    return;
  }
  const fs::path dir = scratch_dir("env-dev-full");
  write(dir / "a.txt", k_shouting);  // a finding, so that every format has something to write
  // The cause is named when the last flush fails; a write that failed earlier, in the middle of
  // a long report, may leave none.
  const std::string full = "replylint: error: cannot write the report to standard output";
  CHECK(run_shell("timeout 60 " + k_binary + " check a.txt > /dev/full", "", dir).err ==
        full + ": No space left on device\n");
  for (const std::string args :
       {"check --format json a.txt", "check a.txt", "check --format sarif a.txt",
        "check --format github a.txt", "parse a.txt", "parse --format json a.txt", "rules",
        "rules --format json", "explain shouting", "--help", "--version"}) {
    INFO(args);
    const auto r = run_shell("timeout 60 " + k_binary + " " + args + " > /dev/full", "", dir);
    CHECK(r.status == 2);
    CHECK(r.err.rfind(full, 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  // With somewhere to write, the same command reports the finding.
  CHECK(run_bin("check --format json a.txt", dir).status == 1);

  // The hook: a refusal whose report cannot be written is replylint failing (70), and nothing
  // is sent either way.
  const auto hook =
      run_shell("timeout 60 " + k_binary + " sendmail -- sh -c 'cat > sent.eml' 2> /dev/full",
                k_shouting_mail, dir);
  CHECK(hook.status == 70);
  CHECK_FALSE(fs::exists(dir / "sent.eml"));
}
