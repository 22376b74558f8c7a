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

// One cache of compiled word indexes for every neovim run of this file (each shell has its own
// HOME, so each would compile them again).
const fs::path& word_index_cache() {
  static const TempDir cache;
  return cache.path;
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST_CASE("neovim's LSP client shows replylint's diagnostics and applies its fix", "[lsp][e2e]") {
  // CI installs neovim (scripts/dev.sh); a machine without it must not pass this test unseen.
  // The waits are long for the ASan build on a busy machine: the first check compiles the
  // Spanish and Greek word indexes.
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

  for (const std::string encoding : {"utf-16", "utf-8"}) {
    INFO("position encoding " << encoding);
    TempDir dir;
    spit(dir.path / "draft.txt", draft);
    spit(dir.path / "client.lua", slurp(k_here / "client.lua"));
    const Shell run = sh(dir.path, "REPLYLINT_CACHE_DIR='" + word_index_cache().string() +
                                       "' LSP_ENCODING=" + encoding +
                                       " timeout 300 nvim --headless --clean -n -i NONE "
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

TEST_CASE("the README's neovim set-up attaches replylint to a mutt draft", "[lsp][e2e]") {
  if (!have("nvim"))
    FAIL(
        "neovim is not installed: this test needs the Debian package neovim "
        "(bash scripts/dev.sh deps installs it)");
  // The ```lua block after "**neovim**" in the README, used as the user's init.lua.
  const std::string readme = slurp(fs::path(REPLYLINT_TESTS_DIR) / ".." / "README.md");
  const std::size_t heading = readme.find("**neovim**");
  REQUIRE(heading != std::string::npos);
  const std::size_t open = readme.find("```lua\n", heading);
  REQUIRE(open != std::string::npos);
  const std::size_t close = readme.find("\n```", open + 7);
  REQUIRE(close != std::string::npos);
  const std::string init = readme.substr(open + 7, close - open - 7) + "\n";

  TempDir dir;
  fs::create_directories(dir.path / "nvim");  // the shell's XDG_CONFIG_HOME is the folder
  spit(dir.path / "nvim" / "init.lua", init);
  fs::create_directories(dir.path / "bin");
  fs::create_symlink(REPLYLINT_BINARY, dir.path / "bin" / "replylint");
  // mutt names its drafts mutt-HOST-UID-PID-N: neovim gives them the filetype "mail".
  const std::string draft = "mutt-debian-0-4242-1";
  spit(dir.path / draft, slurp(k_here / "fixtures" / "mutt-draft-shouting.txt"));
  spit(dir.path / "wait.lua",
       "local ok = vim.wait(150000, function() return #vim.diagnostic.get(0) > 0 end, 20)\n"
       "local out = { 'filetype ' .. vim.bo.filetype }\n"
       "for _, d in ipairs(vim.diagnostic.get(0)) do\n"
       "  table.insert(out, string.format('%s %d', d.code, d.lnum + 1))\n"
       "end\n"
       "vim.fn.writefile(out, 'result.txt')\n"
       "vim.cmd(ok and 'qall!' or 'cquit 3')\n");
  const Shell run =
      sh(dir.path, "PATH=\"$PWD/bin:$PATH\" REPLYLINT_CACHE_DIR='" + word_index_cache().string() +
                       "' timeout 300 nvim --headless -n -i NONE "
                       "-c 'luafile wait.lua' " +
                       draft + "\n");
  const std::string result = slurp(dir.path / "result.txt");
  INFO("neovim's exit status " << run.status << "\nresult.txt:\n"
                               << result << "\nstderr:\n"
                               << run.err);
  CHECK(run.status == 0);
  const std::vector<std::string> seen = lines_of(result);
  CHECK(contains(seen, "filetype mail"));
  CHECK(contains(seen, "shouting 11"));
  CHECK(contains(seen, "spelling 13"));
}
