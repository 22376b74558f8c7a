#pragma once

#include <vector>

#include "draft/draft.hpp"
#include "report/report.hpp"

namespace replylint::engine {

/// Applies the draft's inline suppressions (rules/suppression.hpp) to `found`, every rule's
/// diagnostics for it, before resolution: drops each finding a suppression covers, and each
/// unused-suppression finding of a suppression target that did cover one (unused-suppression
/// reports every target; only the engine sees whether it was used). Coverage, by the line of
/// Draft::text() where a body finding starts: disable-next-line the next line, disable-line its
/// own, disable from its line to the line of the next enable of that rule (or of every rule),
/// disable-file everything, the subject and headers too. Findings of unused-suppression and
/// suppression-without-reason are never suppressed.
void apply_suppressions(const draft::Draft& draft, std::vector<report::Diagnostic>& found);

}  // namespace replylint::engine
