#pragma once

// Internal to spell/: a compiled, memory-mapped index of every word form of a dictionary, so a
// draft whose words are all correct never pays Hunspell's load (0.4 s and 64 MB for el_GR).

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spell/spell.hpp"

namespace replylint::spell {

/// True when `files` can be answered exactly from its word list: no entry of the .dic carries
/// affix flags and the .aff uses no option that changes which words are accepted (compounding,
/// BREAK, IGNORE, ICONV, KEEPCASE, FORBIDDENWORD…). el_GR qualifies; es_ES and en_US (affix
/// dictionaries that load in ~30 ms anyway) do not.
bool index_eligible(const DictionaryFiles& files);

/// True when the .aff rules that make a dictionary `partial` (COMPOUNDRULE, ICONV) accept only
/// words holding a character that is not a letter: every compound part the rules name has a
/// digit or a sign in the .dic, and every input conversion starts from one. Single-character
/// flags only; any other FLAG type answers false.
bool partial_rules_need_non_letters(const DictionaryFiles& files);

/// How `files` can be indexed: `exact` (a flag-free word list, el_GR), `expanded` (an affix
/// dictionary, es_ES, whose derived forms — root, prefix, suffix, twofold suffix and their cross
/// products — are expanded and each confirmed by Hunspell when compiling), `partial` (en_US: the
/// same, but its compounding rules and input conversion accept more than the expansion, so a
/// word the index lacks is Hunspell's to judge), or `none`. Each index answers like Hunspell for
/// words of letters in lowercase, capitals or with a capital initial.
/// How a dictionary can be indexed: `exact`, its word list as it is (no affix flags); `expanded`,
/// every affix form Hunspell accepts, which is then the whole language; `partial`, the same
/// expansion for a dictionary whose .aff also accepts words beyond it (COMPOUNDRULE numbers
/// such as "22nd", ICONV input conversion): found means correct, not found asks Hunspell;
/// `none`, rules the index does not model.
enum class IndexKind { none, exact, expanded, partial };
IndexKind index_kind(const DictionaryFiles& files);

/// The encoding a dictionary's .aff declares (SET), Hunspell's default ISO-8859-1 when none.
std::string dictionary_encoding(const std::filesystem::path& aff);

/// Where compiled indexes live: $REPLYLINT_CACHE_DIR, else $XDG_CACHE_HOME/replylint, else
/// $HOME/.cache/replylint when HOME is an existing folder; empty (with one notice) otherwise.
std::filesystem::path index_cache_dir();

/// The words of one dictionary, UTF-8, in a read-only open-addressing hash table in a file.
/// Lookups read the few bytes they need with pread(), not through a memory mapping: a mapping
/// would map 64 KB around every page a lookup touches (the kernel's fault-around), so a draft of
/// 200 Greek words would count 25 MB of the 28 MB el_GR index in its resident memory. The page
/// cache keeps the file's hot parts in memory either way. Its answers never change once opened,
/// except that finding a damaged block turns them all off (damaged()): safe to share between
/// threads.
class WordIndex {
 public:
  /// Opens the index compiled from `files` in `cache_dir`, compiling it first when it is
  /// missing, stale (the .dic/.aff identity — path, size, modification time — differs) or
  /// malformed. std::nullopt, with a reason in `why`, when the dictionary is not eligible or
  /// nothing can be written or read; the caller then uses Hunspell directly.
  static std::unique_ptr<WordIndex> open(const DictionaryFiles& files,
                                         const std::filesystem::path& cache_dir, std::string& why);

  ~WordIndex();
  WordIndex(const WordIndex&) = delete;
  WordIndex& operator=(const WordIndex&) = delete;

  /// True when `word` (UTF-8, exactly as the dictionary lists it) is in the index. Every block
  /// of the file a lookup reads is checked against its checksum the first time; a damaged one
  /// makes this and every later lookup answer false and damaged() true.
  bool contains(std::string_view word) const;
  /// The stems of `word` (as contains() spells it) when the index holds it: for an affix
  /// dictionary, the roots it derives from without a prefix, as Hunspell's analysis names them
  /// ("dijimos" -> "decir"); for a flag-free word list, none (each word is its own and only
  /// form). std::nullopt when the word is not in the index (or a block is damaged).
  std::optional<std::vector<std::string>> stems(std::string_view word) const;
  /// True when the index carries stems (it was compiled from an affix dictionary).
  bool has_stems() const { return m_has_stems; }
  std::size_t size() const { return m_count; }
  /// True when a word absent from the index is wrong; false would send such words to Hunspell.
  bool complete() const { return m_complete && !damaged(); }
  /// True when a word made of letters alone that is absent from the index is wrong: complete(),
  /// or partial only in words with a digit or a sign (en_US's ordinals and apostrophes).
  bool complete_for_letter_words() const {
    return (m_complete || m_letter_words_complete) && !damaged();
  }
  /// True once a lookup found a block that does not match its checksum: no answer of this index
  /// may be trusted from then on, and the file has been removed so the next run compiles it anew.
  bool damaged() const { return m_damaged.load(std::memory_order_relaxed); }
  const std::filesystem::path& path() const { return m_path; }

  /// Compiles `files` into `target` (written to a temporary file, then renamed). Returns false
  /// with a reason when the dictionary cannot be read or converted.
  static bool compile(const DictionaryFiles& files, const std::filesystem::path& target,
                      std::string& why);

 private:
  WordIndex() = default;
  static bool read_word_list(const DictionaryFiles& files, std::string& blob,
                             std::vector<std::uint32_t>& offsets, std::string& why);
  static bool write_index(const DictionaryFiles& files, std::uint64_t identity, std::uint32_t flags,
                          const std::string& blob, const std::vector<std::uint32_t>& offsets,
                          const std::filesystem::path& target, std::string& why);
  // The blob offset just past `word`'s terminating NUL, when the index holds it.
  std::optional<std::uint64_t> find(std::string_view word) const;
  bool read_at(void* buffer, std::size_t size, std::uint64_t offset) const;
  // read_at() for the slot table and blob, after checking the blocks the bytes lie in.
  bool read_checked(void* buffer, std::size_t size, std::uint64_t offset) const;
  void mark_damaged() const;
  int m_fd = -1;
  std::vector<unsigned char> m_bloom;                    // read whole and checked on open
  std::vector<std::uint64_t> m_block_sums;               // read whole and checked on open
  std::unique_ptr<std::atomic<bool>[]> m_block_checked;  // per block: its checksum matched
  mutable std::atomic<bool> m_damaged{false};
  std::size_t m_length = 0;
  std::uint32_t m_count = 0;
  bool m_complete = false;
  bool m_letter_words_complete = false;
  bool m_has_stems = false;
  std::uint32_t m_slots = 0;
  std::uint64_t m_table_offset = 0;  // slots of uint32: blob offset + 1 (0 = empty)
  std::uint64_t m_blob_offset = 0;
  std::size_t m_blob_size = 0;
  std::filesystem::path m_path;
};

}  // namespace replylint::spell
