#pragma once

#include <cstddef>

namespace replylint::core {

/// Half-open byte range [begin, end) into the text it belongs to (Draft::text() for body
/// ranges, Message::subject for subject ranges, a header's value for header ranges).
struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin >= end; }
  std::size_t size() const { return end - begin; }
  /// True when the two ranges share at least one byte.
  bool overlaps(const Range& other) const { return begin < other.end && other.begin < end; }
};

}  // namespace replylint::core
