#pragma once

// Greek's second accent before an enclitic pronoun (το όνομά μου, την πρόσβασή σας): a
// proparoxytone word takes a second accent on its last syllable when an unstressed pronoun
// follows it. The dictionary lists the word with one accent only.

#include <optional>
#include <string>
#include <string_view>

namespace replylint::spell {

/// True when `word` (UTF-8, any case) is a Greek enclitic pronoun: μου, σου, του, της, μας, σας,
/// τους, τον, την, τη, το, τα, τις.
bool is_greek_enclitic(std::string_view word);

/// True when `word` (UTF-8, lowercase) is one of the enclitics that may be a possessive: μου,
/// σου, μας, σας ("το αίτημά σας"). The third person's (του, της, τους) are left out: they are
/// far more often an article or an object.
bool is_greek_possessive(std::string_view word);

/// For a Greek word (UTF-8, lowercase or capitalised) with two accents, the second on its last
/// syllable and the first on the third syllable from the end ("πρόσβασής", "ευρετήριό",
/// "όνομά"): the word without its second accent ("πρόσβασης"), which the caller checks with the
/// dictionary. std::nullopt for any other word, such as a stray accent elsewhere ("πρόσβάση") or
/// a second accent on a word stressed on its penult ("σελίδά").
std::optional<std::string> without_enclitic_accent(std::string_view word);

/// The other way round: for a Greek word (UTF-8, lowercase or capitalised, letters only) with one
/// accent, on the third syllable from the end ("αίτημα", "κατάστημα"), the word with the second
/// accent it takes before an enclitic ("αίτημά", "κατάστημά"); std::nullopt for any other word.
std::optional<std::string> with_enclitic_accent(std::string_view word);

}  // namespace replylint::spell
