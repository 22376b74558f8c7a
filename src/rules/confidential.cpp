#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/data.hpp"
#include "rules/organisation.hpp"  // own_domains, has_outside_recipient
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "confidential",
    .category = Category::privacy,
    .default_severity = Severity::warning,
    .summary = N_("internal-only markers and links to internal hosts in a message to a customer"),
    .docs = R"md(
## What it flags
- An internal-only marker in own text or the subject: "uso interno", "NO REENVIAR", "[nota
  interna]", "εσωτερική σημείωση", "μόνο για εσωτερική χρήση", "internal note", "do not
  forward", "not for external distribution", "FYI team"… (the lists in
  `rules/<lang>/confidential.toml`, inflected forms included). A marker of one word ("INTERNO",
  "ΕΣΩΤΕΡΙΚΟ", "INTERNAL") counts only written in capitals, as a label: "en el interior" or
  "στο εσωτερικό της συσκευασίας" is prose. Capitalised, it is a label where it opens a line
  before a colon ("Internal: approved by finance"). A run of three capitalised words or more
  ("DISCO DURO INTERNO 1TB", "Η ΕΣΩΤΕΡΙΚΗ ΠΙΣΙΝΑ") and a phone extension ("INTERNO 214") are
  no labels.
- A link or address to an internal host, in own text or the subject: a host of the
  `internal-hosts` option, a name ending in `.local`, `.internal`, `.corp`, `.lan` or
  `.localdomain`, a name with an `intranet` or `internal` label anywhere
  (`helpdesk.internal.acme.gr`), `localhost`, and (with `private-addresses`)
  private, loopback and link-local IP addresses (10/8, 172.16/12, 192.168/16, 127/8, 169.254/16,
  IPv6 `::1`, fc00::/7, fe80::/10), unless the sentence or the subject names a router, a modem
  or the wifi ("entrá a http://192.168.1.1 desde la compu conectada al módem": the customer's
  own).
- An internal thread forwarded or quoted to the outside: a marker in a quote or a forwarded
  message whose author (the attribution or header block above it) is at the sender's own
  organisation (`org-domains`, else the From domain), when a recipient is outside it. The
  customer's own quoted "do not forward" is theirs and is left alone.

Left alone: the word "confidential" in a promise ("sus datos son confidenciales", "your data is
confidential"), "internal server error", legal disclaimers (in the signature, or a paragraph of
own text with a cue of `rules/<lang>/confidential-disclaimer.toml` such as "intended recipient",
"si ha recibido este mensaje por error", "εκ παραδρομής"; a label such as "[nota interna]" in it
still counts), a request to the reader about their own message ("please do not forward this
link to anyone", "no reenvíe este correo": `rules/<lang>/confidential.unless.toml`, covering the
whole marker), public hosts and public IP addresses, and a message whose recipients are all
at the sender's organisation (colleagues writing to each other).

## Why
Do not publish the company's confidential information (seeds/002, §9): an agent's internal note
or a link to the intranet must never reach a customer.

## Example
```text
Hola Ana,

Nota interna: el cliente ya pidió dos reembolsos este año.

Su reembolso está en marcha. Puede ver el estado en http://pedidos.tienda.internal/ana.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Su reembolso está en marcha. Sus datos son confidenciales y solo los usamos para este pedido.

Un saludo,
Lucía
```

## Options
`internal-hosts` (default []): more internal host names. A name matches itself and its
subdomains ("wiki.example.com"); `*` matches any run of characters ("*.corp.example.com",
"jira-*.example.com").

`private-addresses` (default true): also flag links to private IP addresses. Turn it off where
agents send customers to their own router's page (http://192.168.1.1) without naming the
router.
)md",
    .options = {{"internal-hosts", std::vector<std::string>{}, "more internal host names (globs)"},
                {"private-addresses", true, "flag links to private and loopback IP addresses"}},
};

char lowercase_ascii(char ch) {
  return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
}

std::string lowercase_ascii(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = lowercase_ascii(ch);
  return out;
}

// `text` holds `lower` (lowercase ASCII) at `at`, ignoring ASCII case.
bool holds_at(std::string_view text, std::size_t at, std::string_view lower) {
  if (at > text.size() || text.size() - at < lower.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i)
    if (lowercase_ascii(text[at + i]) != lower[i]) return false;
  return true;
}

// True when `text`, ASCII-lowercased, holds one of ".local", ".internal", ".corp", ".lan",
// "intranet.", "localhost" or "://[", which every match of the bare-host pattern contains. It
// looks from the few bytes case cannot change ('.', ':') and from the 'h' of "localhost" rather
// than lowercasing a copy of every sentence.
bool has_bare_host_hint(std::string_view text) {
  static constexpr std::array<std::string_view, 4> k_labels{"local", "internal", "corp", "lan"};
  static constexpr std::string_view k_intranet = "intranet";
  static constexpr std::string_view k_localhost = "localhost";
  static constexpr std::string_view k_ipv6_link = "://[";
  for (std::size_t dot = text.find('.'); dot != std::string_view::npos;
       dot = text.find('.', dot + 1)) {
    for (std::string_view label : k_labels)
      if (holds_at(text, dot + 1, label)) return true;
    if (dot >= k_intranet.size() && holds_at(text, dot - k_intranet.size(), k_intranet))
      return true;
  }
  if (text.find(k_ipv6_link) != std::string_view::npos) return true;
  for (const char h : {'h', 'H'})
    for (std::size_t at = text.find(h); at != std::string_view::npos; at = text.find(h, at + 1))
      if (at >= 5 && holds_at(text, at - 5, k_localhost)) return true;
  return false;
}

// `*` matches any run of characters (dots included); everything else literally.
bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<std::array<int, 4>> parse_ipv4(std::string_view host) {
  std::array<int, 4> parts{};
  std::size_t at = 0;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      if (at >= host.size() || host[at] != '.') return std::nullopt;
      ++at;
    }
    int value = -1;
    const auto [next, error] = std::from_chars(host.data() + at, host.data() + host.size(), value);
    if (error != std::errc{} || next == host.data() + at || value < 0 || value > 255)
      return std::nullopt;
    at = static_cast<std::size_t>(next - host.data());
    parts[static_cast<std::size_t>(i)] = value;
  }
  if (at != host.size()) return std::nullopt;
  return parts;
}

bool is_private_ipv4(const std::array<int, 4>& ip) {
  return ip[0] == 10 || ip[0] == 127 || (ip[0] == 172 && ip[1] >= 16 && ip[1] <= 31) ||
         (ip[0] == 192 && ip[1] == 168) || (ip[0] == 169 && ip[1] == 254);
}

// An IPv6 address (already without brackets) that is loopback, unique local or link-local.
bool is_private_ipv6(std::string_view host) {
  if (host.find(':') == std::string_view::npos) return false;
  if (host == "::1") return true;
  const std::size_t colon = host.find(':');
  if (colon == 0 || colon > 4) return false;
  unsigned first = 0;
  const auto [next, error] = std::from_chars(host.data(), host.data() + colon, first, 16);
  if (error != std::errc{} || next != host.data() + colon) return false;
  return (first & 0xfe00U) == 0xfc00U || (first & 0xffc0U) == 0xfe80U;
}

// The host of a URL token ("http://user@wiki.corp:8080/x" → "wiki.corp") or of an address.
std::string host_of(const Word& w) {
  std::string_view s = w.text;
  if (w.kind == draft::TokenKind::email) {
    const std::size_t at = s.rfind('@');
    return at == std::string_view::npos ? std::string() : lowercase_ascii(s.substr(at + 1));
  }
  if (const std::size_t scheme = s.find("://"); scheme != std::string_view::npos)
    s.remove_prefix(scheme + 3);
  else if (lowercase_ascii(s.substr(0, 7)) == "mailto:")
    s.remove_prefix(7);
  s = s.substr(0, s.find_first_of("/?#"));
  if (const std::size_t at = s.rfind('@'); at != std::string_view::npos) s.remove_prefix(at + 1);
  if (!s.empty() && s.front() == '[') {
    const std::size_t close = s.find(']');
    return lowercase_ascii(s.substr(1, close == std::string_view::npos ? s.size() - 1 : close - 1));
  }
  s = s.substr(0, s.find(':'));
  while (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return lowercase_ascii(s);
}

// "El jue, 6 mar 2025, Ana <ana@example.es> escribió:", "From: Juan <juan@empresa.es>": the
// domains of the addresses in a segment.
std::vector<std::string> domains_in(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t end = at + 1;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '.' || text[end] == '-'))
      ++end;
    std::string domain = lowercase_ascii(text.substr(at + 1, end - at - 1));
    while (!domain.empty() && domain.back() == '.') domain.pop_back();
    if (!domain.empty()) out.push_back(std::move(domain));
  }
  return out;
}

bool same_or_subdomain(std::string_view domain, std::string_view org) {
  return domain == org || (domain.size() > org.size() && domain.ends_with(org) &&
                           domain[domain.size() - org.size() - 1] == '.');
}

class Confidential final : public Rule {
 public:
  explicit Confidential(const RuleContext& context)
      : m_data(context.data),
        m_phrases(context.data, k_info.id, context.spell),
        m_phrases_as_written(context.data, k_info.id, nullptr),
        m_disclaimer_cues(context.data, "confidential-disclaimer", context.spell),
        m_reader_requests(context.data, "confidential.unless", context.spell),
        m_private_addresses(context.options.boolean("private-addresses")),
        m_org_domains(context.org_domains) {
    for (const std::string& host : context.options.list("internal-hosts"))
      m_internal_hosts.push_back(lowercase_ascii(host));
    for (std::string& d : m_org_domains) d = lowercase_ascii(d);
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    // Host names that need no scheme to be recognised: the tokeniser only knows public
    // top-level domains, so "wiki.corp" or "build01.internal:8080" reach it as words. It runs
    // on ASCII-lowercased text: case-insensitive, ICU would close every \p{} class over case
    // when compiling, 30 ms on every run.
    m_bare_host.reset(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(
            R"((?<![\p{L}\p{N}_.@/\-])(?:(?:https?|ftp)://\[[0-9A-Fa-f:.]++\](?::\d++)?(?:/[^\s<>"“”'‘’«»()\[\]{}]*[^\s<>"“”'‘’«»()\[\]{}.,;:!?¡¿])?|localhost|[\p{L}\p{N}\-]++(?:\.[\p{L}\p{N}\-]++)*?\.(?:local|internal|corp|lan|localdomain|intranet)|intranet(?:\.[\p{L}\p{N}\-]++)++)(?![\p{L}\p{N}_\-@]|\.[\p{L}\p{N}]))"),
        0, parse_error, status));
    if (U_FAILURE(status)) m_bare_host.reset();
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    if (internal_message(draft.message())) return;
    // Looked for only when a marker needs them: most drafts have no marker.
    std::optional<std::vector<Range>> disclaimers;
    for (const PhraseMatch& match : m_phrases.find(draft)) {
      if (!counts(draft.text(), *match.sentence, match) || asks_the_reader(match)) continue;
      if (!is_label(draft.text(), match.range)) {
        if (!disclaimers) disclaimers = disclaimer_paragraphs(draft);
        if (std::ranges::any_of(*disclaimers, [&](Range p) {
              return p.begin <= match.range.begin && match.range.end <= p.end;
            }))
          continue;
      }
      report_marker(out.report(match.range, "internal-only marker '{}'",
                               matched_text(draft.text(), match.range)),
                    match);
    }
    for (const draft::Paragraph& paragraph : draft.paragraphs) {
      // A sentence holds a hint of a bare host only where its paragraph does: one look at
      // most paragraphs settles all their sentences.
      const bool hint =
          m_bare_host &&
          has_bare_host_hint(
              std::string_view(draft.text()).substr(paragraph.range.begin, paragraph.range.size()));
      for (const Sentence& sentence : paragraph.sentences) check_hosts(draft, sentence, hint, out);
    }
    check_subject(draft, out);
    check_internal_thread(draft, out);
  }

 private:
  static std::string matched_text(std::string_view text, Range range) {
    return std::string(text.substr(range.begin, range.end - range.begin));
  }

  // Paragraphs of own text holding a cue of a legal disclaimer ("intended recipient", "si ha
  // recibido este mensaje por error", "εκ παραδρομής"): most company signatures have no "-- "
  // line, so their disclaimer is own text, and its "confidential, do not forward" is
  // boilerplate about the message, not a note of the team.
  std::vector<Range> disclaimer_paragraphs(const Draft& draft) const {
    std::vector<Range> out;
    for (const PhraseMatch& cue : m_disclaimer_cues.find(draft))
      for (const draft::Paragraph& paragraph : draft.paragraphs)
        if (paragraph.range.begin <= cue.range.begin && cue.range.end <= paragraph.range.end &&
            (out.empty() || out.back().begin != paragraph.range.begin))
          out.push_back(paragraph.range);
    return out;
  }

  // "[nota interna]", "Internal note:" opening a line: a label stays a marker even inside a
  // disclaimer ("…, μην το προωθήσετε: …" inside a sentence is not one).
  static bool is_label(std::string_view text, Range range) {
    if (range.begin > 0 && text[range.begin - 1] == '[') return true;
    std::size_t before = range.begin;
    while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
    if (before > 0 && text[before - 1] != '\n') return false;
    std::size_t after = range.end;
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
    return after < text.size() && (text[after] == ':' || text[after] == ']');
  }

  // "This link is personal to you, so please do not forward this email to anyone": a request
  // to the reader about their own message (confidential.unless) covering the whole marker.
  bool asks_the_reader(const PhraseMatch& match) const {
    return std::ranges::any_of(
        m_reader_requests.find(*match.sentence, match.language), [&](const PhraseMatch& request) {
          return request.range.begin <= match.range.begin && match.range.end <= request.range.end;
        });
  }

  // A one-word marker ("INTERNO", "ΕΣΩΤΕΡΙΚΟ") is a label in capitals; in lower case it is
  // an ordinary adjective ("el interior", "στο εσωτερικό"). Nor is it one inside a run of
  // capitals, a product's name or a shouted sentence ("DISCO DURO INTERNO 1TB", "Η ΕΣΩΤΕΡΙΚΗ
  // ΠΙΣΙΝΑ"), or before a number, a phone extension in Argentina ("Tel. 4321-5678 INTERNO 214").
  // Capitalised, it is a label where it opens a line before a colon ("Internal: …").
  static bool counts(std::string_view text, const Sentence& sentence, const PhraseMatch& match) {
    if (match.end_word - match.first_word != 1) return true;
    const std::vector<Word>& words = sentence.words;
    const std::size_t i = match.first_word;
    const Word& w = words[i];
    if (i + 1 < words.size() && words[i + 1].kind == draft::TokenKind::number) return false;
    if (w.letters < 3 || (w.shape != draft::CaseShape::upper && w.shape != draft::CaseShape::title))
      return false;
    // A label stays one whatever follows it: "INTERNO: EL CLIENTE YA PIDIÓ …", "[INTERNO]".
    if (is_label(text, match.range)) return true;
    if (w.shape != draft::CaseShape::upper) return false;
    const auto capitals = [&](std::size_t k) {
      return words[k].kind == draft::TokenKind::word && words[k].shape == draft::CaseShape::upper;
    };
    std::size_t run = 1;
    for (std::size_t k = i; k > 0 && capitals(k - 1); --k) ++run;
    for (std::size_t k = i + 1; k < words.size() && capitals(k); ++k) ++run;
    return run < 3;
  }

  static void report_marker(Reporter::Builder builder, const PhraseMatch& match) {
    builder.help(match.phrase && !match.phrase->help.empty()
                     ? match.phrase->help
                     : N_("remove the internal note before it reaches the customer"));
  }

  // A host of the `internal-hosts` option.
  bool named_internal(const std::string& host) const {
    return std::ranges::any_of(m_internal_hosts, [&](const std::string& pattern) {
      return pattern.find('*') != std::string::npos ? glob_match(pattern, host)
                                                    : same_or_subdomain(host, pattern);
    });
  }

  bool is_internal_host(const std::string& host) const {
    if (host.empty()) return false;
    if (named_internal(host)) return true;
    if (host == "localhost" || host.ends_with(".localhost")) return true;
    for (std::string_view suffix : {".local", ".internal", ".corp", ".lan", ".localdomain"})
      if (host.ends_with(suffix)) return true;
    // An intranet or internal label anywhere: "intranet.acme.es",
    // "helpdesk.internal.acme.gr" is the company's internal zone under its public domain.
    for (std::string_view label : {"intranet", "internal"}) {
      const std::string dotted = "." + std::string(label) + ".";
      if (host.starts_with(dotted.substr(1)) || host.find(dotted) != std::string::npos ||
          host.ends_with(dotted.substr(0, dotted.size() - 1)))
        return true;
    }
    if (!m_private_addresses) return false;
    if (const auto ip = parse_ipv4(host)) return is_private_ipv4(*ip);
    return is_private_ipv6(host);
  }

  // The customer's own router, modem or wifi, named in the sentence or the subject ("Entrá a
  // http://192.168.1.1 desde la compu conectada al módem"): a private address of their home,
  // not of the organisation.
  static bool names_a_router(const std::vector<Word>& words) {
    static constexpr std::array<std::string_view, 11> k_router_words{
        "router",  "routers", "modem", "modems",   "ρουτερ",  "μοντεμ",
        "gateway", "ont",     "wifi",  "wireless", "fritzbox"};
    return std::ranges::any_of(words, [](const Word& w) {
      return w.kind == draft::TokenKind::word &&
             std::ranges::find(k_router_words, text::loose_key(w.text)) != k_router_words.end();
    });
  }

  void check_words(const std::vector<Word>& words, bool subject, Reporter& out,
                   const std::vector<Word>* subject_words = nullptr) const {
    for (const Word& w : words) {
      if (w.kind != draft::TokenKind::url && w.kind != draft::TokenKind::email) continue;
      const std::string host = host_of(w);
      if (!is_internal_host(host)) continue;
      if (parse_ipv4(host) && !named_internal(host) &&
          (names_a_router(words) || (subject_words && names_a_router(*subject_words))))
        continue;
      const core::i18n::Fragment what = w.kind == draft::TokenKind::email
                                            ? core::i18n::fragment("address")
                                            : core::i18n::fragment("link");
      auto builder = subject
                         ? out.report_subject(w.range, "{} to the internal host '{}'", what, host)
                         : out.report(w.range, "{} to the internal host '{}'", what, host);
      builder.help(
          "customers cannot reach internal hosts, and their names are internal: give a "
          "public link or copy what they need into the message");
    }
  }

  void check_hosts(const Draft& draft, const Sentence& sentence, bool paragraph_hint,
                   Reporter& out) const {
    check_words(sentence.words, false, out, &draft.subject_words);
    if (!paragraph_hint || !m_bare_host || sentence.range.end <= sentence.range.begin) return;
    const std::string_view text =
        std::string_view(draft.text())
            .substr(sentence.range.begin, sentence.range.end - sentence.range.begin);
    // Most sentences hold none of these: skip the regex for them (the bulk benchmark).
    if (!has_bare_host_hint(text)) return;
    const std::string folded = lowercase_ascii(text);
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(m_bare_host->matcher(u, status));
    if (U_FAILURE(status)) return;
    while (matcher->find(status) && U_SUCCESS(status)) {
      const std::size_t begin = utf8_length(u, 0, matcher->start(status));
      const std::size_t end = begin + utf8_length(u, matcher->start(status), matcher->end(status));
      const Range range{sentence.range.begin + begin, sentence.range.begin + end};
      // Already a URL or address token: reported above.
      const bool inside_token = std::ranges::any_of(sentence.words, [&](const Word& w) {
        return (w.kind == draft::TokenKind::url || w.kind == draft::TokenKind::email) &&
               w.range.begin <= range.begin && range.end <= w.range.end;
      });
      if (inside_token) continue;
      // An IPv6 literal ("http://[fd12::1]/x", which the tokeniser cannot read as a URL) is
      // internal only when private; every other match is an internal name by construction.
      const std::string_view found = text.substr(begin, end - begin);
      std::string host = lowercase_ascii(found);
      if (const std::size_t open = found.find('['); open != std::string_view::npos) {
        host = lowercase_ascii(found.substr(open + 1, found.find(']') - open - 1));
        if (!is_internal_host(host)) continue;
      }
      out.report(range, "link to the internal host '{}'", host)
          .help(
              "customers cannot reach internal hosts, and their names are internal: give a "
              "public link or copy what they need into the message");
    }
  }

  static std::size_t utf8_length(const icu::UnicodeString& u, int32_t from, int32_t to) {
    std::string piece;
    u.tempSubStringBetween(from, to).toUTF8String(piece);
    return piece.size();
  }

  // The subject as one sentence, searched with the draft's language, else every list.
  void check_subject(const Draft& draft, Reporter& out) const {
    if (draft.subject_words.empty()) return;
    check_words(draft.subject_words, true, out);
    Sentence subject{{0, draft.message().subject.size()}, draft.subject_words};
    for (const PhraseMatch& match : find_any_language(subject, draft.language, true)) {
      if (!counts(draft.message().subject, subject, match)) continue;
      report_marker(out.report_subject(match.range, "internal-only marker '{}' in the subject",
                                       matched_text(draft.message().subject, match.range)),
                    match);
    }
  }

  std::vector<PhraseMatch> find_any_language(const Sentence& sentence, const std::string& language,
                                             bool other_languages = false) const {
    // The draft's language first, with stems; a subject tag or a quoted internal thread may be
    // in another language.
    if (!language.empty()) {
      auto found = m_phrases.find(sentence, language);
      if (!found.empty() || !other_languages) return found;
    }
    // The other languages' lists by their written forms only: stemming would load their
    // dictionaries for every draft, and a missing one would fail the sendmail hook.
    for (const char* other : {"es", "el", "en"}) {
      if (other == language) continue;
      auto found = m_phrases_as_written.find(sentence, other);
      if (!found.empty()) return found;
    }
    return {};
  }

  // The sender's organisation: the configured domains, else the From (or Sender) domain.
  std::vector<std::string> organisation(const message::Message& msg) const {
    if (!m_org_domains.empty()) return m_org_domains;
    std::vector<std::string> out;
    for (const auto* list : {&msg.from, &msg.sender})
      for (const message::Address& a : *list)
        if (!a.domain().empty()) out.push_back(a.domain());
    return out;
  }

  static bool in_organisation(const std::string& domain, const std::vector<std::string>& org) {
    return std::ranges::any_of(org,
                               [&](const std::string& o) { return same_or_subdomain(domain, o); });
  }

  // Every recipient is at the sender's organisation: colleagues may share internal notes and
  // links. Unknown without recipients or without a known organisation.
  // A free-mail sender has no organisation to share with the recipient.
  bool internal_message(const message::Message& msg) const {
    if (msg.to.empty() && msg.cc.empty() && msg.bcc.empty()) return false;
    const std::vector<std::string> own = own_domains(msg, m_org_domains, m_data);
    return !own.empty() && !has_outside_recipient(msg, own);
  }

  // A quote or forwarded message written inside the organisation and sent outside it carries
  // its internal markers to the customer: that is the leak, not the customer's own words.
  void check_internal_thread(const Draft& draft, Reporter& out) const {
    const message::Message& msg = draft.message();
    const std::vector<std::string> org = organisation(msg);
    if (org.empty()) return;
    bool outside = false;
    for (const auto* list : {&msg.to, &msg.cc, &msg.bcc})
      for (const message::Address& a : *list)
        if (!a.domain().empty() && !in_organisation(a.domain(), org)) outside = true;
    if (!outside) return;

    const std::string_view text = draft.text();
    bool internal_author = false;
    for (const draft::Segment& segment : draft.segments) {
      const std::string_view lines =
          text.substr(segment.range.begin, segment.range.end - segment.range.begin);
      switch (segment.kind) {
        case draft::SegmentKind::attribution:
        case draft::SegmentKind::original_header: {
          const auto domains = domains_in(lines);
          internal_author = !domains.empty() && in_organisation(domains.front(), org);
          continue;
        }
        case draft::SegmentKind::forward:
        case draft::SegmentKind::quote:
          break;
        default:
          internal_author = false;
          continue;
      }
      check_forwarded_lines(draft, segment, org, internal_author, out);
    }
  }

  // Line by line: a forward block carries its own "From:" lines, which name the author of what
  // follows them.
  void check_forwarded_lines(const Draft& draft, const draft::Segment& segment,
                             const std::vector<std::string>& org, bool& internal_author,
                             Reporter& out) const {
    const std::string_view text = draft.text();
    std::size_t b = segment.range.begin;
    while (b < segment.range.end) {
      std::size_t e = text.find('\n', b);
      if (e == std::string_view::npos || e > segment.range.end) e = segment.range.end;
      std::string_view line = text.substr(b, e - b);
      std::size_t skip = 0;
      while (skip < line.size() && (line[skip] == '>' || line[skip] == ' ' || line[skip] == '\t'))
        ++skip;
      const std::string_view content = line.substr(skip);
      const std::string folded = lowercase_ascii(content.substr(0, 8));
      if (folded.starts_with("from:") || folded.starts_with("de:") || folded.starts_with("από:") ||
          content.starts_with("Από:")) {
        const auto domains = domains_in(content);
        if (!domains.empty()) internal_author = in_organisation(domains.front(), org);
      } else if (internal_author) {
        const std::size_t base = b + skip;
        Sentence sentence{{base, base + content.size()}, {}};
        for (Word w : draft::tokenize(content, m_data)) {
          w.range = {w.range.begin + base, w.range.end + base};
          sentence.words.push_back(std::move(w));
        }
        for (const PhraseMatch& match : find_any_language(sentence, draft.language, true)) {
          if (!counts(text, sentence, match)) continue;
          out.report(match.range, "internal-only marker '{}' in an internal message sent outside",
                     matched_text(text, match.range))
              .help(
                  "this quote comes from inside the organisation: trim it before it reaches "
                  "the customer");
        }
      }
      b = e + 1;
    }
  }

  const data::DataSet& m_data;
  PhraseMatcher m_phrases;
  PhraseMatcher m_phrases_as_written;  // no stemmer
  PhraseMatcher m_disclaimer_cues;     // rules/<lang>/confidential-disclaimer.toml
  PhraseMatcher m_reader_requests;     // rules/<lang>/confidential.unless.toml
  bool m_private_addresses;
  std::vector<std::string> m_org_domains;
  std::vector<std::string> m_internal_hosts;
  std::unique_ptr<icu::RegexPattern> m_bare_host;
};

}  // namespace

const RuleInfo& confidential_info() { return k_info; }

std::unique_ptr<Rule> make_confidential(const RuleContext& context) {
  return std::make_unique<Confidential>(context);
}

}  // namespace replylint::rules
