// Kept apart from config.cpp so that code using only the explicit-rules overload (the tests)
// does not need the rule registry linked in.
#include "config/config.hpp"
#include "rules/rules.hpp"

namespace replylint::config {

Config load_config(const std::filesystem::path& path) {
  std::vector<const rules::RuleInfo*> known;
  for (const rules::RegistryEntry& entry : rules::registry()) known.push_back(&entry.info);
  return load_config(path, known);
}

}  // namespace replylint::config
