#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "draft/draft.hpp"

namespace replylint::report {

// The finding model is core's (src/core/diagnostic.hpp); the report module resolves, redacts
// and renders it.
using core::Diagnostic;
using core::Location;
using core::parse_severity;
using core::Severity;
using core::to_string;

/// A diagnostic with its position resolved, plus the source line to show under it.
struct Finding {
  Diagnostic diagnostic;
  std::string source_line;    // the whole line holding the start of the span (UTF-8)
  int source_column = 1;      // 1-based code-point column of the span in `source_line`
  int source_end_column = 1;  // end (exclusive) on the same line, clamped to the line

  // Where the resolved text comes from, for report::redact(): `span` holds the bytes of
  // `diagnostic.text` in the origin text of `diagnostic.location` (for a header finding, the
  // header's value); `source_line` holds, from its byte `source_text_at` on, the origin text's
  // bytes from `source_begin` (before it: a "Subject: " prefix or a cut mark).
  core::Range span;
  std::size_t source_begin = 0;
  std::size_t source_text_at = 0;
};

/// Which message of a mailbox a report is about (docs/mailbox.md).
struct MailboxMessage {
  std::string mailbox;     // the mbox file or Maildir folder, as named
  std::string format;      // "mboxrd", "mboxo", "mboxcl2" or "maildir"
  int index = 0;           // 1-based, in mailbox order
  std::string message_id;  // without angle brackets; "" when the message has none
  /// mbox: the file line of the message's `From ` separator; message line n is file line
  /// from_line + n. 0 for a Maildir message (its own file).
  int from_line = 0;
  /// mbox: message lines whose leading '>' were removed by unescaping, with how many.
  std::vector<std::pair<int, int>> unescaped;

  /// How many '>' were removed from message line `line` (0 when none).
  int marks_on(int line) const;
};

/// The outcome for one input: what was found, what went wrong.
struct FileReport {
  std::string path;
  std::string language;               // dominant language of own text, "" when unknown
  std::vector<Finding> findings;      // sorted by line, column, rule
  std::vector<std::string> warnings;  // non-fatal problems ("invalid UTF-8 … replaced")
  std::string error;                  // set when the input could not be read at all
  int fixed = -1;                     // fixes applied by --fix; -1 when fixes were not applied
  /// Set for a message of a mailbox. For an mbox, `path` is the mbox file and positions outside
  /// a decoded part are lines and columns of the mbox file; for a Maildir, `path` is the
  /// message's file.
  std::optional<MailboxMessage> mailbox;
};

/// How reports name an entry: its path, or for a mailbox message "sent.mbox[17] <id@host>"
/// (mbox: the file and the 1-based index) or "Mail/cur/1700…:2,S <id@host>" (Maildir).
std::string entry_name(const FileReport& file);

/// Moves the positions of a message's findings (and their fixes' edits) that are in the message
/// text to the mbox file's lines and columns (MailboxMessage::from_line and unescaped); those in
/// a decoded MIME part stay. A no-op for a Maildir message.
void to_mailbox_positions(FileReport& file);

/// The whole run: one FileReport per input, in input order.
struct Report {
  std::vector<FileReport> files;
  int count(Severity severity) const;
  /// True when some finding is at or above `threshold`.
  bool fails(Severity threshold) const;
  bool has_errors_reading() const;
  /// Fixes applied over every file; -1 when no file was fixed (not a --fix run).
  int fixed() const;
};

/// Turns the byte range of `d.location` into 1-based line and code-point columns following
/// DESIGN.md "Positions", fills `d.text`, `d.part` and the source line. Never throws: ranges
/// are clamped to the text.
Finding resolve(const draft::Draft& draft, Diagnostic d);

/// Line starts and code-point counts of one text, computed once, so that positions resolve in
/// O(log lines) plus a bounded scan whatever the offset (a 10 MB single line, 100,000 lines).
class TextIndex {
 public:
  explicit TextIndex(std::string_view text);
  std::string_view text() const { return m_text; }
  std::size_t line_of(std::size_t offset) const;  // 0-based line holding `offset`
  std::size_t line_start(std::size_t line) const { return m_line_starts[line]; }
  std::size_t line_end(std::size_t line) const;  // '\n' excluded
  /// Code points in [begin, end) of the text (begin <= end).
  int points_between(std::size_t begin, std::size_t end) const;

 private:
  static constexpr std::size_t k_step = 4096;
  std::size_t points_before(std::size_t offset) const;
  std::string_view m_text;
  std::vector<std::size_t> m_line_starts;
  std::vector<std::size_t> m_points;  // code points before each k_step-th byte
};

/// resolve() for many diagnostics of one draft: the texts are indexed once. Keep the draft alive.
class Resolver {
 public:
  explicit Resolver(const draft::Draft& draft);
  Finding resolve(Diagnostic d);

 private:
  const TextIndex& index_of(const std::string& text);
  Finding resolve_span(Diagnostic d);
  const draft::Draft& m_draft;
  TextIndex m_body;
  std::unordered_map<const std::string*, TextIndex> m_others;
};

/// Masks every sensitive value of `file` (findings whose diagnostic.sensitive is set) in all
/// of its findings, following the contract in core/diagnostic.hpp "Sensitive values":
/// - bytes of another finding's text or source line that fall inside a sensitive span of the
///   same origin are masked positionally, with the mask of that span (so a tail "mq" of the
///   password "Tk93!mq" is masked too, and so is the card number in a shouting warning's line);
/// - every occurrence of a raw sensitive text, or of a raw overlapping piece, in any string of
///   any finding (message, help, suggestions, data, fix) is replaced by its masked form;
/// - a finding that overlaps another's sensitive span has its suggestions masked and its fix
///   dropped (applying it would rewrite part of the value).
/// Masking keeps code-point counts, so positions and carets stay right. Idempotent; a no-op
/// when nothing is sensitive. Call it after resolution, before rendering.
void redact(FileReport& file);

/// Sorts findings by line, column, end, rule, message, for stable output.
void sort_findings(std::vector<Finding>& findings);

}  // namespace replylint::report
