// Words and sentences of own text: ICU break iterators over UTF-8 (UText, so every boundary is
// already a byte offset), with URLs, addresses, file names, numbers and placeholders merged into
// single tokens by one regex pass.
#include "draft/internal.hpp"

#include "data/data.hpp"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/rbbi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>

namespace replylint::draft {
namespace detail {
namespace {

constexpr std::array<std::string_view, 90> k_file_extensions = {
    "pdf",  "doc", "docx", "xls",  "xlsx",  "ppt",     "pptx", "odt",  "ods",   "odp",
    "rtf",  "txt", "csv",  "eml",  "msg",   "xml",     "json", "html", "htm",   "jpg",
    "jpeg", "png", "gif",  "bmp",  "tif",   "tiff",    "heic", "webp", "svg",   "zip",
    "rar",  "7z",  "tar",  "gz",   "tgz",   "mp3",     "mp4",  "mov",  "avi",   "wav",
    "ics",  "vcf", "log",  "md",   "pages", "numbers", "key",  "p7m",  "xades", "sig",
    "dwg",  "psd", "xlsm", "docm", "yaml",  "yml",     "toml", "ini",  "cfg",   "conf",
    "py",   "js",  "ts",   "jsx",  "tsx",   "php",     "rb",   "java", "cpp",   "hpp",
    "sh",   "ps1", "bat",  "sql",  "css",   "exe",     "msi",  "dmg",  "apk",   "ipa",
    "deb",  "rpm", "jar",  "bak",  "tmp",   "db",      "pem",  "crt",  "p12",   "pfx"};
constexpr std::array<std::string_view, 30> k_domains = {
    "com", "es",  "gr",   "org",   "net",    "eu",   "io",  "info", "biz", "co",
    "uk",  "de",  "fr",   "it",    "pt",     "cat",  "eus", "gal",  "edu", "gov",
    "app", "dev", "shop", "store", "online", "site", "us",  "cy",   "mx",  "ar"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Classifies a dotted name by its last label; nullopt leaves it to the word iterator. A path
// before it ("src/app/main.py", "logs/error.log") makes a file name of a known extension.
std::optional<TokenKind> classify_dotted(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash != std::string_view::npos && slash < text.find('.')) {
    const std::string_view name = text.substr(text.rfind('/') + 1);
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    if (contains(k_file_extensions, text::fold_case(name.substr(dot + 1))))
      return TokenKind::filename;
    return std::nullopt;
  }
  const std::string_view host = text.substr(0, slash);
  const std::size_t dot = host.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string last = text::fold_case(host.substr(dot + 1));
  if (slash == std::string_view::npos && contains(k_file_extensions, last))
    return TokenKind::filename;
  if (contains(k_domains, last)) {
    // "Sr.es" is no domain; a host needs a label of two or more characters before the TLD.
    const std::size_t prev = host.rfind('.', dot - 1);
    const std::size_t label_begin = prev == std::string_view::npos ? 0 : prev + 1;
    if (dot - label_begin >= 2) return TokenKind::url;
  }
  return std::nullopt;
}

struct Span {
  std::size_t begin, end;
  TokenKind kind;
};

// Lazily created prototypes; each thread works on its own clone (break iterators are not
// thread-safe, creating them per call is slow).
icu::BreakIterator* word_iterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::BreakIterator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) prototype.reset();
  });
  thread_local std::unique_ptr<icu::BreakIterator> mine(prototype ? prototype->clone() : nullptr);
  return mine.get();
}

// Abbreviations after which a period does not end a sentence.
constexpr std::array<const char16_t*, 40> k_abbreviations = {
    u"Sr.",   u"Sra.", u"Srta.", u"Sres.", u"Sras.", u"Dña.", u"Dña",  u"Dn.",  u"D.",   u"Dª.",
    u"Dr.",   u"Dra.", u"Lic.",  u"Ing.",  u"Ud.",   u"Uds.", u"Vd.",  u"Vds.", u"Av.",  u"Avda.",
    u"núm.",  u"Núm.", u"pág.",  u"Pág.",  u"tel.",  u"Tel.", u"Tlf.", u"Mr.",  u"Mrs.", u"Ms.",
    u"Prof.", u"St.",  u"e.g.",  u"i.e.",  u"vs.",   u"κ.",   u"Κ.",   u"κα.",  u"π.χ.", u"δηλ."};

icu::BreakIterator* sentence_iterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::BreakIterator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> base(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) return;
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
    if (U_FAILURE(status)) {
      prototype = std::move(base);
      return;
    }
    for (const char16_t* a : k_abbreviations)
      builder->suppressBreakAfter(icu::UnicodeString(a), status);
    icu::BreakIterator* filtered = builder->build(base.release(), status);
    if (U_SUCCESS(status)) prototype.reset(filtered);
  });
  thread_local std::unique_ptr<icu::BreakIterator> mine(prototype ? prototype->clone() : nullptr);
  return mine.get();
}

// Fills script, shape, letters, digit and underscore flags from the code points.
void describe(Word& w) {
  bool latin = false, greek = false, other = false;
  int upper = 0, lower = 0;
  bool first_cased_upper = false, seen_cased = false;
  const std::string& t = w.text;
  const CodePointTable& table = code_point_table();
  const auto size = static_cast<int32_t>(std::min<std::size_t>(t.size(), INT32_MAX));
  int32_t i = 0;
  while (i < size) {
    UChar32 c;
    U8_NEXT(t.data(), i, size, c);
    if (c < 0) c = 0xFFFD;
    if (c == '_') w.has_underscore = true;
    bool is_upper = false, is_lower = false;
    if (c < CodePointTable::k_size) {
      // The same answers as the ICU calls below, read from a table built with them.
      const CodePointInfo& info = table.info[static_cast<std::size_t>(c)];
      if (info.digit) w.has_digit = true;
      if (!info.alphabetic) continue;
      ++w.letters;
      if (info.script == 1)
        latin = true;
      else if (info.script == 2)
        greek = true;
      else if (info.script == 3)
        other = true;
      is_upper = info.upper;
      is_lower = info.lower;
    } else {
      if (u_isdigit(c)) w.has_digit = true;
      if (!u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) continue;
      ++w.letters;
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode sc = uscript_getScript(c, &status);
      if (sc == USCRIPT_LATIN)
        latin = true;
      else if (sc == USCRIPT_GREEK)
        greek = true;
      else if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
        other = true;
      is_upper = u_hasBinaryProperty(c, UCHAR_UPPERCASE) || u_istitle(c);
      is_lower = !is_upper && u_hasBinaryProperty(c, UCHAR_LOWERCASE);
    }
    if (is_upper) ++upper;
    if (is_lower) ++lower;
    if ((is_upper || is_lower) && !seen_cased) {
      seen_cased = true;
      first_cased_upper = is_upper;
    }
  }
  const int kinds = int(latin) + int(greek) + int(other);
  w.script = kinds == 0  ? Script::none
             : kinds > 1 ? Script::mixed
             : latin     ? Script::latin
             : greek     ? Script::greek
                         : Script::other;
  // Only prose tokens get a case shape, so no rule mistakes {{CUSTOMER_NAME}} for capitals.
  if (w.kind != TokenKind::word && w.kind != TokenKind::number) return;
  if (upper + lower == 0)
    w.shape = CaseShape::none;
  else if (upper == 0)
    w.shape = CaseShape::lower;
  else if (lower == 0)
    w.shape = CaseShape::upper;
  else if (first_cased_upper && upper == 1)
    w.shape = CaseShape::title;
  else
    w.shape = CaseShape::mixed;
}

void mark_acronym(Word& w, const Compiled& c) {
  if (w.kind != TokenKind::word) return;
  // A word in lowercase is in the list only when the list has such an entry.
  // Most words are ruled out by their length or first byte before any hashing.
  auto in_list = [&c](const std::string& text) {
    if (text.empty()) return c.acronyms.count(text) > 0;
    return text.size() <= c.max_acronym_bytes &&
           c.acronym_first_bytes[static_cast<unsigned char>(text[0])] && c.acronyms.count(text) > 0;
  };
  bool listed = (w.shape != CaseShape::lower || c.lowercase_acronym) && in_list(w.text);
  if (!listed && w.text.find('.') != std::string::npos) {
    std::string undotted;
    for (char ch : w.text)
      if (ch != '.') undotted += ch;
    listed = in_list(undotted);
  }
  w.in_acronym_list = listed;
  // See Word::is_acronym: short all-caps tokens count too; context is the rules' business.
  w.is_acronym = listed || (w.shape == CaseShape::upper && w.letters >= 2 && w.letters <= 4 &&
                            !w.has_digit && !w.has_underscore);
}

struct UTextHolder {
  UText ut = UTEXT_INITIALIZER;
  bool ok = false;
  explicit UTextHolder(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&ut, s.data(), static_cast<int64_t>(s.size()), &status);
    ok = U_SUCCESS(status);
  }
  ~UTextHolder() { utext_close(&ut); }
};

// Valid UTF-8 as UTF-16 for a break iterator, with the byte offset of each UTF-16 index. Over a
// UTF-8 UText, ICU converts a chunk again each time the iterator steps back, which the filtered
// sentence iterator does at every candidate break: that cost more than the breaking itself.
class Utf16Text {
 public:
  explicit Utf16Text(std::string_view utf8)
      : m_text(icu::UnicodeString::fromUTF8(
            icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())))) {
    m_bytes.reserve(utf8.size() + 1);
    for (std::size_t i = 0; i < utf8.size(); ++i) {
      const auto byte = static_cast<unsigned char>(utf8[i]);
      if ((byte & 0xC0) == 0x80) continue;  // a continuation byte
      m_bytes.push_back(i);
      if (byte >= 0xF0) m_bytes.push_back(i);  // a surrogate pair: two UTF-16 units
    }
    m_bytes.push_back(utf8.size());
  }
  const icu::UnicodeString& text() const { return m_text; }
  bool ok() const { return m_bytes.size() == static_cast<std::size_t>(m_text.length()) + 1; }
  std::size_t byte_offset(int32_t index) const { return m_bytes[static_cast<std::size_t>(index)]; }

 private:
  icu::UnicodeString m_text;
  std::vector<std::size_t> m_bytes;
};

// Word break classes of the code points fast_word_segments() handles.
enum class Wb : unsigned char {
  other,
  letter,
  numeric,
  mid_letter,
  mid_num_let,
  mid_num,
  single_quote,
  unsupported
};

// A class per code point for U+0000-U+03FF (Latin, Greek) and U+2000-U+20FF (dashes, quotes,
// ellipsis, currency), read once from ICU; `outside` for any other.
template <class T>
struct CodePointClasses {
  T low[0x400];
  T punct[0x100];
  template <class F>
  static CodePointClasses build(F&& class_of) {
    CodePointClasses t{};
    for (UChar32 c = 0; c < 0x400; ++c) t.low[c] = class_of(c);
    for (UChar32 c = 0; c < 0x100; ++c) t.punct[c] = class_of(0x2000 + c);
    return t;
  }
  T of(UChar32 c, T outside) const {
    if (c >= 0 && c < 0x400) return low[c];
    if (c >= 0x2000 && c < 0x2100) return punct[c - 0x2000];
    return outside;
  }
};

Wb wb_class_of(UChar32 c) {
  // UAX #29 classes as ICU's root rules use them; ':' is MidLetter in UAX #29 but not in ICU's
  // root rules (a Swedish-only tailoring upstream).
  if (c == ':') return Wb::other;
  // ICU's rules join more around '@' (addresses) than UAX #29 says: left to ICU.
  if (c == '@') return Wb::unsupported;
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER:
      return Wb::letter;
    case U_WB_NUMERIC:
      return Wb::numeric;
    case U_WB_MIDLETTER:
      return Wb::mid_letter;
    case U_WB_MIDNUMLET:
      return Wb::mid_num_let;
    case U_WB_MIDNUM:
      return Wb::mid_num;
    case U_WB_SINGLE_QUOTE:
      return Wb::single_quote;
    case U_WB_OTHER:
    case U_WB_CR:
    case U_WB_LF:
    case U_WB_NEWLINE:
    case U_WB_WSEGSPACE:
    case U_WB_DOUBLE_QUOTE:  // joins only Hebrew letters
      return Wb::other;
    default:  // Extend, Format, ZWJ, ExtendNumLet, Katakana, Hebrew_Letter, Regional_Indicator…
      return Wb::unsupported;
  }
}

const CodePointClasses<Wb>& wb_table() {
  static const auto table = CodePointClasses<Wb>::build(wb_class_of);
  return table;
}

// Runs the token regex over `text`; calls `on(begin, end, group)` for every match.
template <class F>
void for_each_special_in(std::string_view text, const Compiled& c, F&& on);

// A set of bytes, built at compile time, for has_any_of().
using ByteSet = std::array<bool, 256>;
constexpr ByteSet byte_set(std::string_view bytes) {
  ByteSet set{};
  for (const char ch : bytes) set[static_cast<unsigned char>(ch)] = true;
  return set;
}

// Whether `text` holds one of the bytes in `set`: text.find_first_of(set) != npos, without
// libstdc++'s memchr over the set for every byte of the text.
bool has_any_of(std::string_view text, const ByteSet& set) {
  return std::any_of(text.begin(), text.end(),
                     [&](char ch) { return set[static_cast<unsigned char>(ch)]; });
}

// A word without digits, '@', '/', ':', '$', '%', an inner '.' or the first character of a data
// placeholder pattern can hold no URL, address, file name, number or placeholder.
bool may_hold_special(std::string_view chunk, const Compiled& c) {
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char ch = chunk[i];
    if ((ch >= '0' && ch <= '9') || ch == '@' || ch == '$' || ch == '%') return true;
    // A '.', ':' or '/' ends a chunk in prose ("siguientes:"); a token needs something after it.
    if (ch == '.' && i + 1 < chunk.size() && chunk[i + 1] != '.') return true;
    if ((ch == ':' || ch == '/') && i + 1 < chunk.size()) return true;
    // A trigger can only start at a byte that starts one.
    if (c.trigger_first_bytes[static_cast<unsigned char>(ch)]) {
      for (const std::string& trigger : c.token_triggers)
        if (chunk.substr(i).starts_with(trigger)) return true;
    }
  }
  return false;
}

// The length of the number a chunk of ASCII digits (with at most one closing ',', '.', ';', ':',
// '!', '?' or ')') is, when the token regex can find nothing else there (Compiled::plain_numbers);
// else 0.
std::size_t plain_number(std::string_view chunk, const Compiled& c) {
  if (!c.plain_numbers || chunk.empty()) return 0;
  std::size_t n = 0;
  while (n < chunk.size() && chunk[n] >= '0' && chunk[n] <= '9') ++n;
  if (n == 0) return 0;
  if (n == chunk.size()) return n;
  if (n + 1 == chunk.size() && std::string_view(",.;:!?)").find(chunk[n]) != std::string_view::npos)
    return n;
  return 0;
}

// Same as for_each_special_in over the whole text, but the regex (ICU tries it at every position,
// the costliest step of segmentation) only runs on the space-separated chunks that may hold a
// token. No token can span white space unless it starts with a bracket, so a text without
// brackets gives the same matches either way: look-arounds see white space or the chunk's end,
// which they treat alike.
template <class F>
void for_each_special(std::string_view text, const Compiled& c, F&& on) {
  static constexpr ByteSet k_brackets = byte_set("{[<");
  if (!c.tokens_chunkable || has_any_of(text, k_brackets)) {
    for_each_special_in(text, c, on);
    return;
  }
  // Per byte: 1 separates chunks; 2 is a byte plain_number() or may_hold_special() looks for (a
  // digit, '@', '$', '%', '.', ':', '/'). A chunk with neither these nor a trigger's first byte
  // needs neither function: both answer no without one.
  static constexpr std::array<unsigned char, 256> k_bytes = [] {
    std::array<unsigned char, 256> t{};
    for (const char ch : {' ', '\n', '\t', '\r'}) t[static_cast<unsigned char>(ch)] = 1;
    for (const char ch : {'@', '$', '%', '.', ':', '/'}) t[static_cast<unsigned char>(ch)] = 2;
    for (char ch = '0'; ch <= '9'; ++ch) t[static_cast<unsigned char>(ch)] = 2;
    return t;
  }();
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && k_bytes[static_cast<unsigned char>(text[i])] == 1) ++i;
    std::size_t j = i;
    bool wanted = false;
    for (; j < text.size(); ++j) {
      const auto byte = static_cast<unsigned char>(text[j]);
      if (k_bytes[byte] == 1) break;
      wanted = wanted || k_bytes[byte] == 2 || c.trigger_first_bytes[byte];
    }
    const std::string_view chunk = text.substr(i, j - i);
    if (!wanted) {
      // Nothing here for the token regex.
    } else if (const std::size_t digits = plain_number(chunk, c)) {
      on(i, i + digits, c.group_num);  // what the token regex finds there, without running it
    } else if (!chunk.empty() && may_hold_special(chunk, c)) {
      for_each_special_in(
          chunk, c, [&](std::size_t b, std::size_t e, int group) { on(i + b, i + e, group); });
    }
    i = j;
  }
}

template <class F>
void for_each_special_in(std::string_view text, const Compiled& c, F&& on) {
  if (!c.tokens || given_up(c.tokens.get())) return;
  thread_local std::map<const icu::RegexPattern*, std::unique_ptr<icu::RegexMatcher>> matchers;
  auto& m = matchers[c.tokens.get()];
  UErrorCode status = U_ZERO_ERROR;
  if (!m) {
    m.reset(c.tokens->matcher(status));
    if (U_FAILURE(status)) {
      m.reset();
      return;
    }
    limit_matcher(*m);
  }
  UTextHolder ut(text);
  if (!ut.ok) return;
  m->reset(&ut.ut);
  while (m->find(status) && U_SUCCESS(status)) {
    int group = 0;
    for (int g : {c.group_ph, c.group_url, c.group_email, c.group_file, c.group_num}) {
      if (g > 0 && m->start64(g, status) >= 0) {
        group = g;
        break;
      }
    }
    const auto b = static_cast<std::size_t>(m->start64(status));
    const auto e = static_cast<std::size_t>(m->end64(status));
    if (U_FAILURE(status) || e <= b) continue;
    on(b, e, group);
  }
  gave_up(c.tokens.get(), status);
}

}  // namespace

namespace {

// Sentence_Break classes as one_sentence() needs them.
enum class Sb : unsigned char { other, term, close, space, separator, unsupported };

Sb sb_class_of(UChar32 c) {
  switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
    case U_SB_STERM:
    case U_SB_ATERM:
      return Sb::term;
    case U_SB_CLOSE:
      return Sb::close;
    case U_SB_SP:
      return Sb::space;
    case U_SB_SEP:
    case U_SB_CR:
    case U_SB_LF:
      return Sb::separator;
    case U_SB_OTHER:
    case U_SB_LOWER:
    case U_SB_UPPER:
    case U_SB_OLETTER:
    case U_SB_NUMERIC:
    case U_SB_SCONTINUE:
    case U_SB_EXTEND:
    case U_SB_FORMAT:
      return Sb::other;
    default:
      return Sb::unsupported;
  }
}

const CodePointClasses<Sb>& sb_table() {
  static const auto table = CodePointClasses<Sb>::build(sb_class_of);
  return table;
}

}  // namespace

bool one_sentence(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  // UAX #29 breaks a sentence only after a paragraph separator or after a run of terminators
  // (with closing punctuation and spaces after them, SB8a–SB11); none of the filtered
  // iterator's exceptions can add one. So a text whose terminators all sit in its trailing run of
  // terminators, closing punctuation and spaces ends its only sentence at its end.
  const CodePointClasses<Sb>& table = sb_table();
  const auto size = static_cast<int32_t>(text.size());
  // 0: before any terminator; 1: after a terminator and its closing punctuation; 2: after the
  // spaces that follow them, where only more spaces or another terminator (SB8a) keep the run.
  int state = 0;
  for (int32_t i = 0; i < size;) {
    UChar32 c;
    U8_NEXT(text.data(), i, size, c);
    const Sb cls = table.of(c, Sb::unsupported);
    if (cls == Sb::unsupported || cls == Sb::separator) return false;
    if (cls == Sb::term)
      state = 1;
    else if (state == 1 && cls == Sb::space)
      state = 2;
    else if (state == 1 && cls == Sb::close)
      state = 1;
    else if (state == 2 && cls == Sb::space)
      state = 2;
    else if (state != 0)
      return false;
  }
  return true;
}

std::vector<std::size_t> icu_sentence_breaks(std::string_view text) {
  std::vector<std::size_t> out;
  icu::BreakIterator* it = sentence_iterator();
  UTextHolder ut(text);
  UErrorCode status = U_ZERO_ERROR;
  if (!it || !ut.ok) return out;
  it->setText(&ut.ut, status);
  if (U_FAILURE(status)) return out;
  it->first();
  for (int32_t cur = it->next(); cur != icu::BreakIterator::DONE; cur = it->next())
    out.push_back(static_cast<std::size_t>(cur));
  return out;
}

std::vector<WordSegment> icu_word_segments(std::string_view text) {
  std::vector<WordSegment> out;
  icu::BreakIterator* it = word_iterator();
  UTextHolder ut(text);
  if (!it || !ut.ok) return out;
  UErrorCode status = U_ZERO_ERROR;
  it->setText(&ut.ut, status);
  if (U_FAILURE(status)) return out;
  int32_t prev = it->first();
  for (int32_t cur = it->next(); cur != icu::BreakIterator::DONE; prev = cur, cur = it->next()) {
    const int32_t rule = it->getRuleStatus();
    if (rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) continue;
    out.push_back({static_cast<std::size_t>(prev), static_cast<std::size_t>(cur), rule});
  }
  return out;
}

std::optional<std::vector<WordSegment>> fast_word_segments(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
  const CodePointClasses<Wb>& table = wb_table();
  // Code points as (byte offset, class); any code point outside the tables ends the fast path.
  thread_local std::vector<std::pair<std::uint32_t, Wb>> cps;
  cps.clear();
  const auto size = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < size;) {
    const int32_t at = i;
    UChar32 c = static_cast<unsigned char>(text[static_cast<std::size_t>(i)]);
    if (c < 0x80)
      ++i;  // what U8_NEXT gives for ASCII, without its checks
    else
      U8_NEXT(text.data(), i, size, c);
    const Wb cls = table.of(c, Wb::unsupported);  // also for invalid bytes (c < 0)
    if (cls == Wb::unsupported) return std::nullopt;
    cps.emplace_back(static_cast<std::uint32_t>(at), cls);
  }
  auto word = [](Wb w) { return w == Wb::letter || w == Wb::numeric; };
  std::vector<WordSegment> out;
  out.reserve(text.size() / 5 + 1);  // about one word in every 5-7 bytes of prose
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n;) {
    if (!word(cps[i].second)) {
      ++i;
      continue;
    }
    std::size_t last = i, j = i + 1;
    while (j < n) {
      if (word(cps[j].second)) {  // WB5, WB8, WB9, WB10: letters and digits run together
        last = j++;
        continue;
      }
      if (j + 1 < n && word(cps[j + 1].second)) {
        const Wb mid = cps[j].second, before = cps[last].second, after = cps[j + 1].second;
        const bool letters =
            before == Wb::letter && after == Wb::letter &&  // WB6, WB7
            (mid == Wb::mid_letter || mid == Wb::mid_num_let || mid == Wb::single_quote);
        const bool digits =
            before == Wb::numeric && after == Wb::numeric &&  // WB11, WB12
            (mid == Wb::mid_num || mid == Wb::mid_num_let || mid == Wb::single_quote);
        if (letters || digits) {
          last = j + 1;
          j += 2;
          continue;
        }
      }
      break;
    }
    const std::size_t end = last + 1 < n ? cps[last + 1].first : text.size();
    out.push_back(
        {cps[i].first, end,
         cps[last].second == Wb::letter ? int32_t{UBRK_WORD_LETTER} : int32_t{UBRK_WORD_NUMBER}});
    i = last + 1;
  }
  return out;
}

bool is_placeholder_line(std::string_view line, const Compiled& c) {
  static constexpr ByteSet k_placeholder_starts = byte_set("{%$[<");
  if (!c.extra_placeholders && !has_any_of(line, k_placeholder_starts)) return false;
  bool only = true, any = false;
  std::size_t covered = 0;
  for_each_special(line, c, [&](std::size_t b, std::size_t e, int group) {
    if (!only) return;
    if (group != c.group_ph || !trim(line.substr(covered, b - covered)).empty()) {
      only = false;
      return;
    }
    any = true;
    covered = e;
  });
  return only && any && trim(line.substr(std::min(covered, line.size()))).empty();
}

// Inline code between backticks on one line ("`npm ci`"), a command-line option ("--sso") and a
// path ("/auth/saml/acs"): written for a machine, not words of the language. Appended to
// `specials` (whatever they overlap is dropped), which stay sorted.
void add_code_spans(std::string_view text, std::vector<Span>& specials) {
  std::vector<Span> code;
  // A backtick between letters is an apostrophe typed on some keyboards ("don`t", "we`ll"): it
  // neither opens nor closes code.
  auto word_byte = [&](std::size_t i) {
    if (i >= text.size()) return false;
    const auto b = static_cast<unsigned char>(text[i]);
    return std::isalnum(b) != 0 || b >= 0x80;
  };
  for (std::size_t open = text.find('`'); open != std::string_view::npos;) {
    std::size_t run = open;
    while (run < text.size() && text[run] == '`') ++run;
    if (run - open > 1 || (open > 0 && word_byte(open - 1))) {  // a fence, an empty span, an
      open = text.find('`', run);                               // apostrophe
      continue;
    }
    const std::size_t newline = std::min(text.find('\n', run), text.size());
    std::size_t close = text.find('`', run);
    while (close < newline && word_byte(close + 1)) close = text.find('`', close + 1);
    if (close == std::string_view::npos) break;
    if (close >= newline || close == run) {
      open = close;
      continue;
    }
    code.push_back({open, close + 1, TokenKind::code});
    open = text.find('`', close + 1);
  }
  auto blank = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; };
  auto ascii_letter = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
  for (std::size_t i = 0; i < text.size();) {
    if (blank(text[i]) || (i > 0 && !blank(text[i - 1]) && text[i - 1] != '(')) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !blank(text[end])) ++end;
    std::string_view chunk = text.substr(i, end - i);
    while (!chunk.empty() && std::string_view(".,;:)").find(chunk.back()) != std::string_view::npos)
      chunk.remove_suffix(1);
    const bool option = chunk.size() > 3 && chunk.starts_with("--") && ascii_letter(chunk[2]);
    const bool path = chunk.size() > 2 && chunk[0] == '/' && ascii_letter(chunk[1]) &&
                      chunk.find('/', 1) != std::string_view::npos;
    if (option || path) code.push_back({i, i + chunk.size(), TokenKind::code});
    i = end;
  }
  if (code.empty()) return;
  std::sort(code.begin(), code.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  merged.reserve(specials.size() + code.size());
  std::size_t k = 0;
  for (const Span& s : specials) {
    while (k < code.size() && code[k].begin <= s.begin) {
      if (merged.empty() || merged.back().end <= code[k].begin) merged.push_back(code[k]);
      ++k;
    }
    if (!merged.empty() && merged.back().end > s.begin) continue;  // inside code
    if (k < code.size() && code[k].begin < s.end) continue;        // code inside it wins
    merged.push_back(s);
  }
  for (; k < code.size(); ++k)
    if (merged.empty() || merged.back().end <= code[k].begin) merged.push_back(code[k]);
  specials = std::move(merged);
}

std::vector<Word> tokenize(std::string_view text, const Compiled& c, std::size_t base) {
  std::vector<Span> specials;
  for_each_special(text, c, [&](std::size_t b, std::size_t e, int group) {
    TokenKind kind = TokenKind::word;
    if (group == c.group_ph)
      kind = TokenKind::placeholder;
    else if (group == c.group_url)
      kind = TokenKind::url;
    else if (group == c.group_email)
      kind = TokenKind::email;
    else if (group == c.group_num)
      kind = TokenKind::number;
    else if (group == c.group_file) {
      auto k = classify_dotted(text.substr(b, e - b));
      if (!k) return;
      kind = *k;
    } else {
      return;
    }
    specials.push_back({b, e, kind});
  });
  static constexpr ByteSet k_code_marks = byte_set("`-/");
  if (has_any_of(text, k_code_marks)) add_code_spans(text, specials);

  std::vector<Word> words;
  words.reserve(text.size() / 5 + 1);  // about one word in every 5-7 bytes of prose
  auto emit = [&](std::size_t b, std::size_t e, TokenKind kind) {
    Word& w = words.emplace_back();  // built in place: a Word is large to move
    w.text.assign(text.substr(b, e - b));
    w.range = {base + b, base + e};
    w.kind = kind;
    if (kind == TokenKind::word || kind == TokenKind::number) w.key = text::word_key(w.text);
    describe(w);
    mark_acronym(w, c);
  };

  std::size_t sp = 0;
  if (const auto fast = fast_word_segments(text)) {
    // The same words and numbers as the ICU loop below gives (tests/draft/word_break_test.cpp
    // compares them); the separators between them, which it skips, are not listed.
    for (const WordSegment& seg : *fast) {
      while (sp < specials.size() && specials[sp].end <= seg.begin) {
        emit(specials[sp].begin, specials[sp].end, specials[sp].kind);
        ++sp;
      }
      if (sp < specials.size() && specials[sp].begin < seg.end) continue;  // inside a merged token
      const bool number = seg.status >= UBRK_WORD_NUMBER && seg.status < UBRK_WORD_NUMBER_LIMIT;
      emit(seg.begin, seg.end, number ? TokenKind::number : TokenKind::word);
    }
    for (; sp < specials.size(); ++sp)
      emit(specials[sp].begin, specials[sp].end, specials[sp].kind);
    return words;
  }
  icu::BreakIterator* it = word_iterator();
  UTextHolder ut(text);
  if (it && ut.ok) {
    UErrorCode status = U_ZERO_ERROR;
    it->setText(&ut.ut, status);
    if (U_SUCCESS(status)) {
      int32_t prev = it->first();
      for (int32_t cur = it->next(); cur != icu::BreakIterator::DONE;
           prev = cur, cur = it->next()) {
        const auto b = static_cast<std::size_t>(prev), e = static_cast<std::size_t>(cur);
        while (sp < specials.size() && specials[sp].end <= b) {
          emit(specials[sp].begin, specials[sp].end, specials[sp].kind);
          ++sp;
        }
        if (sp < specials.size() && specials[sp].begin < e) continue;  // inside a merged token
        const int32_t status_rule = it->getRuleStatus();
        if (status_rule >= UBRK_WORD_NONE && status_rule < UBRK_WORD_NONE_LIMIT) continue;
        const bool number = status_rule >= UBRK_WORD_NUMBER && status_rule < UBRK_WORD_NUMBER_LIMIT;
        emit(b, e, number ? TokenKind::number : TokenKind::word);
      }
    }
  }
  for (; sp < specials.size(); ++sp) emit(specials[sp].begin, specials[sp].end, specials[sp].kind);
  return words;
}

namespace {

// Text ending in '?' or '!' and a closing quotation mark: "…password?\"", "…¿sí?»".
bool ends_in_quoted_stop(std::string_view text) {
  for (std::string_view close : {"\"", "\u201D", "\u00BB", "'", "\u2019"}) {
    if (!text.ends_with(close)) continue;
    const std::string_view before = text.substr(0, text.size() - close.size());
    return before.ends_with('?') || before.ends_with('!');
  }
  return false;
}

bool starts_lowercase(std::string_view piece) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(piece.data(), i, static_cast<int32_t>(piece.size()), c);
  return c > 0 && u_islower(c);
}

}  // namespace

std::vector<Range> sentences(std::string_view text, std::size_t base) {
  // Mail wraps lines at ~72 columns, so a newline is a space for sentence purposes, except before
  // a list item. The copy keeps every byte offset.
  std::string flat(text);
  for (std::size_t i = flat.find('\n'); i != std::string::npos; i = flat.find('\n', i + 1)) {
    const std::string_view rest = trim(std::string_view(flat).substr(i + 1, 3));
    const bool bullet = !rest.empty() && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+');
    // Only the next few bytes: searching the rest of the paragraph made a long one quadratic.
    constexpr std::string_view k_bullet = "•";
    const bool bullet_u =
        std::string_view(flat).substr(i + 1, 2 + k_bullet.size()).find(k_bullet) < 3;
    if (!bullet && !bullet_u) flat[i] = ' ';
  }
  // NFC turns the Greek question mark (U+037E) into ';', which ICU does not treat as the end of
  // a sentence; after a Greek letter it is one, and '?' has the same length.
  const std::size_t first_semicolon =
      flat.size() <= static_cast<std::size_t>(INT32_MAX) ? flat.find(';', 1) : std::string::npos;
  for (std::size_t i = first_semicolon; i != std::string::npos; i = flat.find(';', i + 1)) {
    int32_t j = static_cast<int32_t>(i);
    UChar32 c;
    U8_PREV(flat.data(), 0, j, c);
    UErrorCode status = U_ZERO_ERROR;
    if (c > 0 && uscript_getScript(c, &status) == USCRIPT_GREEK) flat[i] = '?';
  }
  std::vector<Range> out;
  auto push = [&](std::size_t b, std::size_t e) {
    const std::string_view piece = trim(std::string_view(text).substr(b, e - b));
    if (piece.empty()) return;
    const std::size_t pb = static_cast<std::size_t>(piece.data() - text.data());
    // A question or exclamation quoted inside a sentence ("select “Forgotten your password?”
    // and enter …"): the sentence goes on in small letters after the closing quote.
    // `flat`, where a Greek question mark is already '?': "«Ξεχάσατε τον κωδικό;» και …".
    if (!out.empty() &&
        ends_in_quoted_stop(std::string_view(flat).substr(0, out.back().end - base)) &&
        starts_lowercase(piece)) {
      out.back().end = base + pb + piece.size();
      return;
    }
    out.push_back({base + pb, base + pb + piece.size()});
  };
  if (one_sentence(flat)) {
    push(0, text.size());
    return out;
  }
  icu::BreakIterator* it = sentence_iterator();
  if (it != nullptr && text::is_valid_utf8(flat)) {
    const Utf16Text flat16(flat);
    if (flat16.ok()) {
      it->setText(flat16.text());  // kept by reference: flat16 outlives the loop
      int32_t prev = it->first();
      for (int32_t cur = it->next(); cur != icu::BreakIterator::DONE; prev = cur, cur = it->next())
        push(flat16.byte_offset(prev), flat16.byte_offset(cur));
      static const icu::UnicodeString k_nothing;
      it->setText(k_nothing);  // not a reference to flat16 once it is gone
      return out;
    }
  }
  UTextHolder ut(flat);
  UErrorCode status = U_ZERO_ERROR;
  if (!it || !ut.ok) {
    push(0, text.size());
    return out;
  }
  it->setText(&ut.ut, status);
  if (U_FAILURE(status)) {
    push(0, text.size());
    return out;
  }
  int32_t prev = it->first();
  for (int32_t cur = it->next(); cur != icu::BreakIterator::DONE; prev = cur, cur = it->next())
    push(static_cast<std::size_t>(prev), static_cast<std::size_t>(cur));
  return out;
}

}  // namespace detail

std::vector<Word> tokenize(std::string_view text, const data::DataSet& data) {
  return detail::tokenize(text, detail::compiled(data), 0);
}

}  // namespace replylint::draft
