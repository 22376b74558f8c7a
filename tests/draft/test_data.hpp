#pragma once

// Test-only: builds a data::DataSet from the repository's rules/ files with toml++, so the
// draft tests run on the same data as the product without depending on the data module's loader.

#include <string>
#include <string_view>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "message/message.hpp"

namespace replylint::draft::test {

/// rules/ of the source tree parsed once (es, el, en, common). Fails the test on unknown keys.
const data::DataSet& rules_data();

/// Reads tests/draft/fixtures/<name> whole.
std::string fixture(std::string_view name);

/// A bare-body message with `body` as its text.
message::Message body_message(std::string body);

/// The text of `range` in `draft`'s body.
std::string_view slice(const Draft& draft, Range range);

/// Segment kinds of `draft` as "own,attribution,quote1,…" (quote depth appended).
std::string kinds(const Draft& draft);

}  // namespace replylint::draft::test
