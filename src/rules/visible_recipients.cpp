#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "data/data.hpp"
#include "rules/organisation.hpp"
#include "rules/rules.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "visible-recipients",
    .category = Category::privacy,
    .default_severity = Severity::error,
    .summary = N_("customers who can see each other's addresses in To/Cc"),
    .docs = R"md(
## What it flags
A message whose To and Cc show the addresses of two or more outside parties to each other.
Recipients at the sender's own organisation (the `org-domains` of the configuration, else the
domain of From, and its helpdesk at a hosted service that names it, `tiendaverde.zendesk.com`)
do not count: copying a colleague is good practice. People at free-mail
providers (gmail.com, hotmail.com, yahoo.es, otenet.gr…, listed in
`rules/common/free-mail.toml`) are each a party of their own; people at one company domain are
one party, and so are the subaddresses of one mailbox (`ana+pedidos@gmail.com` and
`ana@gmail.com`). Bcc is fine.

A reply-all is left alone when the quoted thread (its quote, attribution line or header block)
already shows the parties to each other: the customer who copied their solicitor or their
partner chose who sees their address, and the answer shows nobody new.

The finding lists the addresses to move to Bcc: every outside address but those of the first
party in To and of the parties the quoted thread already showed. Its unsafe fix (`--unsafe-fixes`) makes that move: it rewrites To and Cc without
them (a Cc left empty is removed) and appends them to Bcc, adding the header if there is none.
There is no fix when To, Cc or Bcc is given twice or To or Cc lists a group (`Clientes: …;`).

## Why
Never send copies with "Cc": everyone you wrote to would see the others' addresses; use "Bcc"
and every recipient's address stays hidden (seeds/001). Customers' data is private
(seeds/002 §5, seeds/004 §12).

## Example
```text
From: Lucía Romero <lucia@tiendaverde.es>
To: ana.garcia@gmail.com, pedro.lopez@hotmail.com
Subject: Cambio de horario

Hola a todos,

Desde el lunes abrimos a las nueve.
```
Use instead:
```text
From: Lucía Romero <lucia@tiendaverde.es>
To: lucia@tiendaverde.es
Bcc: ana.garcia@gmail.com, pedro.lopez@hotmail.com
Cc: soporte@tiendaverde.es
Subject: Cambio de horario

Hola a todos,

Desde el lunes abrimos a las nueve.
```

## Options
`max-parties` (default 1): how many outside parties may see each other's addresses.
)md",
    .options = {{"max-parties", std::int64_t{1}, "outside parties allowed together in To/Cc"}},
    .fix = FixInfo{Applicability::unsafe, false,
                   N_("moves the addresses it lists from To and Cc to Bcc")},
};

std::string lowercase_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A mailbox as an address header writes it: "ana@x.es", "Ana García <ana@x.es>", or the name
// quoted when it holds a character RFC 5322 reserves ("García, Ana" <ana@x.es>).
std::string mailbox(const message::Address& a) {
  if (a.name.empty()) return a.address;
  if (a.name.find_first_of("()<>[]:;@\\,.\"") == std::string::npos)
    return a.name + " <" + a.address + ">";
  std::string quoted = "\"";
  for (char c : a.name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + a.address + ">";
}

// The header named `name` (any case) when the message has exactly one, else nullptr.
const message::Header* single_header(const message::Message& msg, std::string_view name) {
  const message::Header* found = nullptr;
  for (const message::Header& h : msg.headers)
    if (lowercase_ascii(h.name) == name) {
      if (found) return nullptr;
      found = &h;
    }
  return found;
}

// The move to Bcc as header edits (core/diagnostic.hpp): To and Cc rewritten without the moved
// addresses (one left empty is removed: its whole value replaced by nothing) and the moved ones
// appended to Bcc, or a Bcc header added. Display names are kept. No fix when the move cannot be
// written faithfully: a header given twice, or a group ("Clientes: a@x, b@y;") in To or Cc.
std::optional<core::Fix> bcc_fix(const message::Message& msg,
                                 const std::vector<std::string>& move) {
  std::set<std::string> moving;
  for (const std::string& address : move) moving.insert(lowercase_ascii(address));
  core::i18n::Fragment title = core::i18n::plural_fragment(
      "move {} address to Bcc", "move {} addresses to Bcc", move.size(), move.size());
  core::Fix fix{.title = std::move(title.english),
                .applicability = Applicability::unsafe,
                .edits = {},
                .title_localized = std::move(title.localized)};
  std::vector<std::string> to_bcc;
  std::set<std::string> added;
  for (const auto& [name, list] : {std::pair{"to", &msg.to}, std::pair{"cc", &msg.cc}}) {
    if (list->empty()) continue;
    const message::Header* header = single_header(msg, name);
    if (header == nullptr) return std::nullopt;
    std::vector<std::string> kept;
    bool changed = false;
    for (const message::Address& a : *list) {
      if (!a.group.empty()) return std::nullopt;
      const std::string address = lowercase_ascii(a.address);
      if (!moving.contains(address)) {
        kept.push_back(mailbox(a));
        continue;
      }
      changed = true;
      if (added.insert(address).second) to_bcc.push_back(mailbox(a));
    }
    if (!changed) continue;
    fix.edits.push_back(
        {{core::Location::Origin::header, Range{0, header->value.size()}, header->name},
         fmt::format("{}", fmt::join(kept, ", "))});
  }
  if (to_bcc.empty()) return std::nullopt;
  std::string list = fmt::format("{}", fmt::join(to_bcc, ", "));
  const message::Header* bcc = single_header(msg, "bcc");
  if (bcc == nullptr || bcc->value.find_first_not_of(" \t") == std::string::npos) {
    const std::size_t end = bcc ? bcc->value.size() : 0;
    fix.edits.push_back({{core::Location::Origin::header, Range{0, end}, bcc ? bcc->name : "Bcc"},
                         std::move(list)});
  } else {
    const std::size_t end = bcc->value.size();
    fix.edits.push_back(
        {{core::Location::Origin::header, Range{end, end}, bcc->name}, ", " + std::move(list)});
  }
  return fix;
}

// "ana.garcia+pedidos@gmail.com" is ana.garcia@gmail.com's mailbox: one party, not two.
std::string without_subaddress(const std::string& address) {
  const std::size_t at = address.rfind('@');
  const std::size_t plus = address.find('+');
  if (at == std::string::npos || plus == std::string::npos || plus > at || plus == 0)
    return address;
  return address.substr(0, plus) + address.substr(at);
}

// True when `thread` holds `address` as a whole address: "juana@gmail.com" does not show
// "ana@gmail.com", nor "ana@gmail.com.ar".
bool shows_address(const std::string& thread, const std::string& address) {
  const auto part_of_address = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' ||
           c == '+' || c == '-';
  };
  for (std::size_t at = thread.find(address); at != std::string::npos;
       at = thread.find(address, at + 1)) {
    const std::size_t end = at + address.size();
    const bool starts = at == 0 || !part_of_address(thread[at - 1]);
    const bool ends =
        end == thread.size() || !(std::isalnum(static_cast<unsigned char>(thread[end])) ||
                                  (thread[end] == '.' && end + 1 < thread.size() &&
                                   std::isalnum(static_cast<unsigned char>(thread[end + 1]))));
    if (starts && ends) return true;
  }
  return false;
}

// The quoted and forwarded text of the reply, its attribution lines and header blocks, in
// small letters: the addresses the earlier messages showed.
std::string quoted_thread(const Draft& draft) {
  std::string out;
  for (const draft::Segment& segment : draft.segments) {
    if (segment.kind != draft::SegmentKind::quote &&
        segment.kind != draft::SegmentKind::attribution &&
        segment.kind != draft::SegmentKind::original_header &&
        segment.kind != draft::SegmentKind::forward)
      continue;
    out += lowercase_ascii(std::string(
        std::string_view(draft.text()).substr(segment.range.begin, segment.range.size())));
    out += '\n';
  }
  return out;
}

class VisibleRecipients final : public Rule {
 public:
  explicit VisibleRecipients(const RuleContext& context)
      : m_data(context.data),
        m_org_domains(context.org_domains),
        m_max_parties(std::max<std::int64_t>(1, context.options.integer("max-parties"))) {
    for (std::string& d : m_org_domains) d = lowercase_ascii(d);
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const message::Message& msg = draft.message();
    const std::vector<std::string> own = own_domains(msg);

    struct Party {
      std::vector<std::string> addresses;
      bool in_cc_only = true;
      std::string header;  // where it first appears
    };
    std::vector<std::string> order;  // party keys in order of first appearance
    std::map<std::string, Party> parties;
    std::set<std::string> seen;
    auto consider = [&](const std::vector<message::Address>& list, const char* header) {
      for (const message::Address& a : list) {
        const std::string address = lowercase_ascii(a.address);
        const std::string domain = a.domain();
        if (address.empty() || domain.empty() || !seen.insert(address).second) continue;
        if (own_address(address, domain, own, msg)) continue;
        const std::string key =
            m_data.is_free_mail(domain) ? without_subaddress(address) : organisation_of(domain);
        auto [it, added] = parties.try_emplace(key);
        if (added) {
          order.push_back(key);
          it->second.header = header;
        }
        it->second.addresses.push_back(a.address);
        if (std::string_view(header) == "To") it->second.in_cc_only = false;
      }
    };
    consider(msg.to, "To");
    consider(msg.cc, "Cc");
    if (static_cast<int>(parties.size()) <= m_max_parties) return;
    // Parties the quoted thread already shows to each other (the customer copied their
    // solicitor, and the reply goes to both) count as one: replying to all shows nobody new.
    const std::string thread = quoted_thread(draft);
    std::set<std::string> shown;
    if (!thread.empty())
      for (const auto& [key, party] : parties)
        if (std::any_of(party.addresses.begin(), party.addresses.end(), [&](const std::string& a) {
              return shows_address(thread, lowercase_ascii(a));
            }))
          shown.insert(key);
    if (shown.size() > 1 && static_cast<int>(parties.size() - shown.size() + 1) <= m_max_parties)
      return;

    // Keep the first party addressed in To (the customer you answer); move everybody else.
    std::string keep = order.front();
    for (const std::string& key : order)
      if (!parties[key].in_cc_only) {
        keep = key;
        break;
      }
    // Those the thread already showed to each other stay where they are.
    if (shown.size() > 1 && !shown.contains(keep)) shown.clear();
    std::vector<std::string> move;
    std::string first_moved_header;  // the finding's place: where the first address to move is
    for (const std::string& key : order)
      if (key != keep && !(shown.size() > 1 && shown.contains(key))) {
        if (first_moved_header.empty()) first_moved_header = parties[key].header;
        for (const std::string& address : parties[key].addresses) move.push_back(address);
      }
    std::size_t visible = 0;
    for (const auto& [key, party] : parties) visible += party.addresses.size();

    auto finding =
        out.report_header(first_moved_header,
                          "{} outside recipients from {} parties can see each other's addresses",
                          visible, parties.size())
            .help(move.size() == 1
                      ? core::i18n::fragment("move {} address to Bcc: {}", move.size(),
                                             fmt::format("{}", fmt::join(move, ", ")))
                      : core::i18n::fragment("move {} addresses to Bcc: {}", move.size(),
                                             fmt::format("{}", fmt::join(move, ", "))))
            .data("addresses", move);
    if (std::optional<core::Fix> fix = bcc_fix(msg, move)) finding.fix(std::move(*fix));
  }

 private:
  // The sender's organisation: the configured domains, else the From (or Sender) domain unless
  // that is a free-mail provider, in which case only the sender's own address is "own".
  std::vector<std::string> own_domains(const message::Message& msg) const {
    if (!m_org_domains.empty()) return m_org_domains;
    std::vector<std::string> out;
    for (const auto* list : {&msg.from, &msg.sender})
      for (const message::Address& a : *list) {
        const std::string domain = a.domain();
        if (!domain.empty() && !m_data.is_free_mail(domain)) out.push_back(organisation_of(domain));
      }
    return out;
  }

  static bool own_address(const std::string& address, const std::string& domain,
                          const std::vector<std::string>& own, const message::Message& msg) {
    if (in_domains(domain, own)) return true;
    for (const auto* list : {&msg.from, &msg.sender, &msg.reply_to})
      for (const message::Address& a : *list)
        if (lowercase_ascii(a.address) == address) return true;
    return false;
  }

  const data::DataSet& m_data;
  std::vector<std::string> m_org_domains;
  std::int64_t m_max_parties;
};

}  // namespace

const RuleInfo& visible_recipients_info() { return k_info; }

std::unique_ptr<Rule> make_visible_recipients(const RuleContext& context) {
  return std::make_unique<VisibleRecipients>(context);
}

}  // namespace replylint::rules
