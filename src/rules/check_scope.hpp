#pragma once

// A draft being checked by a rule set, so that what several rules work out of it alike is worked
// out once per check (personal_data::Detector::own_text) instead of once per rule.

#include <cstdint>

namespace replylint::draft {
class Draft;
}

namespace replylint::rules {

/// While one lives, `draft` is checked by rules on this thread and does not change. Scopes nest;
/// a rule run outside any scope (a test calling Rule::check) simply remembers nothing.
class CheckScope {
 public:
  explicit CheckScope(const draft::Draft& draft);
  ~CheckScope();
  CheckScope(const CheckScope&) = delete;
  CheckScope& operator=(const CheckScope&) = delete;

  /// A number that names the innermost open scope of `draft` on this thread (no other scope on
  /// this thread, earlier or later, gets it), or 0 when `draft` is in none: a memo kept under
  /// it is of this draft, as it is now.
  static std::uint64_t of(const draft::Draft& draft);

 private:
  const draft::Draft* m_outer_draft;
  std::uint64_t m_outer_serial;
};

}  // namespace replylint::rules
