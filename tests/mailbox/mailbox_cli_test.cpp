// `replylint check` on mailboxes, as a scheduled audit runs it: an mbox (mboxrd, mboxo, CRLF,
// empty, broken) and a Maildir give one report entry per message, named by index and
// Message-ID, with positions that point into the mbox file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/run.hpp"

namespace {

using namespace replylint::test;
using nlohmann::json;

const std::string k_fixtures = "tests/mailbox/fixtures/";

std::vector<std::string> lines_of(const fs::path& file) {
  std::istringstream in(slurp(file));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

// The text at 1-based `line` and code-point `column` of `lines`, `points` code points long.
std::string text_at(const std::vector<std::string>& lines, int line, int column, int points) {
  REQUIRE(line >= 1);
  REQUIRE(static_cast<std::size_t>(line) <= lines.size());
  const std::string& s = lines[static_cast<std::size_t>(line - 1)];
  std::size_t at = 0;
  auto skip = [&](int n) {
    for (int i = 0; i < n && at < s.size(); ++i) {
      ++at;
      while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
    }
  };
  skip(column - 1);
  const std::size_t begin = at;
  skip(points);
  return s.substr(begin, at - begin);
}

json check_json(const std::string& args, Run* run = nullptr) {
  const Run r = run_replylint("check --format json " + args);
  INFO(r.err);
  if (run) *run = r;
  return json::parse(r.out);
}

const json& diagnostic(const json& entry, const std::string& rule) {
  for (const json& d : entry["diagnostics"])
    if (d["rule"] == rule) return d;
  FAIL("no " << rule << " in " << entry.dump());
  static const json none;
  return none;
}

}  // namespace

TEST_CASE("an mboxrd gives one entry per message, positions in the mbox file", "[mailbox]") {
  Run run;
  const json report = check_json(k_fixtures + "sent.mboxrd", &run);
  CHECK(run.status == 1);
  CHECK(run.err.empty());
  const json& files = report["files"];
  REQUIRE(files.size() == 4);
  CHECK(report["summary"]["files"] == 4);
  const std::vector<std::string> ids = {"pago-1@example.es", "order-2@example.com",
                                        "escaped-3@example.com", "entypo-4@example.gr"};
  const std::vector<int> from_lines = {1, 21, 39, 57};
  for (std::size_t i = 0; i < files.size(); ++i) {
    CAPTURE(i);
    CHECK(files[i]["path"] == k_fixtures + "sent.mboxrd");
    CHECK(files[i]["mailbox"]["path"] == k_fixtures + "sent.mboxrd");
    CHECK(files[i]["mailbox"]["format"] == "mboxrd");
    CHECK(files[i]["mailbox"]["index"] == i + 1);
    CHECK(files[i]["mailbox"]["message_id"] == ids[i]);
    CHECK(files[i]["mailbox"]["line"] == from_lines[i]);
  }
  const auto lines = lines_of(project_dir() / k_fixtures / "sent.mboxrd");
  // Message 1, Spanish: the card number, at its line and column in the mbox file; masked.
  const json& card = diagnostic(files[0], "personal-data");
  CHECK(card["line"] == 14);
  CHECK(card["column"] == 37);
  CHECK(card["text"] == "**** **** **** 1111");
  CHECK(text_at(lines, 14, 37, 19) == "4111 1111 1111 1111");
  CHECK(card["message_line"] == 13);
  CHECK(card["message_column"] == 37);
  CHECK(run.out.find("4111 1111 1111 1111") == std::string::npos);
  // Message 2, English: clean, although its body has a "From " line (not after a blank line).
  CHECK(files[1]["diagnostics"].empty());
  CHECK(files[1]["language"] == "en");
  // Message 3: the shouting sentence is on a ">From " line: the column counts the escape.
  const json& shout = diagnostic(files[2], "shouting");
  CHECK(shout["line"] == 51);
  CHECK(text_at(lines, 51, shout["column"], 3) == "NOW");
  CHECK(shout["message_line"] == 12);
  CHECK(shout["message_column"] == shout["column"].get<int>() - 1);
  // Message 4, Greek quoted-printable iso-8859-7: positions are in the decoded part.
  const json& greek = diagnostic(files[3], "shouting");
  CHECK(greek["part"] == "1");
  CHECK(greek["line"] == 6);
  CHECK(greek["text"].get<std::string>().starts_with("ΠΑΡΑΚΑΛΟΥΜΕ"));
  CHECK_FALSE(greek.contains("message_line"));
  CHECK(files[3]["language"] == "el");
}

TEST_CASE("the text report names each message by index and Message-ID", "[mailbox]") {
  const Run r = run_replylint("check " + k_fixtures + "sent.mboxrd");
  CHECK(r.status == 1);
  CHECK(r.out.find(k_fixtures + "sent.mboxrd[1] <pago-1@example.es>:14:37: error[personal-data]") !=
        std::string::npos);
  CHECK(r.out.find(k_fixtures +
                   "sent.mboxrd[4] <entypo-4@example.gr> (part 1):6:1: warning[shouting]") !=
        std::string::npos);
  // The escaped line is shown as the file has it, caret under the flagged words.
  CHECK(r.out.find("51 | >From NOW ON EVERY ORDER SHIPS WITHIN TWO DAYS.\n"
                   "   |       ^^^^") != std::string::npos);
  CHECK(r.out.find("4 messages checked: 1 error, 2 warnings, 0 infos") != std::string::npos);
}

TEST_CASE("mboxo and mboxrd differ on >>From lines", "[mailbox]") {
  const json rd = check_json(k_fixtures + "sent.mboxo");
  const json o = check_json("--mbox-format mboxo " + k_fixtures + "sent.mboxo");
  REQUIRE(o["files"].size() == 2);
  CHECK(o["files"][0]["mailbox"]["format"] == "mboxo");
  CHECK(rd["files"][0]["mailbox"]["format"] == "mboxrd");
  const auto lines = lines_of(project_dir() / k_fixtures / "sent.mboxo");
  const json& shout = diagnostic(o["files"][0], "shouting");
  CHECK(text_at(lines, shout["line"], shout["column"], 6) == "MONDAY");
  // The last message has no final newline: still read whole.
  const json& last = diagnostic(o["files"][1], "shouting");
  CHECK(text_at(lines, last["line"], last["column"], 7) == "NO HACE");
  CHECK(o["files"][1]["mailbox"]["message_id"] == "direccion-2@example.es");
}

TEST_CASE("a CRLF mbox reports the same positions as its LF copy", "[mailbox]") {
  const fs::path dir = scratch_dir("mailbox-crlf");
  std::string crlf;
  for (char c : slurp(project_dir() / k_fixtures / "sent.mboxrd"))
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::ofstream(dir / "sent.mbox", std::ios::binary) << crlf;
  const json lf = check_json(k_fixtures + "sent.mboxrd");
  const json cr = check_json(shell_quote((dir / "sent.mbox").string()));
  REQUIRE(cr["files"].size() == lf["files"].size());
  for (std::size_t i = 0; i < lf["files"].size(); ++i) {
    CAPTURE(i);
    const json& a = lf["files"][i]["diagnostics"];
    const json& b = cr["files"][i]["diagnostics"];
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k)
      for (const char* key : {"rule", "line", "column", "end_line", "end_column", "text"})
        CHECK(a[k][key] == b[k][key]);
  }
  fs::remove_all(dir);
}

TEST_CASE("a Maildir gives one entry per message of cur/ and new/, never tmp/", "[mailbox]") {
  const fs::path dir = scratch_dir("maildir");
  fs::copy(project_dir() / k_fixtures / "Maildir", dir / "Maildir", fs::copy_options::recursive);
  // A message still being delivered: must not be read.
  std::ofstream(dir / "Maildir" / "tmp" / "1741608000.M4P100.host")
      << "From: a@x\nSubject: Re: x\nMessage-ID: <tmp@x>\n\nTHIS IS NOT READY YET AT ALL.\n";
  Run r;
  const json report = check_json(shell_quote((dir / "Maildir").string()), &r);
  CHECK(r.status == 1);
  const json& files = report["files"];
  REQUIRE(files.size() == 3);
  CHECK(files[0]["mailbox"]["format"] == "maildir");
  CHECK(files[0]["mailbox"]["index"] == 1);
  CHECK(files[0]["mailbox"]["message_id"] == "clave-1@example.es");
  CHECK_FALSE(files[0]["mailbox"].contains("line"));
  CHECK(files[0]["path"].get<std::string>().ends_with("cur/1741597200.M1P100.mail.example.es:2,S"));
  CHECK(diagnostic(files[0], "personal-data")["line"] == 12);
  CHECK(files[1]["diagnostics"].empty());
  CHECK(files[2]["path"].get<std::string>().ends_with("new/1741604400.M3P100.mail.example.es"));
  CHECK(diagnostic(files[2], "shouting")["line"] == 12);
  CHECK(r.out.find("tmp@x") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("an empty mbox is a warning, not an error", "[mailbox]") {
  Run r;
  const json report = check_json(k_fixtures + "empty.mbox", &r);
  CHECK(r.status == 0);
  REQUIRE(report["files"].size() == 1);
  CHECK(report["files"][0]["warnings"][0] == "the mailbox holds no messages");
}

TEST_CASE("a broken message is one error line naming the mailbox and index", "[mailbox]") {
  Run r;
  const json report = check_json(k_fixtures + "broken.mbox", &r);
  CHECK(r.status == 2);
  CHECK(r.err ==
        "replylint: error: " + k_fixtures + "broken.mbox[2]: not a text message: binary data\n");
  REQUIRE(report["files"].size() == 3);
  CHECK(report["files"][1]["error"] == "not a text message: binary data");
  CHECK(report["files"][1]["mailbox"]["index"] == 2);
  // The messages around it are still checked.
  CHECK(diagnostic(report["files"][2], "shouting")["line"] == 32);
  // A message over --max-size is refused alone.
  Run big;
  const json limited = check_json("--max-size 300 " + k_fixtures + "sent.mboxrd", &big);
  CHECK(big.status == 2);
  CHECK(big.err.find("sent.mboxrd[4]: message over the size limit") != std::string::npos);
}

TEST_CASE("check --fix and --diff refuse a mailbox and leave it alone", "[mailbox]") {
  const std::string before = slurp(project_dir() / k_fixtures / "sent.mboxrd");
  for (const char* flag : {"--fix", "--diff"}) {
    const Run r = run_replylint(std::string("check ") + flag + " " + k_fixtures + "sent.mboxrd");
    CHECK(r.status == 2);
    CHECK(r.err == "replylint: error: " + k_fixtures +
                       "sent.mboxrd: --fix and --diff never rewrite a mailbox; check it without "
                       "them\n");
  }
  const Run maildir = run_replylint("check --fix " + k_fixtures + "Maildir");
  CHECK(maildir.status == 2);
  CHECK(slurp(project_dir() / k_fixtures / "sent.mboxrd") == before);
}

TEST_CASE("a baseline keys mailbox findings by mailbox and Message-ID", "[mailbox]") {
  const fs::path dir = scratch_dir("mailbox-baseline");
  fs::copy_file(project_dir() / k_fixtures / "sent.mboxrd", dir / "sent.mbox");
  const Run write = run_replylint("check --write-baseline base.json sent.mbox", "", dir);
  CHECK(write.status == 0);
  const json base = json::parse(slurp(dir / "base.json"));
  std::set<std::string> paths;
  for (const json& f : base["findings"]) paths.insert(f["path"]);
  CHECK(paths == std::set<std::string>{"sent.mbox#<entypo-4@example.gr>",
                                       "sent.mbox#<escaped-3@example.com>",
                                       "sent.mbox#<pago-1@example.es>"});
  // A new message added at the top moves every line; the old findings stay hidden.
  const std::string added =
      "From x@example.com Sun Mar  9 09:00:00 2025\nFrom: x@example.com\nTo: y@example.com\n"
      "Subject: Re: New\nMessage-ID: <new-0@example.com>\nIn-Reply-To: <q@example.com>\n\n"
      "Hi,\n\n> Question?\n\nTHIS NEW MESSAGE SHOUTS AT THE CUSTOMER.\n\nBest,\nX\n\n";
  std::ofstream(dir / "sent.mbox", std::ios::binary)
      << added + slurp(project_dir() / k_fixtures / "sent.mboxrd");
  const Run again = run_replylint("check --baseline base.json --format json sent.mbox", "", dir);
  CHECK(again.status == 1);
  const json report = json::parse(again.out);
  int findings = 0;
  for (const json& file : report["files"]) findings += static_cast<int>(file["diagnostics"].size());
  CHECK(findings == 1);
  CHECK(report["files"][0]["mailbox"]["message_id"] == "new-0@example.com");
  fs::remove_all(dir);
}

TEST_CASE("mailbox reports are the same whatever --jobs says", "[mailbox]") {
  const std::string args =
      k_fixtures + "sent.mboxrd " + k_fixtures + "Maildir " + k_fixtures + "sent.mboxo examples/";
  const Run one = run_replylint("check --format json -j 1 " + args);
  const Run four = run_replylint("check --format json -j 4 " + args);
  CHECK(one.out == four.out);
  CHECK(one.status == four.status);
}

TEST_CASE("a file of one message with a From line stays a plain file", "[mailbox]") {
  const fs::path dir = scratch_dir("mailbox-single");
  std::ofstream(dir / "one.eml", std::ios::binary)
      << "From a@x Mon Mar 10 09:00:00 2025\nFrom: a@x\nTo: b@y\nSubject: Hi\n\nHello.\n";
  const json plain = check_json(shell_quote((dir / "one.eml").string()));
  REQUIRE(plain["files"].size() == 1);
  CHECK_FALSE(plain["files"][0].contains("mailbox"));
  const json forced = check_json("--mbox-format mboxrd " + shell_quote((dir / "one.eml").string()));
  REQUIRE(forced["files"].size() == 1);
  CHECK(forced["files"][0]["mailbox"]["index"] == 1);
  fs::remove_all(dir);
}

TEST_CASE("SARIF names the message: mbox region plus a logical location", "[mailbox]") {
  const Run r = run_replylint("check --format sarif " + k_fixtures + "sent.mboxrd " + k_fixtures +
                              "broken.mbox");
  CHECK(r.status == 2);
  const json log = json::parse(r.out);
  const json& results = log["runs"][0]["results"];
  REQUIRE(!results.empty());
  const json& first = results[0]["locations"][0];
  CHECK(first["physicalLocation"]["artifactLocation"]["uri"] == k_fixtures + "sent.mboxrd");
  CHECK(first["physicalLocation"]["region"]["startLine"] == 14);
  CHECK(first["logicalLocations"][0]["name"] == "<pago-1@example.es>");
  CHECK(first["logicalLocations"][0]["fullyQualifiedName"] ==
        k_fixtures + "sent.mboxrd[1] <pago-1@example.es>");
  CHECK(first["logicalLocations"][0]["kind"] == "message");
  const json& note = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
  CHECK(note["message"]["text"] == k_fixtures + "broken.mbox[2]: not a text message: binary data");
  // Valid against the SARIF subset schema the other SARIF tests use.
  const fs::path dir = scratch_dir("mailbox-sarif");
  std::ofstream(dir / "log.json") << r.out;
  const Run v = run_shell(
      std::string(k_debian_python) + " " +
      shell_quote((project_dir() / "tests/templates/validate_json.py").string()) + " " +
      shell_quote((project_dir() / "tests/templates/sarif-2.1.0-subset.schema.json").string()) +
      " " + shell_quote((dir / "log.json").string()));
  INFO(v.out << v.err);
  if (v.status == 3 || v.status == 127)
    WARN("python3-jsonschema not installed: SARIF schema check skipped");
  else
    CHECK(v.status == 0);
  fs::remove_all(dir);
}

TEST_CASE("GitHub annotations point at the mbox line and name the message", "[mailbox]") {
  const Run r = run_replylint("check --format github " + k_fixtures + "sent.mboxrd examples/");
  CHECK(r.status == 1);
  CHECK(r.out.find("::error file=" + k_fixtures +
                   "sent.mboxrd,line=14,col=37,endLine=14,endColumn=56,title=replylint "
                   "personal-data::" +
                   k_fixtures + "sent.mboxrd[1] <pago-1@example.es>: payment card number") !=
        std::string::npos);
  // A finding in a decoded part is annotated on the message's From line.
  CHECK(r.out.find("sent.mboxrd,line=57,title=replylint shouting::") != std::string::npos);
  CHECK(r.out.find(" files and 4 messages checked: ") != std::string::npos);
}
