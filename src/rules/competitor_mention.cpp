#include <unicode/unistr.h>

#include "rules/rules.hpp"
#include "spell/spell.hpp"
#include "text/text.hpp"

#include <algorithm>
#include <optional>

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "competitor-mention",
    .category = Category::content,
    .default_severity = Severity::info,
    .summary = N_("a competitor named in own text (names from the configuration)"),
    .docs = R"md(
## What it flags
A competitor named in own text: each name of the `competitors` option, matched as whole words,
ignoring case and accents ("el corte ingles" is "El Corte Inglés"); a name of several words
("El Corte Inglés") or with dots ("Amazon.es") matches only whole; an English possessive counts
("Ryanair's", "Ryanair’s"). The list is empty by default,
so the rule says nothing until a team configures it (see the example).

Left alone: quoted text, attribution lines and signatures (the customer may name whom they
like); links and addresses ("https://www.amazon.es/…", "ventas@zalando.es": a link is not an
opinion, and the rule is about what the reply says, not where it points); a name that is the
sender's own organisation (it matches the From address's domain, the configured `org-domains`
or the From display name), so one shared list serves every brand of a group; a name that
appears in the message's own headers (a reply to that company itself); and a one-word name that
is also a word of the language (Claro, Bell, Πλαίσιο) written in small letters or first in its
sentence ("el plan es claro", "Claro, le ayudo", "στο πλαίσιο του"): with its capital inside a
sentence it is the company.

## Why
Track the competition, but do not comment on it in front of customers: talking about
competitors belongs inside the company (seeds/002 §2, "Hablar de la competencia").

## Example
```toml
# .replylint.toml
[rules.competitor-mention]
competitors = ["Zalando", "El Corte Inglés", "Amazon.es", "Πλαίσιο"]
```
```text
Hola Ana,

En Zalando tardan más, nosotros enviamos en 24 horas.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Enviamos en 24 horas a toda la península.

Un saludo,
Lucía
```

## Options
`competitors` (default []): the names to flag, as written ("El Corte Inglés", "Amazon.es").
It is a rule option, set under `[rules.competitor-mention]` like every other rule's options (an
`[[overrides]]` entry can give a folder its own list), rather than a top-level key: only this
rule reads it.
)md",
    .options = {{"competitors", std::vector<std::string>{},
                 "names of competitors that own text should not mention"}},
};

// Letters and digits of the loose key only: "El Corte Inglés" → "elcorteingles", "Amazon.es" →
// "amazones". How a name is compared with a domain or a display name.
std::string compact_key(std::string_view text) {
  std::string out;
  for (char c : text::loose_key(text))
    if (c != ' ' && c != '.' && c != '-' && c != '_' && c != '\'' && c != ',' && c != '&') out += c;
  return out;
}

struct Name {
  std::string written;            // as configured
  std::vector<std::string> keys;  // loose keys of its tokens
  std::string compact;
};

class CompetitorMention final : public Rule {
 public:
  explicit CompetitorMention(const RuleContext& context)
      : m_org_domains(context.org_domains), m_spell(context.spell) {
    for (const std::string& written : context.options.list("competitors")) {
      Name name{written, {}, compact_key(written)};
      for (const Word& token : draft::tokenize(written, context.data))
        name.keys.push_back(text::loose_key(token.text));
      if (name.keys.empty() || name.compact.empty()) continue;
      m_names.push_back(std::move(name));
    }
    // The longest name first, so "El Corte Inglés" wins over a configured "Corte".
    std::stable_sort(m_names.begin(), m_names.end(),
                     [](const Name& a, const Name& b) { return a.keys.size() > b.keys.size(); });
  }

  const RuleInfo& info() const override { return k_info; }

  // Own text only: paragraphs leave out quotes, attribution lines, signatures and placeholder
  // blocks. Ranges are bytes of draft.text(), never lines.
  void check(const Draft& draft, Reporter& out) const override {
    if (m_names.empty()) return;
    std::vector<const Name*> names;
    for (const Name& name : m_names)
      if (!is_own(name, draft.message())) names.push_back(&name);
    if (names.empty()) return;
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      const std::string& language =
          paragraph.language.empty() ? draft.language : paragraph.language;
      spell::Speller* speller =
          m_spell != nullptr && !language.empty() ? m_spell->get(language) : nullptr;
      for (const Sentence& sentence : paragraph.sentences)
        check_sentence(draft, sentence, names, speller, out);
    }
  }

 private:
  void check_sentence(const Draft& draft, const Sentence& sentence,
                      const std::vector<const Name*>& names, spell::Speller* speller,
                      Reporter& out) const {
    const std::vector<Word>& words = sentence.words;
    const std::size_t first_word = static_cast<std::size_t>(
        std::find_if(words.begin(), words.end(),
                     [](const Word& w) { return w.kind == draft::TokenKind::word; }) -
        words.begin());
    std::vector<std::optional<std::string>> keys(words.size());
    const auto key = [&](std::size_t i) -> const std::string& {
      if (!keys[i]) keys[i] = text::loose_key(words[i].text);
      return *keys[i];
    };
    // "Ryanair's": the name's last word may carry a possessive.
    std::vector<std::optional<std::string>> owner_keys(words.size());
    const auto owner_key = [&](std::size_t i) -> const std::string& {
      if (!owner_keys[i]) owner_keys[i] = text::loose_key(without_possessive(words[i].text));
      return *owner_keys[i];
    };
    for (std::size_t i = 0; i < words.size();) {
      const Name* found = nullptr;
      for (const Name* name : names)
        if (matches(*name, words, i, key, owner_key)) {
          found = name;
          break;
        }
      if (found == nullptr) {
        ++i;
        continue;
      }
      const std::size_t end = i + found->keys.size();
      if (found->keys.size() == 1 && common_word(words[i], i == first_word, speller)) {
        i = end;
        continue;
      }
      const bool in_headers = std::all_of(words.begin() + static_cast<std::ptrdiff_t>(i),
                                          words.begin() + static_cast<std::ptrdiff_t>(end),
                                          [](const Word& w) { return w.is_header_name; });
      if (!in_headers) {
        const Range range{words[i].range.begin, words[end - 1].range.end};
        out.report(range, "competitor named: '{}'",
                   std::string_view(draft.text()).substr(range.begin, range.size()))
            .help("speak about what you offer, not about the competition");
      }
      i = end;
    }
  }

  // A one-word name that is also a word of the language ("Claro", "Bell", "Πλαίσιο") names the
  // competitor only when written with its capital inside a sentence: "el plan es claro", "στο
  // πλαίσιο του", and "Claro, le ayudo" at the start of a sentence are the word.
  static bool common_word(const Word& w, bool starts_sentence, spell::Speller* speller) {
    if (speller == nullptr || w.shape == draft::CaseShape::upper) return false;
    const bool capital = w.shape != draft::CaseShape::lower;
    if (capital && !starts_sentence) return false;
    std::string lower;
    icu::UnicodeString::fromUTF8(
        icu::StringPiece(w.text.data(), static_cast<int32_t>(w.text.size())))
        .toLower()
        .toUTF8String(lower);
    return speller->check(lower);
  }

  // The name's words at i, whole tokens only: a link or an address is a token of its own
  // ("https://www.amazon.es/…"), so it never equals a name.
  template <typename Key, typename OwnerKey>
  static bool matches(const Name& name, const std::vector<Word>& words, std::size_t i,
                      const Key& key, const OwnerKey& owner_key) {
    if (i + name.keys.size() > words.size()) return false;
    for (std::size_t k = 0; k < name.keys.size(); ++k) {
      const Word& w = words[i + k];
      if (w.kind == draft::TokenKind::email || w.kind == draft::TokenKind::placeholder)
        return false;
      const bool last = k + 1 == name.keys.size();
      if (key(i + k) != name.keys[k] && !(last && owner_key(i + k) == name.keys[k])) return false;
    }
    return true;
  }

  static std::string_view without_possessive(std::string_view word) {
    for (const std::string_view ending : {"'s", "\u2019s", "'", "\u2019"})
      if (word.size() > ending.size() && word.ends_with(ending))
        return word.substr(0, word.size() - ending.size());
    return word;
  }

  // The sender's own organisation: its domain ("elcorteingles.es" → "elcorteingles", or whole
  // as "amazones"), a configured org domain, or its From display name.
  bool is_own(const Name& name, const message::Message& message) const {
    std::vector<std::string> domains = m_org_domains;
    for (const message::Address& from : message.from) {
      if (!from.domain().empty()) domains.push_back(from.domain());
      if (!from.name.empty() && compact_key(from.name).find(name.compact) != std::string::npos)
        return true;
    }
    for (const std::string& domain : domains) {
      if (compact_key(domain) == name.compact) return true;
      // Every label but the top-level one: "soporte.zalando.es" → "soporte", "zalando".
      std::size_t begin = 0;
      const std::size_t last_dot = domain.rfind('.');
      while (begin < domain.size() && last_dot != std::string::npos && begin < last_dot) {
        const std::size_t dot = domain.find('.', begin);
        if (compact_key(domain.substr(begin, dot - begin)) == name.compact) return true;
        begin = dot + 1;
      }
    }
    return false;
  }

  std::vector<Name> m_names;
  std::vector<std::string> m_org_domains;
  spell::SpellService* m_spell = nullptr;  // nullptr when spelling is off: names match as written
};

}  // namespace

const RuleInfo& competitor_mention_info() { return k_info; }

std::unique_ptr<Rule> make_competitor_mention(const RuleContext& context) {
  return std::make_unique<CompetitorMention>(context);
}

}  // namespace replylint::rules
