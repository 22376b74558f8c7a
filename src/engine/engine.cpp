#include "engine/engine.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "engine/suppress.hpp"
#include "rules/check_scope.hpp"
#include "rules/rules.hpp"
#include "util/error.hpp"

namespace replylint::engine {

namespace fs = std::filesystem;

namespace {

// Test builds only (REPLYLINT_FAULT_INJECTION, on with REPLYLINT_BUILD_TESTS): the environment
// variable REPLYLINT_TEST_FAULT makes every rule fail, so tests can prove what a crashing rule
// does to `check` and to the sendmail hook. "rule-throw": the rule throws; "abort": the process
// dies of SIGABRT inside the rule.
void injected_fault() {
#ifdef REPLYLINT_FAULT_INJECTION
  static const char* const fault = std::getenv("REPLYLINT_TEST_FAULT");
  if (fault == nullptr) return;
  const std::string_view kind(fault);
  if (kind == "rule-throw")
    throw std::runtime_error("injected fault (REPLYLINT_TEST_FAULT=rule-throw)");
  if (kind == "abort") std::abort();
#endif
}

// One finding per slip: a word accent-confusion reports ("su envio" → envío) is not also an
// unknown word to spelling, whose list would only repeat the right form among others. Only the
// same place of the same part counts; with accent-confusion off, spelling reports it alone.
void drop_repeated_findings(std::vector<report::Diagnostic>& found) {
  static constexpr std::string_view k_kept = "accent-confusion";
  static constexpr std::string_view k_dropped = "spelling";
  auto same_place = [](const core::Location& a, const core::Location& b) {
    return a.origin == b.origin && a.header == b.header && a.range.begin == b.range.begin &&
           a.range.end == b.range.end;
  };
  std::vector<const core::Location*> kept;
  for (const report::Diagnostic& d : found)
    if (d.rule == k_kept) kept.push_back(&d.location);
  if (kept.empty()) return;
  std::erase_if(found, [&](const report::Diagnostic& d) {
    return d.rule == k_dropped && std::ranges::any_of(kept, [&](const core::Location* place) {
             return same_place(*place, d.location);
           });
  });
}

// Everything in `settings` that decides which rules run and how they are built: the rule tables
// as configured (enabled, severity and options, before defaults fill them in), org-domains and
// words. Equal keys give identical rule sets; two keys that differ may still resolve to the same
// set, which only costs building it twice. Computed for every file, so it stays a walk over what
// the config sets rather than over every rule's resolved options.
std::string rule_settings_key(const config::Effective& settings) {
  std::string key;
  auto add = [&key](std::string_view part) {
    key += part;
    key += '\0';
  };
  for (const std::string& d : settings.org_domains) add(d);
  add("\x01words");
  for (const std::string& w : settings.words) add(w);
  for (const auto& [id, rule] : settings.rules) {
    add("\x01rule");
    add(id);
    add(rule.enabled ? (*rule.enabled ? "on" : "off") : "-");
    add(rule.severity ? core::to_string(*rule.severity) : "-");
    for (const auto& [name, value] : rule.options) {
      add(name);
      add(std::to_string(value.index()));
      add(rules::to_string(value));
    }
  }
  return key;
}

}  // namespace

struct RuleSet {
  struct Built {
    const rules::RegistryEntry* entry;
    core::Severity severity;
    std::unique_ptr<rules::Rule> rule;
  };
  std::vector<Built> rules;  // in registry order
};

std::map<std::string, spell::MorphologyRules, std::less<>> word_formation(
    const data::DataSet& data) {
  std::map<std::string, spell::MorphologyRules, std::less<>> out;
  for (const auto& [code, language] : data.languages) {
    spell::MorphologyRules rules{language.spelling_prefixes,         language.spelling_clitic_slots,
                                 language.spelling_bare_imperatives, language.spelling_noun_context,
                                 language.spelling_verb_context,     language.spelling_suffixes,
                                 language.spelling_compounds};
    if (!rules.empty() || !rules.noun_context.empty() || !rules.verb_context.empty())
      out.emplace(code, std::move(rules));
  }
  return out;
}

Engine::Engine(const data::DataSet& data, Options options)
    : m_data(data),
      m_options(std::move(options)),
      m_spell(spell::Options{.dict_dir = m_options.dict_dir,
                             .search_path = m_options.dict_search_path,
                             .morphology = word_formation(data)}) {
  if (!m_options.config_file.empty())
    m_forced = std::make_shared<const config::Config>(config::load_config(m_options.config_file));
}

void Engine::reload_configs() {
  auto forced =
      m_options.config_file.empty()
          ? nullptr
          : std::make_shared<const config::Config>(config::load_config(m_options.config_file));
  std::lock_guard lock(m_mutex);
  m_forced = std::move(forced);
  m_by_folder.clear();
  m_file_folders.clear();
  m_rule_sets.clear();
}

std::shared_ptr<const RuleSet> Engine::rules_for(const config::Effective& settings) {
  std::string key = rule_settings_key(settings);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_rule_sets.find(key); it != m_rule_sets.end()) return it->second;
  }
  // Built outside the lock; when two threads build the same set at once, the first one stored wins.
  auto built = std::make_shared<RuleSet>();
  auto build = [&](const rules::RegistryEntry& entry) {
    const rules::RuleOptions options = settings.options(entry.info);
    const rules::RuleContext context{options, m_data, &m_spell, settings.org_domains,
                                     settings.words};
    built->rules.push_back({&entry, settings.severity(entry.info), entry.make(context)});
  };
  for (const rules::RegistryEntry& entry : rules::registry())
    if (settings.enabled(entry.info)) build(entry);
  for (const rules::RegistryEntry& entry : m_options.extra_rules) build(entry);
  std::lock_guard lock(m_mutex);
  return m_rule_sets.emplace(std::move(key), std::move(built)).first->second;
}

std::shared_ptr<const config::Config> Engine::config_in(const fs::path& folder) {
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_by_folder.find(folder); it != m_by_folder.end()) return it->second;
  }
  std::shared_ptr<const config::Config> found;
  if (auto path = config::find_config(folder))
    found = std::make_shared<const config::Config>(config::load_config(*path));
  else
    found = std::make_shared<const config::Config>();
  std::lock_guard lock(m_mutex);
  return m_by_folder.emplace(folder, std::move(found)).first->second;
}

std::shared_ptr<const config::Config> Engine::config_for(const fs::path& folder) {
  if (m_forced) return m_forced;
  std::error_code ec;
  fs::path absolute = fs::absolute(folder.empty() ? fs::path(".") : folder, ec);
  if (ec) absolute = folder;
  return config_in(absolute.lexically_normal());
}

std::vector<Input> Engine::expand(const std::vector<std::string>& paths, bool force_exclude) {
  return expand_inputs(
      paths, [this](const fs::path& folder) { return config_for(folder); }, force_exclude);
}

std::vector<report::FileReport> Engine::check_all(const std::vector<Input>& inputs, unsigned jobs) {
  std::vector<report::FileReport> out(inputs.size());
  // Mailboxes are checked after the other inputs, one at a time, each on every job.
  std::vector<char> mailbox(inputs.size(), 0);
  auto check_one = [&](std::size_t i) {
    const Input& input = inputs[i];
    if (!input.error.empty()) {
      out[i].path = input.path;
      out[i].error = input.error;
    } else if (input.bytes) {
      out[i] = check_bytes(input.path, *input.bytes, input.config_path);
    } else if (Probe probed = probe(input, true); probed.mailbox) {
      mailbox[i] = 1;
    } else if (probed.content) {
      // The file as the probe read it whole: parse_message applies the size limit and refuses
      // an empty file with the same words as load_message.
      std::string bytes = std::move(*probed.content);
      out[i] = run(
          input.path,
          [&](const message::Limits& limits) {
            return message::parse_message(input.path, std::move(bytes), m_data, limits);
          },
          input.path, nullptr, true);
    } else {
      out[i] = check_file(input.path);
    }
  };
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  const unsigned all_jobs = jobs;
  auto with_mailboxes = [&] {
    if (std::ranges::find(mailbox, 1) == mailbox.end()) return std::move(out);
    std::vector<report::FileReport> merged;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (!mailbox[i]) {
        merged.push_back(std::move(out[i]));
        continue;
      }
      std::ranges::move(check_mailbox(inputs[i], all_jobs), std::back_inserter(merged));
    }
    return merged;
  };
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, inputs.size()));
  if (jobs <= 1) {
    for (std::size_t i = 0; i < inputs.size(); ++i) check_one(i);
    return with_mailboxes();
  }
  // Each worker takes the next unclaimed input; results land in their input's slot, so the
  // order never depends on timing.
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  workers.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t)
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < inputs.size(); i = next++) check_one(i);
    });
  for (std::thread& w : workers) w.join();
  return with_mailboxes();
}

config::Effective Engine::settings_for(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path.empty() ? fs::path(".") : path, ec);
  if (ec) absolute = path;
  const fs::path folder = fs::is_directory(absolute, ec) ? absolute : absolute.parent_path();
  const auto config = m_forced ? m_forced : config_in(folder.lexically_normal());
  return config::resolve(*config, absolute.lexically_normal());
}

config::Effective Engine::settings_for_file(const fs::path& file) {
  const std::string parent = file.parent_path().native();
  FileFolder folder;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_file_folders.find(parent); it != m_file_folders.end()) folder = it->second;
  }
  if (!folder.config) {
    std::error_code ec;
    fs::path absolute = fs::absolute(file, ec);  // as settings_for() does
    if (ec) absolute = file;
    folder.absolute = absolute.parent_path().lexically_normal();
    folder.config = m_forced ? m_forced : config_in(folder.absolute);
    if (folder.config->overrides.empty())
      folder.settings = std::make_shared<const config::Effective>(
          config::resolve(*folder.config, folder.absolute / file.filename()));
    std::lock_guard lock(m_mutex);
    m_file_folders.emplace(parent, folder);
  }
  if (folder.settings) return *folder.settings;
  return config::resolve(*folder.config, (folder.absolute / file.filename()).lexically_normal());
}

message::Limits Engine::limits_for(const fs::path& config_path) {
  return limits_in(settings_for(config_path));
}

message::Limits Engine::limits_in(const config::Effective& settings) const {
  message::Limits limits = m_options.limits;
  if (!m_options.max_size_given && settings.max_size) {
    limits.max_size = *settings.max_size;
    limits.max_size_setting = settings.max_size_setting;
  }
  return limits;
}

report::FileReport Engine::check_file(const std::string& path) {
  return run(
      path,
      [&](const message::Limits& limits) { return message::load_message(path, m_data, limits); },
      path);
}

report::FileReport Engine::check_bytes(const std::string& display_path, std::string bytes,
                                       const fs::path& config_path) {
  return run(
      display_path,
      [&](const message::Limits& limits) {
        return message::parse_message(display_path, std::move(bytes), m_data, limits);
      },
      config_path);
}

report::FileReport Engine::check_message(const std::string& display_path, message::Message message,
                                         const fs::path& config_path) {
  return run(
      display_path, [&](const message::Limits&) { return std::move(message); }, config_path);
}

report::FileReport Engine::run(const std::string& display_path,
                               const std::function<message::Message(const message::Limits&)>& load,
                               const fs::path& config_path, std::string* message_id,
                               bool config_path_is_file) {
  report::FileReport out;
  out.path = display_path;
  try {
    const config::Effective settings =
        config_path_is_file ? settings_for_file(config_path) : settings_for(config_path);
    const draft::Draft draft =
        draft::segment(load(limits_in(settings)), m_data, draft_options(settings));
    if (message_id) *message_id = draft.message().message_id;
    out = check_draft(draft, settings);
    out.path = display_path;
  } catch (const InputError& e) {
    out.error = e.path == display_path ? e.what() : e.describe();
  } catch (const std::exception& e) {
    // A bug of replylint's own (or memory exhausted): this input is not checked, the others are.
    out.findings.clear();
    out.error = std::string("internal error: ") + e.what() + "; not checked";
  }
  return out;
}

draft::Options Engine::draft_options(const config::Effective& settings) const {
  draft::Options options;
  options.language = m_options.language.empty() ? settings.language : m_options.language;
  options.placeholders = settings.placeholders;
  return options;
}

Engine::Checked Engine::check_keeping_draft(const std::string& display_path, std::string bytes,
                                            const fs::path& config_path) {
  const config::Effective settings = settings_for(config_path);
  Checked out{draft::segment(message::parse_message(display_path, std::move(bytes), m_data,
                                                    limits_in(settings)),
                             m_data, draft_options(settings)),
              {}};
  out.report = check_draft(out.draft, settings);
  out.report.path = display_path;
  return out;
}

report::FileReport Engine::check_draft(const draft::Draft& draft,
                                       const config::Effective& settings) {
  report::FileReport out;
  out.path = draft.message().path;
  out.language = draft.language;
  out.warnings = draft.message().warnings;
  out.warnings.insert(out.warnings.end(), draft.warnings.begin(), draft.warnings.end());
  report::Resolver resolver(draft);  // the body's lines are indexed once, not per finding
  const std::shared_ptr<const RuleSet> rule_set = rules_for(settings);
  std::vector<report::Diagnostic> found;
  const rules::CheckScope scope(draft);  // rules may share what they work out of the draft
  for (const RuleSet::Built& built : rule_set->rules) {
    const std::string& id = built.entry->info.id;
    rules::Reporter reporter(id, built.severity);
    try {
      injected_fault();
      built.rule->check(draft, reporter);
    } catch (const std::exception& e) {
      // One rule's bug makes the whole input unchecked: half a lint must not pass for a whole one.
      throw std::runtime_error("rule '" + id + "' failed: " + e.what());
    }
    std::ranges::move(reporter.diagnostics(), std::back_inserter(found));
  }
  apply_suppressions(draft, found);  // the template's own `replylint: disable…` comments
  drop_repeated_findings(found);
  for (report::Diagnostic& d : found) out.findings.push_back(resolver.resolve(std::move(d)));
  report::sort_findings(out.findings);
  // The one place sensitive values are masked: every output (text, JSON, SARIF, GitHub, MCP,
  // the sendmail hook) renders this report.
  report::redact(out);
  return out;
}

}  // namespace replylint::engine
