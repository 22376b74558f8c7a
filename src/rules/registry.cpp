#include "rules/rules.hpp"

#include <algorithm>

namespace replylint::rules {

const std::vector<RegistryEntry>& registry() {
  // Sorted by id; a test checks the order and that ids are unique.
  static const std::vector<RegistryEntry> k_registry{
      {late_reply_info(), &make_late_reply},
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
