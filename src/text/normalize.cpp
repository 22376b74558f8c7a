#include "text/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <array>
#include <bit>
#include <climits>
#include <cstdint>
#include <cstring>

namespace replylint::text {

namespace {

constexpr std::uint64_t k_high_bits = 0x8080808080808080ULL;

std::uint64_t load8(const char* at) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  return word;
}

// Past the run of ASCII bytes that starts at `i`, eight at a time: mail is mostly ASCII.
std::size_t skip_ascii(std::string_view bytes, std::size_t i) {
  while (i + 8 <= bytes.size() && (load8(bytes.data() + i) & k_high_bits) == 0) i += 8;
  while (i < bytes.size() && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
  return i;
}

// Characters that are NFC whatever surrounds them: NFC_Quick_Check yes (nothing composes with
// what comes before them) and combining class 0 (no reordering). Text made only of them is NFC.
// Read from ICU for the two-byte range (Latin, Greek, Cyrillic…) and general punctuation and
// currency (U+2000 to U+20FF: “ ” – … €), where nearly all mail's non-ASCII letters fall.
class StandaloneNfc {
 public:
  static const StandaloneNfc& instance() {
    static const StandaloneNfc table;
    return table;
  }
  bool contains(UChar32 c) const {
    if (c < k_two_byte_end) return m_two_byte[static_cast<std::size_t>(c)];
    if (c >= k_punctuation_begin && c < k_punctuation_end)
      return m_punctuation[static_cast<std::size_t>(c - k_punctuation_begin)];
    return false;
  }

 private:
  static constexpr UChar32 k_two_byte_end = 0x800;
  static constexpr UChar32 k_punctuation_begin = 0x2000;
  static constexpr UChar32 k_punctuation_end = 0x2100;

  StandaloneNfc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return;  // every lookup says no: the full check runs
    auto standalone = [&](UChar32 c) {
      UErrorCode check = U_ZERO_ERROR;
      return nfc->getCombiningClass(c) == 0 &&
             nfc->quickCheck(icu::UnicodeString(c), check) == UNORM_YES && U_SUCCESS(check);
    };
    for (UChar32 c = 0; c < k_two_byte_end; ++c)
      m_two_byte[static_cast<std::size_t>(c)] = standalone(c);
    for (UChar32 c = k_punctuation_begin; c < k_punctuation_end; ++c)
      m_punctuation[static_cast<std::size_t>(c - k_punctuation_begin)] = standalone(c);
  }

  std::array<bool, k_two_byte_end> m_two_byte{};
  std::array<bool, k_punctuation_end - k_punctuation_begin> m_punctuation{};
};

// True when `bytes` is valid UTF-8 made only of standalone NFC characters (so it is NFC); false
// means "ask ICU", not "not NFC".
bool plainly_nfc(std::string_view bytes) {
  const StandaloneNfc& standalone = StandaloneNfc::instance();
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  for (std::size_t i = skip_ascii(bytes, 0); i < bytes.size(); i = skip_ascii(bytes, i)) {
    UChar32 c = 0;
    if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < bytes.size() && (s[i + 1] & 0xC0) == 0x80) {
      c = ((s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
      i += 2;
    } else if (s[i] == 0xE2 && i + 2 < bytes.size() && (s[i + 1] & 0xC0) == 0x80 &&
               (s[i + 2] & 0xC0) == 0x80) {  // U+2000 to U+2FFF
      c = 0x2000 | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      i += 3;
    } else {
      return false;
    }
    if (!standalone.contains(c)) return false;
  }
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      i = static_cast<int32_t>(skip_ascii(bytes, static_cast<std::size_t>(i)));
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

bool is_nfc(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  if (plainly_nfc(bytes)) return true;
  if (!is_valid_utf8(bytes)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const bool normalized = nfc->isNormalizedUTF8(
      icu::StringPiece(bytes.data(), static_cast<int32_t>(bytes.size())), status);
  return U_SUCCESS(status) && normalized;
}

std::string nfc_of(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  if (U_FAILURE(status)) {
    text.toUTF8String(out);
    return out;
  }
  icu::UnicodeString normalized = normalizer->normalize(text, status);
  if (U_FAILURE(status)) normalized = text;
  normalized.toUTF8String(out);
  return out;
}

std::string nfc(std::string_view utf8) {
  if (is_nfc(utf8)) return std::string(utf8);
  return nfc_of(icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
}

int count_code_points(std::string_view utf8) {
  // Every byte but the continuation bytes (10xxxxxx) starts one, counted eight bytes at a time:
  // a byte's bit 7 set and bit 6 clear.
  std::size_t continuation = 0;
  std::size_t i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    const std::uint64_t word = load8(utf8.data() + i);
    continuation += static_cast<std::size_t>(std::popcount(word & ~(word << 1) & k_high_bits));
  }
  for (; i < utf8.size(); ++i)
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) ++continuation;
  return static_cast<int>(utf8.size() - continuation);
}

std::u32string code_points(std::string_view utf8) {
  std::u32string out;
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, length, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

std::string collapse_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string_view field_name(std::string_view line) {
  constexpr std::size_t k_max_name_bytes = 40;  // "Ιδιαίτ. κοιν.", "Datos adjuntos" fit
  auto blank_or_mark = [](char c) { return c == ' ' || c == '\t' || c == '*' || c == '>'; };
  while (!line.empty() && blank_or_mark(line.front())) line.remove_prefix(1);
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon > k_max_name_bytes) return {};
  std::string_view name = line.substr(0, colon);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t' || name.back() == '*'))
    name.remove_suffix(1);
  return name;
}

}  // namespace replylint::text
