#include "config/config.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <system_error>

#include "config/size_value.hpp"
#include "util/error.hpp"
#include "util/notice.hpp"
#include "util/suggest.hpp"
#include "util/toml_util.hpp"

namespace replylint::config {
namespace {

namespace fs = std::filesystem;
using group_t = struct group;

const std::vector<std::string> k_top_keys = {"language", "org-domains",  "words", "include",
                                             "exclude",  "placeholders", "rules", "overrides",
                                             "max-size", "milter"};
const std::vector<std::string> k_override_keys = {"files", "rules", "words", "placeholders",
                                                  "language"};
const std::vector<std::string> k_languages = {"es", "el", "en"};

// Reads one file; every error names it.
class Reader {
 public:
  Reader(const fs::path& path, const std::vector<const rules::RuleInfo*>& known_rules)
      : m_file(path.string()), m_known(known_rules) {}

  Config read(const fs::path& path) {
    const toml::table table = parse(path);
    Config config;
    config.source = path;
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (name == "language") {
        config.language = language(node);
      } else if (name == "org-domains") {
        for (const auto& [text, line] : strings(name, node))
          config.org_domains.push_back(domain(text, line));
      } else if (name == "words") {
        for (auto& [text, line] : strings(name, node)) config.words.push_back(std::move(text));
      } else if (name == "include") {
        for (auto& [text, line] : strings(name, node)) config.include.push_back(std::move(text));
      } else if (name == "exclude") {
        for (auto& [text, line] : strings(name, node)) config.exclude.push_back(std::move(text));
      } else if (name == "placeholders") {
        for (auto& [text, line] : strings(name, node)) {
          check_pattern(text, line);
          config.placeholders.push_back(std::move(text));
        }
      } else if (name == "max-size") {
        config.max_size = size_value(m_file, "max-size", node);
      } else if (name == "milter") {
        // The milter's own settings: validated by milter::load_settings (src/milter/policy).
        if (!node.is_table()) wrong_type(name, "a table", node);
      } else if (name == "rules") {
        config.rules = rule_tables(node);
      } else if (name == "overrides") {
        config.overrides = overrides(node);
      } else {
        throw InputError(m_file, util::line_of(key),
                         "unknown key '" + name + "'" + util::did_you_mean(name, k_top_keys));
      }
    }
    return config;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw InputError(m_file, line, message);
  }

  // Opens without blocking and reads only a regular file: a FIFO would wait forever for a
  // writer (stopping `check`, the hook and the MCP server alike), and a device may never end.
  toml::table parse(const fs::path& path) const {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) fail(0, "cannot read file");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      fail(0, S_ISDIR(st.st_mode) ? "cannot read file" : "cannot read: not a regular file");
    }
    std::string text;
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n > 0) {
        text.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0) {
        break;
      } else if (errno != EINTR) {
        ::close(fd);
        fail(0, "cannot read file");
      }
    }
    ::close(fd);
    try {
      return toml::parse(text, path.string());
    } catch (const toml::parse_error& error) {
      std::string description(error.description());
      if (!description.empty())
        description[0] =
            static_cast<char>(std::tolower(static_cast<unsigned char>(description[0])));
      fail(static_cast<int>(error.source().begin.line), "invalid TOML: " + description);
    }
  }

  [[noreturn]] void wrong_type(const std::string& key, std::string_view expected,
                               const toml::node& node) const {
    fail(util::line_of(node), "'" + key + "' must be " + std::string(expected) + ", found " +
                                  std::string(util::toml_type_name(node)));
  }

  // Non-empty strings, trimmed, each with its line.
  std::vector<std::pair<std::string, int>> strings(const std::string& key,
                                                   const toml::node& node) const {
    const std::vector<std::string> values = util::string_list(m_file, key, node);
    const toml::array& array = *node.as_array();
    std::vector<std::pair<std::string, int>> out;
    for (size_t i = 0; i < values.size(); ++i) {
      const int line = util::line_of(array[i]) ? util::line_of(array[i]) : util::line_of(node);
      const auto first = values[i].find_first_not_of(" \t\r\n");
      if (first == std::string::npos) fail(line, "empty string in '" + key + "'");
      const auto last = values[i].find_last_not_of(" \t\r\n");
      out.emplace_back(values[i].substr(first, last - first + 1), line);
    }
    return out;
  }

  std::string language(const toml::node& node) const {
    const std::string value = util::string_value(m_file, "language", node);
    if (value == "auto") return "";
    if (std::find(k_languages.begin(), k_languages.end(), value) == k_languages.end())
      fail(util::line_of(node),
           "unknown language '" + value + "' (expected 'es', 'el', 'en' or 'auto')");
    return value;
  }

  std::string domain(std::string text, int line) const {
    if (!text.empty() && text.front() == '@') text.erase(0, 1);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c);
    });
    if (text.find('.') == std::string::npos || text.find_first_of("@ \t/") != std::string::npos ||
        text.front() == '.' || text.back() == '.')
      fail(line, "'" + text + "' is not a domain name");
    return text;
  }

  void check_pattern(const std::string& regex, int line) const {
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    // Case-insensitivity (how the pattern is matched) changes neither whether it compiles nor
    // whether it matches empty text; without it ICU does not close each class over case.
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(regex), 0, parse_error, status));
    if (U_FAILURE(status))
      fail(line, "pattern does not compile: '" + regex + "' (" + u_errorName(status) + ")");
    // A placeholder pattern joins one alternation with the tokenizer's own: one that can match
    // nothing would win at every position and hide URLs and addresses, and a named group would
    // clash with the tokenizer's group names.
    std::unique_ptr<icu::RegexMatcher> matcher(compiled->matcher(icu::UnicodeString(), status));
    if (U_SUCCESS(status) && matcher->matches(status) && U_SUCCESS(status))
      fail(line, "placeholder pattern matches empty text: '" + regex + "'");
    for (std::size_t at = regex.find("(?<"); at != std::string::npos;
         at = regex.find("(?<", at + 1))
      if (at + 3 < regex.size() && regex[at + 3] != '=' && regex[at + 3] != '!')
        fail(line, "placeholder pattern has a named group: '" + regex + "' (use (?:...))");
  }

  const rules::RuleInfo* find_rule(std::string_view id) const {
    for (const rules::RuleInfo* info : m_known)
      if (info && info->id == id) return info;
    return nullptr;
  }

  std::map<std::string, RuleSettings> rule_tables(const toml::node& node) const {
    const toml::table* table = node.as_table();
    if (!table) wrong_type("rules", "a table", node);
    std::map<std::string, RuleSettings> out;
    for (const auto& [key, value] : *table) {
      const std::string id(key.str());
      const rules::RuleInfo* info = find_rule(id);
      if (!info) {
        std::vector<std::string> ids;
        for (const rules::RuleInfo* known : m_known)
          if (known) ids.push_back(known->id);
        fail(util::line_of(key), "unknown rule '" + id + "'" + util::did_you_mean(id, ids));
      }
      out[id] = rule_settings(*info, value);
    }
    return out;
  }

  RuleSettings rule_settings(const rules::RuleInfo& info, const toml::node& node) const {
    const std::string where = "rules." + info.id;
    const toml::table* table = node.as_table();
    if (!table) wrong_type(where, "a table", node);
    RuleSettings settings;
    for (const auto& [key, value] : *table) {
      const std::string name(key.str());
      const std::string path = where + "." + name;
      if (name == "enabled") {
        const auto* flag = value.as_boolean();
        if (!flag) wrong_type(path, "a boolean", value);
        settings.enabled = flag->get();
        continue;
      }
      if (name == "severity") {
        const auto* text = value.as_string();
        if (!text) wrong_type(path, "a string", value);
        settings.severity = core::parse_severity(text->get());
        if (!settings.severity)
          fail(util::line_of(value),
               "unknown severity '" + text->get() + "' (expected 'error', 'warning' or 'info')");
        continue;
      }
      const auto option = std::find_if(info.options.begin(), info.options.end(),
                                       [&](const rules::OptionInfo& o) { return o.name == name; });
      if (option == info.options.end()) {
        std::vector<std::string> valid = {"enabled", "severity"};
        for (const rules::OptionInfo& o : info.options) valid.push_back(o.name);
        fail(util::line_of(key),
             "unknown key '" + name + "' in [" + where + "]" + util::did_you_mean(name, valid));
      }
      switch (option->type()) {
        case rules::OptionType::boolean: {
          const auto* flag = value.as_boolean();
          if (!flag) wrong_type(path, "a boolean", value);
          settings.options.emplace_back(name, flag->get());
          break;
        }
        case rules::OptionType::integer: {
          const auto* number = value.as_integer();
          if (!number) wrong_type(path, "an integer", value);
          if (number->get() < INT_MIN || number->get() > INT_MAX)
            fail(util::line_of(value), "'" + path + "' is out of range");
          settings.options.emplace_back(name, std::int64_t{number->get()});
          break;
        }
        case rules::OptionType::string: {
          const auto* text = value.as_string();
          if (!text) wrong_type(path, "a string", value);
          settings.options.emplace_back(name, text->get());
          break;
        }
        case rules::OptionType::string_list: {
          const auto* array = value.as_array();
          if (!array) wrong_type(path, "an array of strings", value);
          std::vector<std::string> items;
          for (const toml::node& element : *array) {
            const auto* text = element.as_string();
            if (!text) wrong_type(path, "an array of strings", element);
            items.push_back(text->get());
          }
          settings.options.emplace_back(name, std::move(items));
          break;
        }
      }
    }
    return settings;
  }

  std::vector<Override> overrides(const toml::node& node) const {
    const toml::array* array = node.as_array();
    if (!array || (!array->empty() && !array->is_array_of_tables()))
      wrong_type("overrides", "an array of tables ([[overrides]])", node);
    std::vector<Override> out;
    for (const toml::node& entry : *array) {
      Override item;
      for (const auto& [key, value] : *entry.as_table()) {
        const std::string name(key.str());
        if (name == "files") {
          for (auto& [text, line] : strings(name, value)) item.files.push_back(std::move(text));
        } else if (name == "rules") {
          item.rules = rule_tables(value);
        } else if (name == "words") {
          for (auto& [text, line] : strings(name, value)) item.words.push_back(std::move(text));
        } else if (name == "placeholders") {
          for (auto& [text, line] : strings(name, value)) {
            check_pattern(text, line);
            item.placeholders.push_back(std::move(text));
          }
        } else if (name == "language") {
          item.language = language(value);
        } else {
          fail(util::line_of(key), "unknown key '" + name + "' in [[overrides]]" +
                                       util::did_you_mean(name, k_override_keys));
        }
      }
      if (item.files.empty()) fail(util::line_of(entry), "[[overrides]] entry has no 'files'");
      out.push_back(std::move(item));
    }
    return out;
  }

  std::string m_file;
  const std::vector<const rules::RuleInfo*>& m_known;
};

void merge(RuleSettings& into, const RuleSettings& from) {
  if (from.enabled) into.enabled = from.enabled;
  if (from.severity) into.severity = from.severity;
  into.options.insert(into.options.end(), from.options.begin(), from.options.end());
}

// `file` relative to the config's folder, '/'-separated, or nullopt when it is outside it.
std::optional<std::string> relative_to_config(const Config& config, const fs::path& file) {
  if (config.source.empty()) return file.lexically_normal().generic_string();
  std::error_code ec;
  const fs::path base = fs::absolute(config.source, ec).parent_path().lexically_normal();
  if (ec) return std::nullopt;
  const fs::path target = fs::absolute(file, ec).lexically_normal();
  if (ec) return std::nullopt;
  const fs::path relative = target.lexically_relative(base);
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  return relative.generic_string();
}

// Root and the user replylint runs as are the only owners trusted: anyone else could have
// written a config that turns every rule off.
bool trusted_owner(uid_t uid) { return uid == ::geteuid() || uid == 0; }

// The account and group databases through the reentrant calls: configs are found from several
// threads at once.
struct Account {
  std::string name;
  gid_t group = 0;
};

std::optional<Account> account_of(uid_t uid) {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || !found)
    return std::nullopt;
  return Account{entry.pw_name, entry.pw_gid};
}

struct Group {
  std::string name;
  std::vector<std::string> members;
};

std::optional<Group> group_of(gid_t gid) {
  std::vector<char> buffer(65536);
  group_t entry{};
  group_t* found = nullptr;
  if (::getgrgid_r(gid, &entry, buffer.data(), buffer.size(), &found) != 0 || !found)
    return std::nullopt;
  Group out{entry.gr_name, {}};
  for (char** member = entry.gr_mem; member && *member; ++member) out.members.emplace_back(*member);
  return out;
}

std::string user_name(uid_t uid) {
  if (const auto account = account_of(uid)) return fmt::format("{} (uid {})", account->name, uid);
  return fmt::format("uid {}", uid);
}

// A user private group (Debian's default with USERGROUPS_ENAB): named after the owner, the
// owner's primary group, no other member listed. Group write there is the owner's own.
bool private_group_of_owner(uid_t owner, gid_t gid) {
  const auto account = account_of(owner);
  if (!account || account->group != gid) return false;
  const auto group = group_of(gid);
  if (!group || group->name != account->name) return false;
  return std::all_of(group->members.begin(), group->members.end(),
                     [&](const std::string& member) { return member == account->name; });
}

// "every user", "group NAME", or "" when only the owner may write.
std::string other_writers(const struct stat& st) {
  if (st.st_mode & S_IWOTH) return "every user";
  if ((st.st_mode & S_IWGRP) && !private_group_of_owner(st.st_uid, st.st_gid)) {
    const auto group = group_of(st.st_gid);
    return group ? fmt::format("group {}", group->name) : fmt::format("group {}", st.st_gid);
  }
  return "";
}

// True when `folder` (absolute, normalised) is `base` or below it, compared as written and as
// resolved (symbolic links followed).
bool is_within(const fs::path& folder, fs::path base) {
  auto below = [](const fs::path& path, const fs::path& root) {
    const fs::path relative = path.lexically_relative(root);
    return !relative.empty() && *relative.begin() != "..";
  };
  std::error_code ec;
  base = fs::absolute(base, ec).lexically_normal();
  if (!base.has_filename() && base.has_parent_path() && base != base.root_path())
    base = base.parent_path();
  if (below(folder, base)) return true;
  const fs::path real_base = fs::canonical(base, ec);
  if (ec) return false;
  const fs::path real_folder = fs::canonical(folder, ec);
  return !ec && below(real_folder, real_base);
}

}  // namespace

Config load_config(const fs::path& path, const std::vector<const rules::RuleInfo*>& known_rules) {
  return Reader(path, known_rules).read(path);
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path folder = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  folder = folder.lexically_normal();
  if (!folder.has_filename() && folder != folder.root_path())
    folder = folder.parent_path();  // "a/b/"
  if (!fs::is_directory(folder, ec)) folder = folder.parent_path();
  while (!folder.empty()) {
    const fs::path candidate = folder / ".replylint.toml";
    // Anything but a folder counts, so that a FIFO or a device is refused by name rather than
    // passed over in silence.
    const fs::file_status status = fs::status(candidate, ec);
    if (!ec && fs::exists(status) && !fs::is_directory(status)) {
      const std::string problem = config_trust_problem(candidate);
      if (problem.empty()) return candidate;
      util::notice_once(fmt::format("ignoring {}: {} (to trust it: REPLYLINT_SAFE_CONFIG_DIRS={})",
                                    candidate.string(), problem, folder.string()));
    }
    const fs::path parent = folder.parent_path();
    if (parent == folder) break;
    folder = parent;
  }
  return std::nullopt;
}

std::string config_trust_problem(const fs::path& file) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(file, ec).lexically_normal();
  const fs::path folder = absolute.parent_path();
  if (const char* allowed = std::getenv("REPLYLINT_SAFE_CONFIG_DIRS"); allowed && *allowed) {
    std::string_view list(allowed);
    while (!list.empty()) {
      const std::string_view entry = list.substr(0, list.find(':'));
      if (entry == "*") return "";
      if (!entry.empty() && is_within(folder, fs::path(entry))) return "";
      list.remove_prefix(std::min(list.size(), entry.size() + 1));
    }
  }
  struct stat st {};
  if (::stat(absolute.c_str(), &st) != 0) return "";  // gone: reading it gives the error
  if (!trusted_owner(st.st_uid))
    return fmt::format("the file is owned by {}, not by you", user_name(st.st_uid));
  if (const std::string writers = other_writers(st); !writers.empty())
    return "the file is writable by " + writers;
  struct stat dir {};
  if (::stat(folder.c_str(), &dir) != 0) return "";
  if (!trusted_owner(dir.st_uid))
    return fmt::format("its folder is owned by {}, not by you", user_name(dir.st_uid));
  // In a sticky folder (/tmp) nobody but the file's and the folder's owners may replace it.
  if ((dir.st_mode & S_ISVTX) == 0)
    if (const std::string writers = other_writers(dir); !writers.empty())
      return "its folder is writable by " + writers;
  return "";
}

std::uint64_t size_value(const std::string& file, std::string_view key, const toml::node& node) {
  const std::string expected =
      "'" + std::string(key) + "' must be a size such as \"25MB\" or a number of bytes, found ";
  std::optional<std::uint64_t> bytes;
  std::string shown;
  if (const auto* number = node.as_integer()) {
    shown = std::to_string(number->get());
    if (number->get() >= 0) bytes = static_cast<std::uint64_t>(number->get());
  } else if (const auto* text = node.as_string()) {
    shown = text->get();
    bytes = parse_size(shown);
  } else {
    throw InputError(file, util::line_of(node), expected + std::string(util::toml_type_name(node)));
  }
  if (!bytes) throw InputError(file, util::line_of(node), expected + "'" + shown + "'");
  return *bytes;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 19) return std::nullopt;
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < digits; ++i)
    value = value * 10 + static_cast<std::uint64_t>(text[i] - '0');
  std::string unit;
  for (char c : trim(text.substr(digits)))
    unit += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static const std::vector<std::pair<std::string_view, int>> units = {
      {"", 0},   {"b", 0},   {"k", 1}, {"kb", 1}, {"kib", 1}, {"m", 2},
      {"mb", 2}, {"mib", 2}, {"g", 3}, {"gb", 3}, {"gib", 3}};
  const auto found =
      std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.first == unit; });
  if (found == units.end()) return std::nullopt;
  for (int i = 0; i < found->second; ++i) {
    if (value > (UINT64_MAX >> 10)) return std::nullopt;
    value <<= 10;
  }
  return value;
}

Effective resolve(const Config& config, const fs::path& file) {
  Effective effective;
  effective.max_size = config.max_size;
  if (config.max_size) effective.max_size_setting = "max-size in " + config.source.string();
  effective.language = config.language;
  effective.org_domains = config.org_domains;
  effective.words = config.words;
  effective.placeholders = config.placeholders;
  effective.rules = config.rules;
  const std::optional<std::string> relative = relative_to_config(config, file);
  if (!relative) return effective;
  for (const Override& item : config.overrides) {
    const bool matches =
        std::any_of(item.files.begin(), item.files.end(),
                    [&](const std::string& glob) { return glob_match(glob, *relative); });
    if (!matches) continue;
    if (!item.language.empty()) effective.language = item.language;
    effective.words.insert(effective.words.end(), item.words.begin(), item.words.end());
    effective.placeholders.insert(effective.placeholders.end(), item.placeholders.begin(),
                                  item.placeholders.end());
    for (const auto& [id, settings] : item.rules) merge(effective.rules[id], settings);
  }
  return effective;
}

bool Effective::enabled(const rules::RuleInfo& info) const {
  const auto found = rules.find(info.id);
  return found == rules.end() ? true : found->second.enabled.value_or(true);
}

core::Severity Effective::severity(const rules::RuleInfo& info) const {
  const auto found = rules.find(info.id);
  return found == rules.end() ? info.default_severity
                              : found->second.severity.value_or(info.default_severity);
}

rules::RuleOptions Effective::options(const rules::RuleInfo& info) const {
  rules::RuleOptions options(info.options);
  const auto found = rules.find(info.id);
  if (found == rules.end()) return options;
  for (const auto& [name, value] : found->second.options) options.set(name, value);
  return options;
}

}  // namespace replylint::config
