// `replylint check --fix / --unsafe-fixes / --diff`, run as a user runs it, on copies of the
// drafts in tests/fix/drafts/: a bare draft, a mutt draft, a quoted-printable iso-8859-1 .eml,
// a base64 UTF-8 Greek .eml, multipart/alternative ones (Thunderbird, Outlook, one whose HTML
// cannot be edited alike) and a binary file.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/run.hpp"

namespace fs = std::filesystem;

namespace {

using replylint::test::Run;
using replylint::test::shell_quote;
using replylint::test::slurp;

const fs::path k_drafts = fs::path(REPLYLINT_TESTS_DIR) / "fix" / "drafts";

// A copy of the fixture `name` in a fresh scratch folder.
fs::path copy_of(const std::string& name) {
  const fs::path dir = replylint::test::scratch_dir("fix-" + fs::path(name).stem().string());
  fs::copy_file(k_drafts / name, dir / name);
  return dir / name;
}

Run run(const std::string& args, const std::string& stdin_text = "") {
  return replylint::test::run_replylint(args, stdin_text);
}

bool has(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

// The body text the parser reads from `path` (parse --format json).
std::string body_of(const fs::path& path) {
  const Run r = run("parse --format json " + shell_quote(path.string()));
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out)["body"]["text"].get<std::string>();
}

std::string subject_of(const fs::path& path) {
  const Run r = run("parse --format json " + shell_quote(path.string()));
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out)["subject"].get<std::string>();
}

// Fixes `path` again: nothing may change the second time, and --diff agrees.
void check_idempotent(const fs::path& path, bool unsafe = false) {
  const std::string once = slurp(path);
  const std::string flags = unsafe ? " --unsafe-fixes " : " ";
  const Run again = run("check --fix" + flags + shell_quote(path.string()));
  INFO(again.out << again.err);
  CHECK(has(again.out, "(0 fixed)"));
  CHECK(slurp(path) == once);
  const Run diff = run("check --diff" + flags + shell_quote(path.string()));
  CHECK(diff.out.empty());
  CHECK(diff.status == 0);
}

// The decoded content of the first part of type `type` in the message `eml` (quoted-printable
// undone, charset left as is, line ends kept).
std::string part_text(const std::string& eml, const std::string& type) {
  std::size_t at = eml.find("Content-Type: " + type);
  REQUIRE(at != std::string::npos);
  const bool crlf = eml.find("\r\n") != std::string::npos;
  const std::string blank = crlf ? "\r\n\r\n" : "\n\n";
  // The part ends where its boundary line comes again.
  const std::size_t boundary_at = eml.rfind("\n--", at) + 1;
  std::string boundary = eml.substr(boundary_at, eml.find('\n', boundary_at) - boundary_at);
  if (boundary.ends_with('\r')) boundary.pop_back();
  at = eml.find(blank, at) + blank.size();
  const std::size_t end = eml.find((crlf ? "\r\n" : "\n") + boundary, at);
  const std::string stored = eml.substr(at, end - at);
  std::string out;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    if (stored[i] != '=') {
      out += stored[i];
    } else if (stored.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else if (stored.compare(i + 1, 1, "\n") == 0) {
      i += 1;
    } else {
      out += static_cast<char>(std::stoi(stored.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

std::string latin1_to_utf8(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (byte >> 6));
      out += static_cast<char>(0x80 | (byte & 0x3F));
    }
  }
  return out;
}

}  // namespace

TEST_CASE(
    "check --fix writes shouting in sentence case in a bare draft, never in quotes or signature",
    "[fix]") {
  const fs::path path = copy_of("plain-es.txt");
  const std::string before = slurp(path);
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(r.err.empty());
  CHECK(has(r.out, "(1 fixed)"));
  CHECK(!has(r.out, "warning[shouting]"));
  const std::string after = slurp(path);
  CHECK(has(after, "Gracias por escribirnos. Por favor envíe el formulario hoy.\n"));
  CHECK(!has(after, "POR FAVOR"));
  // Quoted text, the attribution line and the signature keep every byte.
  CHECK(has(after, "> NO FUNCIONA NADA DE NADA EN LA WEB\n"));
  CHECK(has(after, "El martes, 4 de marzo de 2025, Ana López escribió:\n"));
  CHECK(has(after, "-- \nMarta Ruiz\nSOPORTE TÉCNICO ACME\n"));
  CHECK(after.size() == before.size());
  check_idempotent(path);
}

TEST_CASE("check --fix edits a mutt draft's body and Subject in place, other headers untouched",
          "[fix]") {
  const fs::path path = copy_of("mutt-es.txt");
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(has(r.out, "(2 fixed)"));
  const std::string after = slurp(path);
  CHECK(has(after,
            "From: Marta Ruiz <marta@acme.example>\nTo: Ana López <ana@cliente.example>\n"
            "Subject: No puedo entrar en mi cuenta de cliente\n"
            "In-Reply-To: <123@cliente.example>\n\n"));
  CHECK(has(after, "Ya hemos revisado su cuenta. Debe cambiar la contraseña antes del lunes.\n"));
  CHECK(has(after, "> NO PUEDO ENTRAR EN MI CUENTA DE CLIENTE\n"));
  check_idempotent(path);
}

TEST_CASE(
    "check --fix keeps a quoted-printable iso-8859-1 message's encoding, charset and line ends",
    "[fix]") {
  const fs::path path = copy_of("qp-latin1-es.eml");
  const std::string before = slurp(path);
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(has(r.out, "(2 fixed)"));
  const std::string after = slurp(path);
  // Headers other than Subject keep their bytes; the subject is encoded in the same charset.
  const std::string head = before.substr(0, before.find("Subject:"));
  CHECK(after.starts_with(head));
  CHECK(has(after,
            "\r\nIn-Reply-To: <456@cliente.example>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=iso-8859-1\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\nX-Mailer: Test 1.0\r\n\r\n"));
  CHECK(has(after, "Subject: No =?iso-8859-1?Q?recib=ED?= la factura de marzo\r\n"));
  CHECK(subject_of(path) == "No recibí la factura de marzo");
  // The body is still quoted-printable Latin-1 with CRLF line ends, the edit alone changed.
  CHECK(has(after, "Por favor env=EDe el formulario hoy mismo.\r\n"));
  CHECK(has(after, "As=ED podremos revisar su caso con atenci=F3n.\r\n"));
  CHECK(has(after, "> NO FUNCIONA NADA DE NADA EN LA WEB\r\n"));
  CHECK(after.find('\n') == after.find("\r\n") + 1);
  CHECK(has(body_of(path), "Por favor envíe el formulario hoy mismo."));
  check_idempotent(path);
}

TEST_CASE("check --fix re-encodes a base64 UTF-8 Greek message and its encoded Subject", "[fix]") {
  const fs::path path = copy_of("base64-utf8-el.eml");
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(has(r.out, "(2 fixed)"));
  const std::string after = slurp(path);
  CHECK(has(after, "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n"));
  CHECK(has(after, "Subject: =?"));
  const std::string body = body_of(path);
  CHECK(!has(body, "ΠΑΡΑΚΑΛΩ ΣΤΕΙΛΤΕ"));
  CHECK(has(body, "> ΔΕΝ ΛΕΙΤΟΥΡΓΕΙ ΤΙΠΟΤΑ ΣΤΗ ΣΕΛΙΔΑ\n"));
  CHECK(has(body, "Με εκτίμηση,\nΜαρία\n"));
  CHECK(subject_of(path).find("ΠΡΟΒΛΗΜΑ") == std::string::npos);
  check_idempotent(path);
}

TEST_CASE("check --fix keeps a format=flowed part's soft line breaks and the attachment", "[fix]") {
  const fs::path path = copy_of("flowed-es.eml");
  const std::string before = slurp(path);
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(has(r.out, "(2 fixed)"));
  const std::string after = slurp(path);
  // The sentence across the soft break is fixed on both lines; the break (a trailing space) stays.
  CHECK(has(after,
            "Gracias por su mensaje. Por favor envíe el \nformulario hoy mismo.\n"
            "Y otra cosa muy importante para usted.\n"));
  CHECK(after.substr(after.find("\n--m\nContent-Type: application/pdf")) ==
        before.substr(before.find("\n--m\nContent-Type: application/pdf")));
  check_idempotent(path);
}

TEST_CASE("check --fix edits a text part and its HTML alternative alike", "[fix]") {
  const fs::path path = copy_of("alternative-en.eml");
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(has(r.out, "(2 fixed)"));  // the subject and the body
  CHECK(!has(r.out, "warning[shouting]"));
  const std::string after = slurp(path);
  CHECK(has(after, "Subject: Your order has not shipped yet\n"));
  CHECK(has(after, "\n\nThanks for writing. Please send the form today.\n\nBest regards,\n"));
  CHECK(has(after, "<p>Thanks for writing. Please send the form today.</p>"));
  CHECK(!has(after, "PLEASE"));
  check_idempotent(path);
}

TEST_CASE("check --fix edits a Thunderbird reply's HTML alternative, never its quote", "[fix]") {
  const fs::path path = copy_of("thunderbird-es.eml");
  const std::string before = slurp(path);
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(has(r.out, "(1 fixed)"));
  CHECK(!has(r.out, "warning[shouting]"));
  const std::string after = slurp(path);
  // The headers and both parts' headers keep their bytes.
  CHECK(after.substr(0, after.find("\n\n")) == before.substr(0, before.find("\n\n")));
  CHECK(has(after,
            "Content-Type: text/plain; charset=UTF-8; format=flowed\n"
            "Content-Transfer-Encoding: quoted-printable\n\n"));
  CHECK(has(after,
            "Content-Type: text/html; charset=UTF-8\n"
            "Content-Transfer-Encoding: quoted-printable\n\n"));
  const std::string plain = body_of(path);
  CHECK(has(plain,
            "Gracias por su mensaje. Por favor envíe el formulario firmado antes del "
            "viernes.\nUn saludo cordial.\n"));
  CHECK(has(plain, "> NO FUNCIONA NADA EN LA PÁGINA. POR FAVOR ENVÍE EL FORMULARIO FIRMADO"));
  const std::string html = part_text(after, "text/html");
  // The HTML keeps its line breaks, &nbsp; and <br>; the quote and the signature are untouched.
  CHECK(has(html,
            "    <p>Gracias por su mensaje. Por favor envíe el formulario firmado antes\n"
            "      del&nbsp;viernes.<br>\n"
            "      Un saludo cordial.</p>\n"));
  CHECK(has(html,
            "<p>NO FUNCIONA NADA EN LA P&Aacute;GINA. POR FAVOR ENV&Iacute;E EL FORMULARIO "
            "FIRMADO ANTES DEL VIERNES.</p>"));
  CHECK(has(html, "<p>Hola&nbsp;Ana,</p>"));
  CHECK(has(html, "Soporte t&eacute;cnico</div>"));
  check_idempotent(path);
}

TEST_CASE("check --diff shows the text part and its HTML alternative changing", "[fix]") {
  const fs::path path = copy_of("thunderbird-es.eml");
  const std::string before = slurp(path);
  const Run r = run("check --diff " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(has(r.out,
            "\n-Gracias por su mensaje. POR FAVOR ENV=C3=8DE EL FORMULARIO FIRMADO ANTES=20\n"));
  CHECK(has(r.out,
            "\n+Gracias por su mensaje. Por favor env=C3=ADe el formulario firmado antes=20\n"));
  CHECK(has(r.out,
            "\n-    <p>Gracias por su mensaje. POR FAVOR ENV&Iacute;E EL FORMULARIO FIRMADO="));
  CHECK(has(r.out, "\n+    <p>Gracias por su mensaje. Por favor env=C3=ADe el formulario firmado"));
  CHECK(slurp(path) == before);
  // The diff applies with patch(1) and gives what --fix writes.
  const fs::path patched = path.parent_path() / "patched.eml";
  fs::copy_file(path, patched);
  std::ofstream(path.parent_path() / "fix.diff") << r.out;
  const Run p = replylint::test::run_shell("patch -s " + shell_quote(patched.string()) + " " +
                                           shell_quote((path.parent_path() / "fix.diff").string()));
  INFO(p.out << p.err);
  REQUIRE(p.status == 0);
  run("check --fix " + shell_quote(path.string()));
  CHECK(slurp(patched) == slurp(path));
}

TEST_CASE("check --fix edits an Outlook iso-8859-1 reply in both parts, CRLF and charset kept",
          "[fix]") {
  const fs::path path = copy_of("outlook-latin1-es.eml");
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(has(r.out, "(1 fixed)"));
  const std::string after = slurp(path);
  // Every line still ends in CRLF, and the parts keep their charset.
  for (std::size_t at = after.find('\n'); at != std::string::npos; at = after.find('\n', at + 1))
    REQUIRE(after[at - 1] == '\r');
  CHECK(has(after,
            "Content-Type: text/html;\r\n\tcharset=\"iso-8859-1\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"));
  const std::string plain = body_of(path);
  CHECK(has(plain,
            "Hemos revisado su caso. Le recordamos que reparaciones & garantía no cubren "
            "daños por agua. Le llamaremos mañana.\n"));
  const std::string html = latin1_to_utf8(part_text(after, "text/html"));
  CHECK(has(html,
            "<p class=MsoNormal>Hemos revisado su caso. Le recordamos que reparaciones "
            "&amp; garantía no\r\ncubren daños por agua. Le llamaremos ma&ntilde;ana."));
  // The message replied to, below Outlook's header block, is not edited in either part.
  CHECK(has(plain, "MI TELÉFONO NO ENCIENDE DESDE AYER."));
  CHECK(has(html, "MI TEL&Eacute;FONO NO ENCIENDE DESDE AYER."));
  check_idempotent(path);
}

TEST_CASE("check --fix refuses a text part whose HTML alternative cannot be edited alike",
          "[fix]") {
  const fs::path path = copy_of("alternative-tag-es.eml");
  const std::string before = slurp(path);
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(has(r.out, "(0 fixed)"));
  CHECK(has(r.out, "part 2 (text/html) is an alternative of the text and"));
  CHECK(has(r.out, "warning[shouting]"));
  CHECK(slurp(path) == before);
  const Run diff = run("check --diff " + shell_quote(path.string()));
  CHECK(diff.out.empty());
}

TEST_CASE("check --diff prints a unified diff, writes nothing, exits 1 when there is one",
          "[fix]") {
  const fs::path path = copy_of("plain-es.txt");
  const std::string before = slurp(path);
  const Run r = run("check --diff " + shell_quote(path.string()));
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(r.out.starts_with("--- " + path.string() + "\n+++ " + path.string() + "\n@@ -"));
  CHECK(has(r.out,
            "\n-Gracias por escribirnos. POR FAVOR ENVÍE EL FORMULARIO HOY.\n"
            "+Gracias por escribirnos. Por favor envíe el formulario hoy.\n"));
  CHECK(has(r.err, "1 fix would be applied"));
  CHECK(slurp(path) == before);
  // The diff applies with patch(1) and gives what --fix writes.
  const fs::path patched = path.parent_path() / "patched.txt";
  fs::copy_file(path, patched);
  std::ofstream(path.parent_path() / "fix.diff") << r.out;
  const Run p = replylint::test::run_shell("patch -s " + shell_quote(patched.string()) + " " +
                                           shell_quote((path.parent_path() / "fix.diff").string()));
  INFO(p.out << p.err);
  REQUIRE(p.status == 0);  // scripts/dev.sh installs patch(1)
  run("check --fix " + shell_quote(path.string()));
  CHECK(slurp(patched) == slurp(path));
}

TEST_CASE("check --fix replaces the file atomically and keeps its mode", "[fix]") {
  const fs::path path = copy_of("plain-es.txt");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read,
                  fs::perm_options::replace);
  struct stat before {};
  REQUIRE(::stat(path.c_str(), &before) == 0);
  const Run r = run("check --fix " + shell_quote(path.string()));
  INFO(r.out << r.err);
  struct stat after {};
  REQUIRE(::stat(path.c_str(), &after) == 0);
  CHECK((after.st_mode & 07777) == 0640);
  CHECK(after.st_ino != before.st_ino);  // a new file renamed over the old one
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(path.parent_path()))
    left.push_back(entry.path().filename().string());
  CHECK(left == std::vector<std::string>{"plain-es.txt"});  // no temporary file left behind
}

TEST_CASE("check --fix - reads stdin and writes the fixed draft to stdout, the report to stderr",
          "[fix]") {
  const Run r = run("check --fix -", slurp(k_drafts / "plain-es.txt"));
  INFO(r.out << r.err);
  CHECK(has(r.out, "Gracias por escribirnos. Por favor envíe el formulario hoy.\n"));
  CHECK(has(r.out, "> NO FUNCIONA NADA DE NADA EN LA WEB\n"));
  CHECK(has(r.err, "(1 fixed)"));
  CHECK(!has(r.out, "fixed"));
  // Nothing to fix: the draft still comes back whole.
  const std::string clean = "Hola Ana,\n\nGracias por escribir.\n\nUn saludo,\nMarta\n";
  const Run c = run("check --fix -", clean);
  CHECK(c.out == clean);
}

TEST_CASE("a UTF-16 file is checked but never rewritten: a fix would re-encode it", "[fix]") {
  const fs::path path = copy_of("utf16le-shouting-es.txt");
  const std::string before = slurp(path);
  for (const char* flags : {"--fix", "--fix --unsafe-fixes"}) {
    const Run r = run(std::string("check ") + flags + " " + shell_quote(path.string()));
    INFO(flags << "\n" << r.out << r.err);
    CHECK(r.status == 1);
    CHECK(has(r.out, "warning[shouting]"));
    CHECK(has(r.out, "not fixed: the file is UTF-16LE; save it as UTF-8 to have fixes applied"));
    CHECK(has(r.out, "(0 fixed)"));
    CHECK(slurp(path) == before);
  }
}

TEST_CASE("a file that cannot be parsed is left byte for byte, with one error line", "[fix]") {
  const fs::path path = copy_of("binary.eml");
  const std::string before = slurp(path);
  for (const char* flags : {"--fix", "--diff", "--fix --unsafe-fixes"}) {
    const Run r = run(std::string("check ") + flags + " " + shell_quote(path.string()));
    INFO(flags << "\n" << r.out << r.err);
    CHECK(r.status == 2);
    CHECK(r.err == "replylint: error: " + path.string() + ": not a text message: binary data\n");
    CHECK(slurp(path) == before);
  }
  // From stdin, the draft comes back as it was.
  const Run piped = run("check --fix -", before);
  CHECK(piped.status == 2);
  CHECK(piped.out == before);
}

TEST_CASE("unsafe fixes wait for --unsafe-fixes: a missing greeting and sign-off", "[fix]") {
  const fs::path path = copy_of("no-greeting-en.txt");
  const std::string before = slurp(path);
  const Run safe = run("check --fix --fail-on info " + shell_quote(path.string()));
  INFO(safe.out << safe.err);
  CHECK(has(safe.out, "(0 fixed)"));
  CHECK(has(safe.out, "info[missing-greeting]"));
  CHECK(slurp(path) == before);
  const Run unsafe = run("check --fix --unsafe-fixes --fail-on info " + shell_quote(path.string()));
  INFO(unsafe.out << unsafe.err);
  CHECK(has(unsafe.out, "(2 fixed)"));
  CHECK(!has(unsafe.out, "info[missing-greeting]"));
  CHECK(!has(unsafe.out, "info[missing-closing]"));
  const std::string after = slurp(path);
  CHECK(has(after, "\n\nWe have checked your order"));
  CHECK(has(after, "It should arrive on Friday.\n\n"));
  check_idempotent(path, true);
}

TEST_CASE("the JSON report carries each fix; --fix adds the count", "[fix]") {
  const Run r = run("check --format json " + shell_quote((k_drafts / "mutt-es.txt").string()));
  const auto report = nlohmann::json::parse(r.out);
  const auto& diagnostics = report["files"][0]["diagnostics"];
  int with_fix = 0;
  for (const auto& d : diagnostics) {
    if (d["rule"] != "shouting") continue;
    ++with_fix;
    REQUIRE(d.contains("fix"));
    CHECK(d["fix"]["applicability"] == "safe");
    const auto& edit = d["fix"]["edits"][0];
    CHECK(edit["line"] == d["line"]);
    CHECK(edit["column"] == d["column"]);
    CHECK(edit["end_column"] == d["end_column"]);
    CHECK(edit["end"].get<int>() - edit["start"].get<int>() ==
          static_cast<int>(d["text"].get<std::string>().size()));
  }
  CHECK(with_fix == 2);
  CHECK(!report["files"][0].contains("fixed"));
  CHECK(!report["summary"].contains("fixed"));

  const fs::path path = copy_of("mutt-es.txt");
  const auto fixed =
      nlohmann::json::parse(run("check --fix --format json " + shell_quote(path.string())).out);
  CHECK(fixed["files"][0]["fixed"] == 2);
  CHECK(fixed["summary"]["fixed"] == 2);
}

TEST_CASE("the pre-send hook has no way to fix", "[fix]") {
  const Run r = run("sendmail --fix -- /bin/true", slurp(k_drafts / "mutt-es.txt"));
  CHECK(r.status != 0);
  CHECK(has(r.err, "--fix"));
}

TEST_CASE(
    "check --fix --unsafe-fixes deletes a repeated word, keeping the lines and the doubles "
    "meant",
    "[fix]") {
  const fs::path path = copy_of("repeated-words-en.txt");
  const std::string before = slurp(path);
  const Run safe = run("check --fix " + shell_quote(path.string()));
  INFO(safe.out << safe.err);
  CHECK(has(safe.out, "(0 fixed)"));
  CHECK(slurp(path) == before);
  const Run unsafe = run("check --fix --unsafe-fixes " + shell_quote(path.string()));
  INFO(unsafe.out << unsafe.err);
  CHECK(has(unsafe.out, "(2 fixed)"));
  CHECK(slurp(path) ==
        "Hi Sam,\n\nThanks for the details. The\norder left our warehouse today and I had had no "
        "news from the courier until now.\n\nBest regards,\nPedro\n");
  check_idempotent(path, true);
}
