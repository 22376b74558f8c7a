// No quadratic behaviour (issues 6 and 11): each adversarial input is checked at two sizes, n and
// 2n, through the built binary, and the table of times is printed. Hidden (not run by ctest):
// timings depend on the machine, so this prints figures instead of asserting them. Run it with
//   ./build/tests/replylint_tests "[scaling]"
// A ratio near 2 is linear; near 4 would be quadratic. bench/scaling.py fits the exponent over
// 1x, 4x and 16x for the shapes of issue 11 (bash bench/run.sh runs it).
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "cli/run.hpp"

namespace {

namespace fs = std::filesystem;
using replylint::test::run_shell;
using replylint::test::scratch_dir;
using replylint::test::shell_quote;

const std::string k_headers =
    "From: Ana <ana@example.com>\nTo: luis@example.org\nSubject: prueba\nMIME-Version: 1.0\n";

std::string single_line(std::size_t bytes) {
  std::string s = "Hola Luis,\n\n";
  const std::string words = "el informe esta listo y xqzt revisado ";  // one unknown word in eight
  while (s.size() < bytes) s += words;
  return s + "\n\nAna\n";
}

// One paragraph wrapped at 72 columns, no blank line (issue 11): the sentence splitter once
// searched the rest of the paragraph at every newline. `typo` puts an unknown word on each line.
std::string wrapped_paragraph(std::size_t bytes, bool typo) {
  std::string s = k_headers + "\nHola Luis,\n\n";
  const std::string line =
      typo ? "el informe de la semana esta listo y lo hemos revisdo con el equipo de\n"
           : "el informe de la semana esta listo y lo hemos revisado con el equipo de\n";
  while (s.size() < bytes) s += line;
  return s + "hoy.\n\nAna\n";
}

std::string quote_levels(std::size_t n) {
  std::string s = "Re: informe\n\nHola Luis, gracias.\n\n";
  s += std::string(n, '>') + " el informe esta listo\n";  // one line, n levels deep
  return s + "\nAna\n";
}

std::string recipients(std::size_t n) {
  std::string to = "From: ana@example.com\nSubject: aviso\nTo: ";
  for (std::size_t i = 0; i < n; ++i)
    to += (i ? ",\n " : "") + std::string("cliente") + std::to_string(i) + "@cliente" +
          std::to_string(i % 97) + ".es";
  return to + "\n\nHola a todos,\n\nel servicio vuelve manana.\n\nAna\n";
}

std::string empty_parts(std::size_t n) {
  std::string s = k_headers +
                  "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: "
                  "text/plain\n\nHola Luis,\n\ngracias.\n";
  for (std::size_t i = 0; i < n; ++i) s += "--b\n\n";
  return s + "--b--\n";
}

std::string encoded_words(std::size_t n) {
  // "Hola" base64-encoded inside an encoded word whose text is itself an encoded word.
  std::string subject;
  for (std::size_t i = 0; i < n; ++i)
    subject += (i ? " " : "") + std::string("=?utf-8?b?PT91dGYtOD9xP0hvbGE/PQ==?=");
  return "From: ana@example.com\nTo: luis@example.org\nSubject: " + subject +
         "\n\nHola Luis,\n\ngracias.\n\nAna\n";
}

std::string html(const std::string& body) {
  return k_headers + "Content-Type: text/html; charset=utf-8\n\n" + body + "\n";
}

// Unclosed <div><b> n deep: gumbo alone would take the square of n (read without its tags).
std::string html_unclosed(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += "<div><b>";
  return html(s + "hola");
}

// n blocks, each <blockquote> 900 deep: under the depth limit, so gumbo parses all of them.
std::string html_deep_blocks(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    for (int d = 0; d < 900; ++d) s += "<blockquote>";
    s += "el informe esta listo";
    for (int d = 0; d < 900; ++d) s += "</blockquote>";
  }
  return html(s);
}

double seconds_to_check(const fs::path& file) {
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_shell(shell_quote(REPLYLINT_BINARY) + " check --format json --max-size 0 " +
                           shell_quote(file.string()) + " >/dev/null");
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.status < 2);  // no crash, no error
  return s;
}

}  // namespace

TEST_CASE("scaling: adversarial inputs at n and 2n take about twice as long",
          "[.][scaling][robust]") {
  struct Row {
    const char* name;
    std::size_t n;
    std::function<std::string(std::size_t)> make;
  };
  const Row rows[] = {
      {"single line (bytes)", 5'000'000, single_line},
      {"wrapped paragraph (bytes)", 4'000'000,
       [](std::size_t n) { return wrapped_paragraph(n, false); }},
      {"wrapped paragraph, a typo a line (bytes)", 2'000'000,
       [](std::size_t n) { return wrapped_paragraph(n, true); }},
      {"quote levels on one line", 1'000'000, quote_levels},
      {"recipients in To", 25'000, recipients},
      {"empty MIME parts", 10'000, empty_parts},
      {"nested encoded-words", 100'000, encoded_words},
      {"HTML <div><b> unclosed (pairs)", 100'000, html_unclosed},
      {"HTML blocks 900 <blockquote> deep", 20, html_deep_blocks},
  };
  const fs::path dir = scratch_dir("scaling");
  std::printf("| input | n | time(n) s | time(2n) s | ratio |\n|---|---|---|---|---|\n");
  for (const Row& row : rows) {
    const fs::path a = dir / "a.eml", b = dir / "b.eml";
    std::ofstream(a, std::ios::binary | std::ios::trunc) << row.make(row.n);
    std::ofstream(b, std::ios::binary | std::ios::trunc) << row.make(2 * row.n);
    seconds_to_check(a);  // warm the page cache and the dictionaries
    const double t1 = seconds_to_check(a), t2 = seconds_to_check(b);
    std::printf("| %s | %zu | %.2f | %.2f | %.2f |\n", row.name, row.n, t1, t2, t2 / t1);
    std::fflush(stdout);
  }
  fs::remove_all(dir);
}
