#pragma once

// Case helpers for rules that suggest a replacement word or judge a word's capitals.

#include <string>
#include <string_view>

namespace replylint::rules {

/// `word` (written lowercase in the data) with its first letter in capitals when `model`, the
/// writer's text it replaces, starts with a capital ("Link" → "Enlace", "Como" → "Cómo"), all in
/// capitals when `model` is ("ESTA" → "ESTÁ", "LINK" → "ENLACE"); otherwise `word` unchanged.
std::string capital_like(std::string_view model, std::string_view word);

/// Three capital X's or more and nothing else: the hidden digits of a masked card, account or
/// phone number ("XXXX XXXX XXXX 4242"), or a number still to be written ("pedido XXXXX"). Not
/// a word in capitals, nor a word to spell.
inline bool is_x_run(std::string_view word) {
  return word.size() >= 3 && word.find_first_not_of('X') == std::string_view::npos;
}

}  // namespace replylint::rules
