#include "rules/rules.hpp"

#include <algorithm>

namespace replylint::rules {

const std::vector<RegistryEntry>& registry() {
  // Sorted by id; a test checks the order and that ids are unique.
  static const std::vector<RegistryEntry> k_registry{
      {accent_confusion_info(), &make_accent_confusion},
      {competitor_mention_info(), &make_competitor_mention},
      {confidential_info(), &make_confidential},
      {dismissive_tone_info(), &make_dismissive_tone},
      {foreign_word_info(), &make_foreign_word},
      {hostile_tone_info(), &make_hostile_tone},
      {incomplete_answer_info(), &make_incomplete_answer},
      {late_reply_info(), &make_late_reply},
      {missing_attachment_info(), &make_missing_attachment},
      {missing_closing_info(), &make_missing_closing},
      {missing_greeting_info(), &make_missing_greeting},
      {missing_quote_info(), &make_missing_quote},
      {no_human_contact_info(), &make_no_human_contact},
      {no_reply_sender_info(), &make_no_reply_sender},
      {overquoting_info(), &make_overquoting},
      {personal_data_info(), &make_personal_data},
      {referral_without_cc_info(), &make_referral_without_cc},
      {shouting_info(), &make_shouting},
      {spelling_info(), &make_spelling},
      {suppression_without_reason_info(), &make_suppression_without_reason},
      {unfilled_placeholder_info(), &make_unfilled_placeholder},
      {unsubscribe_missing_info(), &make_unsubscribe_missing},
      {unused_suppression_info(), &make_unused_suppression},
      {visible_recipients_info(), &make_visible_recipients},
      {wall_of_text_info(), &make_wall_of_text},
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
