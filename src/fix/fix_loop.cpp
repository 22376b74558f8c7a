#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "fix/fix.hpp"
#include "message/message.hpp"
#include "util/error.hpp"

namespace replylint::fix {

Result fix_bytes(engine::Engine& engine, const std::string& display_path, std::string bytes,
                 const std::filesystem::path& config_path, core::Applicability minimum) {
  Result out;
  out.original = bytes;
  out.fixed = bytes;
  out.report.path = display_path;
  std::vector<std::string> notes;
  std::set<std::string> seen;
  try {
    engine::Engine::Checked checked = engine.check_keeping_draft(display_path, bytes, config_path);
    // Fixes are edits of the text read as UTF-8: applying them would also re-encode the file.
    const char* utf16 = message::utf16_byte_order(bytes);
    if (utf16 != nullptr)
      notes.push_back(std::string("not fixed: the file is ") + utf16 +
                      "; save it as UTF-8 to have fixes applied");
    int passes = 0;
    for (; utf16 == nullptr; ++passes) {
      if (passes == k_max_passes) {
        notes.push_back("fixes did not settle after " + std::to_string(k_max_passes) +
                        " passes; the rest are left as they are");
        break;
      }
      std::vector<core::Diagnostic> diagnostics;
      for (const report::Finding& f : checked.report.findings) diagnostics.push_back(f.diagnostic);
      Pass pass = apply_fixes(checked.draft, diagnostics, minimum);
      for (std::string& note : pass.notes)
        if (seen.insert(note).second) notes.push_back(std::move(note));
      if (pass.applied.empty()) break;
      // The fixed bytes must read back as a draft; if not, the input is left as it was.
      engine::Engine::Checked next =
          engine.check_keeping_draft(display_path, pass.bytes, config_path);
      out.applied.insert(out.applied.end(), pass.applied.begin(), pass.applied.end());
      out.fixed = std::move(pass.bytes);
      checked = std::move(next);
    }
    out.report = std::move(checked.report);
  } catch (const InputError& e) {
    out.report = {};
    out.report.path = display_path;
    out.report.error = e.path == display_path ? e.what() : e.describe();
  } catch (const std::exception& e) {
    out.report = {};
    out.report.path = display_path;
    out.report.error = std::string("internal error: ") + e.what() + "; not fixed";
  }
  if (!out.report.error.empty()) {
    out.fixed = out.original;
    out.applied.clear();
    return out;
  }
  out.report.fixed = static_cast<int>(out.applied.size());
  for (std::string& note : notes) out.report.warnings.push_back(std::move(note));
  return out;
}

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

void append_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after) {
  if (before == after) return "";
  const std::vector<std::string_view> a = split_lines(before), b = split_lines(after);
  // Common head and tail first: fixes change a few lines of a long draft.
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
    ++tail;
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  // Longest common subsequence of the middle; a middle too large for it is replaced whole.
  enum class Op { keep, remove, add };
  std::vector<std::pair<Op, std::size_t>> ops;  // index into a (keep, remove) or b (add)
  for (std::size_t i = 0; i < head; ++i) ops.push_back({Op::keep, i});
  if (n * m <= 4'000'000) {
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1
                                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        ops.push_back({Op::keep, head + i});
        ++i;
        ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.push_back({Op::remove, head + i++});  // removals first, as diff(1) writes them
      } else {
        ops.push_back({Op::add, head + j++});
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) ops.push_back({Op::remove, head + i});
    for (std::size_t j = 0; j < m; ++j) ops.push_back({Op::add, head + j});
  }
  for (std::size_t i = 0; i < tail; ++i) ops.push_back({Op::keep, a.size() - tail + i});

  // git's a/ and b/ prefixes for a relative path (patch -p1 applies it), none for an absolute one.
  const bool absolute = path.starts_with('/');
  std::string out = (absolute ? "--- " : "--- a/") + std::string(path) +
                    (absolute ? "\n+++ " : "\n+++ b/") + std::string(path) + "\n";
  constexpr std::size_t k_context = 3;
  std::size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].first == Op::keep) {
      ++k;
      continue;
    }
    // A hunk: from k_context lines before this change to k_context after the last change that
    // is at most 2 * k_context lines from the next.
    std::size_t start = k >= k_context ? k - k_context : 0;
    while (start < k && ops[start].first != Op::keep) ++start;
    std::size_t end = k;
    std::size_t last_change = k;
    while (end < ops.size()) {
      if (ops[end].first != Op::keep) last_change = end;
      if (end - last_change > 2 * k_context) break;
      ++end;
    }
    end = std::min(ops.size(), last_change + 1 + k_context);
    // Line numbers of the hunk in a and b.
    std::size_t a_line = 0, b_line = 0;
    for (std::size_t x = 0; x < start; ++x) {
      if (ops[x].first != Op::add) ++a_line;
      if (ops[x].first != Op::remove) ++b_line;
    }
    std::size_t a_count = 0, b_count = 0;
    std::string body;
    for (std::size_t x = start; x < end; ++x) {
      switch (ops[x].first) {
        case Op::keep:
          append_line(body, ' ', a[ops[x].second]);
          ++a_count;
          ++b_count;
          break;
        case Op::remove:
          append_line(body, '-', a[ops[x].second]);
          ++a_count;
          break;
        case Op::add:
          append_line(body, '+', b[ops[x].second]);
          ++b_count;
          break;
      }
    }
    auto range = [](std::size_t line, std::size_t count) {
      return std::to_string(count == 0 ? line : line + 1) +
             (count == 1 ? "" : "," + std::to_string(count));
    };
    out += "@@ -" + range(a_line, a_count) + " +" + range(b_line, b_count) + " @@\n";
    out += body;
    k = end;
  }
  return out;
}

}  // namespace replylint::fix
