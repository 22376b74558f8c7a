#include "rules/organisation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "data/data.hpp"
#include "text/text.hpp"

namespace replylint::rules {
namespace {

// Second-level labels under which registrations happen at the third level (co.uk, com.es, gov.gr).
bool is_second_level_label(std::string_view label) {
  static const std::set<std::string_view> k_labels{"co",  "com", "org", "net", "gov", "gob",
                                                   "edu", "ac",  "nom", "ltd", "plc"};
  return k_labels.contains(label);
}

}  // namespace

std::string lowercase_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c < 0x80 ? std::tolower(c) : c); });
  return text;
}

std::string organisation_of(const std::string& domain) {
  std::vector<std::string_view> labels;
  std::string_view rest = domain;
  while (true) {
    const auto dot = rest.find('.');
    labels.push_back(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  std::size_t keep = 2;
  if (labels.size() >= 3 && labels.back().size() == 2 &&
      is_second_level_label(labels[labels.size() - 2]))
    keep = 3;
  if (labels.size() <= keep) return domain;
  std::string out;
  for (std::size_t i = labels.size() - keep; i < labels.size(); ++i) {
    if (!out.empty()) out += '.';
    out += labels[i];
  }
  return out;
}

namespace {

// The organisation's helpdesk at a hosted service names it in a label of its own:
// "tiendaverde.zendesk.com", "soporte.tiendaverde.freshdesk.com" for "tiendaverde.es". Labels of
// four letters or more only, below the host's own registrable domain.
bool hosted_for(const std::string& domain, const std::string& own) {
  const std::string registrable = organisation_of(own);
  const std::string_view name = std::string_view(registrable).substr(0, registrable.find('.'));
  if (name.size() < 4 || name.size() == registrable.size()) return false;
  const std::string host = organisation_of(domain);
  if (host.size() >= domain.size()) return false;
  std::string_view labels = std::string_view(domain).substr(0, domain.size() - host.size() - 1);
  while (!labels.empty()) {
    const std::size_t dot = labels.find('.');
    if (labels.substr(0, dot) == name) return true;
    if (dot == std::string_view::npos) break;
    labels.remove_prefix(dot + 1);
  }
  return false;
}

}  // namespace

bool in_domains(const std::string& domain, const std::vector<std::string>& domains) {
  return std::any_of(domains.begin(), domains.end(), [&](const std::string& own) {
    return domain == own ||
           (domain.size() > own.size() && domain.ends_with(own) &&
            domain[domain.size() - own.size() - 1] == '.') ||
           hosted_for(domain, own);
  });
}

std::vector<std::string> own_domains(const message::Message& msg,
                                     const std::vector<std::string>& org_domains,
                                     const data::DataSet& data) {
  std::vector<std::string> out;
  for (const std::string& d : org_domains) out.push_back(lowercase_ascii(d));
  if (!out.empty()) return out;
  for (const auto* list : {&msg.from, &msg.sender})
    for (const message::Address& a : *list) {
      const std::string domain = a.domain();
      if (!domain.empty() && !data.is_free_mail(domain)) out.push_back(organisation_of(domain));
    }
  return out;
}

bool is_sender_address(std::string_view address, const message::Message& msg) {
  const std::string wanted = lowercase_ascii(std::string(address));
  for (const auto* list : {&msg.from, &msg.sender, &msg.reply_to})
    for (const message::Address& a : *list)
      if (lowercase_ascii(a.address) == wanted) return true;
  return false;
}

bool has_outside_recipient(const message::Message& msg, const std::vector<std::string>& org_domains,
                           const data::DataSet& data) {
  return has_outside_recipient(msg, own_domains(msg, org_domains, data));
}

bool has_outside_recipient(const message::Message& msg, const std::vector<std::string>& own) {
  for (const auto* list : {&msg.to, &msg.cc, &msg.bcc})
    for (const message::Address& a : *list) {
      if (a.address.empty() || is_sender_address(a.address, msg)) continue;
      if (own.empty() || !in_domains(a.domain(), own)) return true;
    }
  return false;
}

namespace {

// A field of a quoted header block: each language's `original-fields` (rules/<lang>/quoting.toml),
// whose first names the sender ("De", "Από", "From"). A line with another name before its colon
// ("…Lucía <l@x.es>\nwrote:") is no field.
enum class Field { none, from, other };
Field field_of(const std::string& name, const data::DataSet& data) {
  if (name.empty()) return Field::none;
  Field found = Field::none;
  for (const auto& [code, language] : data.languages) {
    const auto& fields = language.original_fields;
    const auto at = std::ranges::find(fields, name);
    if (at == fields.begin()) return Field::from;
    if (at != fields.end()) found = Field::other;
  }
  return found;
}

}  // namespace

bool names_the_sender(const draft::Draft& draft, draft::Range range, const data::DataSet& data) {
  const std::string_view text = std::string_view(draft.text()).substr(range.begin, range.size());
  // A header block names the sender of the quoted message in its From field only: its To and
  // Cc hold the customer's addressees, often ourselves.
  std::string from_lines;
  bool header_block = false;
  bool in_from = false;  // a From field's value may wrap onto the next lines
  for (std::size_t b = 0; b < text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    const std::string_view line = text.substr(b, e - b);
    const Field field = field_of(text::fold(text::field_name(line)), data);
    if (field != Field::none) {
      header_block = true;
      in_from = field == Field::from;
    }
    if (in_from) from_lines.append(line).push_back('\n');
    b = e + 1;
  }
  const std::string block = lowercase_ascii(header_block ? from_lines : std::string(text));
  const message::Message& msg = draft.message();
  return std::any_of(msg.from.begin(), msg.from.end(), [&](const message::Address& a) {
    return a.address.find('@') != std::string::npos &&
           block.find(lowercase_ascii(a.address)) != std::string::npos;
  });
}

}  // namespace replylint::rules
