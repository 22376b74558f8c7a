#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replylint::util {

/// Optimal-string-alignment edit distance (insertions, deletions, substitutions and swaps of
/// two neighbouring bytes each cost 1).
int edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a likely typo (distance at most
/// max(1, size/3), capped at 3, and shorter than
/// both words), else nullopt. Ties go to the earliest candidate.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" when closest() finds one, else "". Meant to be appended to a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace replylint::util
