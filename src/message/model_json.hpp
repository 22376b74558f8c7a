#pragma once

#include "message/message.hpp"

#include <nlohmann/json.hpp>

namespace replylint::message {

/// The parse model of DESIGN.md ("replylint parse --format json", version 1) without
/// "segments", which the caller adds from the draft module. Absent values are null; extra keys
/// (is_forward, subject_prefixes, headers, …) are additions allowed within version 1.
nlohmann::json to_json(const Message& message);

/// "mime", "draft" or "body".
const char* to_string(InputKind kind);

}  // namespace replylint::message
