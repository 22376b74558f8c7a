// personal-data end to end: the built binary must never print a value it flags, in any report
// format or in the sendmail hook's refusal, and the hook must not send the message.
#include <catch2/catch.hpp>

#include "hook/shell.hpp"

using namespace replylint::test;

namespace {

// A reply leaking a card number (subject and body), a password, an IBAN, and a customer's card
// number in the quoted original, with a misspelt word around them for the other rules.
const std::string k_leaky_reply =
    "From: Lucía Romero <lucia@tiendaverde.es>\n"
    "To: Ana García <ana.garcia@example.com>\n"
    "Subject: Re: Cargo en la tarjeta 4012888888881881\n"
    "In-Reply-To: <x1@example.com>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "\n"
    "Hola Ana,\n"
    "\n"
    "Su contraseña temporal es Zq71#vbwd y el cargo se hizo a la tarjeta 4012 8888 8888 1881.\n"
    "Le devolvemos el importe a la cuenta ES91 2100 0418 4502 0005 1332 en tres dias.\n"
    "\n"
    "Un saludo,\n"
    "Lucía\n"
    "\n"
    "El lun, 3 mar 2025 a las 10:00, Ana García <ana.garcia@example.com> escribió:\n"
    "> Mi tarjeta es la 5555 5555 5555 4444.\n";

// Pieces of each raw value that no output may hold (none is in the rule's docs, which SARIF
// prints).
const std::vector<std::string> k_raw_pieces{
    "4012888888881881", "4012 8888 8888", "Zq71",          "vbwd",
    "ES91 2100",        "2100 0418 4502", "5555 5555 5555"};

void check_no_leak(const std::string& output) {
  for (const std::string& piece : k_raw_pieces) {
    CAPTURE(piece);
    CHECK(output.find(piece) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("personal-data: no report format prints the flagged values", "[hook][personal-data]") {
  const std::string format = GENERATE(as<std::string>{}, "text", "json", "sarif", "github");
  CAPTURE(format);
  TempDir dir;
  spit(dir.path / "reply.eml", k_leaky_reply);
  const Shell r = sh(dir.path, "\"$REPLYLINT\" check --format " + format + " reply.eml\n");
  CHECK(r.status == 1);
  CHECK(r.out.find("personal-data") != std::string::npos);
  check_no_leak(r.out);
  check_no_leak(r.err);
}

TEST_CASE("personal-data: the sendmail hook refuses and its stderr holds no value",
          "[hook][personal-data]") {
  TempDir dir;
  const fs::path fake = fake_sendmail(dir.path);
  const Shell r =
      sh(dir.path, "\"$REPLYLINT\" sendmail -- '" + fake.string() + "' -oi -- ana@example.com\n",
         k_leaky_reply);
  CHECK(r.status == 65);
  CHECK(!fs::exists(dir.path / "fake-sendmail.out"));
  CHECK(r.err.find("error[personal-data]") != std::string::npos);
  CHECK(r.err.find("**** **** **** 1881") != std::string::npos);
  check_no_leak(r.err);
  CHECK(r.out.empty());
}
