#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace replylint::config {

/// A TOML value that is a size: an integer of bytes or a string parse_size() reads. Throws
/// InputError{file, line, "'KEY' must be a size such as \"25MB\" or a number of bytes, found
/// …"} for any other type or text. Shared by the config's `max-size` and `[milter] max-size`.
std::uint64_t size_value(const std::string& file, std::string_view key, const toml::node& node);

}  // namespace replylint::config
