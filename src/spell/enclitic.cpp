#include "spell/enclitic.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <string_view>
#include <vector>

namespace replylint::spell {
namespace {

// The unaccented form of a Greek vowel with tonos (ά → α), or 0 for any other letter.
char16_t plain_of_accented(char16_t c) {
  switch (c) {
    case u'ά':
    case u'Ά':
      return u'α';
    case u'έ':
    case u'Έ':
      return u'ε';
    case u'ή':
    case u'Ή':
      return u'η';
    case u'ί':
    case u'Ί':
      return u'ι';
    case u'ό':
    case u'Ό':
      return u'ο';
    case u'ύ':
    case u'Ύ':
      return u'υ';
    case u'ώ':
    case u'Ώ':
      return u'ω';
    case u'ΐ':
      return u'ϊ';
    case u'ΰ':
      return u'ϋ';
    default:
      return 0;
  }
}

char16_t base_vowel(char16_t c) {
  const char16_t plain = plain_of_accented(c);
  const char16_t lower = plain != 0 ? plain : static_cast<char16_t>(u_tolower(c));
  switch (lower) {
    case u'α':
    case u'ε':
    case u'η':
    case u'ι':
    case u'ο':
    case u'υ':
    case u'ω':
    case u'ϊ':
    case u'ϋ':
      return lower;
    default:
      return 0;
  }
}

// Two vowel letters written as one syllable: αι, ει, οι, υι, ου, αυ, ευ, ηυ (never with a
// diaeresis on the second, nor an accent on the first: "άι" is two).
bool digraph(char16_t first, char16_t second) {
  if (plain_of_accented(first) != 0) return false;
  const char16_t a = base_vowel(first), b = base_vowel(second);
  if (b == u'ι') return a == u'α' || a == u'ε' || a == u'ο' || a == u'υ';
  if (b == u'υ') return a == u'ο' || a == u'α' || a == u'ε' || a == u'η';
  return false;
}

}  // namespace

bool is_greek_enclitic(std::string_view word) {
  static constexpr std::array<std::u16string_view, 13> k_enclitics{
      u"μου", u"σου", u"του", u"της", u"μας", u"σας", u"τους",
      u"τον", u"την", u"τη",  u"το",  u"τα",  u"τις"};
  icu::UnicodeString lower = icu::UnicodeString::fromUTF8(word);
  lower.toLower();
  const std::u16string_view text{lower.getBuffer(), static_cast<std::size_t>(lower.length())};
  for (std::u16string_view enclitic : k_enclitics)
    if (text == enclitic) return true;
  return false;
}

bool is_greek_possessive(std::string_view word) {
  return word == "μου" || word == "σου" || word == "μας" || word == "σας";
}

std::optional<std::string> without_enclitic_accent(std::string_view word) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(word);
  std::vector<int32_t> nucleus_of(static_cast<std::size_t>(text.length()), -1);
  std::vector<int32_t> accents;
  int32_t nuclei = 0;
  for (int32_t i = 0; i < text.length(); ++i) {
    const char16_t c = text.charAt(i);
    if (base_vowel(c) == 0) continue;
    const bool joined =
        i > 0 && base_vowel(text.charAt(i - 1)) != 0 && digraph(text.charAt(i - 1), c);
    if (!joined) ++nuclei;
    nucleus_of[static_cast<std::size_t>(i)] = nuclei - 1;
    if (plain_of_accented(c) != 0) accents.push_back(i);
  }
  if (accents.size() != 2 || nuclei < 3) return std::nullopt;
  const int32_t first = nucleus_of[static_cast<std::size_t>(accents[0])];
  const int32_t second = nucleus_of[static_cast<std::size_t>(accents[1])];
  if (first != nuclei - 3 || second != nuclei - 1) return std::nullopt;
  icu::UnicodeString stripped{text};
  stripped.setCharAt(accents[1], plain_of_accented(text.charAt(accents[1])));
  std::string out;
  stripped.toUTF8String(out);
  return out;
}

std::optional<std::string> with_enclitic_accent(std::string_view word) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(word);
  struct Nucleus {
    int32_t first = 0, last = 0;
    bool accented = false;
  };
  std::vector<Nucleus> nuclei;
  int32_t accents = 0;
  for (int32_t i = 0; i < text.length(); ++i) {
    const char16_t c = text.charAt(i);
    if (base_vowel(c) == 0) {
      if (!u_isalpha(c)) return std::nullopt;
      continue;
    }
    const bool accented = plain_of_accented(c) != 0;
    accents += accented ? 1 : 0;
    if (i > 0 && base_vowel(text.charAt(i - 1)) != 0 && digraph(text.charAt(i - 1), c)) {
      nuclei.back().last = i;
      nuclei.back().accented = nuclei.back().accented || accented;
    } else {
      nuclei.push_back({i, i, accented});
    }
  }
  // An unstressed ι before the last vowel is one syllable with it ("σπίτια", "ενέργεια",
  // "παπούτσια" are stressed on their penult and take no second accent).
  if (nuclei.size() >= 2) {
    const Nucleus& before = nuclei[nuclei.size() - 2];
    const char16_t glide = base_vowel(text.charAt(before.last));
    if (!before.accented && before.last + 1 == nuclei.back().first &&
        (glide == u'ι' || glide == u'υ')) {
      nuclei[nuclei.size() - 2].last = nuclei.back().last;
      nuclei.pop_back();
    }
  }
  if (accents != 1 || nuclei.size() < 3 || !nuclei[nuclei.size() - 3].accented) return std::nullopt;
  const int32_t last_vowel = nuclei.back().last;
  const char16_t last = text.charAt(last_vowel);
  // The vowel with tonos whose plain form is the last vowel (the inverse of plain_of_accented).
  icu::UnicodeString accented{text};
  for (const char16_t with_tonos : std::u16string_view(u"άέήίόύώ"))
    if (plain_of_accented(with_tonos) == last) accented.setCharAt(last_vowel, with_tonos);
  if (accented == text) return std::nullopt;
  std::string out;
  accented.toUTF8String(out);
  return out;
}

}  // namespace replylint::spell
