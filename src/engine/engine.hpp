#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "data/data.hpp"
#include "draft/draft.hpp"
#include "engine/inputs.hpp"
#include "message/mbox.hpp"
#include "report/report.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"

namespace replylint::engine {

struct RuleSet;  // the rules built for one effective configuration (engine.cpp)

/// The spell checker's word formation and suggestion context (rules/<lang>/morphology.toml),
/// by language, for spell::Options::morphology.
std::map<std::string, spell::MorphologyRules, std::less<>> word_formation(
    const data::DataSet& data);

struct Options {
  std::filesystem::path config_file;  // --config: used for every input instead of the walk-up
  std::string language;               // --lang: "es", "el", "en" or "" to detect
  std::filesystem::path dict_dir;     // --dict-dir
  /// When set, replaces the dictionary search path entirely (tests: a missing dictionary).
  std::optional<std::vector<std::filesystem::path>> dict_search_path;
  message::Limits limits;  // --max-size and the parser's other bounds
  /// Whether limits.max_size was given on the command line; if not, a config's `max-size`
  /// replaces it for the files that config governs.
  bool max_size_given = false;
  /// Rules run after the registry's, always enabled at their default severity, configured
  /// from their option table's defaults and the config's [rules.<id>] table if it has one
  /// (tests use it to run a rule the registry does not hold through the whole pipeline).
  std::vector<rules::RegistryEntry> extra_rules;
  /// --mbox-format. When given, every file that starts like an mbox is read as a mailbox, even
  /// one of a single message, and so is an empty file; when not, mboxrd is assumed and a file
  /// holding a single message is checked as a plain file, as before mailboxes were read.
  std::optional<message::MboxFormat> mbox_format;
};

/// Runs the whole pipeline (load → segment → rules → resolve) for one input at a time.
/// Thread-safe: check_* may be called from several threads at once.
class Engine {
 public:
  /// Throws InputError when --config names a file that cannot be loaded.
  Engine(const data::DataSet& data, Options options);

  /// Lints the file at `path`. Never throws: a file that cannot be read or parsed gets
  /// FileReport::error; a bad config found for it does too, and so does a rule that throws.
  report::FileReport check_file(const std::string& path);

  /// Lints `bytes` as if read from `display_path`; configuration is looked up from
  /// `config_path` (a file name, for --stdin-filename; empty: the working folder).
  report::FileReport check_bytes(const std::string& display_path, std::string bytes,
                                 const std::filesystem::path& config_path);

  /// Lints an already parsed message (e.g. one whose Bcc was completed from a sendmail command
  /// line) as if read from `display_path`, configured as for `config_path`. Never throws.
  report::FileReport check_message(const std::string& display_path, message::Message message,
                                   const std::filesystem::path& config_path);

  /// Lints an already segmented draft with the settings that apply to `config_path`: runs the
  /// enabled rules (built once per distinct rule settings and shared by every draft and thread
  /// with those settings), resolves positions and masks sensitive values (report::redact). Throws
  /// std::runtime_error ("rule 'x' failed: …") when a rule throws; check_* turn that into
  /// FileReport::error ("internal error: …; not checked"), never a partial pass.
  report::FileReport check_draft(const draft::Draft& draft, const config::Effective& settings);

  /// A draft and its report, for callers that act on the findings (src/fix/).
  struct Checked {
    draft::Draft draft;
    report::FileReport report;
  };
  /// check_bytes(), keeping the segmented draft; unlike check_bytes it throws: InputError for
  /// input that cannot be read or a bad config, std::runtime_error when a rule throws.
  Checked check_keeping_draft(const std::string& display_path, std::string bytes,
                              const std::filesystem::path& config_path);

  /// The settings that apply to `path` (config found by walking up, or --config). Throws
  /// InputError for a config file that cannot be loaded.
  config::Effective settings_for(const std::filesystem::path& path);

  /// The input limits for a file configured as `config_path`: Options::limits, with the
  /// config's `max-size` unless --max-size was given. Throws InputError for a bad config.
  message::Limits limits_for(const std::filesystem::path& config_path);

  /// Forgets every config (and the rules built for them) found so far and reloads --config, so
  /// that edits made since are seen; dictionaries stay loaded. For long-running callers (the MCP
  /// server), between requests, not while check_* runs. Throws InputError when --config cannot be
  /// loaded.
  void reload_configs();

  /// The config that governs files in `folder` (--config, else found by walking up; cached).
  /// Throws InputError for a config file that cannot be loaded.
  std::shared_ptr<const config::Config> config_for(const std::filesystem::path& folder);

  /// expand_inputs() with this engine's configs (their include/exclude globs).
  std::vector<Input> expand(const std::vector<std::string>& paths, bool force_exclude = false);

  /// Checks every input on up to `jobs` threads (0: std::thread::hardware_concurrency()) and
  /// returns one FileReport per input, in input order, identical to a serial run. An input with
  /// `error` set is reported as such; one with `bytes` is checked from them. A mailbox
  /// (is_mailbox()) gives one FileReport per message, in mailbox order, each with `mailbox` set
  /// (check_mailbox()). Never throws for a bad input.
  std::vector<report::FileReport> check_all(const std::vector<Input>& inputs, unsigned jobs = 0);

  /// True when `input` is read as a mailbox: a Maildir, or a file that starts like an mbox and
  /// holds several messages (any number with Options::mbox_format, an empty file too). Reads
  /// the file (never more than one line of it at a time); false when it cannot be read.
  bool is_mailbox(const Input& input) const;

  /// One FileReport per message of the mailbox `input`, in mailbox order; a mailbox that cannot
  /// be read gives one report with `error`, an empty one a report with a warning. The messages
  /// are read a batch at a time and each batch is checked on up to `jobs` threads: memory is
  /// bounded by the batch, not the mailbox. Never throws.
  std::vector<report::FileReport> check_mailbox(const Input& input, unsigned jobs = 0);

  /// Warnings about the run as a whole (missing dictionaries), each once.
  std::vector<std::string> warnings() const { return m_spell.warnings(); }

  const data::DataSet& data() const { return m_data; }
  spell::SpellService& spell() { return m_spell; }

 private:
  // `message_id`, when given, receives the parsed message's Message-ID.
  // `config_path_is_file`: the caller knows `config_path` is a regular file (an input that was
  // just read), so its folder's settings can be remembered (settings_for_file).
  report::FileReport run(const std::string& display_path,
                         const std::function<message::Message(const message::Limits&)>& load,
                         const std::filesystem::path& config_path,
                         std::string* message_id = nullptr, bool config_path_is_file = false);
  /// settings_for() of a path known to be a regular file: each folder (as written) is made
  /// absolute and its config found once, and when that config has no [[overrides]] the settings
  /// are the same for every file in it and are worked out once too.
  config::Effective settings_for_file(const std::filesystem::path& file);
  /// What is_mailbox() finds out about an input, and, when asked (`keep_content`) and the input
  /// is a small regular file that is not a mailbox, the whole file as read then: check_all
  /// checks those bytes instead of opening and reading the file a second time.
  struct Probe {
    bool mailbox = false;
    std::optional<std::string> content;
  };
  Probe probe(const Input& input, bool keep_content) const;
  std::vector<report::FileReport> check_mbox(const std::string& path, unsigned jobs);
  std::vector<report::FileReport> check_maildir(const std::string& path, unsigned jobs);
  std::shared_ptr<const config::Config> config_in(const std::filesystem::path& folder);
  message::Limits limits_in(const config::Effective& settings) const;
  draft::Options draft_options(const config::Effective& settings) const;
  std::shared_ptr<const RuleSet> rules_for(const config::Effective& settings);

  const data::DataSet& m_data;
  Options m_options;
  spell::SpellService m_spell;
  std::shared_ptr<const config::Config> m_forced;  // from --config
  std::mutex m_mutex;
  std::map<std::filesystem::path, std::shared_ptr<const config::Config>> m_by_folder;
  struct FileFolder {
    std::filesystem::path absolute;  // lexically normal
    std::shared_ptr<const config::Config> config;
    std::shared_ptr<const config::Effective> settings;  // when the config has no overrides
  };
  std::map<std::string, FileFolder, std::less<>> m_file_folders;  // by parent folder as written
  // Keyed by rule_settings_key(): everything in the settings that a rule is built from.
  std::map<std::string, std::shared_ptr<const RuleSet>> m_rule_sets;
};

}  // namespace replylint::engine
