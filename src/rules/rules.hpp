#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "rules/rule.hpp"

namespace replylint::rules {

// Per rule, sorted by id: its metadata and its factory. Each lives in src/rules/<id>.cpp.
const RuleInfo& accent_confusion_info();
std::unique_ptr<Rule> make_accent_confusion(const RuleContext& context);
const RuleInfo& competitor_mention_info();
std::unique_ptr<Rule> make_competitor_mention(const RuleContext& context);
const RuleInfo& confidential_info();
std::unique_ptr<Rule> make_confidential(const RuleContext& context);
const RuleInfo& dismissive_tone_info();
std::unique_ptr<Rule> make_dismissive_tone(const RuleContext& context);
const RuleInfo& foreign_word_info();
std::unique_ptr<Rule> make_foreign_word(const RuleContext& context);
const RuleInfo& hostile_tone_info();
std::unique_ptr<Rule> make_hostile_tone(const RuleContext& context);
const RuleInfo& incomplete_answer_info();
std::unique_ptr<Rule> make_incomplete_answer(const RuleContext& context);
const RuleInfo& late_reply_info();
std::unique_ptr<Rule> make_late_reply(const RuleContext& context);
const RuleInfo& missing_attachment_info();
std::unique_ptr<Rule> make_missing_attachment(const RuleContext& context);
const RuleInfo& missing_closing_info();
std::unique_ptr<Rule> make_missing_closing(const RuleContext& context);
const RuleInfo& missing_greeting_info();
std::unique_ptr<Rule> make_missing_greeting(const RuleContext& context);
const RuleInfo& missing_quote_info();
std::unique_ptr<Rule> make_missing_quote(const RuleContext& context);
const RuleInfo& no_human_contact_info();
std::unique_ptr<Rule> make_no_human_contact(const RuleContext& context);
const RuleInfo& no_reply_sender_info();
std::unique_ptr<Rule> make_no_reply_sender(const RuleContext& context);
const RuleInfo& overquoting_info();
std::unique_ptr<Rule> make_overquoting(const RuleContext& context);
const RuleInfo& personal_data_info();
std::unique_ptr<Rule> make_personal_data(const RuleContext& context);
const RuleInfo& referral_without_cc_info();
std::unique_ptr<Rule> make_referral_without_cc(const RuleContext& context);
const RuleInfo& shouting_info();
std::unique_ptr<Rule> make_shouting(const RuleContext& context);
const RuleInfo& spelling_info();
std::unique_ptr<Rule> make_spelling(const RuleContext& context);
const RuleInfo& suppression_without_reason_info();
std::unique_ptr<Rule> make_suppression_without_reason(const RuleContext& context);
const RuleInfo& unfilled_placeholder_info();
std::unique_ptr<Rule> make_unfilled_placeholder(const RuleContext& context);
const RuleInfo& unsubscribe_missing_info();
std::unique_ptr<Rule> make_unsubscribe_missing(const RuleContext& context);
const RuleInfo& unused_suppression_info();
std::unique_ptr<Rule> make_unused_suppression(const RuleContext& context);
const RuleInfo& visible_recipients_info();
std::unique_ptr<Rule> make_visible_recipients(const RuleContext& context);
const RuleInfo& wall_of_text_info();
std::unique_ptr<Rule> make_wall_of_text(const RuleContext& context);

using Factory = std::unique_ptr<Rule> (*)(const RuleContext&);

struct RegistryEntry {
  const RuleInfo& info;
  Factory make;
};

/// Every rule, sorted by id.
const std::vector<RegistryEntry>& registry();
/// The entry for `id`, or nullptr.
const RegistryEntry* find_rule(std::string_view id);

}  // namespace replylint::rules
