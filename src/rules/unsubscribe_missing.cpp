#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "data/data.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "unsubscribe-missing",
    .category = Category::content,
    .default_severity = Severity::warning,
    .summary = N_("a promotional or bulk message with no way to opt out"),
    .docs = R"md(
## What it flags
A bulk or promotional message that gives the reader no way to opt out. It is reported on the
subject (or, without one, on the header that makes it bulk), since the fix belongs to the whole
message: a `List-Unsubscribe` header and an unsubscribe link in the footer.

A message is bulk or promotional when one of these holds:
- a `Precedence: bulk`, `list` or `junk` header;
- more than `max-recipients` recipients in To, Cc and Bcc outside the sender's organisation
  (the configured `org-domains`, else the From domain);
- promotional wording: at least two *different* phrases of `rules/<lang>/unsubscribe-missing.toml`
  ("oferta exclusiva", "descuento", "promoción", "boletín", "προσφορά", "έκπτωση", "newsletter",
  "limited time", "20% off"…) in own text and the subject together. One phrase is not enough: a
  support answer that says "le aplicamos un descuento" is not a campaign. Wording is not
  counted in a reply or a forward (a one-to-one answer is never a campaign, whatever it offers),
  nor in a bare body with no headers (nothing tells who receives it). A message to one outside
  address needs three phrases, or one in the subject: a goodwill gesture to one customer ("le
  damos un código de descuento y el envío gratis") is not a campaign either.

A way to opt out is any of: a `List-Unsubscribe` header; a phrase of
`rules/<lang>/unsubscribe-missing-opt-out.toml` ("darse de baja", "cancelar la suscripción",
"απεγγραφή", "διαγραφή από τη λίστα", "unsubscribe", "opt out", "manage your preferences")
anywhere in the body, signature and footer included, or in another text part (a list footer);
a link whose address says unsubscribe, opt-out, baja or preferences, in the text or in an
`href` of a quoted-printable or plain HTML part.

## Why
Avoid spam and let the customer decide what they receive (seeds/004 §1 and §11): a campaign
without a way out is spam to the reader, and the law (LSSI, GDPR, CAN-SPAM) asks for one.

## Example
```text
From: Tienda Verde <ofertas@tiendaverde.example>
To: clientes@tiendaverde.example
Subject: Oferta exclusiva para usted

Hola,

Solo este fin de semana, un descuento del 20% en toda la tienda.

Un saludo,
Tienda Verde
```
Use instead:
```text
From: Tienda Verde <ofertas@tiendaverde.example>
To: clientes@tiendaverde.example
Subject: Oferta exclusiva para usted

Hola,

Solo este fin de semana, un descuento del 20% en toda la tienda.

Un saludo,
Tienda Verde
--
Si no desea recibir más ofertas, puede darse de baja aquí:
https://tiendaverde.example/baja
```

## Options
`max-recipients` (default 10): a message to more recipients outside the organisation than this
is bulk.
)md",
    .options = {{"max-recipients", std::int64_t{10},
                 "most recipients outside the organisation a message may have before it is bulk"}},
};

constexpr std::string_view k_languages[] = {"es", "el", "en"};

// Words of a link's address that mean an opt-out page ("/unsubscribe", "/baja?id=").
constexpr std::string_view k_opt_out_link_words[] = {
    "unsubscribe", "unsub",     "optout",    "opt-out", "opt_out",
    "baja",        "desuscrib", "preferenc", "apegraf", "remove"};

std::string lowercase_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool opt_out_link(std::string_view url) {
  const std::string lower = lowercase_ascii(url);
  return std::any_of(std::begin(k_opt_out_link_words), std::end(k_opt_out_link_words),
                     [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

// The href values of the raw message's HTML, with quoted-printable soft breaks and "=3D"
// undone. A base64 HTML part is not read: its link text still counts.
bool raw_html_opt_out_link(const std::string& raw) {
  std::string html;
  html.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '=' && i + 1 < raw.size() && (raw[i + 1] == '\n' || raw[i + 1] == '\r')) {
      i += raw[i + 1] == '\r' && i + 2 < raw.size() && raw[i + 2] == '\n' ? 2 : 1;
      continue;
    }
    if (raw.compare(i, 3, "=3D") == 0 || raw.compare(i, 3, "=3d") == 0) {
      html += '=';
      i += 2;
      continue;
    }
    html += static_cast<char>(std::tolower(static_cast<unsigned char>(raw[i])));
  }
  for (std::size_t at = html.find("href="); at != std::string::npos;
       at = html.find("href=", at + 5)) {
    std::size_t begin = at + 5;
    if (begin < html.size() && (html[begin] == '"' || html[begin] == '\'')) ++begin;
    const std::size_t end = html.find_first_of("\"' >", begin);
    if (opt_out_link(std::string_view(html).substr(begin, end - begin))) return true;
  }
  return false;
}

// "20% off", "20 % OFF": the English discount that no phrase can spell.
bool percent_off(std::string_view text) {
  for (std::size_t at = text.find('%'); at != std::string_view::npos; at = text.find('%', at + 1)) {
    std::size_t before = at;
    while (before > 0 && text[before - 1] == ' ') --before;
    if (before == 0 || !std::isdigit(static_cast<unsigned char>(text[before - 1]))) continue;
    std::size_t after = at + 1;
    while (after < text.size() && text[after] == ' ') ++after;
    if (lowercase_ascii(text.substr(after, 3)) == "off" &&
        (after + 3 == text.size() || !std::isalpha(static_cast<unsigned char>(text[after + 3]))))
      return true;
  }
  return false;
}

bool in_domains(const std::string& domain, const std::vector<std::string>& domains) {
  return std::any_of(domains.begin(), domains.end(), [&](const std::string& own) {
    return domain == own || (domain.size() > own.size() && domain.ends_with(own) &&
                             domain[domain.size() - own.size() - 1] == '.');
  });
}

class UnsubscribeMissing final : public Rule {
 public:
  explicit UnsubscribeMissing(const RuleContext& context)
      : m_data(context.data),
        m_promotional(context.data, k_info.id, context.spell),
        // Forms only: the opt-out search runs every language, which must not load every
        // dictionary.
        m_opt_out(context.data, "unsubscribe-missing-opt-out", nullptr),
        m_org_domains(context.org_domains),
        m_max_recipients(context.options.integer("max-recipients")) {
    for (std::string& d : m_org_domains) d = lowercase_ascii(d);
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    if (msg.kind == message::InputKind::body) return;
    if (!msg.list_unsubscribe.empty() || msg.find_header("List-Unsubscribe")) return;

    // Why it is bulk, cheapest first; the opt-out search (tokenising the whole body) runs last.
    core::i18n::Fragment reason;
    const message::Header* precedence = msg.find_header("Precedence");
    if (precedence) {
      const std::string value = lowercase_ascii(precedence->value);
      if (value.find("bulk") != std::string::npos || value.find("list") != std::string::npos ||
          value.find("junk") != std::string::npos)
        reason = core::i18n::fragment("bulk message (Precedence: {})", precedence->value);
    }
    const std::size_t outside = outside_recipients(msg);
    if (reason.english.empty() &&
        outside > static_cast<std::size_t>(std::max<std::int64_t>(0, m_max_recipients)))
      reason = core::i18n::fragment("message to {} recipients", outside);
    if (reason.english.empty() && !msg.is_reply && !msg.is_forward) {
      const Wording wording = promotional_wording(draft);
      // One customer, one message: a goodwill gesture ("un código de descuento y el envío
      // gratis") reads like an offer, so it takes a promotional subject or a third phrase.
      const bool one_to_one = msg.to.size() + msg.cc.size() + msg.bcc.size() == 1 && outside == 1;
      const std::size_t needed = one_to_one && !wording.in_subject ? 3 : 2;
      if (wording.phrases.size() >= needed)
        reason = core::i18n::fragment("promotional message ('{}', '{}')", wording.phrases[0],
                                      wording.phrases[1]);
    }
    if (reason.english.empty() || has_opt_out(draft)) return;

    constexpr std::string_view help =
        N_("add a List-Unsubscribe header and an unsubscribe link or instructions in the footer");
    if (msg.subject_header())
      out.report_subject({0, msg.subject.size()}, "{} with no way to unsubscribe", reason)
          .help(std::string(help));
    else
      out.report_header(precedence ? "Precedence" : "To", "{} with no way to unsubscribe", reason)
          .help(std::string(help));
  }

 private:
  std::size_t outside_recipients(const message::Message& msg) const {
    std::vector<std::string> own = m_org_domains;
    if (own.empty())
      for (const auto* list : {&msg.from, &msg.sender})
        for (const message::Address& a : *list)
          if (!a.domain().empty() && !m_data.is_free_mail(a.domain())) own.push_back(a.domain());
    std::set<std::string> seen;
    for (const auto* list : {&msg.to, &msg.cc, &msg.bcc})
      for (const message::Address& a : *list) {
        const std::string address = lowercase_ascii(a.address);
        if (address.empty() || in_domains(a.domain(), own)) continue;
        seen.insert(address);
      }
    return seen.size();
  }

  struct Wording {
    std::vector<std::string> phrases;  // distinct, as written: the subject's first
    bool in_subject = false;
  };

  // The distinct promotional phrases of the subject and own text.
  Wording promotional_wording(const Draft& draft) const {
    Wording wording;
    std::vector<std::string>& found = wording.phrases;
    std::set<std::string> keys;
    auto add = [&](const PhraseMatch& match, std::string_view text) {
      if (keys.insert(match.phrase->match).second)
        found.emplace_back(text.substr(match.range.begin, match.range.size()));
    };
    Sentence subject;
    subject.range = {0, draft.message().subject.size()};
    subject.words = draft.subject_words;
    // The draft's language only when it is known: another list would load its dictionary.
    for (std::string_view language : k_languages)
      if (draft.language.empty() || draft.language == language)
        for (const PhraseMatch& match : m_promotional.find(subject, language))
          add(match, draft.message().subject);
    if (percent_off(draft.message().subject) && keys.insert("% off").second)
      found.emplace_back("% off");
    wording.in_subject = !found.empty();
    for (const PhraseMatch& match : m_promotional.find(draft)) add(match, draft.text());
    if (found.size() < 3)
      for (const Sentence* sentence : draft.own_sentences())
        if (percent_off(std::string_view(draft.text())
                            .substr(sentence->range.begin, sentence->range.size()))) {
          if (keys.insert("% off").second) found.emplace_back("% off");
          break;
        }
    return wording;
  }

  // An opt-out anywhere: body (every segment), other text parts, links and HTML hrefs.
  bool has_opt_out(const Draft& draft) const {
    const message::Message& msg = draft.message();
    std::vector<std::string_view> texts{draft.text()};
    for (const message::TextPart& part : msg.other_text_parts) texts.push_back(part.text);
    for (std::string_view text : texts) {
      Sentence all;
      all.range = {0, text.size()};
      all.words = draft::tokenize(text, m_data);
      for (const Word& word : all.words)
        if ((word.kind == draft::TokenKind::url || word.kind == draft::TokenKind::email) &&
            opt_out_link(word.text))
          return true;
      for (std::string_view language : k_languages)
        if (!m_opt_out.find(all, language).empty()) return true;
    }
    return raw_html_opt_out_link(msg.raw);
  }

  const data::DataSet& m_data;
  PhraseMatcher m_promotional;
  PhraseMatcher m_opt_out;
  std::vector<std::string> m_org_domains;
  std::int64_t m_max_recipients;
};

}  // namespace

const RuleInfo& unsubscribe_missing_info() { return k_info; }

std::unique_ptr<Rule> make_unsubscribe_missing(const RuleContext& context) {
  return std::make_unique<UnsubscribeMissing>(context);
}

}  // namespace replylint::rules
