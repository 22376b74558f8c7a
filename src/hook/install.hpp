#pragma once

#include <filesystem>
#include <string>

namespace replylint::hook {

/// The hooks folder of the git repository around the working folder, as git itself resolves
/// it (`git rev-parse --git-path hooks`, so core.hooksPath is honoured), made absolute. Throws
/// InputError when git is missing or the working folder is not in a repository.
std::filesystem::path git_hooks_dir();

/// The text of a `sendemail-validate` hook that runs `replylint check` (the executable at
/// `replylint`, an absolute path) on the email file git passes as $1. It honours
/// REPLYLINT_SKIP=1 for a forced send.
std::string sendemail_validate_script(const std::filesystem::path& replylint);

/// Writes `hooks_dir`/sendemail-validate (creating `hooks_dir` if needed), mode 0755, and
/// returns its path. Throws InputError naming the file when a hook is already there and `force`
/// is false, or when it cannot be written.
std::filesystem::path install_sendemail_validate(const std::filesystem::path& hooks_dir,
                                                 const std::filesystem::path& replylint,
                                                 bool force);

}  // namespace replylint::hook
