// `replylint lsp` driven by a real client: Debian's neovim (0.7 in Debian 12) running headless
// with its built-in LSP client (tests/lsp/client.lua) on a mutt draft in Spanish and Greek. The
// draft's Greek and accented text makes UTF-16 and UTF-8 columns differ from bytes; neovim turns
// the positions it receives into byte columns, which this test checks in both encodings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "hook/shell.hpp"

using namespace replylint::test;

namespace {

const fs::path k_here = fs::path(REPLYLINT_TESTS_DIR) / "lsp";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  for (std::size_t nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1)
    lines.push_back(text.substr(at, nl - at));
  if (at < text.size()) lines.push_back(text.substr(at));
  return lines;
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST_CASE("neovim's LSP client shows replylint's diagnostics and applies its fix", "[lsp][e2e]") {
  // CI installs neovim (scripts/dev.sh); a machine without it must not pass this test unseen.
  if (!have("nvim"))
    FAIL(
        "neovim is not installed: this test needs the Debian package neovim "
        "(bash scripts/dev.sh deps installs it)");
  const std::string draft = slurp(k_here / "fixtures" / "mutt-draft-shouting.txt");
  const std::vector<std::string> draft_lines = lines_of(draft);
  REQUIRE(draft_lines.size() > 12);
  // Byte columns (0-based, end exclusive) of what the rules flag, as neovim reports them.
  const std::string& shouted = draft_lines[10];
  const std::size_t shout_begin = shouted.find("POR FAVOR");
  const std::size_t shout_end = shouted.find("HOY") + 3;
  const std::string& greek = draft_lines[12];
  const std::size_t typo_begin = greek.find("παραμενει");
  const std::size_t typo_end = typo_begin + std::string("παραμενει").size();
  const std::string shouting =
      "shouting 11:" + std::to_string(shout_begin) + "-11:" + std::to_string(shout_end);
  const std::string spelling =
      "spelling 13:" + std::to_string(typo_begin) + "-13:" + std::to_string(typo_end);

  TempDir cache;  // the word indexes are compiled once for both runs
  for (const std::string encoding : {"utf-16", "utf-8"}) {
    INFO("position encoding " << encoding);
    TempDir dir;
    spit(dir.path / "draft.txt", draft);
    spit(dir.path / "client.lua", slurp(k_here / "client.lua"));
    const Shell run =
        sh(dir.path, "REPLYLINT_CACHE_DIR='" + cache.path.string() + "' LSP_ENCODING=" + encoding +
                         " timeout 180 nvim --headless --clean -n -i NONE "
                         "-c 'luafile client.lua' draft.txt\n");
    const std::string result = slurp(dir.path / "result.txt");
    INFO("neovim's exit status " << run.status << "\nresult.txt:\n"
                                 << result << "\nstderr:\n"
                                 << run.err);
    REQUIRE(run.status == 0);
    const std::vector<std::string> seen = lines_of(result);
    CHECK(contains(seen, "encoding " + encoding));
    CHECK(contains(seen, "diagnostic " + shouting));
    CHECK(contains(seen, "diagnostic " + spelling));
    CHECK(std::count_if(seen.begin(), seen.end(),
                        [](const std::string& l) { return l.starts_with("diagnostic "); }) == 2);
    CHECK(contains(seen, "hover explains shouting"));
    CHECK(contains(seen, "action quickfix preferred"));
    CHECK(contains(seen, "action source.fixAll.replylint other"));
    CHECK(contains(seen,
                   "line Hemos recibido la devolución del pedido 51190. Por favor envíe el "
                   "formulario firmado hoy."));
    // After the fix, neovim sent the change and got the draft's new diagnostics: spelling only.
    CHECK(contains(seen, "after " + spelling));
    CHECK(std::count_if(seen.begin(), seen.end(),
                        [](const std::string& l) { return l.starts_with("after "); }) == 1);
  }
}
