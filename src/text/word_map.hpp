#pragma once

// A map from words to values for the caches asked once per word of every draft (spelling
// answers, the phrase matcher's stems and vocabulary). A bulk run asks them hundreds of
// thousands of times over tables larger than the processor's cache: std::unordered_map walks a
// bucket's nodes (a cache miss each) and divides by a prime to find the bucket; this one reads
// one array of (hash tag, entry) slots, mostly a single cache line, and the entry itself only
// when the tag matches.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replylint::text {

/// Open addressing with linear probing over a power-of-two slot array kept at most half full.
/// Entries live in a deque: references to values stay valid until clear(), as in
/// std::unordered_map. Keys are compared in full, never trusted to their hash.
template <class Value>
class WordMap {
 public:
  const Value* find(std::string_view key) const {
    const std::size_t at = slot_of(key, std::hash<std::string_view>{}(key));
    return at == k_none ? nullptr : &m_entries[m_slots[at].entry - 1].second;
  }
  Value* find(std::string_view key) { return const_cast<Value*>(std::as_const(*this).find(key)); }

  /// The key's value, default-constructed when new; `added` says which.
  Value& try_emplace(std::string_view key, bool& added) {
    const std::size_t hash = std::hash<std::string_view>{}(key);
    added = false;
    if (const std::size_t at = slot_of(key, hash); at != k_none)
      return m_entries[m_slots[at].entry - 1].second;
    if ((m_entries.size() + 1) * 2 > m_slots.size()) grow();
    m_entries.emplace_back(std::string(key), Value{});
    place(hash, static_cast<std::uint32_t>(m_entries.size()));
    added = true;
    return m_entries.back().second;
  }
  Value& operator[](std::string_view key) {
    bool added = false;
    return try_emplace(key, added);
  }

  std::size_t size() const { return m_entries.size(); }
  bool empty() const { return m_entries.empty(); }
  void clear() {
    m_slots.clear();
    m_entries.clear();
  }

  /// In insertion order.
  auto begin() const { return m_entries.begin(); }
  auto end() const { return m_entries.end(); }

 private:
  struct Slot {
    std::uint32_t tag = 0;    // the hash's high half
    std::uint32_t entry = 0;  // 1 + the entry's index; 0: free
  };
  static constexpr std::size_t k_none = static_cast<std::size_t>(-1);

  static std::uint32_t tag_of(std::size_t hash) {
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(hash) >> 32);
  }

  std::size_t slot_of(std::string_view key, std::size_t hash) const {
    if (m_slots.empty()) return k_none;
    const std::size_t mask = m_slots.size() - 1;
    const std::uint32_t tag = tag_of(hash);
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      const Slot slot = m_slots[at];
      if (slot.entry == 0) return k_none;
      if (slot.tag == tag && m_entries[slot.entry - 1].first == key) return at;
    }
  }

  void place(std::size_t hash, std::uint32_t entry) {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t at = hash & mask;
    while (m_slots[at].entry != 0) at = (at + 1) & mask;
    m_slots[at] = {tag_of(hash), entry};
  }

  void grow() {
    m_slots.assign(m_slots.empty() ? 64 : m_slots.size() * 2, Slot{});
    for (std::size_t i = 0; i < m_entries.size(); ++i)
      place(std::hash<std::string_view>{}(m_entries[i].first), static_cast<std::uint32_t>(i + 1));
  }

  std::vector<Slot> m_slots;
  std::deque<std::pair<std::string, Value>> m_entries;
};

}  // namespace replylint::text
