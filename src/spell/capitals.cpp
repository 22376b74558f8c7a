#include "spell/capitals.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <utility>

namespace replylint::spell {
namespace {

struct Accent {
  char16_t plain;
  char16_t accented;
};

// Greek vowels and their tonos forms; ι/υ with diaeresis take the dialytika-tonos forms.
constexpr std::array<Accent, 9> k_greek_tonos{{{u'α', u'ά'},
                                               {u'ε', u'έ'},
                                               {u'η', u'ή'},
                                               {u'ι', u'ί'},
                                               {u'ο', u'ό'},
                                               {u'υ', u'ύ'},
                                               {u'ω', u'ώ'},
                                               {u'ϊ', u'ΐ'},
                                               {u'ϋ', u'ΰ'}}};
constexpr std::array<Accent, 2> k_greek_diaeresis{{{u'ι', u'ϊ'}, {u'υ', u'ϋ'}}};
constexpr std::array<Accent, 6> k_spanish_acute{
    {{u'a', u'á'}, {u'e', u'é'}, {u'i', u'í'}, {u'o', u'ó'}, {u'u', u'ú'}, {u'u', u'ü'}}};

template <std::size_t N>
bool contains_accented(const icu::UnicodeString& word, const std::array<Accent, N>& table) {
  for (int32_t i = 0; i < word.length(); ++i) {
    for (const Accent& accent : table) {
      if (word.charAt(i) == accent.accented) return true;
    }
  }
  return false;
}

// Every variant of `word` with exactly one vowel accented, likeliest stress first. Counting
// vowels from the end (0 = last): Greek words are mostly stressed on the penultimate vowel, then
// the last, then the antepenultimate; a Spanish word that needs a written accent and ends in a
// vowel, n or s is stressed on its last vowel or the antepenultimate, any other on the
// penultimate. Only the order depends on this: every variant is checked against the dictionary.
template <std::size_t N>
void add_single_accents(const icu::UnicodeString& word, const std::array<Accent, N>& table,
                        std::string_view language, std::size_t limit,
                        std::vector<icu::UnicodeString>& out) {
  struct Candidate {
    int32_t index;
    const Accent* accent;
    int from_end;
  };
  std::vector<Candidate> candidates;
  for (int32_t i = 0; i < word.length(); ++i)
    for (const Accent& accent : table)
      if (word.charAt(i) == accent.plain) candidates.push_back({i, &accent, 0});
  for (std::size_t c = 0; c < candidates.size(); ++c)
    candidates[c].from_end = static_cast<int>(candidates.size() - 1 - c);
  const char16_t last = word.isEmpty() ? u'\0' : word.charAt(word.length() - 1);
  const bool ends_in_vowel_n_s =
      last == u'n' || last == u's' ||
      std::u16string_view(u"aeiou").find(last) != std::u16string_view::npos;
  auto rank = [&](int from_end) {
    static constexpr int k_greek[] = {1, 0, 2};
    static constexpr int k_spanish_open[] = {0, 2, 1};
    static constexpr int k_spanish_closed[] = {1, 2, 0};
    const int* order = language == "el"    ? k_greek
                       : ends_in_vowel_n_s ? k_spanish_open
                                           : k_spanish_closed;
    for (int r = 0; r < 3; ++r)
      if (order[r] == from_end) return r;
    return from_end;  // beyond the third vowel from the end: unlikely, in order
  };
  std::stable_sort(
      candidates.begin(), candidates.end(),
      [&](const Candidate& a, const Candidate& b) { return rank(a.from_end) < rank(b.from_end); });
  for (const Candidate& c : candidates) {
    if (out.size() >= limit) return;
    icu::UnicodeString variant{word};
    variant.setCharAt(c.index, c.accent->accented);
    out.push_back(std::move(variant));
  }
}

bool is_greek_vowel(char16_t c) {
  for (const Accent& accent : k_greek_tonos) {
    if (c == accent.plain || c == accent.accented) return true;
  }
  return false;
}

}  // namespace

bool is_all_caps(const icu::UnicodeString& word) {
  int letters = 0;
  bool cased = false;
  for (int32_t i = 0; i < word.length();) {
    const UChar32 c = word.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c)) continue;
    ++letters;
    if (u_isULowercase(c) || u_istitle(c)) return false;
    if (u_isUUppercase(c)) cased = true;
  }
  return cased && letters >= 2;
}

bool has_accent(const icu::UnicodeString& word, std::string_view language) {
  if (language == "el") return contains_accented(word, k_greek_tonos);
  if (language == "es") return contains_accented(word, k_spanish_acute);
  return false;
}

std::vector<icu::UnicodeString> accent_variants(const icu::UnicodeString& lower,
                                                std::string_view language, std::size_t limit) {
  std::vector<icu::UnicodeString> out;
  if (language == "es") {
    add_single_accents(lower, k_spanish_acute, language, limit, out);
  } else if (language == "el") {
    add_single_accents(lower, k_greek_tonos, language, limit, out);
    // Capitals sometimes drop the diaeresis too (ΚΟΡΟΙΔΟ for κοροϊδο, ΤΡΟΛΕΙ for τρόλεϊ): it
    // only ever stands on ι/υ after a vowel.
    for (int32_t i = 1; i < lower.length() && out.size() < limit; ++i) {
      if (!is_greek_vowel(lower.charAt(i - 1))) continue;
      for (const Accent& diaeresis : k_greek_diaeresis) {
        if (lower.charAt(i) != diaeresis.plain) continue;
        icu::UnicodeString base{lower};
        base.setCharAt(i, diaeresis.accented);
        if (out.size() < limit) out.push_back(base);
        add_single_accents(base, k_greek_tonos, language, limit, out);
      }
    }
  }
  return out;
}

}  // namespace replylint::spell
