#pragma once

// Internal to spell/: words written in capitals, where accents are dropped.

#include <unicode/unistr.h>

#include <cstddef>
#include <string_view>
#include <vector>

namespace replylint::spell {

/// True when `word` has at least two letters and every cased letter is uppercase.
bool is_all_caps(const icu::UnicodeString& word);

/// True when `word` (lowercase) already carries an acute accent or tonos on some vowel.
bool has_accent(const icu::UnicodeString& word, std::string_view language);

/// The ways `lower` (a lowercase word without accents) can be written with one accent (tonos
/// for Greek, acute for Spanish) and, for Greek, a diaeresis on ι/υ, best guesses first. At most
/// `limit` variants; none for languages without accents (English).
std::vector<icu::UnicodeString> accent_variants(const icu::UnicodeString& lower,
                                                std::string_view language, std::size_t limit);

}  // namespace replylint::spell
