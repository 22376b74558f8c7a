#pragma once

#include <fmt/format.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "draft/draft.hpp"
#include "report/diagnostic.hpp"

namespace replylint::data {
struct DataSet;
}
namespace replylint::spell {
class SpellService;
}

namespace replylint::rules {

using draft::Draft;
using draft::Range;
using draft::Sentence;
using draft::Word;
using report::Severity;

enum class Category { tone, privacy, quoting, spelling, recipients, content, style };
std::string_view to_string(Category category);

enum class OptionType { boolean, integer, string, string_list };
std::string_view to_string(OptionType type);

/// One typed option of a rule, with its default as written in the docs.
struct OptionInfo {
  std::string name;
  OptionType type;
  std::string default_value;
  std::string summary;
};

/// A rule's metadata. `docs` is Markdown with "## What it flags", "## Why", "## Example"
/// (a ```text block that fires), "Use instead:" (a ```text block that stays quiet) and, if the
/// rule has options, "## Options".
struct RuleInfo {
  std::string id;
  Category category;
  Severity default_severity;
  std::string summary;
  std::string docs;
  std::vector<OptionInfo> options;
};

/// The typed option values a rule is built with (validated by config against OptionInfo).
class RuleOptions {
 public:
  void set(std::string name, std::string value) { m_values.emplace_back(std::move(name), std::move(value)); }
  void set_list(std::string name, std::vector<std::string> values);
  int get_int(std::string_view name, int fallback) const;
  bool get_bool(std::string_view name, bool fallback) const;
  std::string get_string(std::string_view name, std::string fallback) const;
  std::vector<std::string> get_list(std::string_view name, std::vector<std::string> fallback) const;

 private:
  const std::string* find(std::string_view name) const;
  std::vector<std::pair<std::string, std::string>> m_values;
  std::vector<std::pair<std::string, std::vector<std::string>>> m_lists;
};

/// What a rule is built with: its options plus the shared, read-only services.
struct RuleContext {
  const RuleOptions& options;
  const data::DataSet& data;
  spell::SpellService* spell = nullptr;         // nullptr when spelling is off
  std::vector<std::string> org_domains;          // the sender organisation's domains (lowercase)
  std::vector<std::string> words;                // extra accepted words from the config
};

/// Collects a rule's findings for one draft. Rules never see line numbers or output formats.
class Reporter {
 public:
  class Builder {
   public:
    explicit Builder(report::Diagnostic& d) : m_d(d) {}
    Builder& help(std::string text) { m_d.help = std::move(text); return *this; }
    Builder& suggest(std::string text) { m_d.suggestions.push_back(std::move(text)); return *this; }
    Builder& suggestions(std::vector<std::string> list) { m_d.suggestions = std::move(list); return *this; }
    Builder& addresses(std::vector<std::string> list) { m_d.addresses = std::move(list); return *this; }

   private:
    report::Diagnostic& m_d;
  };

  Reporter(std::string rule, Severity severity) : m_rule(std::move(rule)), m_severity(severity) {}

  template <typename... Args>
  Builder report(Range range, fmt::format_string<Args...> format, Args&&... args) {
    return add({report::Location::Origin::body, range, {}}, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  Builder report_subject(Range range, fmt::format_string<Args...> format, Args&&... args) {
    return add({report::Location::Origin::subject, range, {}}, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  Builder report_header(std::string header, fmt::format_string<Args...> format, Args&&... args) {
    return add({report::Location::Origin::header, {}, std::move(header)}, fmt::format(format, std::forward<Args>(args)...));
  }

  std::vector<report::Diagnostic>& diagnostics() { return m_found; }

 private:
  Builder add(report::Location where, std::string message);
  std::string m_rule;
  Severity m_severity;
  std::vector<report::Diagnostic> m_found;
};

/// A rule: reads a Draft, writes findings. Never parses, prints or opens files; never throws on
/// any draft. check() must be safe to call from several threads at once.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const Draft& draft, Reporter& out) const = 0;
};

}  // namespace replylint::rules
