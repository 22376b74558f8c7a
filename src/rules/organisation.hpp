#pragma once

// Who belongs to the sender's organisation, for the recipients rules.

#include <string>
#include <string_view>
#include <vector>

#include "draft/draft.hpp"  // the message model comes with the draft

namespace replylint::data {
struct DataSet;
}

namespace replylint::rules {

/// `text` with ASCII letters lowercased (addresses and domains are compared so).
std::string lowercase_ascii(std::string text);

/// The registrable domain a (lowercase) domain belongs to: "mail.acme.es" -> "acme.es",
/// "shop.acme.co.uk" -> "acme.co.uk". A name of one or two labels is returned as it is.
std::string organisation_of(const std::string& domain);

/// True when `domain` is one of `domains` or a subdomain of one, or a host that names one of
/// them in a label of its own (a helpdesk service's "tiendaverde.zendesk.com" for
/// "tiendaverde.es").
bool in_domains(const std::string& domain, const std::vector<std::string>& domains);

/// The sender organisation's domains: `org_domains` (the configuration's, lowercase) when given,
/// else the organisation of each From and Sender domain that is not a free-mail provider. Empty
/// when nothing tells (no From, or a free-mail sender).
std::vector<std::string> own_domains(const message::Message& msg,
                                     const std::vector<std::string>& org_domains,
                                     const data::DataSet& data);

/// True when `address` (any case) is one of the sender's own: From, Sender or Reply-To.
bool is_sender_address(std::string_view address, const message::Message& msg);

/// True when the attribution line or header block at `range` of the draft's text names a From
/// address of the message ("El lun, …, Lucía <lucia@tiendaverde.es> escribió:"): it quotes the
/// sender's own earlier message, as a follow-up does. A header block (fields of `data`'s
/// `original-fields`) is read in its sender field only: its To and Cc hold the customer's
/// addressees, often ourselves.
bool names_the_sender(const draft::Draft& draft, draft::Range range, const data::DataSet& data);

/// True when a recipient (To, Cc, Bcc) other than the sender is outside the organisation of
/// own_domains() (any such recipient when the organisation is unknown).
bool has_outside_recipient(const message::Message& msg, const std::vector<std::string>& org_domains,
                           const data::DataSet& data);

/// The same with the organisation's domains (own_domains()) already known.
bool has_outside_recipient(const message::Message& msg, const std::vector<std::string>& own);

}  // namespace replylint::rules
