#include "spell/edits.hpp"

#include "text/text.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <string_view>

namespace replylint::spell {
namespace {

// After a swap or an accent, a doubled letter typed once or a single one typed twice ("anual" →
// "annual", "untill" → "until") is the commonest slip, before any other deletion or insertion
// ("anual" → "anal"); a letter for another of the same sound ("recivida" → "recibida",
// "δυνατώτητα" → "δυνατότητα") comes before any other replacement ("revivida"). An accent does not
// go before a swap: "garcias" is "gracias" far more often than "garcías". A swap of two vowels
// does go after it: "dias" is "días" (a missing accent on a stressed í or ú next to another vowel
// is the commonest Spanish slip), not the rare "dais".
enum class Kind {
  swap = 0,
  accent = 1,
  vowel_swap = 2,
  doubling = 3,
  same_sound = 4,
  deletion = 5,
  insertion = 6,
  replacement = 7
};

bool is_vowel(char16_t base) {
  return std::u16string_view(u"aeiouαεηιουω").find(base) != std::u16string_view::npos;
}

// Letters written for one another because they sound alike: Spanish b/v, c/s/z, g/j, y/i;
// Greek ι/η/υ, ο/ω. Compared on base letters (accents off, lowercase).
bool same_sound(char16_t a, char16_t b) {
  static constexpr std::u16string_view k_groups[] = {u"bv", u"csz", u"gj", u"yi", u"ιηυ", u"οω"};
  for (const std::u16string_view group : k_groups)
    if (group.find(a) != std::u16string_view::npos && group.find(b) != std::u16string_view::npos)
      return true;
  return false;
}

struct Found {
  int score;
  int order;
  icu::UnicodeString word;
};

}  // namespace

std::vector<icu::UnicodeString> one_edit_suggestions(
    const icu::UnicodeString& word, const icu::UnicodeString& alphabet, std::size_t max,
    const std::function<bool(const icu::UnicodeString&)>& accepts) {
  // Edits work on UTF-16 units: surrogate pairs are rare in the three languages, and a broken
  // pair simply never spells correctly.
  const int32_t n = word.length();
  std::vector<char16_t> base(static_cast<std::size_t>(n));
  bool accented = false;
  for (int32_t i = 0; i < n; ++i) {
    base[static_cast<std::size_t>(i)] = text::base_letter(word.charAt(i));
    accented = accented || base[static_cast<std::size_t>(i)] != u_tolower(word.charAt(i));
  }
  std::vector<char16_t> alphabet_base(static_cast<std::size_t>(alphabet.length()));
  for (int32_t a = 0; a < alphabet.length(); ++a) {
    alphabet_base[static_cast<std::size_t>(a)] = text::base_letter(alphabet.charAt(a));
  }
  // A word already carrying an accent rarely misses another: insert and replace plain letters.
  auto usable = [&](int32_t a) {
    return !accented || alphabet_base[static_cast<std::size_t>(a)] == alphabet.charAt(a);
  };

  std::vector<Found> found;
  auto consider = [&](icu::UnicodeString candidate, Kind kind, int32_t position) {
    if (candidate == word) return;
    for (const Found& f : found) {
      if (f.word == candidate) return;
    }
    if (!accepts(candidate)) return;
    // A slip on the first letter is rare, but not a missing accent there ("οτι" → "ότι", "ολα"
    // → "όλα": Greek words often start with a stressed vowel).
    const int score = static_cast<int>(kind) + (position == 0 && kind != Kind::accent ? 10 : 0);
    found.push_back({score, static_cast<int>(found.size()), std::move(candidate)});
  };

  for (int32_t i = 0; i + 1 < n; ++i) {
    if (word.charAt(i) == word.charAt(i + 1)) continue;
    icu::UnicodeString candidate{word};
    candidate.setCharAt(i, word.charAt(i + 1));
    candidate.setCharAt(i + 1, word.charAt(i));
    const bool vowels = is_vowel(base[static_cast<std::size_t>(i)]) &&
                        is_vowel(base[static_cast<std::size_t>(i + 1)]);
    consider(std::move(candidate), vowels ? Kind::vowel_swap : Kind::swap, i);
  }
  for (int32_t i = 0; i < n; ++i) {
    for (int32_t a = 0; a < alphabet.length(); ++a) {
      const char16_t c = alphabet.charAt(a);
      if (c == word.charAt(i) ||
          alphabet_base[static_cast<std::size_t>(a)] != base[static_cast<std::size_t>(i)]) {
        continue;
      }
      icu::UnicodeString candidate{word};
      candidate.setCharAt(i, c);
      consider(std::move(candidate), Kind::accent, i);
    }
    // Removing an accent is an accent edit too.
    if (base[static_cast<std::size_t>(i)] != u_tolower(word.charAt(i)) &&
        !u_isUUppercase(word.charAt(i))) {
      icu::UnicodeString candidate{word};
      candidate.setCharAt(i, base[static_cast<std::size_t>(i)]);
      consider(std::move(candidate), Kind::accent, i);
    }
  }
  for (int32_t i = 0; i < n && n > 1; ++i) {
    icu::UnicodeString candidate{word};
    candidate.remove(i, 1);
    const bool doubled = (i > 0 && word.charAt(i - 1) == word.charAt(i)) ||
                         (i + 1 < n && word.charAt(i + 1) == word.charAt(i));
    consider(std::move(candidate), doubled ? Kind::doubling : Kind::deletion, i);
  }
  for (int32_t i = 0; i <= n; ++i) {
    for (int32_t a = 0; a < alphabet.length(); ++a) {
      if (!usable(a)) continue;
      const char16_t letter = alphabet.charAt(a);
      const bool doubling =
          (i > 0 && word.charAt(i - 1) == letter) || (i < n && word.charAt(i) == letter);
      icu::UnicodeString candidate{word};
      candidate.insert(i, letter);
      consider(std::move(candidate), doubling ? Kind::doubling : Kind::insertion, i);
    }
  }
  for (int32_t i = 0; i < n; ++i) {
    for (int32_t a = 0; a < alphabet.length(); ++a) {
      if (!usable(a) || alphabet.charAt(a) == word.charAt(i)) continue;
      icu::UnicodeString candidate{word};
      candidate.setCharAt(i, alphabet.charAt(a));
      const bool alike =
          same_sound(base[static_cast<std::size_t>(i)], alphabet_base[static_cast<std::size_t>(a)]);
      consider(std::move(candidate), alike ? Kind::same_sound : Kind::replacement, i);
    }
  }
  // Greek spells one sound with one letter or two: αι/ε ("ενημερώσουμαι" → ενημερώσουμε), ει/οι
  // for ι/η and back ("ενημερόσει", "θα σας ενημερώσι"): the same slip as ι for η.
  static constexpr std::pair<std::u16string_view, std::u16string_view> k_digraphs[] = {
      {u"αι", u"ε"}, {u"αί", u"έ"}, {u"ε", u"αι"}, {u"έ", u"αί"}, {u"ει", u"ι"},
      {u"εί", u"ί"}, {u"ει", u"η"}, {u"εί", u"ή"}, {u"οι", u"ι"}, {u"οί", u"ί"},
      {u"οι", u"η"}, {u"οί", u"ή"}, {u"ι", u"ει"}, {u"ί", u"εί"}, {u"η", u"ει"},
      {u"ή", u"εί"}, {u"ι", u"οι"}, {u"ί", u"οί"}, {u"η", u"οι"}, {u"ή", u"οί"}};
  for (const auto& [from, to] : k_digraphs) {
    const icu::UnicodeString written(false, from.data(), static_cast<int32_t>(from.size()));
    for (int32_t i = word.indexOf(written); i >= 0; i = word.indexOf(written, i + 1)) {
      icu::UnicodeString candidate{word};
      candidate.replace(i, written.length(), to.data(), static_cast<int32_t>(to.size()));
      consider(std::move(candidate), Kind::same_sound, i);
    }
  }
  if (found.empty()) {
    for (int32_t i = 2; i + 2 <= n; ++i) {
      icu::UnicodeString candidate{word};
      candidate.insert(i, u' ');
      consider(std::move(candidate), Kind::replacement, i);
    }
  }
  std::ranges::sort(found, [](const Found& a, const Found& b) {
    return a.score != b.score ? a.score < b.score : a.order < b.order;
  });
  std::vector<icu::UnicodeString> out;
  for (std::size_t i = 0; i < found.size() && out.size() < max; ++i) out.push_back(found[i].word);
  return out;
}

}  // namespace replylint::spell
