#include "spell/word_index.hpp"

#include <hunspell/hunspell.hxx>

#include "spell/affix_expand.hpp"
#include "spell/index_cache.hpp"
#include "util/notice.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

namespace replylint::spell {
namespace {

namespace fs = std::filesystem;

constexpr std::array<char, 8> k_magic{'R', 'L', 'W', 'I', 'D', 'X', '1', '\0'};
// 3: partial indexes (en_US); 4: a Bloom filter; 5: checksums of the header, the filter and
// every block of the slot table and blob; 6: the stems of each form of an affix dictionary;
// 7: partial indexes that hold every word of letters alone.
constexpr std::uint32_t k_format = 7;
constexpr std::uint32_t k_flag_complete = 1;  // Header::flags: the index is the whole truth
constexpr std::uint32_t k_flag_stems = 2;     // Header::flags: each word is followed by its stems
constexpr std::uint32_t k_flag_letter_words = 4;  // Header::flags: whole truth for letter words

// The file starts with this header; then a Bloom filter of the words, the block checksums, the
// slot table (uint32 each) and the word blob (NUL-terminated UTF-8 words, each followed by its
// stems, tab-separated and NUL-terminated, when the flags say so). All numbers are
// native-endian: the cache is per machine.
struct Header {
  std::array<char, 8> magic;
  std::uint32_t format;
  std::uint32_t count;
  std::uint32_t slots;
  std::uint32_t flags;
  std::uint64_t identity;  // hash of the source files' identity
  std::uint64_t blob_size;
  std::uint64_t bloom_bytes;  // a power of two, at least 8
  std::uint64_t bloom_sum;    // checksum of the Bloom filter
  std::uint64_t blocks_sum;   // checksum of the block checksums
  std::uint64_t header_sum;   // checksum of this header with header_sum 0
};

// The slot table and the blob are checked in blocks of this size, each when a lookup first
// touches it: a whole-file checksum at open would read the 28 MB el_GR index on every run (tens
// of milliseconds), where a draft's lookups touch a few hundred blocks.
constexpr std::uint64_t k_block_bytes = 4096;

// A checksum against damage, not against an adversary who can write the cache anyway: four
// multiply-rotate lanes over 8-byte words, folded and finished with MurmurHash3's fmix64.
std::uint64_t checksum(const void* data, std::size_t size) {
  constexpr std::uint64_t k1 = 0x9E3779B185EBCA87ull, k2 = 0xC2B2AE3D27D4EB4Full;
  auto rotl = [](std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); };
  const auto* bytes = static_cast<const unsigned char*>(data);
  std::uint64_t lane[4] = {k1, k2, ~k1, ~k2};
  std::size_t i = 0;
  for (; i + 32 <= size; i += 32) {
    std::uint64_t w[4];
    std::memcpy(w, bytes + i, sizeof w);
    for (int l = 0; l < 4; ++l) lane[l] = rotl(lane[l] + w[l] * k2, 31) * k1;
  }
  std::uint64_t h =
      rotl(lane[0], 1) + rotl(lane[1], 7) + rotl(lane[2], 12) + rotl(lane[3], 18) + size;
  for (; i < size; ++i) h = (h ^ bytes[i]) * 0x100000001B3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

std::uint64_t header_checksum(Header header) {
  header.header_sum = 0;
  return checksum(&header, sizeof header);
}

std::uint64_t block_count(std::uint64_t bytes) {
  return (bytes + k_block_bytes - 1) / k_block_bytes;
}

// The Bloom filter: about 16 bits a word and 8 probes (under 0.1% false positives), from the
// 64-bit FNV-1a hash split in two (Kirsch–Mitzenmacher double hashing).
constexpr int k_bloom_probes = 8;

std::uint64_t bloom_bytes_for(std::uint32_t words) {
  std::uint64_t bytes = 8;
  while (bytes * 8 < std::uint64_t{words} * 16) bytes <<= 1;
  return bytes;
}

template <class F>
void bloom_bits(std::uint64_t hash, std::uint64_t bits, F&& on) {
  const std::uint64_t h1 = hash & 0xffffffffu;
  const std::uint64_t h2 = (hash >> 32) | 1u;
  for (int i = 0; i < k_bloom_probes; ++i)
    on((h1 + static_cast<std::uint64_t>(i) * h2) & (bits - 1));
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 1469598103934665603ull) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// What makes a compiled index stale: which files, their size and modification time.
std::optional<std::uint64_t> identity_of(const DictionaryFiles& files) {
  std::uint64_t hash = fnv1a(fmt::format("format {}", k_format));
  for (const fs::path& path : {files.dic, files.aff}) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    std::error_code ec;
    const fs::path canonical = fs::canonical(path, ec);
    hash = fnv1a(
        fmt::format("{}|{}|{}.{}", ec ? path.string() : canonical.string(),
                    static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
                    static_cast<long long>(st.st_mtim.tv_nsec)),
        hash);
  }
  return hash;
}

// The .aff keywords that leave acceptance to the word list alone (plus PFX/SFX, harmless when
// no .dic entry carries a flag).
bool harmless_aff_keyword(std::string_view keyword) {
  static const std::set<std::string_view> k_allowed{
      "SET",         "TRY",       "MAP",          "REP",          "KEY",         "PFX",
      "SFX",         "NAME",      "VERSION",      "HOME",         "LANG",        "WORDCHARS",
      "FLAG",        "AF",        "PHONE",        "MAXNGRAMSUGS", "NOSPLITSUGS", "MAXDIFF",
      "ONLYMAXDIFF", "NOSUGGEST", "SUGSWITHDOTS", "FORCEUCASE"};
  return k_allowed.contains(keyword);
}

// The .aff keywords that make Hunspell accept words no affix expansion lists, and never reject
// one it lists: an index of the expanded forms is then right when it finds a word, and Hunspell
// decides the rest.
bool partial_aff_keyword(std::string_view keyword) {
  static const std::set<std::string_view> k_partial{"COMPOUNDRULE", "COMPOUNDMIN", "ONLYINCOMPOUND",
                                                    "ICONV"};
  return k_partial.contains(keyword);
}

}  // namespace

std::string dictionary_encoding(const fs::path& aff) {
  std::ifstream in(aff, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("SET", 0) == 0 && line.size() > 4) {
      std::istringstream fields(line.substr(3));
      std::string name;
      fields >> name;
      return name;
    }
  }
  return "ISO-8859-1";  // Hunspell's default
}

namespace {

// One line of the .dic as UTF-8, without morphology fields; empty for lines that are not words.
std::string_view word_field(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  const auto end = line.find('\t');
  if (end != std::string_view::npos) line = line.substr(0, end);
  return line;
}

std::uint32_t slot_count(std::uint32_t words) {
  std::uint32_t slots = 16;
  while (slots < words * 2u) slots <<= 1;  // load factor <= 0.5: short probe runs
  return slots;
}

}  // namespace

bool index_eligible(const DictionaryFiles& files) { return index_kind(files) == IndexKind::exact; }

namespace {

// Whether `text` holds letters alone; bytes of another encoding than UTF-8 count as letters.
bool letters_only(std::string_view text, bool utf8) {
  if (!utf8)
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return c >= 0x80 || std::isalpha(c) != 0; });
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  for (int32_t i = 0; i < unicode.length(); i += U16_LENGTH(unicode.char32At(i)))
    if (!u_isalpha(unicode.char32At(i))) return false;
  return true;
}

}  // namespace

bool partial_rules_need_non_letters(const DictionaryFiles& files) {
  std::ifstream aff(files.aff, std::ios::binary);
  if (!aff) return false;
  const bool utf8 = dictionary_encoding(files.aff) == "UTF-8";
  std::set<char> compound_flags;
  std::string line;
  while (std::getline(aff, line)) {
    std::istringstream fields(line);
    std::string keyword, first;
    fields >> keyword >> first;
    if (keyword.starts_with("\xEF\xBB\xBF")) keyword.erase(0, 3);
    // Long, numeric or UTF-8 flags would need their own parser; without one, claim nothing.
    if (keyword == "FLAG") return false;
    const bool count_line =
        !first.empty() && std::all_of(first.begin(), first.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
    if (keyword == "ICONV" && !count_line) {
      // A conversion from letters alone would turn some word of letters into another.
      if (letters_only(first, utf8)) return false;
    } else if (keyword == "COMPOUNDRULE" && !count_line) {
      for (char c : first)
        if (c != '*' && c != '?' && c != '(' && c != ')') compound_flags.insert(c);
    }
  }
  std::ifstream dic(files.dic, std::ios::binary);
  if (!dic) return false;
  bool count = true;
  while (std::getline(dic, line)) {
    if (std::exchange(count, false)) continue;
    const std::string_view entry = word_field(line);
    const auto slash = entry.find('/');
    if (slash == std::string_view::npos) continue;
    const std::string_view word = entry.substr(0, slash);
    const std::string_view flags = entry.substr(slash + 1);
    if (std::none_of(flags.begin(), flags.end(),
                     [&](char flag) { return compound_flags.contains(flag); }))
      continue;
    // A compound part made of letters could join others into a word of letters alone.
    const bool has_non_letter = std::any_of(
        word.begin(), word.end(), [](unsigned char c) { return c < 0x80 && std::isalpha(c) == 0; });
    if (!has_non_letter) return false;
  }
  return true;
}

IndexKind index_kind(const DictionaryFiles& files) {
  std::ifstream aff(files.aff, std::ios::binary);
  if (!aff) return IndexKind::none;
  bool partial = false;
  std::string line;
  while (std::getline(aff, line)) {
    std::string_view view(line);
    // en_GB's .aff starts with a UTF-8 byte order mark.
    if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
    while (!view.empty() && (view.front() == ' ' || view.front() == '\t')) view.remove_prefix(1);
    if (view.empty() || view.front() == '#') continue;
    const auto end = view.find_first_of(" \t\r");
    const std::string_view keyword = view.substr(0, end);
    // Lines of a table (REP, MAP…) repeat the keyword; anything else unknown disqualifies.
    if (partial_aff_keyword(keyword)) {
      partial = true;
      continue;
    }
    if (!harmless_aff_keyword(keyword)) return IndexKind::none;
  }
  std::ifstream dic(files.dic, std::ios::binary);
  if (!dic) return IndexKind::none;
  bool first = true;
  while (std::getline(dic, line)) {
    if (first) {
      first = false;
      continue;  // the word count
    }
    if (word_field(line).find('/') != std::string_view::npos)
      return partial ? IndexKind::partial : IndexKind::expanded;
  }
  return partial ? IndexKind::partial : IndexKind::exact;
}

namespace {

// The words of an affix dictionary: every expanded form that Hunspell itself accepts, so the
// index never holds a word Hunspell would reject.
std::optional<AffixForms> confirmed_forms(const DictionaryFiles& files, std::string& why) {
  auto expanded = expand_affixes(files, why);
  if (!expanded) return std::nullopt;
  Hunspell hunspell(files.aff.c_str(), files.dic.c_str());
  if (hunspell.get_dict_encoding() != "UTF-8") {
    why = "only UTF-8 affix dictionaries are expanded";
    return std::nullopt;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < expanded->forms.size(); ++i) {
    if (!hunspell.spell(expanded->forms[i])) continue;
    if (kept != i) {
      expanded->forms[kept] = std::move(expanded->forms[i]);
      expanded->root_of[kept] = expanded->root_of[i];
    }
    ++kept;
  }
  expanded->forms.resize(kept);
  expanded->root_of.resize(kept);
  return expanded;
}

// Each distinct form once, followed by its stems: "form\0stem\tstem\0". A form derived from
// several roots ("disculpas": disculpa, disculpar) has them all, in .dic order.
bool forms_with_stems(const AffixForms& forms, std::string& blob,
                      std::vector<std::uint32_t>& offsets, std::string& why) {
  std::vector<std::uint32_t> order(forms.forms.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return forms.forms[a] < forms.forms[b];
  });
  std::vector<std::uint32_t> roots;
  for (std::size_t i = 0; i < order.size();) {
    const std::string& form = forms.forms[order[i]];
    roots.clear();
    std::size_t j = i;
    for (; j < order.size() && forms.forms[order[j]] == form; ++j) {
      const std::uint32_t root = forms.root_of[order[j]];
      if (root != AffixForms::k_prefixed &&
          std::find(roots.begin(), roots.end(), root) == roots.end())
        roots.push_back(root);
    }
    offsets.push_back(static_cast<std::uint32_t>(blob.size()));
    blob += form;
    blob += '\0';
    for (std::size_t r = 0; r < roots.size(); ++r) {
      if (r > 0) blob += '\t';
      blob += forms.roots[roots[r]];
    }
    blob += '\0';
    if (blob.size() > 0xF0000000u) {
      why = "dictionary too large to index";
      return false;
    }
    i = j;
  }
  return true;
}

}  // namespace

fs::path index_cache_dir() {
  if (const char* dir = std::getenv("REPLYLINT_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return fs::path(xdg) / "replylint";
  const char* home = std::getenv("HOME");
  std::error_code ec;
  if (home && *home && fs::is_directory(home, ec)) return fs::path(home) / ".cache" / "replylint";
  // A home that is not there is not created for a cache (HOME=/nonexistent for system users).
  util::notice_once(
      fmt::format("{}: word indexes are not cached, checking with Hunspell directly "
                  "(set XDG_CACHE_HOME or REPLYLINT_CACHE_DIR)",
                  home && *home ? fmt::format("HOME ({}) is not a folder", home)
                                : std::string("HOME is not set")));
  return {};
}

bool WordIndex::compile(const DictionaryFiles& files, const fs::path& target, std::string& why) {
  const auto identity = identity_of(files);
  if (!identity) {
    why = "cannot read the dictionary files";
    return false;
  }
  const IndexKind kind = index_kind(files);
  if (kind == IndexKind::none) {
    why = "the dictionary uses rules the index does not model";
    return false;
  }
  std::string blob;
  std::vector<std::uint32_t> offsets;
  const bool affixes = kind == IndexKind::expanded || kind == IndexKind::partial;
  if (affixes) {
    auto forms = confirmed_forms(files, why);
    if (!forms || !forms_with_stems(*forms, blob, offsets, why)) return false;
  } else if (!read_word_list(files, blob, offsets, why)) {
    return false;
  }
  // An expanded index holds every form Hunspell derives (each one confirmed by it), so it is as
  // complete as a plain word list: tests/spell/word_index_test.cpp checks that by brute force.
  // A partial one says so in its header: a word it lacks is then Hunspell's to judge.
  // A partial one whose extra rules only ever accept words with a digit or a sign ("22nd",
  // "don’t") still holds every word of letters alone, the only words index lookups answer.
  const bool letter_words = kind != IndexKind::partial || partial_rules_need_non_letters(files);
  const std::uint32_t flags = (kind != IndexKind::partial ? k_flag_complete : 0) |
                              (affixes ? k_flag_stems : 0) |
                              (letter_words ? k_flag_letter_words : 0);
  return write_index(files, *identity, flags, blob, offsets, target, why);
}

bool WordIndex::read_word_list(const DictionaryFiles& files, std::string& blob,
                               std::vector<std::uint32_t>& offsets, std::string& why) {
  std::ifstream in(files.dic, std::ios::binary);
  if (!in) {
    why = fmt::format("cannot read {}", files.dic.string());
    return false;
  }
  UErrorCode status = U_ZERO_ERROR;
  const std::string encoding = dictionary_encoding(files.aff);
  UConverter* converter = ucnv_open(encoding.c_str(), &status);
  if (U_FAILURE(status)) {
    why = fmt::format("unknown dictionary encoding '{}'", encoding);
    return false;
  }
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(converter, ucnv_close);

  // Words in UTF-8 as Hunspell would see them after decoding.
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {
      first = false;
      if (line.find_first_not_of("0123456789 \r") == std::string::npos) continue;
    }
    const std::string_view word = word_field(line);
    if (word.empty()) continue;
    icu::UnicodeString unicode(word.data(), static_cast<int32_t>(word.size()), converter, status);
    if (U_FAILURE(status)) {
      why = fmt::format("{}: cannot convert a word from {}", files.dic.string(), encoding);
      return false;
    }
    std::string utf8;
    unicode.toUTF8String(utf8);
    offsets.push_back(static_cast<std::uint32_t>(blob.size()));
    blob += utf8;
    blob += '\0';
    if (blob.size() > 0xF0000000u) {
      why = "dictionary too large to index";
      return false;
    }
  }
  return true;
}

bool WordIndex::write_index(const DictionaryFiles&, std::uint64_t identity, std::uint32_t flags,
                            const std::string& blob, const std::vector<std::uint32_t>& offsets,
                            const fs::path& target, std::string& why) {
  // Duplicates are dropped while hashing.
  const std::uint32_t slots = slot_count(static_cast<std::uint32_t>(offsets.size()));
  std::vector<std::uint32_t> table(slots, 0);
  std::uint32_t count = 0;
  for (const std::uint32_t offset : offsets) {
    const std::string_view word(blob.data() + offset);
    std::uint32_t slot = static_cast<std::uint32_t>(fnv1a(word)) & (slots - 1);
    bool duplicate = false;
    while (table[slot] != 0) {
      if (std::string_view(blob.data() + table[slot] - 1) == word) {
        duplicate = true;
        break;
      }
      slot = (slot + 1) & (slots - 1);
    }
    if (duplicate) continue;
    table[slot] = offset + 1;
    ++count;
  }

  const std::uint64_t bloom_size = bloom_bytes_for(count);
  std::vector<unsigned char> bloom(bloom_size, 0);
  for (const std::uint32_t entry : table) {
    if (entry == 0) continue;
    bloom_bits(
        fnv1a(std::string_view(blob.data() + entry - 1)), bloom_size * 8,
        [&](std::uint64_t bit) { bloom[bit >> 3] |= static_cast<unsigned char>(1u << (bit & 7)); });
  }
  // The checked region, slot table then blob, in blocks as a reader will see them in the file.
  const std::uint64_t table_bytes = std::uint64_t{slots} * 4;
  std::vector<std::uint64_t> block_sums(block_count(table_bytes + blob.size()));
  {
    std::vector<unsigned char> block(k_block_bytes);
    for (std::size_t b = 0; b < block_sums.size(); ++b) {
      const std::uint64_t begin = b * k_block_bytes;
      const std::uint64_t end =
          std::min<std::uint64_t>(begin + k_block_bytes, table_bytes + blob.size());
      const std::uint64_t split = std::clamp(table_bytes, begin, end);  // where the blob starts
      if (split > begin)
        std::memcpy(block.data(), reinterpret_cast<const unsigned char*>(table.data()) + begin,
                    split - begin);
      if (end > split)
        std::memcpy(block.data() + (split - begin), blob.data() + (split - table_bytes),
                    end - split);
      block_sums[b] = checksum(block.data(), end - begin);
    }
  }
  Header header{k_magic,
                k_format,
                count,
                slots,
                flags,
                identity,
                blob.size(),
                bloom_size,
                checksum(bloom.data(), bloom.size()),
                checksum(block_sums.data(), block_sums.size() * 8),
                0};
  header.header_sum = header_checksum(header);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  const fs::path temporary = target.string() + fmt::format(".tmp{}", ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&header), sizeof header);
    out.write(reinterpret_cast<const char*>(bloom.data()),
              static_cast<std::streamsize>(bloom.size()));
    out.write(reinterpret_cast<const char*>(block_sums.data()),
              static_cast<std::streamsize>(block_sums.size() * 8));
    out.write(reinterpret_cast<const char*>(table.data()),
              static_cast<std::streamsize>(table.size() * 4));
    out.write(blob.data(), static_cast<std::streamsize>(blob.size()));
    if (!out.good()) {
      why = fmt::format("cannot write {}", temporary.string());
      fs::remove(temporary, ec);
      return false;
    }
  }
  // Readers only ever see a complete file: a rename replaces the old one atomically.
  fs::rename(temporary, target, ec);
  if (ec) {
    why = fmt::format("cannot write {}: {}", target.string(), ec.message());
    fs::remove(temporary, ec);
    return false;
  }
  return true;
}

std::unique_ptr<WordIndex> WordIndex::open(const DictionaryFiles& files, const fs::path& cache_dir,
                                           std::string& why) {
  if (cache_dir.empty()) {
    why = "no cache folder";
    return nullptr;
  }
  const auto identity = identity_of(files);
  if (!identity) {
    why = "cannot read the dictionary files";
    return nullptr;
  }
  const fs::path path = cache_dir / fmt::format("{}-{:016x}.idx", files.name, *identity);

  auto try_map = [&]() -> std::unique_ptr<WordIndex> {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    std::unique_ptr<WordIndex> index(new WordIndex());
    index->m_fd = fd;  // closed by the destructor from here on
    struct stat st {};
    if (::fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) < sizeof(Header))
      return nullptr;
    const auto length = static_cast<std::size_t>(st.st_size);
    index->m_length = length;
    index->m_path = path;
    // Never trusted blindly: the header must match these files and the sizes must add up.
    Header header{};
    char last = 1;
    if (!index->read_at(&header, sizeof header, 0) || !index->read_at(&last, 1, length - 1))
      return nullptr;
    const std::size_t table_bytes = static_cast<std::size_t>(header.slots) * 4;
    if (header.magic != k_magic || header.format != k_format || header.identity != *identity ||
        header.header_sum != header_checksum(header) || header.slots == 0 ||
        (header.slots & (header.slots - 1)) != 0 || header.count > header.slots ||
        header.bloom_bytes < 8 || (header.bloom_bytes & (header.bloom_bytes - 1)) != 0 ||
        header.bloom_bytes > length || header.blob_size == 0 || header.blob_size > length ||
        last != '\0') {
      return nullptr;
    }
    const std::uint64_t blocks = block_count(table_bytes + header.blob_size);
    if (sizeof(Header) + header.bloom_bytes + blocks * 8 + table_bytes + header.blob_size != length)
      return nullptr;
    // The filter is read whole (16 bits a word: 1.7 MB for el_GR): most words a suggestion
    // search tries are no words, and it turns them away without touching the file again.
    index->m_bloom.resize(static_cast<std::size_t>(header.bloom_bytes));
    if (!index->read_at(index->m_bloom.data(), index->m_bloom.size(), sizeof(Header)) ||
        checksum(index->m_bloom.data(), index->m_bloom.size()) != header.bloom_sum)
      return nullptr;
    index->m_block_sums.resize(blocks);
    if (!index->read_at(index->m_block_sums.data(), blocks * 8,
                        sizeof(Header) + header.bloom_bytes) ||
        checksum(index->m_block_sums.data(), blocks * 8) != header.blocks_sum)
      return nullptr;
    index->m_block_checked = std::make_unique<std::atomic<bool>[]>(blocks);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
    index->m_count = header.count;
    index->m_complete = (header.flags & k_flag_complete) != 0;
    index->m_letter_words_complete = (header.flags & k_flag_letter_words) != 0;
    index->m_has_stems = (header.flags & k_flag_stems) != 0;
    index->m_slots = header.slots;
    index->m_table_offset = sizeof(Header) + header.bloom_bytes + blocks * 8;
    index->m_blob_offset = index->m_table_offset + table_bytes;
    index->m_blob_size = header.blob_size;
    return index;
  };

  if (auto index = try_map()) return index;
  // Deciding that a dictionary cannot be indexed reads all of it: remember the answer beside
  // where its index would be, under the same identity.
  const fs::path unindexable = path.string() + ".none";
  std::error_code ec;
  if (fs::exists(unindexable, ec) || index_kind(files) == IndexKind::none) {
    why = "the dictionary uses rules the index does not model";
    if (!fs::exists(unindexable, ec)) {
      fs::create_directories(cache_dir, ec);
      std::ofstream(unindexable) << "replylint: " << files.name << " has no word index\n";
    }
    return nullptr;
  }
  // About to write: only where that can succeed (else every run would compile in vain), and
  // clearing out what killed writers left behind.
  if (why = prepare_cache_dir(cache_dir); !why.empty()) return nullptr;
  remove_stale_temporaries(cache_dir);
  if (!compile(files, path, why)) return nullptr;
  // Indexes of earlier versions of this dictionary are stale for good: remove them.
  for (const auto& entry : fs::directory_iterator(cache_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.path() != path && name.rfind(files.name + "-", 0) == 0 &&
        (name.ends_with(".idx") || name.ends_with(".idx.none")))
      fs::remove(entry.path(), ec);
  }
  if (auto index = try_map()) return index;
  why = fmt::format("cannot read {}", path.string());
  return nullptr;
}

WordIndex::~WordIndex() {
  if (m_fd >= 0) ::close(m_fd);
}

bool WordIndex::read_at(void* buffer, std::size_t size, std::uint64_t offset) const {
  auto* out = static_cast<char*>(buffer);
  while (size > 0) {
    const ssize_t n = ::pread(m_fd, out, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
  return true;
}

bool WordIndex::read_checked(void* buffer, std::size_t size, std::uint64_t offset) const {
  if (m_damaged.load(std::memory_order_relaxed) || size == 0 || offset < m_table_offset)
    return false;
  const std::uint64_t first = (offset - m_table_offset) / k_block_bytes;
  const std::uint64_t last = (offset + size - 1 - m_table_offset) / k_block_bytes;
  for (std::uint64_t b = first; b <= last; ++b) {
    if (b >= m_block_sums.size()) return false;
    if (m_block_checked[b].load(std::memory_order_acquire)) continue;
    // Threads that race here both check the block; either way it is marked only when it is whole.
    unsigned char block[k_block_bytes];
    const std::uint64_t begin = m_table_offset + b * k_block_bytes;
    const std::size_t bytes =
        static_cast<std::size_t>(std::min<std::uint64_t>(k_block_bytes, m_length - begin));
    if (!read_at(block, bytes, begin) || checksum(block, bytes) != m_block_sums[b]) {
      mark_damaged();
      return false;
    }
    m_block_checked[b].store(true, std::memory_order_release);
  }
  return read_at(buffer, size, offset);
}

void WordIndex::mark_damaged() const {
  if (m_damaged.exchange(true)) return;
  // Remove the damaged file, if it is still the one at m_path, so that the next run compiles it
  // again; this run's answers come from Hunspell from now on (see damaged()).
  struct stat mine {
  }, named{};
  if (::fstat(m_fd, &mine) == 0 && ::stat(m_path.c_str(), &named) == 0 &&
      mine.st_dev == named.st_dev && mine.st_ino == named.st_ino)
    ::unlink(m_path.c_str());
}

std::optional<std::uint64_t> WordIndex::find(std::string_view word) const {
  if (m_slots == 0 || word.empty() || word.find('\0') != std::string_view::npos)
    return std::nullopt;
  const std::uint64_t hash = fnv1a(word);
  bool maybe = true;
  bloom_bits(hash, std::uint64_t{m_bloom.size()} * 8, [&](std::uint64_t bit) {
    if ((m_bloom[bit >> 3] & (1u << (bit & 7))) == 0) maybe = false;
  });
  if (!maybe) return std::nullopt;
  std::uint32_t slot = static_cast<std::uint32_t>(hash) & (m_slots - 1);
  // Slots are read 16 at a time (probe runs are short at a load factor of at most 0.5), and a
  // candidate word with one read of its length plus the NUL that must end it.
  std::uint32_t run[16];
  std::uint32_t run_begin = 0, run_size = 0;
  std::string candidate(word.size() + 1, '\0');
  for (std::uint32_t probes = 0; probes < m_slots; ++probes) {
    if (slot < run_begin || slot >= run_begin + run_size) {
      run_begin = slot;
      run_size = std::min<std::uint32_t>(16, m_slots - slot);
      if (!read_checked(run, run_size * 4, m_table_offset + std::uint64_t{slot} * 4))
        return std::nullopt;
    }
    const std::uint32_t entry = run[slot - run_begin];
    if (entry == 0) return std::nullopt;
    const std::size_t at = entry - 1;
    if (at < m_blob_size && m_blob_size - at >= candidate.size() &&
        read_checked(candidate.data(), candidate.size(), m_blob_offset + at) &&
        std::memcmp(candidate.data(), word.data(), word.size()) == 0 && candidate.back() == '\0')
      return at + candidate.size();
    slot = (slot + 1) & (m_slots - 1);
  }
  return std::nullopt;
}

bool WordIndex::contains(std::string_view word) const { return find(word).has_value(); }

std::optional<std::vector<std::string>> WordIndex::stems(std::string_view word) const {
  const auto at = find(word);
  if (!at) return std::nullopt;
  std::vector<std::string> out;
  if (!m_has_stems) return out;
  std::string field;
  char chunk[128];
  for (std::uint64_t pos = *at;; pos += sizeof chunk) {
    if (pos >= m_blob_size) return std::nullopt;  // no NUL before the end: not our file
    const auto size =
        static_cast<std::size_t>(std::min<std::uint64_t>(sizeof chunk, m_blob_size - pos));
    if (!read_checked(chunk, size, m_blob_offset + pos)) return std::nullopt;
    const auto* nul = static_cast<const char*>(std::memchr(chunk, '\0', size));
    field.append(chunk, nul != nullptr ? static_cast<std::size_t>(nul - chunk) : size);
    if (nul != nullptr) break;
  }
  for (std::size_t begin = 0; begin < field.size();) {
    std::size_t end = field.find('\t', begin);
    if (end == std::string::npos) end = field.size();
    out.push_back(field.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

}  // namespace replylint::spell
