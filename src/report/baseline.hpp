#pragma once

// A baseline: the findings a repository accepted on the day it turned the check on
// (docs/baseline.md). `replylint check --write-baseline FILE` records them; `--baseline FILE`
// hides them, so that only new problems fail CI.
//
// A finding is known by its fingerprint: rule id, the file's path (relative to the baseline's
// folder) and the flagged text and its source line with white space collapsed. Line numbers are
// not part of it, so findings survive lines moving; editing the flagged line makes it new. Equal
// fingerprints are counted: a baseline that holds two identical findings hides two.

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>

#include "report/report.hpp"

namespace replylint::report {

/// The fingerprint of `finding` in the file written `path` (as the baseline names it): 16
/// lowercase hex digits of a 64-bit FNV-1a hash.
std::string fingerprint(const std::string& path, const Finding& finding);

class Baseline {
 public:
  /// One fingerprint and how many findings it stands for; rule, path and text are for readers.
  struct Entry {
    std::string rule;
    std::string path;
    std::string text;
    std::size_t count = 0;
  };
  /// What apply() did.
  struct Outcome {
    std::size_t hidden = 0;  // findings the baseline accounted for
    std::size_t stale = 0;   // entries (counted) of the checked files that matched nothing
  };

  /// Paths are written relative to `folder` (the baseline file's folder).
  explicit Baseline(std::filesystem::path folder) : m_folder(std::move(folder)) {}

  /// Reads a baseline file. Throws std::runtime_error ("cannot read …", "… is not a replylint
  /// baseline (version 1)") when it cannot be read or is not one.
  static Baseline load(const std::filesystem::path& file);

  /// Adds every finding of `report`, of the files that were checked.
  void record(const Report& report);

  /// The file's JSON text: {"version": 1, "findings": [{"fingerprint", "rule", "path", "text",
  /// "count"}]}, sorted by path, rule, fingerprint, so a rewrite diffs cleanly.
  std::string to_json() const;

  /// Removes from `report` the findings the baseline accounts for, each entry hiding at most
  /// `count` of them, and counts the entries of checked files left unmatched.
  Outcome apply(Report& report) const;

  const std::map<std::string, Entry>& entries() const { return m_entries; }

 private:
  std::string key_path(const std::string& path) const;
  // The path an entry of `file` is recorded under ("sent.mbox#<id@host>" for a mailbox message).
  std::string key_path(const FileReport& file) const;
  std::filesystem::path m_folder;
  std::map<std::string, Entry> m_entries;  // by fingerprint
};

}  // namespace replylint::report
