#pragma once

// Internal to spell/: the Hunspell-backed Speller and its loader.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spell/spell.hpp"

namespace replylint::spell {

/// A loaded speller, or nullptr, plus anything worth a warning (an unreadable additions file,
/// an additions word the dictionary's encoding cannot hold, an unknown encoding).
struct LoadResult {
  std::unique_ptr<Speller> speller;
  std::vector<std::string> warnings;
};

/// Loads Hunspell from `files` (base dictionary, then every additions file, then `extra_words`).
/// `language` is "es", "el" or "en" and picks the accent rules for words in capitals. Never
/// throws for bad dictionary content; a dictionary whose encoding ICU does not know gives
/// nullptr and a warning.
LoadResult load_hunspell_speller(std::string_view language, const DictionaryFiles& files,
                                 const std::vector<std::string>& extra_words);

}  // namespace replylint::spell
