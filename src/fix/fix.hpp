#pragma once

// Applying fixes (ruff's --fix): the rules attach core::Fix values to their diagnostics; this
// module chooses them by applicability, applies them to the draft's bytes and writes the same
// message back, then lints again until nothing more applies.
//
// What may change. The body text of the chosen text/plain part (own text only: an edit touching
// quoted text, an attribution line, a signature or a placeholder is refused), the Subject and, for
// a fix that asks for it (Cc→Bcc), an address header. Everything else of the file keeps its
// bytes: other headers, other parts, boundaries, the part's transfer encoding (quoted-printable
// and base64 are encoded again) and charset (widened to UTF-8 only when a replacement cannot be
// written in it). A text part's text/html alternative gets the same edits (html_alternative.hpp)
// or, when the HTML cannot be edited unambiguously, neither does: the fix is left with a note. An
// HTML-only body is not edited.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "draft/draft.hpp"
#include "report/report.hpp"

namespace replylint::engine {
class Engine;
}

namespace replylint::fix {

/// One fix applied, with the finding it came from.
struct Applied {
  std::string rule;
  int line = 0, column = 0;  // of the finding, in the draft the fix was applied to
  core::Fix fix;
};

/// What one pass of apply_fixes() did.
struct Pass {
  std::string bytes;               // the fixed draft; the input's bytes when nothing applied
  std::vector<Applied> applied;    // in the order they were chosen
  std::vector<std::string> notes;  // fixes that cannot be applied, and why (one sentence each)
};

/// Whether a fix of `applicability` is applied when fixes down to `minimum` are asked for: safe
/// always, unsafe when `minimum` is unsafe, display-only never.
bool applies(core::Applicability applicability, core::Applicability minimum);

/// Applies the fixes of `diagnostics` to `draft.message().raw` (ruff's rules): those `applies()`
/// accepts, in order of their first edit; a fix whose edit overlaps or touches one already
/// chosen is left for the next pass; a fix that cannot be mapped back onto the file (quoted
/// text, an HTML body, a charset that cannot be widened) is left out with a note. Each fix is
/// applied whole or not at all. Never throws for any draft.
Pass apply_fixes(const draft::Draft& draft, const std::vector<core::Diagnostic>& diagnostics,
                 core::Applicability minimum);

/// The outcome of fixing one input.
struct Result {
  /// The findings that remain in the fixed draft (notes on fixes left out among its warnings),
  /// with `fixed` set; `error` set when the input could not be read or fixed.
  report::FileReport report;
  std::string original;          // the input's bytes
  std::string fixed;             // the fixed bytes; equal to `original` on error
  std::vector<Applied> applied;  // every fix applied, over all passes
  bool changed() const { return report.error.empty() && fixed != original; }
};

/// Passes at most: a rule whose fix never settles stops here (with a warning).
inline constexpr int k_max_passes = 10;

/// Lints `bytes` (read as `display_path`, configured as for `config_path`), applies the fixes,
/// lints the result again and repeats until no fix applies (at most k_max_passes times), so that
/// fixing the output again changes nothing. Never throws: an input that cannot be read, or whose
/// fixed bytes cannot be read back, gets `report.error` and keeps its bytes.
Result fix_bytes(engine::Engine& engine, const std::string& display_path, std::string bytes,
                 const std::filesystem::path& config_path, core::Applicability minimum);

/// A unified diff (3 lines of context) from `before` to `after`, with "--- a/PATH" and
/// "+++ b/PATH" headers (no a/ and b/ for an absolute PATH); "" when they are equal.
std::string unified_diff(std::string_view path, std::string_view before, std::string_view after);

}  // namespace replylint::fix
