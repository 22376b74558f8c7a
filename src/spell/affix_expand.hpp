#pragma once

// Internal to spell/: the word forms an affix dictionary derives, for the compiled word index.

#include <optional>
#include <string>
#include <vector>

#include "spell/spell.hpp"

namespace replylint::spell {

/// Every form `files` derives from its roots — the root, each suffix (and one continuation
/// suffix on it), each prefix, and prefix × suffix where both allow cross products — in UTF-8.
/// It models PFX/SFX with conditions and FLAG UTF-8 or single-character flags only; std::nullopt
/// with a reason for anything else (long or numeric flags, flag aliases, encodings other than
/// UTF-8). The forms are candidates: the caller keeps only those Hunspell accepts.
std::optional<std::vector<std::string>> expand_affixes(const DictionaryFiles& files,
                                                       std::string& why);

}  // namespace replylint::spell
