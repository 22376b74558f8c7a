#include <algorithm>
#include <array>
#include <cstdlib>
#include <system_error>

#include "spell/spell.hpp"
#include "util/data_dir.hpp"

namespace replylint::spell {
namespace {

struct Language {
  std::string_view code;
  std::string_view dictionary;
  std::string_view package;
  std::string_view additions;  // the name of its additions files, <additions>.dic
};

// British English shares the English additions (email and business vocabulary, brand names).
constexpr std::array<Language, 4> k_languages{{
    {"es", "es_ES", "hunspell-es", "es"},
    {"el", "el_GR", "hunspell-el", "el"},
    {"en", "en_US", "hunspell-en-us", "en"},
    {"en-GB", "en_GB", "hunspell-en-gb", "en"},
}};

const Language* find_language(std::string_view code) {
  for (const Language& language : k_languages) {
    if (language.code == code) return &language;
  }
  return nullptr;
}

bool is_file(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

}  // namespace

std::vector<std::filesystem::path> dictionary_search_path(const std::filesystem::path& dict_dir) {
  std::vector<std::filesystem::path> path;
  if (!dict_dir.empty()) path.push_back(dict_dir);
  if (const char* env = std::getenv("REPLYLINT_DICT_PATH"); env != nullptr) {
    std::string_view rest{env};
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const std::string_view entry = rest.substr(0, colon);
      if (!entry.empty()) path.emplace_back(std::string{entry});
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  // An installed binary reads its own dictionaries/, never a source tree's (util/data_dir.hpp).
  if (const auto& installed = util::installed_data_dir(); !installed.empty())
    path.push_back(installed / "dictionaries");
  else
    path.emplace_back(REPLYLINT_SOURCE_DICT_DIR);
  path.emplace_back(REPLYLINT_INSTALL_DATA_DIR "/dictionaries");
  path.emplace_back("/usr/share/hunspell");
  path.emplace_back("/usr/share/myspell");
  return path;
}

std::optional<DictionaryFiles> find_dictionary(
    std::string_view language, const std::vector<std::filesystem::path>& search_path) {
  const Language* known = find_language(language);
  if (known == nullptr) return std::nullopt;
  DictionaryFiles files;
  files.name = std::string{known->dictionary};
  bool found_base = false;
  std::vector<std::filesystem::path> seen;
  for (const std::filesystem::path& folder : search_path) {
    if (!found_base) {
      const auto aff = folder / (files.name + ".aff");
      const auto dic = folder / (files.name + ".dic");
      if (is_file(aff) && is_file(dic)) {
        files.aff = aff;
        files.dic = dic;
        found_base = true;
      }
    }
    const auto additions = folder / (std::string{known->additions} + ".dic");
    if (is_file(additions)) {
      // The same folder may be reached twice (source tree and REPLYLINT_DICT_PATH).
      std::error_code error;
      auto canonical = std::filesystem::weakly_canonical(additions, error);
      if (error) canonical = additions;
      if (std::ranges::find(seen, canonical) == seen.end()) {
        seen.push_back(canonical);
        files.additions.push_back(additions);
      }
    }
  }
  if (!found_base) return std::nullopt;
  return files;
}

std::string_view dictionary_package(std::string_view language) {
  const Language* known = find_language(language);
  return known == nullptr ? std::string_view{} : known->package;
}

}  // namespace replylint::spell
