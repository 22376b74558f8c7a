#include "rules/rules.hpp"

#include <algorithm>

namespace replylint::rules {

const std::vector<RegistryEntry>& registry() {
  // Sorted by id; a test checks the order and that ids are unique.
  static const std::vector<RegistryEntry> k_registry{
      {competitor_mention_info(), &make_competitor_mention},
      {dismissive_tone_info(), &make_dismissive_tone},
      {hostile_tone_info(), &make_hostile_tone},
      {missing_quote_info(), &make_missing_quote},
      {shouting_info(), &make_shouting},
      {spelling_info(), &make_spelling},
      {visible_recipients_info(), &make_visible_recipients},
  };
  return k_registry;
}

const RegistryEntry* find_rule(std::string_view id) {
  const auto& all = registry();
  auto it =
      std::find_if(all.begin(), all.end(), [&](const RegistryEntry& e) { return e.info.id == id; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace replylint::rules
