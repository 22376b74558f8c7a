#pragma once

// Case helpers for rules that suggest a replacement word.

#include <string>
#include <string_view>

namespace replylint::rules {

/// `word` (written lowercase in the data) with its first letter in capitals when `model`, the
/// writer's text it replaces, starts with a capital ("Link" → "Enlace", "Como" → "Cómo");
/// otherwise `word` unchanged.
std::string capital_like(std::string_view model, std::string_view word);

}  // namespace replylint::rules
