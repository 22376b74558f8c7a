#include "hook/install.hpp"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

#include "hook/process.hpp"
#include "util/error.hpp"

namespace replylint::hook {

namespace fs = std::filesystem;

namespace {

// 'it'\''s' quoting for sh.
std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

fs::path git_hooks_dir() {
  Captured found;
  try {
    found = capture_output({"git", "rev-parse", "--git-path", "hooks"});
  } catch (const StartError& e) {
    throw InputError("git", 0, fmt::format("cannot run git: {}", e.code().message()));
  }
  std::string path = found.out;
  while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
  if (found.status != 0 || path.empty())
    throw InputError(fs::current_path().string(), 0, "not inside a git repository");
  return fs::absolute(path).lexically_normal();
}

std::string sendemail_validate_script(const fs::path& replylint) {
  return fmt::format(R"(#!/bin/sh
# sendemail-validate: written by `replylint install-hook git-send-email`.
# git send-email runs it with the path of each email as $1 before it sends anything, and sends
# nothing when it fails. Only the prose is linted (commit message, cover letter, replies), never
# the patch. To send once regardless: REPLYLINT_SKIP=1 git send-email ... (or --no-validate).
if [ "${{REPLYLINT_SKIP:-}}" = 1 ]; then
  echo "replylint: REPLYLINT_SKIP=1: $1 sent without linting" >&2
  exit 0
fi
# git format-patch writes the emails outside the work tree, so the repository's own
# .replylint.toml is named here rather than found by walking up from the email.
config=$(git rev-parse --show-toplevel 2>/dev/null)/.replylint.toml
if [ -f "$config" ]; then
  exec {0} check --config "$config" -- "$1"
fi
exec {0} check -- "$1"
)",
                     shell_quote(replylint.string()));
}

fs::path install_sendemail_validate(const fs::path& hooks_dir, const fs::path& replylint,
                                    bool force) {
  const fs::path hook = hooks_dir / "sendemail-validate";
  std::error_code ec;
  if (!force && (fs::exists(hook, ec) || fs::is_symlink(hook, ec)))
    throw InputError(hook.string(), 0, "a hook is already there; use --force to replace it");
  fs::create_directories(hooks_dir, ec);
  if (ec) throw InputError(hooks_dir.string(), 0, fmt::format("cannot create: {}", ec.message()));
  // Write beside it, then rename: a half-written hook must never run.
  const fs::path temp = hooks_dir / ".sendemail-validate.replylint";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << sendemail_validate_script(replylint);
    if (!out.flush()) throw InputError(temp.string(), 0, "cannot write");
  }
  fs::permissions(temp,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
  if (!ec) fs::rename(temp, hook, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw InputError(hook.string(), 0, fmt::format("cannot write: {}", ec.message()));
  }
  return hook;
}

}  // namespace replylint::hook
