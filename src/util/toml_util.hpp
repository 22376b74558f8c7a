#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace replylint::util {

/// Parses the TOML file at `path`. Throws InputError{path, line, "invalid TOML: ..."} for a
/// syntax error and InputError{path, 0, "cannot read file"} when it cannot be opened.
toml::table parse_toml_file(const std::filesystem::path& path);

/// The TOML type of a node in words: "string", "integer", "array", "table", ...
std::string_view toml_type_name(const toml::node& node);

/// 1-based line where a node or key starts (0 when unknown).
int line_of(const toml::node& node);
int line_of(const toml::key& key);

/// The node's value as a list of strings. Throws InputError{file, line, "'KEY' must be an array
/// of strings, found TYPE"} (at the offending element's line) when it is anything else.
std::vector<std::string> string_list(const std::string& file, std::string_view key,
                                     const toml::node& node);

/// The node's value as a string, or throws InputError "'KEY' must be a string, found TYPE".
std::string string_value(const std::string& file, std::string_view key, const toml::node& node);

}  // namespace replylint::util
