#include "util/toml_util.hpp"

#include <cctype>
#include <fstream>

#include "util/error.hpp"

namespace replylint::util {

toml::table parse_toml_file(const std::filesystem::path& path) {
  std::ifstream probe(path, std::ios::binary);
  std::error_code ec;
  if (!probe || std::filesystem::is_directory(path, ec))
    throw InputError(path.string(), 0, "cannot read file");
  probe.close();
  try {
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& error) {
    std::string description(error.description());
    if (!description.empty())
      description[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(description[0])));
    throw InputError(path.string(), static_cast<int>(error.source().begin.line),
                     "invalid TOML: " + description);
  }
}

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "table";
    case toml::node_type::array:
      return "array";
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::date:
      return "date";
    case toml::node_type::time:
      return "time";
    case toml::node_type::date_time:
      return "date-time";
    case toml::node_type::none:
      return "nothing";
  }
  return "value";
}

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }
int line_of(const toml::key& key) { return static_cast<int>(key.source().begin.line); }

std::vector<std::string> string_list(const std::string& file, std::string_view key,
                                     const toml::node& node) {
  const toml::array* array = node.as_array();
  if (!array)
    throw InputError(file, line_of(node),
                     "'" + std::string(key) + "' must be an array of strings, found " +
                         std::string(toml_type_name(node)));
  std::vector<std::string> values;
  for (const toml::node& element : *array) {
    const auto* text = element.as_string();
    if (!text)
      throw InputError(file, line_of(element) ? line_of(element) : line_of(node),
                       "'" + std::string(key) + "' must be an array of strings, found " +
                           std::string(toml_type_name(element)) + " in it");
    values.push_back(text->get());
  }
  return values;
}

std::string string_value(const std::string& file, std::string_view key, const toml::node& node) {
  const auto* text = node.as_string();
  if (!text)
    throw InputError(
        file, line_of(node),
        "'" + std::string(key) + "' must be a string, found " + std::string(toml_type_name(node)));
  return text->get();
}

}  // namespace replylint::util
