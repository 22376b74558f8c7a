#pragma once

// Internal to spell/: the Hunspell-backed Speller and its loader.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spell/morphology.hpp"
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
/// With a non-empty `index_dir`, a flag-free dictionary is answered from a compiled word index
/// kept there (see word_index.hpp) and Hunspell loads only when needed. `morphology` adds the
/// words formed on known ones (morphology.hpp) and the context lists of rank_for_context().
LoadResult load_hunspell_speller(std::string_view language, const DictionaryFiles& files,
                                 const std::vector<std::string>& extra_words,
                                 const std::filesystem::path& index_dir = {},
                                 MorphologyRules morphology = {});

/// True when `speller` (from load_hunspell_speller) has loaded Hunspell itself; false while a
/// word index answers everything.
bool hunspell_loaded(Speller& speller);

}  // namespace replylint::spell
