#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/i18n.hpp"
#include "draft/draft.hpp"

namespace replylint::data {
struct DataSet;
}
namespace replylint::spell {
class SpellService;
}

namespace replylint::rules {

using core::Applicability;
using core::Severity;
using draft::Draft;
using draft::Range;
using draft::Sentence;
using draft::Word;

enum class Category { tone, privacy, quoting, spelling, recipients, content, style };
std::string_view to_string(Category category);

enum class OptionType { boolean, integer, string, string_list };
std::string_view to_string(OptionType type);

/// A rule option's value, typed: what config validation produces and what rules read.
using OptionValue = std::variant<bool, std::int64_t, std::string, std::vector<std::string>>;

/// The type an option value holds.
OptionType type_of(const OptionValue& value);

/// An option value as the docs and `replylint rules --format json` write it: "3", "true",
/// "text", ["a", "b"] (a TOML array).
std::string to_string(const OptionValue& value);

/// One option of a rule. The default is written here once, typed; its type is the option's
/// type, config validation converts TOML values to it, and rules read the value through
/// RuleOptions without a fallback of their own:
///   .options = {{"min-words", std::int64_t{3}, "shortest run of capitals that is flagged"}}
struct OptionInfo {
  std::string name;
  OptionValue default_value;
  std::string summary;
  OptionType type() const { return type_of(default_value); }
};

/// The fix a rule offers, as `replylint explain` states it (ruff's "Fix is sometimes
/// available"). The docs and fixture tests check it against the fixes the rule attaches: every
/// fix has `applicability`, and with `always` every finding has one.
struct FixInfo {
  Applicability applicability = Applicability::unsafe;
  bool always = false;  // every finding carries a fix; false: only some do
  std::string summary;  // what it does, no trailing period: "writes the capitals in sentence case"
};

/// A rule's metadata. `docs` is Markdown with "## What it flags", "## Why", "## Example"
/// (a ```text block that fires), "Use instead:" (a ```text block that stays quiet) and, if the
/// rule has options, "## Options". `fix` is std::nullopt for a rule that never offers a fix.
struct RuleInfo {
  std::string id;
  Category category;
  Severity default_severity;
  std::string summary;
  std::string docs;
  std::vector<OptionInfo> options;
  std::optional<FixInfo> fix;
};

/// The option values a rule is built with: each option of its table, at its default unless the
/// config set it (config validation has checked names and types; later settings win).
/// Reading an option the table does not declare, or as another type, is a bug in the rule and
/// throws std::logic_error (the engine reports it as an internal error for the input).
class RuleOptions {
 public:
  RuleOptions() = default;
  /// Every option of `table` at its default.
  explicit RuleOptions(const std::vector<OptionInfo>& table);
  /// Sets `name` (declared or not: config validation decides what is allowed).
  void set(std::string_view name, OptionValue value);

  bool boolean(std::string_view name) const;
  std::int64_t integer(std::string_view name) const;
  const std::string& string(std::string_view name) const;
  const std::vector<std::string>& list(std::string_view name) const;

  /// The values in table order, for comparing two option sets.
  const std::vector<std::pair<std::string, OptionValue>>& values() const { return m_values; }

 private:
  const OptionValue& find(std::string_view name) const;
  std::vector<std::pair<std::string, OptionValue>> m_values;
};

/// What a rule is built with: its options plus the shared, read-only services.
struct RuleContext {
  const RuleOptions& options;
  const data::DataSet& data;
  spell::SpellService* spell = nullptr;  // nullptr when spelling is off
  std::vector<std::string> org_domains;  // the sender organisation's domains (lowercase)
  std::vector<std::string> words;        // extra accepted words from the config
};

/// Collects a rule's findings for one draft. Rules never see line numbers or output formats.
class Reporter {
 public:
  /// Adds to the diagnostic just reported; every method returns the builder for chaining.
  class Builder {
   public:
    /// A Builder names its diagnostic by index, so it stays valid when the rule reports more
    /// findings (the vector may reallocate) while it still holds this one.
    Builder(std::vector<core::Diagnostic>& found, std::size_t index)
        : m_found(found), m_index(index) {}
    /// What to do about it (one sentence, no trailing period). A literal is a msgid
    /// (core/i18n.hpp); any text the catalog has is localised.
    Builder& help(std::string text) {
      if (!core::i18n::active_language().empty()) {
        std::string localized = core::i18n::translate(text);
        if (localized != text) diagnostic().help_localized = std::move(localized);
      }
      diagnostic().help = std::move(text);
      return *this;
    }
    /// Help made with core::i18n::fragment() (English and localised).
    Builder& help(core::i18n::Fragment text) {
      diagnostic().help = std::move(text.english);
      diagnostic().help_localized = std::move(text.localized);
      return *this;
    }
    /// Help formatted from a msgid and arguments, localised like a message.
    template <typename First, typename... Args>
    Builder& help(fmt::format_string<First, Args...> format, First&& first, Args&&... args) {
      diagnostic().help_localized =
          core::i18n::localize_format(core::i18n::template_of(format), first, args...);
      diagnostic().help =
          fmt::format(format, std::forward<First>(first), std::forward<Args>(args)...);
      return *this;
    }
    /// One more replacement for the flagged text, best first.
    Builder& suggest(std::string text) {
      diagnostic().suggestions.push_back(std::move(text));
      return *this;
    }
    Builder& suggestions(std::vector<std::string> list) {
      diagnostic().suggestions = std::move(list);
      return *this;
    }
    /// A rule-specific named list, printed as a field `key` of the diagnostic in JSON and SARIF
    /// (core/diagnostic.hpp "Rule-specific data"). Setting a key again replaces its list.
    Builder& data(std::string key, std::vector<std::string> values);
    /// Attaches a fix (replaces any earlier one).
    Builder& fix(core::Fix fix) {
      diagnostic().fix = std::move(fix);
      return *this;
    }
    /// A fix of one edit that replaces exactly the flagged range with `replacement`.
    /// `title` is a message piece (core::i18n::fragment): English, and the reader's language.
    Builder& replace_with(std::string replacement, Applicability applicability,
                          core::i18n::Fragment title);
    /// Marks the flagged value sensitive: report::redact() masks it in every output.
    Builder& sensitive(core::Masking masking = core::Masking::last_four) {
      diagnostic().sensitive = masking;
      return *this;
    }

   private:
    core::Diagnostic& diagnostic() { return m_found[m_index]; }
    std::vector<core::Diagnostic>& m_found;
    std::size_t m_index;
  };

  Reporter(std::string rule, Severity severity) : m_rule(std::move(rule)), m_severity(severity) {}

  /// Reports a finding in the body. `format` is a msgid (core/i18n.hpp): the localised copy
  /// of the message is its translation formatted with the same arguments.
  template <typename... Args>
  Builder report(Range range, fmt::format_string<Args...> format, Args&&... args) {
    return add({core::Location::Origin::body, range, {}},
               core::i18n::localize_format(core::i18n::template_of(format), args...),
               fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  Builder report_subject(Range range, fmt::format_string<Args...> format, Args&&... args) {
    return add({core::Location::Origin::subject, range, {}},
               core::i18n::localize_format(core::i18n::template_of(format), args...),
               fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  Builder report_header(std::string header, fmt::format_string<Args...> format, Args&&... args) {
    return add({core::Location::Origin::header, {}, std::move(header)},
               core::i18n::localize_format(core::i18n::template_of(format), args...),
               fmt::format(format, std::forward<Args>(args)...));
  }

  std::vector<core::Diagnostic>& diagnostics() { return m_found; }

 private:
  Builder add(core::Location where, std::string localized, std::string message);
  std::string m_rule;
  Severity m_severity;
  std::vector<core::Diagnostic> m_found;
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
