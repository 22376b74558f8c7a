#include "engine/suppress.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <string_view>
#include <utility>

#include "rules/suppression.hpp"

namespace replylint::engine {
namespace {

constexpr std::string_view k_unused = "unused-suppression";
constexpr std::string_view k_no_reason = "suppression-without-reason";
constexpr std::size_t k_end = std::numeric_limits<std::size_t>::max();

bool names(const rules::Suppression& s, std::string_view rule) {
  return s.rules.empty() ||
         std::ranges::any_of(s.rules, [&](const auto& t) { return t.rule == rule; });
}

// The lines [first, last] a suppression covers for `rule` (last may be k_end).
std::pair<std::size_t, std::size_t> lines_covered(const std::vector<rules::Suppression>& all,
                                                  std::size_t index, std::string_view rule) {
  const rules::Suppression& s = all[index];
  switch (s.kind) {
    case rules::SuppressionKind::next_line:
      return {s.line + 1, s.line + 1};
    case rules::SuppressionKind::line:
      return {s.line, s.line};
    case rules::SuppressionKind::file:
      return {0, k_end};
    case rules::SuppressionKind::disable:
      for (std::size_t j = index + 1; j < all.size(); ++j)
        if (all[j].kind == rules::SuppressionKind::enable && names(all[j], rule))
          return {s.line, all[j].line};
      return {s.line, k_end};
    case rules::SuppressionKind::enable:
    case rules::SuppressionKind::unknown:
      break;
  }
  return {1, 0};  // nothing
}

}  // namespace

void apply_suppressions(const draft::Draft& draft, std::vector<report::Diagnostic>& found) {
  const std::vector<rules::Suppression> all = rules::find_suppressions(draft);
  if (all.empty()) return;
  const std::string_view text = draft.text();
  std::vector<std::size_t> line_starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
  auto line_of = [&](std::size_t offset) {
    return static_cast<std::size_t>(
        std::upper_bound(line_starts.begin(), line_starts.end(), offset) - line_starts.begin() - 1);
  };

  // The ranges (as begin offsets) of the targets that covered a finding: a blanket target is
  // its directive word.
  std::set<std::size_t> used;
  auto covers = [&](const report::Diagnostic& d) {
    bool covered = false;
    const bool body = d.location.origin == report::Location::Origin::body;
    const std::size_t line = body ? line_of(d.location.range.begin) : k_end;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const rules::Suppression& s = all[i];
      if (!names(s, d.rule)) continue;
      if (!body && s.kind != rules::SuppressionKind::file) continue;
      if (body) {
        const auto [first, last] = lines_covered(all, i, d.rule);
        if (line < first || line > last) continue;
      }
      covered = true;
      if (s.rules.empty()) {
        used.insert(s.directive_range.begin);
        continue;
      }
      for (const rules::Suppression::Target& t : s.rules)
        if (t.rule == d.rule) used.insert(t.range.begin);
    }
    return covered;
  };
  std::erase_if(found, [&](const report::Diagnostic& d) {
    if (d.rule == k_unused || d.rule == k_no_reason) return false;
    return covers(d);
  });
  std::erase_if(found, [&](const report::Diagnostic& d) {
    return d.rule == k_unused && d.location.origin == report::Location::Origin::body &&
           used.contains(d.location.range.begin);
  });
}

}  // namespace replylint::engine
