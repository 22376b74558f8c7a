#pragma once

// Internal to spell/: the word forms an affix dictionary derives, for the compiled word index.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spell/spell.hpp"

namespace replylint::spell {

/// The forms an affix dictionary derives, each with the root it comes from.
struct AffixForms {
  static constexpr std::uint32_t k_prefixed = 0xFFFFFFFF;
  std::vector<std::string> forms;  // UTF-8, in .dic order, duplicates included
  /// Per form: its root's index in `roots` when no prefix was applied (the root is then the
  /// form's stem, as Hunspell's analysis names it: "dijimos" -> "decir"), else k_prefixed (a
  /// prefixed stem is another word: "delays" is not a form of "lay").
  std::vector<std::uint32_t> root_of;
  std::vector<std::string> roots;  // the .dic words, UTF-8
};

/// Every form `files` derives from its roots — the root, each suffix (and one continuation
/// suffix on it), each prefix, and prefix × suffix where both allow cross products — in UTF-8.
/// It models PFX/SFX with conditions and FLAG UTF-8 or single-character flags only; std::nullopt
/// with a reason for anything else (long or numeric flags, flag aliases, encodings other than
/// UTF-8). The forms are candidates: the caller keeps only those Hunspell accepts.
std::optional<AffixForms> expand_affixes(const DictionaryFiles& files, std::string& why);

}  // namespace replylint::spell
