#include <algorithm>

#include "data/data.hpp"

#include <atomic>

#include "text/text.hpp"

namespace replylint::data {
namespace {

// Longest first, so a consumer trying prefixes in order never stops at "fw" before "fwd".
std::vector<std::string> longest_first(std::set<std::string> items) {
  std::vector<std::string> out(items.begin(), items.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

}  // namespace

std::vector<std::string> DataSet::all_reply_prefixes() const {
  std::set<std::string> all;
  for (const auto& [code, language] : languages)
    all.insert(language.reply_prefixes.begin(), language.reply_prefixes.end());
  return longest_first(std::move(all));
}

std::vector<std::string> DataSet::all_forward_prefixes() const {
  std::set<std::string> all;
  for (const auto& [code, language] : languages)
    all.insert(language.forward_prefixes.begin(), language.forward_prefixes.end());
  return longest_first(std::move(all));
}

void DataSet::index() {
  static std::atomic<std::uint64_t> next{1};
  identity = next++;
  acronym_index.clear();
  for (const auto& [code, language] : languages)
    acronym_index.insert(language.acronyms.begin(), language.acronyms.end());
}

namespace {

// "com", "net", a country code, or "com." / "co." / "net." and a country code: where a big
// provider keeps its mail in a country.
bool country_mail_suffix(std::string_view suffix) {
  auto country = [](std::string_view code) {
    return code.size() == 2 &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  if (suffix == "com" || suffix == "net" || country(suffix)) return true;
  for (const std::string_view second : {"com.", "co.", "net."})
    if (suffix.starts_with(second)) return country(suffix.substr(second.size()));
  return false;
}

}  // namespace

bool DataSet::is_free_mail(std::string_view domain) const {
  if (free_mail_domains.count(std::string(domain)) > 0) return true;
  const std::size_t dot = domain.find('.');
  if (dot == std::string_view::npos) return false;
  return free_mail_brands.count(std::string(domain.substr(0, dot))) > 0 &&
         country_mail_suffix(domain.substr(dot + 1));
}

bool DataSet::is_acronym(const std::string& word) const {
  if (!acronym_index.empty()) return acronym_index.count(word) > 0;
  return std::any_of(languages.begin(), languages.end(),
                     [&](const auto& entry) { return entry.second.acronyms.count(word) > 0; });
}

std::string legal_form_key(std::string_view words) {
  std::string key = text::word_key(words);
  std::erase_if(key, [](char c) { return c == '.' || c == ' '; });
  return key;
}

bool DataSet::is_name_cue(std::string_view key) const {
  return std::any_of(languages.begin(), languages.end(), [&](const auto& entry) {
    return entry.second.name_cues.count(std::string(key)) > 0;
  });
}

bool DataSet::is_legal_form(std::string_view key) const {
  return std::any_of(languages.begin(), languages.end(), [&](const auto& entry) {
    return entry.second.legal_forms.count(std::string(key)) > 0;
  });
}

}  // namespace replylint::data
