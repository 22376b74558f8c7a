#pragma once
// Housekeeping of the word index cache folder: whether an index can be written there at all, and
// the temporary files of writers that died before they could rename theirs into place.

#include <chrono>
#include <filesystem>
#include <string>

namespace replylint::spell {

/// How old a temporary index file (`*.idx.tmp*`) must be before it counts as abandoned. A writer
/// fills its temporary file in one burst after compiling (seconds, even under sanitizers), so
/// one untouched for this long belongs to a process that was killed.
inline constexpr std::chrono::minutes k_stale_temporary_age{10};

/// Creates `dir` if needed and checks that this process may create files in it. Returns "" when
/// it can, else why not ("cannot write to the word index cache /x: Permission denied"), and then
/// tells the user once (util::notice_once) that indexes are not cached. Never throws.
std::string prepare_cache_dir(const std::filesystem::path& dir);

/// Removes the temporary index files in `dir` untouched for k_stale_temporary_age or longer.
/// Returns how many it removed. Never throws.
int remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace replylint::spell
