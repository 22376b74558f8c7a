#include <fmt/format.h>

#include <array>
#include <atomic>
#include <mutex>

#include "spell/hunspell_speller.hpp"
#include "spell/spell.hpp"
#include "spell/word_index.hpp"

namespace replylint::spell {
namespace {

struct Slot {
  std::string_view language;
  std::string_view name;     // for the warning
  std::string_view accents;  // the language whose accent rules apply (load_hunspell_speller)
};

constexpr std::array<Slot, 4> k_slots{{{"es", "Spanish", "es"},
                                       {"el", "Greek", "el"},
                                       {"en", "English", "en"},
                                       {"en-GB", "British English", "en"}}};

}  // namespace

struct SpellService::Impl {
  Options options;
  std::vector<std::filesystem::path> search_path;
  // One loader per language, so a slow Greek load never blocks a Spanish lookup.
  std::array<std::once_flag, k_slots.size()> loaded;
  // Set once a slot's call_once has run: spelling asks for a speller at every word, and
  // std::call_once costs a hundred instructions even when it has nothing to do.
  std::array<std::atomic<bool>, k_slots.size()> ready{};
  std::array<std::unique_ptr<Speller>, k_slots.size()> spellers;
  mutable std::mutex warnings_mutex;
  std::vector<std::string> warnings;

  void load(std::size_t index) {
    const Slot& slot = k_slots[index];
    const auto files = find_dictionary(slot.language, search_path);
    if (!files) {
      warn(fmt::format("no {} dictionary found: apt-get install {}", slot.name,
                       dictionary_package(slot.language)));
      return;
    }
    const std::filesystem::path index_dir = !options.use_index          ? std::filesystem::path{}
                                            : options.index_dir.empty() ? index_cache_dir()
                                                                        : options.index_dir;
    LoadResult result = load_hunspell_speller(slot.accents, *files, options.extra_words, index_dir,
                                              morphology(slot.language));
    for (auto& warning : result.warnings) warn(std::move(warning));
    spellers[index] = std::move(result.speller);
  }

  MorphologyRules morphology(std::string_view language) const {
    const auto found = options.morphology.find(language);
    return found == options.morphology.end() ? MorphologyRules{} : found->second;
  }

  void warn(std::string warning) {
    std::lock_guard lock{warnings_mutex};
    warnings.push_back(std::move(warning));
  }
};

SpellService::SpellService(Options options) : m_impl(std::make_unique<Impl>()) {
  m_impl->search_path =
      options.search_path ? *options.search_path : dictionary_search_path(options.dict_dir);
  m_impl->options = std::move(options);
}

SpellService::~SpellService() = default;

std::vector<std::string> SpellService::stems(std::string_view language, std::string_view word) {
  Speller* speller = get(language);
  return speller ? speller->stems(word) : std::vector<std::string>{};
}

namespace {

// The slot of a language code, or k_slots.size(). Asked about a million times in a bulk run of
// 2,000 drafts (spelling asks at every word): two bytes and a length decide, with no memcmp.
std::size_t slot_of(std::string_view language) {
  if (language.size() == 2) {
    for (std::size_t i = 0; i < k_slots.size(); ++i)
      if (k_slots[i].language.size() == 2 && k_slots[i].language[0] == language[0] &&
          k_slots[i].language[1] == language[1])
        return i;
    return k_slots.size();
  }
  for (std::size_t i = 0; i < k_slots.size(); ++i)
    if (k_slots[i].language == language) return i;
  return k_slots.size();
}

}  // namespace

Speller* SpellService::get(std::string_view language) {
  const std::size_t i = slot_of(language);
  if (i == k_slots.size()) return nullptr;
  if (!m_impl->ready[i].load(std::memory_order_acquire)) {
    std::call_once(m_impl->loaded[i], [this, i] { m_impl->load(i); });
    m_impl->ready[i].store(true, std::memory_order_release);
  }
  return m_impl->spellers[i].get();
}

std::vector<std::string> SpellService::warnings() const {
  std::lock_guard lock{m_impl->warnings_mutex};
  return m_impl->warnings;
}

}  // namespace replylint::spell
