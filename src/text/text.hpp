#pragma once

// Unicode text handling shared by every module: normalisation, case folding, accent stripping
// and code point counting, each implemented once. Everything takes and returns UTF-8 (except
// the few UTF-16 helpers the spell module needs) and never throws: invalid UTF-8 becomes
// U+FFFD where a function says so.

#include <unicode/umachine.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace replylint::text {

// ---- Validity and normalisation -----------------------------------------------------------

/// True when `bytes` is well-formed UTF-8 (ICU's U8_NEXT accepts every code point).
bool is_valid_utf8(std::string_view bytes);

/// True when `bytes` is valid UTF-8 already in NFC (ICU's quick check): nfc() would return it
/// unchanged. False for invalid UTF-8 and for text longer than INT32_MAX bytes.
bool is_nfc(std::string_view bytes);

/// NFC of UTF-8 text; invalid sequences become U+FFFD. Text that is_nfc() is copied as is.
std::string nfc(std::string_view utf8);
/// NFC of ICU text, as UTF-8 (the text itself, converted, should ICU's normaliser fail).
std::string nfc_of(const icu::UnicodeString& text);

// ---- Case folding -------------------------------------------------------------------------

/// ICU full case folding (U_FOLD_CASE_DEFAULT) of UTF-8 text, without normalising: byte for
/// byte what icu::UnicodeString::foldCase() gives. ASCII and the two-byte code points below
/// U+0400 whose folding is one code point come from code_point_table(); from the first other
/// code point on, ICU folds the rest. Invalid bytes become U+FFFD. For text that is already NFC
/// (a decoded message body, a draft word) this is the fast comparison key.
std::string fold_case(std::string_view utf8);

/// The canonical caseless form of any UTF-8 text: NFC, full case folding, NFC again (folding can
/// break composition, e.g. U+0130 or U+0390). This is how rules/ data stores prefixes, markers,
/// fields, closings, stop-words and phrases. Equal to fold_case() for NFC text whose folding is
/// NFC (all of Spanish, Greek and English prose). Invalid UTF-8 becomes U+FFFD.
std::string fold(std::string_view utf8);

/// The first code point of the full case folding of `text`'s first code point (U_SENTINEL for
/// empty text or an invalid first sequence): a case-insensitive match of a pattern starting
/// with a literal letter L can only start where this equals first_folded(L).
UChar32 first_folded(std::string_view text);

// ---- Accents --------------------------------------------------------------------------------

/// `text` in NFD with every non-spacing mark (general category Mn) removed, not recomposed:
/// "lucía" → "lucia", "σοφία" → "σοφια", "ñ" → "n", "ΐ" → "ι". Meant for folded text (fold_case()
/// first), so that the result compares case- and accent-insensitively. Text of code points below
/// U+0400 is stripped from a table built with ICU; other text goes through ICU's NFD. Invalid
/// UTF-8 becomes U+FFFD.
std::string strip_marks(std::string_view text);

/// The accent-insensitive comparison key: strip_marks(fold_case(text)). Two words are equal
/// ignoring case and accents exactly when their keys are equal ("DIJÉ", "dije", "Dije").
std::string loose_key(std::string_view text);

/// The key phrase lists match words by: loose_key() with the typographic apostrophe made ASCII
/// ("don’t" and "DON'T" have the key "don't"). Words of code points below U+0400 with one-code-
/// point foldings (Spanish, Greek, English prose) take one pass over a table built from ICU.
std::string word_key(std::string_view word);

/// True when `a` and `b` are equal ignoring case and accents (loose_key(a) == loose_key(b)).
bool equal_loosely(std::string_view a, std::string_view b);

/// `word` without its acute accents and tonos (U+0301 after NFD; diaeresis, tilde kept),
/// recomposed to NFC: "δυσαρεστημενό" → "δυσαρεστημενο", "ΐ" → "ϊ", "está" → "esta", "ñ" → "ñ".
/// The word itself when ICU's normaliser fails.
icu::UnicodeString strip_acute(const icu::UnicodeString& word);

/// The base letter of one UTF-16 unit, lowercase (simple case mapping): ά → α, Ú → u, Ñ → n. A
/// unit with no canonical decomposition is just lowercased.
char16_t base_letter(char16_t unit);

// ---- Code points ---------------------------------------------------------------------------

/// Number of code points in UTF-8 text, counted by lead bytes (every byte that is not a
/// continuation byte counts one, so an invalid byte counts one as well). No validation, O(n).
int count_code_points(std::string_view utf8);

/// The code points of UTF-8 text; invalid sequences become U+FFFD (one per ICU U8_NEXT step).
std::u32string code_points(std::string_view utf8);

/// `text` with every run of white space (spaces, tabs, line breaks) made one space, and none at
/// either end: a passage wrapped over lines, on one line.
std::string collapse_space(std::string_view text);

// ---- Header-block lines ----------------------------------------------------------------------

/// The field name of a line of a quoted header block ("De: Ana", "*From:* Ana", "> Από: Νίκος"):
/// the text before a colon within the first 40 bytes, without quote markers, Outlook's bold marks
/// and blanks around it; empty when the line has no such colon. Not folded: callers compare it
/// with their folded field lists.
std::string_view field_name(std::string_view line);

// ---- The code point table ------------------------------------------------------------------

/// What the tokenizer and fold_case() need of a code point, read once from ICU for
/// U+0000–U+03FF (ASCII, Latin-1, Latin Extended, IPA, Greek): the whole of Spanish and Greek
/// prose.
struct CodePointInfo {
  UChar32 folded = 0;  // full case folding, when it is one code point (simple_fold)
  bool simple_fold = false;
  bool alphabetic = false;   // UCHAR_ALPHABETIC
  bool digit = false;        // u_isdigit
  bool upper = false;        // UCHAR_UPPERCASE or titlecase
  bool lower = false;        // UCHAR_LOWERCASE and not upper
  unsigned char script = 0;  // 0 common/inherited, 1 Latin, 2 Greek, 3 other
};
struct CodePointTable {
  static constexpr UChar32 k_size = 0x400;
  CodePointInfo info[k_size];
};
/// The table, built from ICU on first use (thread-safe).
const CodePointTable& code_point_table();

/// strip_marks() of each code point below U+0400, in UTF-8 (read from ICU once): `ok` is false
/// when the stripped form does not fit (then ICU must decide).
struct StrippedTable {
  struct Entry {
    char bytes[6];
    unsigned char size;
    bool ok;
  };
  Entry entry[0x400];
};
/// The table, built from ICU on first use (thread-safe).
const StrippedTable& stripped_table();

}  // namespace replylint::text
