#include "spell/affix_expand.hpp"

#include <fmt/format.h>
#include <unicode/unistr.h>

#include <fstream>
#include <map>
#include <sstream>

namespace replylint::spell {
namespace {

std::u32string to_u32(std::string_view utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::u32string out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::string to_utf8(const std::u32string& text) {
  icu::UnicodeString u;
  for (char32_t c : text) u.append(static_cast<UChar32>(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

// One position of a Hunspell affix condition: any character, a set, or a negated set.
struct CondChar {
  bool any = false;
  bool negated = false;
  std::u32string set;
  bool matches(char32_t c) const {
    if (any) return true;
    const bool in = set.find(c) != std::u32string::npos;
    return negated ? !in : in;
  }
};

std::vector<CondChar> parse_condition(const std::u32string& text) {
  std::vector<CondChar> out;
  if (text == U".") return out;  // no condition
  for (std::size_t i = 0; i < text.size(); ++i) {
    CondChar c;
    if (text[i] == U'.') {
      c.any = true;
    } else if (text[i] == U'[') {
      std::size_t j = i + 1;
      if (j < text.size() && text[j] == U'^') {
        c.negated = true;
        ++j;
      }
      while (j < text.size() && text[j] != U']') c.set.push_back(text[j++]);
      i = j;
    } else {
      c.set.push_back(text[i]);
    }
    out.push_back(std::move(c));
  }
  return out;
}

struct Rule {
  std::u32string strip, add, continuation;
  std::vector<CondChar> condition;
};

struct AffixClass {
  bool prefix = false;
  bool cross = false;
  std::vector<Rule> rules;
};

bool suffix_applies(const Rule& r, const std::u32string& word) {
  if (word.size() < r.condition.size() || word.size() < r.strip.size() ||
      (word.size() <= r.strip.size() && r.add.empty()))
    return false;
  if (word.compare(word.size() - r.strip.size(), r.strip.size(), r.strip) != 0) return false;
  const std::size_t start = word.size() - r.condition.size();
  for (std::size_t k = 0; k < r.condition.size(); ++k)
    if (!r.condition[k].matches(word[start + k])) return false;
  return true;
}

bool prefix_applies(const Rule& r, const std::u32string& word) {
  if (word.size() < r.condition.size() || word.size() < r.strip.size()) return false;
  if (word.compare(0, r.strip.size(), r.strip) != 0) return false;
  for (std::size_t k = 0; k < r.condition.size(); ++k)
    if (!r.condition[k].matches(word[k])) return false;
  return true;
}

std::u32string apply_suffix(const Rule& r, const std::u32string& word) {
  return word.substr(0, word.size() - r.strip.size()) + r.add;
}

std::u32string apply_prefix(const Rule& r, const std::u32string& word) {
  return r.add + word.substr(r.strip.size());
}

}  // namespace

std::optional<AffixForms> expand_affixes(const DictionaryFiles& files, std::string& why) {
  std::ifstream aff(files.aff, std::ios::binary);
  if (!aff) {
    why = "cannot read " + files.aff.string();
    return std::nullopt;
  }
  std::map<char32_t, AffixClass> classes;
  std::string line;
  while (std::getline(aff, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::string keyword;
    fields >> keyword;
    if (keyword == "SET") {
      std::string encoding;
      fields >> encoding;
      if (encoding != "UTF-8") {
        why = "only UTF-8 affix dictionaries are expanded";
        return std::nullopt;
      }
    } else if (keyword == "FLAG") {
      std::string type;
      fields >> type;
      if (type != "UTF-8") {
        why = "flag type " + type + " is not modelled";
        return std::nullopt;
      }
    } else if (keyword == "AF" || keyword == "AM") {
      why = "flag aliases are not modelled";
      return std::nullopt;
    } else if (keyword == "PFX" || keyword == "SFX") {
      std::string flag, second, third, fourth;
      fields >> flag >> second >> third;
      const std::u32string f = to_u32(flag);
      if (f.size() != 1) {
        why = "multi-character flag " + flag;
        return std::nullopt;
      }
      AffixClass& c = classes[f[0]];
      if (second == "Y" || second == "N") {  // header: PFX A Y 4
        c.prefix = keyword == "PFX";
        c.cross = second == "Y";
        continue;
      }
      fields >> fourth;  // condition
      Rule r;
      r.strip = second == "0" ? U"" : to_u32(second);
      std::string add = third;
      const auto slash = add.find('/');
      if (slash != std::string::npos) {
        r.continuation = to_u32(add.substr(slash + 1));
        add = add.substr(0, slash);
      }
      r.add = add == "0" ? U"" : to_u32(add);
      r.condition = parse_condition(to_u32(fourth.empty() ? "." : fourth));
      c.rules.push_back(std::move(r));
    }
  }

  std::ifstream dic(files.dic, std::ios::binary);
  if (!dic) {
    why = "cannot read " + files.dic.string();
    return std::nullopt;
  }
  AffixForms out;
  std::uint32_t root_id = 0;
  auto add = [&](const std::u32string& form, bool prefixed) {
    out.forms.push_back(to_utf8(form));
    out.root_of.push_back(prefixed ? AffixForms::k_prefixed : root_id);
  };
  bool first = true;
  struct Suffixed {
    std::u32string form;
    bool cross;                   // cross products with prefixes allowed
    std::u32string continuation;  // continuation flags of the suffixes applied
  };
  std::vector<Suffixed> suffixed;
  while (std::getline(dic, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (first) {
      first = false;
      if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // en_GB's byte order mark
      if (line.find_first_not_of("0123456789 ") == std::string::npos) continue;
    }
    const auto tab = line.find('\t');
    if (tab != std::string::npos) line.resize(tab);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) continue;
    // "palabra/ABC": an escaped slash "\/" belongs to the word.
    std::size_t slash = std::string::npos;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;
      } else if (line[i] == '/') {
        slash = i;
        break;
      }
    }
    const std::u32string root = to_u32(line.substr(0, slash));
    const std::u32string flags = slash == std::string::npos ? U"" : to_u32(line.substr(slash + 1));
    root_id = static_cast<std::uint32_t>(out.roots.size());
    out.roots.push_back(to_utf8(root));
    add(root, false);
    suffixed.clear();
    for (char32_t flag : flags) {
      auto it = classes.find(flag);
      if (it == classes.end() || it->second.prefix) continue;
      for (const Rule& r : it->second.rules) {
        if (!suffix_applies(r, root)) continue;
        const std::u32string form = apply_suffix(r, root);
        add(form, false);
        suffixed.push_back({form, it->second.cross, r.continuation});
        // A continuation class on the suffix allows a second suffix (twofold suffixes).
        for (char32_t next : r.continuation) {
          auto jt = classes.find(next);
          if (jt == classes.end() || jt->second.prefix) continue;
          for (const Rule& r2 : jt->second.rules) {
            if (!suffix_applies(r2, form)) continue;
            const std::u32string twice = apply_suffix(r2, form);
            add(twice, false);
            suffixed.push_back(
                {twice, it->second.cross && jt->second.cross, r.continuation + r2.continuation});
          }
        }
      }
    }
    // Prefixes: on the root, and on every suffixed form when both allow cross products. A
    // prefix flag may also come from a suffix's continuation class (the prefix only goes with it).
    auto add_prefixes = [&](char32_t flag, bool from_suffix, const std::u32string* only_form,
                            bool cross_ok) {
      auto it = classes.find(flag);
      if (it == classes.end() || !it->second.prefix) return;
      for (const Rule& r : it->second.rules) {
        if (only_form == nullptr) {
          if (!from_suffix && prefix_applies(r, root)) add(apply_prefix(r, root), true);
          continue;
        }
        if (cross_ok && it->second.cross && prefix_applies(r, *only_form))
          add(apply_prefix(r, *only_form), true);
      }
    };
    for (char32_t flag : flags) add_prefixes(flag, false, nullptr, false);
    for (const Suffixed& s : suffixed) {
      for (char32_t flag : flags) add_prefixes(flag, false, &s.form, s.cross);
      for (char32_t flag : s.continuation) add_prefixes(flag, true, &s.form, s.cross);
    }
  }
  return out;
}

}  // namespace replylint::spell
