#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace replylint::data {
struct DataSet;
}

namespace replylint::message::detail {

/// The stacked reply/forward prefixes at the start of a subject.
struct SubjectPrefixes {
  std::vector<std::string> prefixes;  // as written, without counter or colon ("Re", "RV", "Απ")
  std::string rest;                   // the subject after the prefixes, trimmed
  bool reply = false;                 // one of them is a reply prefix
  bool forward = false;               // one of them is a forward prefix
};

/// Splits "Re: RV: Fwd: Pedido" or "Re[2]: Θέμα" into prefixes and the rest, matching each
/// prefix word case-insensitively (ICU case folding) against every language's reply and forward
/// prefixes in `data`. Stops at the first word that is not a known prefix.
SubjectPrefixes split_subject_prefixes(std::string_view subject, const data::DataSet& data);

}  // namespace replylint::message::detail
