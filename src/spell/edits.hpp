#pragma once

// Internal to spell/: cheap suggestion candidates, one edit away from a word.

#include <unicode/unistr.h>

#include <functional>
#include <vector>

namespace replylint::spell {

/// The words one edit away from `word` that `accepts` takes, likeliest first: two neighbouring
/// letters swapped, an accent added, moved or removed (ά for α), a letter doubled or undoubled
/// ("anual" → "annual"), one letter deleted, inserted or replaced; edits of the first letter come
/// last (people rarely mistype it). Only when there are none, the word split in two by a space
/// ("porfavor" → "por favor"). Inserted and replacement letters come from `alphabet` (the
/// dictionary's TRY letters). At most `max` words, no repeats.
std::vector<icu::UnicodeString> one_edit_suggestions(
    const icu::UnicodeString& word, const icu::UnicodeString& alphabet, std::size_t max,
    const std::function<bool(const icu::UnicodeString&)>& accepts);

}  // namespace replylint::spell
