#include "spell/morphology.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "text/text.hpp"

namespace replylint::spell {
namespace {

bool is_strong(char16_t c) {  // vowels that never glide: a, e, o, and any accented vowel
  switch (c) {
    case u'a':
    case u'e':
    case u'o':
    case u'á':
    case u'é':
    case u'ó':
    case u'í':
    case u'ú':
      return true;
    default:
      return false;
  }
}

bool is_acute(char16_t c) { return c == u'á' || c == u'é' || c == u'í' || c == u'ó' || c == u'ú'; }

bool is_vowel_letter(char16_t c) { return is_strong(c) || c == u'i' || c == u'u' || c == u'ü'; }

// The u of "que", "qui", "gue", "gui" is not pronounced: it is no vowel.
bool is_vowel_at(const icu::UnicodeString& word, int32_t i) {
  const char16_t c = word.charAt(i);
  if (!is_vowel_letter(c)) return false;
  if (c == u'u' && i > 0 && i + 1 < word.length()) {
    const char16_t before = word.charAt(i - 1), after = word.charAt(i + 1);
    const bool front = after == u'e' || after == u'i' || after == u'é' || after == u'í';
    if (front && (before == u'q' || before == u'g')) return false;
  }
  return true;
}

struct Nucleus {
  int32_t begin;
  int32_t end;
};

// The syllable nuclei of a Spanish word: runs of vowels, split where two strong vowels meet
// (hiatus: "le-e", "en-ví-e") and kept whole for a diphthong ("en-vian-do", "cui-da").
std::vector<Nucleus> nuclei(const icu::UnicodeString& word) {
  std::vector<Nucleus> out;
  bool in_vowels = false;
  for (int32_t i = 0; i < word.length(); ++i) {
    if (!is_vowel_at(word, i)) {
      in_vowels = false;
      continue;
    }
    if (in_vowels && !(is_strong(word.charAt(i - 1)) && is_strong(word.charAt(i)))) {
      out.back().end = i + 1;
    } else {
      out.push_back({i, i + 1});
    }
    in_vowels = true;
  }
  return out;
}

char16_t with_acute(char16_t c) {
  switch (c) {
    case u'a':
      return u'á';
    case u'e':
      return u'é';
    case u'i':
      return u'í';
    case u'o':
      return u'ó';
    case u'u':
      return u'ú';
    default:
      return c;
  }
}

std::size_t nucleus_of(const std::vector<Nucleus>& list, int32_t position) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (position >= list[i].begin && position < list[i].end) return i;
  return list.size();
}

bool ends_with(const icu::UnicodeString& word, const char16_t* tail) {
  return word.endsWith(icu::UnicodeString{tail});
}

// Infinitives, gerunds and the forms imperatives take (indique, envía, digan): the verb forms
// that carry enclitic pronouns in today's Spanish.
bool takes_clitics(const icu::UnicodeString& base) {
  if (ends_with(base, u"r") || ends_with(base, u"ndo")) return true;
  const char16_t last = base.charAt(base.length() - 1);
  if (last == u'a' || last == u'e' || last == u'á' || last == u'é') return true;
  return ends_with(base, u"an") || ends_with(base, u"en");
}

bool is_bare_imperative(const icu::UnicodeString& base, const MorphologyRules& rules) {
  std::string utf8;
  base.toUTF8String(utf8);
  return std::find(rules.bare_imperatives.begin(), rules.bare_imperatives.end(), utf8) !=
         rules.bare_imperatives.end();
}

// An ending of a suffix rule: "'ηση" is stressed on the stem before it, "ήσεις" on itself.
struct Affix {
  explicit Affix(const std::string& utf8)
      : stem_stressed(utf8.starts_with('\'')),
        text(icu::UnicodeString::fromUTF8(stem_stressed ? utf8.substr(1) : utf8)) {}
  bool stem_stressed;
  icu::UnicodeString text;
};

bool has_acute(char16_t c) { return text::strip_acute(icu::UnicodeString{c}).charAt(0) != c; }

bool is_vowel_base(char16_t c) {
  return icu::UnicodeString{u"aeiouαεηιουω"}.indexOf(text::base_letter(c)) >= 0;
}

// True when the only accent of `stem` is on its last vowel, where a derivation stressed on the
// stem puts it (μέτρ|ηση, θεώρ|ηση, ξεκλείδ|ωμα, ρυθμί|σιμος; in a digraph on its second letter:
// τροποποί|ηση, αποθηκεύ|σιμος). An ι after a consonant before a vowel ending is left out: it
// is often no syllable of its own (μετάνιωμα, not "μετανίωμα"), and the stress then goes back.
bool stressed_on_last_vowel(const icu::UnicodeString& stem, const icu::UnicodeString& ending) {
  int32_t last_vowel = -1, accents = 0;
  for (int32_t i = 0; i < stem.length(); ++i) {
    if (is_vowel_base(stem.charAt(i))) last_vowel = i;
    if (has_acute(stem.charAt(i))) ++accents;
  }
  if (last_vowel < 0 || accents != 1 || !has_acute(stem.charAt(last_vowel))) return false;
  const bool glide = last_vowel == stem.length() - 1 && last_vowel > 0 &&
                     text::base_letter(stem.charAt(last_vowel)) == u'ι' &&
                     !is_vowel_base(stem.charAt(last_vowel - 1));
  return !(glide && !ending.isEmpty() && is_vowel_base(ending.charAt(0)));
}

// How many letters an ending and its base's ending start with alike: they belong to the word's
// stem ("útil" is the stem of "utilísima", whose ending "ilísima" keeps the base's "il").
int32_t shared_start(const icu::UnicodeString& ending, const icu::UnicodeString& base_ending) {
  const icu::UnicodeString a = text::strip_acute(ending), b = text::strip_acute(base_ending);
  int32_t n = 0;
  while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) ++n;
  return n;
}

class Deriver {
 public:
  Deriver(const MorphologyRules& rules, const MorphologyLookups& lookups)
      : m_rules(rules), m_lookups(lookups) {}

  bool prefixed(const icu::UnicodeString& word) const {
    if (!prefixed_unchecked(word) || homophone_known(word)) return false;
    return !m_lookups.near_known || !m_lookups.near_known(word);
  }

  // True when `word` is a stem of k_min_stem_letters or more and a suffix of the rules whose
  // base (the stem with the base's ending) is a known word: "optimizador" ← "optimizar". An
  // ending marked with ' is stressed on the stem's last vowel, which carries the only accent
  // ("τηλεφώνηση" ← "τηλεφωνώ"); a base ending marked with ' has its accent in the stem, wherever
  // the dictionary has it ("ρυθμίσιμος" ← "ρύθμιση", "επειγόντως" ← "επείγοντας").
  bool suffixed(const icu::UnicodeString& word) const {
    if (accent_slip(word)) return false;
    // Endings are compared in UTF-8: most do not match, and need no conversion then.
    std::string word_utf8;
    word.toUTF8String(word_utf8);
    for (const auto& [ending_utf8, base_utf8] : m_rules.suffixes) {
      const std::string_view written{ending_utf8};
      if (!word_utf8.ends_with(written.starts_with('\'') ? written.substr(1) : written)) continue;
      const Affix ending{ending_utf8}, base_ending{base_utf8};
      const icu::UnicodeString stem{word, 0, word.length() - ending.text.length()};
      if (stem.countChar32() + shared_start(ending.text, base_ending.text) < k_min_stem_letters)
        continue;
      if (ending.stem_stressed && !stressed_on_last_vowel(stem, ending.text)) continue;
      icu::UnicodeString base = text::strip_acute(stem);
      // Stressed on the ending, the word has no accent left for the stem.
      if (base != stem && !ending.stem_stressed && text::strip_acute(ending.text) != ending.text)
        continue;
      if (!ending.stem_stressed) base = stem;
      base.append(base_ending.text);
      if (base_ending.stem_stressed ? m_lookups.known(base) || known_with_accent(base)
                                    : m_lookups.known(base))
        return !accent_moved(word) && !homophone_known(word);
    }
    return false;
  }

  // True when a known word sounds like `word` and is spelled with another Greek vowel of the same
  // sound: a derived "θύμιση" (← θυμίζω) is then the known θύμηση misspelled, and "κύληση" (←
  // κυλώ) the known κύλιση. Spelling these vowels is the commonest Greek error.
  bool homophone_known(const icu::UnicodeString& word) const {
    static const std::vector<std::vector<icu::UnicodeString>> k_same_sound{
        {u"η", u"ι", u"υ", u"ει", u"οι"},
        {u"ή", u"ί", u"ύ", u"εί", u"οί"},
        {u"ο", u"ω"},
        {u"ό", u"ώ"},
        {u"ε", u"αι"},
        {u"έ", u"αί"}};
    for (const auto& group : k_same_sound) {
      for (const icu::UnicodeString& written : group) {
        for (int32_t at = word.indexOf(written); at >= 0; at = word.indexOf(written, at + 1)) {
          for (const icu::UnicodeString& other : group) {
            if (other == written) continue;
            icu::UnicodeString variant{word};
            variant.replace(at, written.length(), other);
            if (m_lookups.known(variant)) return true;
          }
        }
      }
    }
    return false;
  }

  // True when `word` has no accent and a known word is `word` with one: a dropped accent, never
  // a derived word ("simultaneamente" is "simultáneamente", not "simultanea" + "mente").
  bool accent_slip(const icu::UnicodeString& word) const {
    if (text::strip_acute(word) != word) return false;
    icu::UnicodeString variant{word};
    for (int32_t i = 0; i < word.length(); ++i) {
      const char16_t accented = with_acute(word.charAt(i));
      if (accented == word.charAt(i)) continue;
      variant.setCharAt(i, accented);
      if (m_lookups.known(variant)) return true;
      variant.setCharAt(i, word.charAt(i));
    }
    return false;
  }

  // True when a known word has the letters of `word` with its accent elsewhere: a slip of the
  // accent, never a derived word ("μετάφορα" is μεταφορά, not μετ- + άφορα).
  bool accent_moved(const icu::UnicodeString& word) const {
    const icu::UnicodeString plain = text::strip_acute(word);
    return plain != word && known_with_accent(plain);
  }

  // True when `word` is a stem, a link of the rules and a known word of k_min_remainder_letters
  // or more, and the stem with one of the link's endings is a known word with its accent
  // anywhere: "συμβολοσειρά" ← σύμβολο + σειρά. The first word loses its accent in the compound,
  // and the second keeps its own: an accent on the link, which some compounds take
  // (σιδηρόδρομος), would also let through words no Greek stresses so far back
  // ("δωρόεπιταγης"). No known word may be one edit away, as for a prefix.
  bool compounded(const icu::UnicodeString& word) const {
    if (m_rules.compounds.empty()) return false;
    for (const auto& [link_utf8, endings] : m_rules.compounds) {
      const icu::UnicodeString link = icu::UnicodeString::fromUTF8(link_utf8);
      for (int32_t at = k_min_stem_letters; at + link.length() < word.length(); ++at) {
        if (word.compare(at, link.length(), link) != 0) continue;
        const icu::UnicodeString stem{word, 0, at};
        if (text::strip_acute(stem) != stem) continue;  // the first word's accent is gone
        const icu::UnicodeString second{word, at + link.length()};
        if (second.countChar32() < k_min_remainder_letters) break;
        if (!m_lookups.known(second) || !first_word(stem, endings)) continue;
        return !m_lookups.near_known || !m_lookups.near_known(word);
      }
    }
    return false;
  }

  bool with_clitics(const icu::UnicodeString& word) const {
    if (m_rules.clitic_slots.empty()) return false;
    return strip_clitics(word, word.length(), static_cast<int>(m_rules.clitic_slots.size()) - 1);
  }

 private:
  bool prefixed_unchecked(const icu::UnicodeString& word) const {
    for (const std::string& prefix_utf8 : m_rules.prefixes) {
      const auto open = prefix_utf8.find('(');
      if (open != std::string::npos) {
        if (elided_prefix(word, prefix_utf8, open)) return true;
        continue;
      }
      const icu::UnicodeString prefix = icu::UnicodeString::fromUTF8(prefix_utf8);
      if (!word.startsWith(prefix) || !after_prefix(word, prefix)) continue;
      if (!elision_known(word, prefix)) return true;
    }
    return false;
  }

  // "απ(ο)": the prefix απο- before a vowel, where it loses its ο (απ + εγκατάσταση). Refused when
  // the dictionary knows the whole prefix there ("ανταεροπορικός" for αντιαεροπορικός): which
  // of the two forms a word takes is the word's own.
  bool elided_prefix(const icu::UnicodeString& word, const std::string& entry,
                     std::size_t open) const {
    const icu::UnicodeString elided = icu::UnicodeString::fromUTF8(entry.substr(0, open));
    if (!word.startsWith(elided) || word.length() <= elided.length()) return false;
    if (!is_vowel_base(word.charAt(elided.length()))) return false;
    const auto close = entry.find(')', open);
    icu::UnicodeString whole{word};
    whole.insert(elided.length(),
                 icu::UnicodeString::fromUTF8(entry.substr(open + 1, close - open - 1)));
    return !m_lookups.known(whole) && !accent_moved(word) && after_prefix(word, elided);
  }

  // True when `word` is `prefix` and a vowel, and the dictionary knows it with the prefix's
  // elided form of the rules: "αντιεπίθεση" for αντεπίθεση.
  bool elision_known(const icu::UnicodeString& word, const icu::UnicodeString& prefix) const {
    if (word.length() <= prefix.length() || !is_vowel_base(word.charAt(prefix.length())))
      return false;
    for (const std::string& entry : m_rules.prefixes) {
      const auto open = entry.find('(');
      if (open == std::string::npos) continue;
      std::string whole = entry;
      std::erase_if(whole, [](char c) { return c == '(' || c == ')'; });
      if (icu::UnicodeString::fromUTF8(whole) != prefix) continue;
      const icu::UnicodeString elided = icu::UnicodeString::fromUTF8(entry.substr(0, open));
      if (m_lookups.known(elided + icu::UnicodeString{word, prefix.length()})) return true;
    }
    return false;
  }

  // True when the rest of `word` after `prefix` is a known word, a verb with its pronouns or a
  // suffixed word.
  bool after_prefix(const icu::UnicodeString& word, const icu::UnicodeString& prefix) const {
    icu::UnicodeString rest{word, prefix.length()};
    // A prefix ending in a vowel doubles the r that follows: auto + rellenar → autorrellenar,
    // never "autorellenar".
    if (rest.startsWith(u"r") && is_vowel_letter(prefix.charAt(prefix.length() - 1))) {
      if (!rest.startsWith(u"rr")) return false;
      rest.remove(0, 1);
    }
    if (rest.countChar32() < k_min_remainder_letters) return false;
    return m_lookups.known(rest) || with_clitics(rest) || suffixed(rest);
  }

  // Takes one pronoun of slot `slot` or an earlier one off word[0, end) and tries the rest as
  // the verb, then with more pronouns taken off.
  bool strip_clitics(const icu::UnicodeString& word, int32_t end, int slot) const {
    for (int s = slot; s >= 0; --s) {
      for (const std::string& clitic_utf8 : m_rules.clitic_slots[static_cast<std::size_t>(s)]) {
        const icu::UnicodeString clitic = icu::UnicodeString::fromUTF8(clitic_utf8);
        const int32_t start = end - clitic.length();
        if (start < 2 || word.compare(start, clitic.length(), clitic) != 0) continue;
        if (verb_with_clitics(word, start)) return true;
        if (strip_clitics(word, start, s - 1)) return true;
      }
    }
    return false;
  }

  bool verb_with_clitics(const icu::UnicodeString& word, int32_t split) const {
    const icu::UnicodeString written{word, 0, split};
    const icu::UnicodeString clitics{word, split};
    const icu::UnicodeString plain = text::strip_acute(written);
    for (const icu::UnicodeString* base : {&written, &plain}) {
      if (base == &plain && plain == written) break;
      const bool bare = is_bare_imperative(*base, m_rules);
      if (!bare && !takes_clitics(*base)) continue;
      if (attach_clitics(*base, clitics) != word) continue;
      if (m_lookups.known(*base) && (bare || m_lookups.verb_form(*base))) return true;
    }
    return voseo_with_clitics(plain, clitics, word);
  }

  // The voseo imperative (Argentina, Uruguay, Central America) is the infinitive without its r,
  // stressed on its last vowel (confirmá, revisá, decí), and keeps that stress under a pronoun:
  // confirmame, revisalo, respondenos, decime. The dictionaries list no voseo forms.
  bool voseo_with_clitics(const icu::UnicodeString& plain, const icu::UnicodeString& clitics,
                          const icu::UnicodeString& word) const {
    if (plain.length() < 3) return false;
    const char16_t last = plain.charAt(plain.length() - 1);
    const char16_t stressed = last == u'a' ? u'á' : last == u'e' ? u'é' : last == u'i' ? u'í' : 0;
    if (stressed == 0) return false;
    const icu::UnicodeString infinitive = plain + u'r';
    if (!m_lookups.known(infinitive) || !m_lookups.verb_form(infinitive)) return false;
    icu::UnicodeString imperative = plain;
    imperative.setCharAt(imperative.length() - 1, stressed);
    return attach_clitics(imperative, clitics) == word;
  }

  // True when `stem` (no accent) with one of `endings` is a known word with its accent anywhere:
  // "συμβολ" + "ο" → σύμβολο.
  bool first_word(const icu::UnicodeString& stem, const std::vector<std::string>& endings) const {
    for (const std::string& ending : endings) {
      const icu::UnicodeString candidate = stem + icu::UnicodeString::fromUTF8(ending);
      if (m_lookups.known(candidate) || known_with_accent(candidate)) return true;
    }
    return false;
  }

  bool known_with_accent(const icu::UnicodeString& plain) const {
    return m_lookups.known_with_accent && m_lookups.known_with_accent(plain);
  }

  const MorphologyRules& m_rules;
  const MorphologyLookups& m_lookups;
};

}  // namespace

icu::UnicodeString attach_clitics(const icu::UnicodeString& base,
                                  const icu::UnicodeString& clitics) {
  const std::vector<Nucleus> base_nuclei = nuclei(base);
  if (base_nuclei.empty()) return base + clitics;
  int32_t written = -1;
  for (int32_t i = 0; i < base.length(); ++i)
    if (is_acute(base.charAt(i))) written = i;
  std::size_t stressed = 0;
  if (written >= 0) {
    stressed = nucleus_of(base_nuclei, written);
  } else {
    const char16_t last = base.charAt(base.length() - 1);
    const bool penult = is_vowel_letter(last) || last == u'n' || last == u's';
    stressed = penult && base_nuclei.size() >= 2 ? base_nuclei.size() - 2 : base_nuclei.size() - 1;
  }
  icu::UnicodeString out = text::strip_acute(base) + clitics;
  const std::size_t total = nuclei(out).size();
  // An accent that splits a diphthong (envíe, oír) stays whatever follows.
  const bool hiatus = written >= 0 &&
                      (base.charAt(written) == u'í' || base.charAt(written) == u'ú') &&
                      ((written > 0 && is_vowel_at(base, written - 1)) ||
                       (written + 1 < base.length() && is_vowel_at(base, written + 1)));
  if (total < stressed + 3 && !hiatus) return out;
  int32_t at = written;
  if (at < 0) {
    const Nucleus& nucleus = base_nuclei[stressed];
    at = nucleus.end - 1;  // two closed vowels: the second (cuídalo)
    for (int32_t i = nucleus.begin; i < nucleus.end; ++i) {
      if (is_strong(out.charAt(i))) {
        at = i;
        break;
      }
    }
  }
  out.setCharAt(at, with_acute(out.charAt(at)));
  return out;
}

bool derived_word(const icu::UnicodeString& word, const MorphologyRules& rules,
                  const MorphologyLookups& lookups) {
  if (rules.empty() || word.length() < 4) return false;
  const Deriver deriver{rules, lookups};
  return deriver.with_clitics(word) || deriver.suffixed(word) || deriver.prefixed(word) ||
         deriver.compounded(word);
}

}  // namespace replylint::spell
