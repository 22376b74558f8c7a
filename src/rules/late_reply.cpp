// late-reply: the original's date is read from the attribution line or Outlook header block that
// segmentation found (never re-detected here), with ICU's locale-aware date parsing driven by the
// patterns of rules/<lang>/date-formats.toml.
#include <unicode/calendar.h>
#include <unicode/decimfmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/regex.h>
#include <unicode/simpletz.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "data/data.hpp"
#include "rules/organisation.hpp"  // names_the_sender
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "late-reply",
    .category = Category::content,
    .default_severity = Severity::warning,
    .summary = N_("a reply sent more than a business day after the original, with no apology"),
    .docs = R"md(
## What it flags
A reply sent more than `max-delay` after the message it answers (one business day by default;
weekends and `holidays` do not count) whose own text does not apologise for the delay
("disculpe la demora", "sentimos el retraso", "ζητούμε συγγνώμη για την καθυστέρηση",
"sorry for the delay", "thank you for your patience"…: `rules/<lang>/late-reply.toml`).

The original's time is read from the attribution line or the Outlook header block that quotes
it, in Spanish, Greek or English, as Gmail, Outlook, Apple Mail, Thunderbird and Roundcube write
them ("El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:", "Στάλθηκε: Παρασκευή, 7
Φεβρουαρίου 2025 6:40 μμ", "On Mon, Feb 3, 2025 at 10:12 AM Ana <ana@example.com> wrote:",
"Date: Mon, 3 Feb 2025 10:12:00 +0100"), with ICU's date parsing and the patterns of
`rules/<lang>/date-formats.toml`; Apple Mail's HTML replies put the attribution line inside the
quote, as its first line, and Outlook may name the zone after the time ("5:30 PM (UTC-06:00)
Central Time"). When several originals are quoted, the latest counts (the one being
answered); forwarded messages and quotes nested inside quotes do not. When the latest is the
sender's own (its attribution line or header block names the From address: a follow-up or a
reminder), nothing is flagged. The reply's time is its
`Date` header, or the time of the check when it has none (a draft checked before sending). A date
without a zone is taken in the reply's zone, and business days are counted in that zone too.
Numeric dates are read day first in Spanish and Greek; in English month first with AM/PM (US),
day first with a 24-hour time (UK). A day half is read however it is written ("6:40 pm", "6:40
p. m.", "6:40 P.M.", "6:40 μ.μ."). No date found, or one after the reply: nothing is flagged.

## Why
Answer within a day, ideally within the hour (seeds/001); answer within 24 hours (seeds/004 §4),
and when you answer late, say so and apologise (seeds/004 §15).

## Example
```text
Date: Thu, 6 Feb 2025 09:30:00 +0100

Hola Ana:

Le confirmamos que el reembolso ya está en camino.

Un saludo,
Lucía

El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:
> ¿Cuándo recibiré el reembolso?
```
Use instead:
```text
Date: Thu, 6 Feb 2025 09:30:00 +0100

Hola Ana:

Disculpe la demora. Le confirmamos que el reembolso ya está en camino.

Un saludo,
Lucía

El lun, 3 feb 2025 a las 10:12, Ana <ana@example.es> escribió:
> ¿Cuándo recibiré el reembolso?
```

## Options
`max-delay` (default 1d): the longest delay left alone, in business days ("1d": a message of
Monday answered on Tuesday, or of Friday evening answered on Monday, is on time; calendar dates
in the reply's zone; a message of a weekend or a holiday counts from the next business day, so
Sunday's answered on Tuesday is one day) or in business hours ("36h": elapsed time, weekend and holiday hours left
out).

`holidays` (default []): days that do not count, as ISO dates ("2025-12-25") or, every year, as
month and day ("12-25", "01-06").

`weekend` (default ["saturday", "sunday"]): the weekdays that do not count, in English.

`now` (default clock): the time of a reply that has no `Date` header: the clock, or an RFC 3339
time ("2025-02-06T09:30:00+01:00"). For tests and for replaying old drafts.
)md",
    .options =
        {
            {"max-delay", std::string{"1d"},
             "longest delay left alone: business days (1d) or hours (36h)"},
            {"holidays", std::vector<std::string>{},
             "ISO dates (2025-12-25) or month-days (12-25) that do not count"},
            {"weekend", std::vector<std::string>{"saturday", "sunday"},
             "weekdays that do not count"},
            {"now", std::string{"clock"},
             "time of a reply without a Date header: clock, or RFC 3339"},
        },
};

constexpr std::int64_t k_day = 86400;
constexpr std::int64_t k_max_days_counted = 3660;  // a longer gap is late whatever the calendar
constexpr std::int64_t k_clock_skew = 600;  // an original this far after the reply is misread

[[noreturn]] void bad_option(const std::string& message) {
  throw std::invalid_argument("late-reply: " + message);
}

// Days since 1970-01-01 of a civil date; nullopt for an impossible one.
std::optional<std::int64_t> day_number(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// "+01:00", "-0530", "Z" at the end of an RFC 3339 or RFC 5322 date: seconds east of UTC.
std::optional<std::int64_t> zone_offset(std::string_view date) {
  if (!date.empty() && (date.back() == 'Z' || date.back() == 'z')) return 0;
  std::string digits;
  std::size_t i = date.size();
  while (i > 0 && (std::isdigit(static_cast<unsigned char>(date[i - 1])) || date[i - 1] == ':') &&
         date.size() - i < 6)
    --i;
  if (i == 0 || (date[i - 1] != '+' && date[i - 1] != '-')) return std::nullopt;
  for (const char c : date.substr(i))
    if (c != ':') digits += c;
  if (digits.size() != 4) return std::nullopt;
  const int hours = std::stoi(digits.substr(0, 2)), minutes = std::stoi(digits.substr(2));
  const std::int64_t offset = hours * 3600 + minutes * 60;
  return date[i - 1] == '-' ? -offset : offset;
}

// An instant and the UTC offset of the zone it was written in.
struct Moment {
  std::int64_t unix = 0;
  std::int64_t offset = 0;
};

// "2025-02-06T09:30:00+01:00" (RFC 3339, seconds optional).
std::optional<Moment> parse_rfc3339(const std::string& text) {
  int year = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  unsigned month = 0, day = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u%*1[Tt ]%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &consumed) < 5)
    return std::nullopt;
  std::string_view rest = std::string_view(text).substr(static_cast<std::size_t>(consumed));
  if (rest.size() >= 3 && rest[0] == ':') {
    second = std::stoi(std::string(rest.substr(1, 2)));
    rest.remove_prefix(3);
  }
  const std::optional<std::int64_t> offset = zone_offset(rest);
  const std::optional<std::int64_t> days = day_number(year, month, day);
  if (!offset || !days || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return Moment{*days * k_day + hour * 3600 + minute * 60 + second - *offset, *offset};
}

// The delay a rule instance leaves alone.
struct MaxDelay {
  std::int64_t amount = 1;
  bool in_hours = false;
};

MaxDelay parse_max_delay(const std::string& text) {
  MaxDelay delay;
  std::size_t used = 0;
  try {
    delay.amount = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string unit = used > 0 ? text.substr(used) : "";
  if (used == 0 || delay.amount < 0 || (unit != "d" && unit != "h"))
    bad_option(
        "option 'max-delay' must be business days or hours such as \"1d\" or \"36h\", not '" +
        text + "'");
  delay.in_hours = unit == "h";
  return delay;
}

// The classes of the first tokens a date reads, '1' for a number and 'a' for a word, '?' for
// either (a month), and 0 for anything (past a zone field, or past the text's end). A format whose
// shape differs from the text's at the place tried cannot read a date there, and ICU's parse (tens
// of thousands of instructions, even when it fails) is not asked. Punctuation and spaces separate
// tokens, as lenient parsing lets them vary.
constexpr std::size_t k_shape_tokens = 6;
using Shape = std::array<char, k_shape_tokens>;

Shape pattern_shape(std::string_view pattern) {
  Shape shape{};
  std::size_t count = 0;
  auto add = [&](char token) {
    if (count < k_shape_tokens) shape[count++] = token;
  };
  for (std::size_t i = 0; i < pattern.size() && count < k_shape_tokens;) {
    const char c = pattern[i];
    if (c == '\'') {  // a quoted literal: its words and numbers are tokens of the text too
      std::size_t end = pattern.find('\'', i + 1);
      if (end == std::string_view::npos) end = pattern.size();
      char last = 0;
      for (std::size_t j = i + 1; j < end; ++j) {
        const auto byte = static_cast<unsigned char>(pattern[j]);
        const char token = std::isdigit(byte)                     ? '1'
                           : (std::isalpha(byte) || byte >= 0x80) ? 'a'
                                                                  : 0;
        if (token != 0 && token != last) add(token);
        last = token;
      }
      i = end + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    std::size_t end = pattern.find_first_not_of(c, i);
    if (end == std::string_view::npos) end = pattern.size();
    const std::size_t width = end - i;
    if (std::string_view("dyYuUDHhKkmsS").find(c) != std::string_view::npos)
      add('1');
    else if (c == 'M' || c == 'L')  // lenient parsing reads a month as a number or a name,
      add(count > 0    ? '?'
          : width <= 2 ? '1'
                       : 'a');  // but a parse is tried only where
                                // the pattern's first field can start
    else if (c == 'e' || c == 'c')
      add(width <= 2 ? '1' : 'a');
    else if (c == 'E' || c == 'a' || c == 'G' || c == 'B' || c == 'b')
      add('a');
    else
      break;  // a zone or another field of many shapes: what follows is not constrained
    i = end;
  }
  return shape;
}

Shape text_shape(const icu::UnicodeString& text, int32_t at) {
  Shape shape{};
  std::size_t count = 0;
  while (at < text.length() && count < k_shape_tokens) {
    const UChar32 c = text.char32At(at);
    const bool digit = u_isdigit(c) != 0, letter = !digit && u_isalpha(c) != 0;
    if (!digit && !letter) {
      at += U16_LENGTH(c);
      continue;
    }
    shape[count++] = digit ? '1' : 'a';
    while (at < text.length()) {
      const UChar32 next = text.char32At(at);
      if (digit ? u_isdigit(next) == 0 : (u_isalpha(next) == 0 && u_getCombiningClass(next) == 0))
        break;
      at += U16_LENGTH(next);
    }
  }
  return shape;
}

bool shapes_agree(const Shape& pattern, const Shape& text) {
  for (std::size_t i = 0; i < k_shape_tokens; ++i)
    if (pattern[i] != 0 && pattern[i] != '?' && text[i] != 0 && pattern[i] != text[i]) return false;
  return true;
}

// Where the token after the first `tokens` tokens of the text from `at` starts (tokens as
// text_shape reads them), or the text's end (also past a number with an exponent).
int32_t after_tokens(const icu::UnicodeString& text, int32_t at, int32_t tokens) {
  int32_t count = 0;
  while (at < text.length()) {
    const UChar32 c = text.char32At(at);
    const bool digit = u_isdigit(c) != 0, letter = !digit && u_isalpha(c) != 0;
    if (!digit && !letter) {
      at += U16_LENGTH(c);
      continue;
    }
    if (count++ == tokens) return at;
    while (at < text.length()) {
      const UChar32 next = text.char32At(at);
      if (digit ? u_isdigit(next) == 0 : (u_isalpha(next) == 0 && u_getCombiningClass(next) == 0))
        break;
      at += U16_LENGTH(next);
    }
    // A number field reads an exponent too ("2025E3"): where it ends is not bounded here.
    if (digit && at < text.length() && (text.charAt(at) == u'e' || text.charAt(at) == u'E'))
      return text.length();
  }
  return text.length();
}

// How many tokens of the text a pattern can read at most, or 0 when that is not bounded. A
// number field reads one run of digits, a weekday or month field one name (names of one token
// each: compile_language checks) or one number, and a literal, which lenient parsing may match
// only in part, no more than its own words and numbers; what lies between tokens (spaces,
// punctuation, a name's trailing ".") is no token. Other fields (AM/PM "p. m.", zones "GMT+01:00",
// eras) may read several.
int32_t max_tokens(std::string_view pattern) {
  int32_t count = 0;
  char last = 0;  // the class of the literal character before, so that a run counts once
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      const std::size_t end = std::min(pattern.find('\'', i + 1), pattern.size());
      for (std::size_t j = i + 1; j < end; ++j) {
        const auto byte = static_cast<unsigned char>(pattern[j]);
        const char token = std::isdigit(byte)                     ? '1'
                           : (std::isalpha(byte) || byte >= 0x80) ? 'a'
                                                                  : 0;
        if (token != 0 && token != last) ++count;
        last = token;
      }
      i = end + 1;
      continue;  // a quoted run and the literal characters around it are one literal
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      if (std::string_view("EMLdyHhKkms").find(c) == std::string_view::npos) return 0;
      ++count;
      last = 0;
      i = pattern.find_first_not_of(c, i);
      if (i == std::string_view::npos) break;
      continue;
    }
    const char token = std::isdigit(static_cast<unsigned char>(c)) ? '1' : 0;
    if (token != 0 && token != last) ++count;
    last = token;
    ++i;
  }
  return count;
}

// How a lenient pattern moves through the text, step by step: a field or a literal run, as ICU's
// SimpleDateFormat::parse walks them. What does not change how far a step reads is dropped, so
// that two patterns differing only there have equal steps: every width of E reads the same names
// (wide, abbreviated, short, narrow), MMM and MMMM both read wide and abbreviated months (and a
// number), the hour letters H, h, K and k read the same digits (their values differ, not how far
// they read), and so do all widths of a number field that does not abut another field.
struct ReadingStep {
  bool field = false;
  char16_t letter = 0;
  int32_t width = 0;
  bool numeric = false;  // a field ICU reads as a number (no trailing "." is skipped after it)
  icu::UnicodeString literal;
  bool operator==(const ReadingStep&) const = default;
};

// The steps of a pattern, or nullopt when it has a field whose reading is not modelled here.
std::optional<std::vector<ReadingStep>> reading_steps(const icu::UnicodeString& pattern) {
  auto letter = [](char16_t c) { return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z'); };
  std::vector<ReadingStep> steps;
  for (int32_t i = 0; i < pattern.length();) {
    const char16_t c = pattern.charAt(i);
    if (letter(c)) {
      int32_t width = 1;
      while (i + width < pattern.length() && pattern.charAt(i + width) == c) ++width;
      i += width;
      ReadingStep step{.field = true, .letter = c, .width = width};
      switch (c) {
        case u'E':
          step.width = 0;
          break;
        case u'M':
        case u'L':
          step.numeric = width <= 2;
          if (width == 4) step.width = 3;
          break;
        case u'H':
        case u'h':
        case u'K':
        case u'k':
          step.letter = u'H';
          step.numeric = true;
          break;
        case u'd':
        case u'y':
        case u'm':
        case u's':
          step.numeric = true;
          break;
        case u'a':
        case u'Z':
          break;
        default:
          return std::nullopt;
      }
      steps.push_back(step);
      continue;
    }
    // A literal run, gathered as ICU's matchLiterals gathers it ('' is a quote, in quotes or not).
    ReadingStep step;
    bool quoted = false;
    for (; i < pattern.length(); ++i) {
      const char16_t l = pattern.charAt(i);
      if (!quoted && letter(l)) break;
      if (l == u'\'') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == u'\'') {
          ++i;
        } else {
          quoted = !quoted;
          continue;
        }
      }
      step.literal += l;
    }
    step.literal.trim();  // lenient parsing trims a literal run and skips the text's spaces
    steps.push_back(step);
  }
  // A number field's width only counts among abutting fields ("HHmm"); elsewhere any width reads
  // the same digits.
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].numeric && (i == 0 || !steps[i - 1].field) &&
        (i + 1 == steps.size() || !steps[i + 1].field))
      steps[i].width = 0;
  return steps;
}

// Whether pattern `later` can never read further than pattern `earlier` read at the same place,
// once `earlier` has read a date there. Equal steps read equally far. Steps that are the first
// steps of `earlier`, up to a number field followed there by a literal, read exactly as far as
// `earlier` did after those steps, and `earlier` reads on from there (ICU's fields and literals
// never move back; a trailing "." is skipped only after a field that is not a number).
bool reads_no_further(const std::vector<ReadingStep>& later,
                      const std::vector<ReadingStep>& earlier) {
  if (later.empty()) return false;
  if (later == earlier) return true;
  if (later.size() >= earlier.size() || !later.back().field || !later.back().numeric) return false;
  return std::equal(later.begin(), later.end(), earlier.begin()) && !earlier[later.size()].field;
}

// How many numbers a text must hold for the pattern to read it: one per number field (d, y, the
// hours, m, s) that abuts no other number field. ICU reads such a field's digits to the end of
// their run, so no two of them share a run of digits (fields that abut, "HHmm", may split one,
// and are not counted); a month may be a name, and is not counted either.
int32_t numbers_needed(const std::optional<std::vector<ReadingStep>>& steps) {
  if (!steps) return 0;
  auto number_field = [&](std::size_t i) { return (*steps)[i].field && (*steps)[i].numeric; };
  int32_t needed = 0;
  for (std::size_t i = 0; i < steps->size(); ++i)
    if (number_field(i) &&
        std::u16string_view(u"dyHms").find((*steps)[i].letter) != std::u16string_view::npos &&
        (i == 0 || !number_field(i - 1)) && (i + 1 == steps->size() || !number_field(i + 1)))
      ++needed;
  return needed;
}

// Runs of digits in `text` that start at `at` or later, one array entry per position (a change of
// digit set, "12٣٤", starts a run: ICU's number parse may stop there).
std::vector<int32_t> digit_runs_from(const icu::UnicodeString& text) {
  const int32_t length = text.length();
  std::vector<int32_t> runs(static_cast<std::size_t>(length) + 1, 0);
  const char16_t* const units = text.getBuffer();
  UChar32 previous_zero = -1;  // the zero of the digit before, -1 after a non-digit
  for (int32_t at = 0; at < length;) {
    const int32_t here = at;
    UChar32 c = 0;
    U16_NEXT(units, at, length, c);
    const UChar32 zero = c < 0x80       ? (c >= u'0' && c <= u'9' ? u'0' : -1)
                         : u_isdigit(c) ? c - u_charDigitValue(c)
                                        : -1;
    if (zero != -1 && zero != previous_zero) runs[static_cast<std::size_t>(here)] = 1;
    previous_zero = zero;
  }
  for (std::size_t at = runs.size() - 1; at-- > 0;) runs[at] += runs[at + 1];
  return runs;
}

// One language's date patterns, compiled with its locale's names stripped of their accents (the
// text is stripped the same way), so "Μαΐ", "Μαϊ" and "Μαι" or "mié" and "mie" all parse.
struct LanguageDates {
  std::string language;
  std::vector<std::unique_ptr<icu::SimpleDateFormat>> formats;
  std::vector<Shape> shapes;  // per format
  // Per format, max_tokens (0: not bounded): a format that cannot read past the best reading
  // at a place is not tried there.
  std::vector<int32_t> max_tokens;
  // Per format, the earlier formats it cannot outread (reads_no_further): once one of them has
  // read a date at a place, and no further than the best reading there, the format is not tried.
  std::vector<std::vector<std::size_t>> outread_by;
  // Per format, numbers_needed: a format needing more numbers than the text holds from the place
  // on is not tried, unless the text spells a number out (the NaN and infinity symbols that ICU's
  // number parse reads, folded).
  std::vector<int32_t> numbers_needed;
  std::vector<icu::UnicodeString> spelled_numbers;
  std::vector<std::string> date_fields;                         // folded
  std::vector<std::unique_ptr<icu::RegexPattern>> attribution;  // the segmenter's patterns
  // The first two letters, lowercase, of every month and weekday name: each format starts with
  // a number or such a name, so a parse is tried only where one starts (ICU's parse is costly,
  // and an attribution line has a dozen word starts).
  std::set<std::u16string> name_starts;
  // The locale's day halves as ICU reads them ("a. m.", "p. m."; "π.μ.", "μ.μ."; "AM", "PM"),
  // and their letters, case-folded ("am", "pm"): with_own_day_halves().
  std::vector<icu::UnicodeString> day_halves;
  std::vector<std::u16string> day_half_letters;
};

bool is_blank(char16_t c) { return c == u' ' || c == u'\t'; }

// Past the spaces and tabs from `at` (no-break spaces are plain by then: plain_spaces()).
int32_t after_blanks(const icu::UnicodeString& line, int32_t at) {
  while (at < line.length() && is_blank(line.charAt(at))) ++at;
  return at;
}

// Where the day half `letters` ("pm") written at `at` ends ("pm", "p.m.", "P. M.": its letters
// in order, a period or blanks between them, a period after), or -1. No letter may follow.
int32_t day_half_end(const icu::UnicodeString& line, int32_t at, const std::u16string& letters) {
  for (std::size_t k = 0; k < letters.size(); ++k) {
    if (k > 0) {
      if (at < line.length() && line.charAt(at) == u'.') ++at;
      at = after_blanks(line, at);
    }
    if (at >= line.length() || u_foldCase(line.charAt(at), U_FOLD_CASE_DEFAULT) != letters[k])
      return -1;
    ++at;
  }
  if (at < line.length() && line.charAt(at) == u'.') ++at;
  return at < line.length() && u_isalpha(line.char32At(at)) ? -1 : at;
}

// The line with a day half written after a number in another way than the locale's ("6:40 pm",
// "6:40 P.M." in Spanish, where ICU reads only "p. m.") written the locale's way: lenient ICU
// would read "6:40 pm" as 06:40.
icu::UnicodeString with_own_day_halves(const icu::UnicodeString& line,
                                       const LanguageDates& language) {
  icu::UnicodeString out;
  int32_t copied = 0;
  for (int32_t i = 0; i + 1 < line.length(); ++i) {
    if (!u_isdigit(line.charAt(i)) || u_isdigit(line.charAt(i + 1))) continue;
    const int32_t at = after_blanks(line, i + 1);
    for (std::size_t h = 0; h < language.day_halves.size(); ++h) {
      const int32_t end = day_half_end(line, at, language.day_half_letters[h]);
      if (end < 0) continue;
      // One space, then the locale's spelling: ICU's pattern has one space before the day half.
      const icu::UnicodeString own = icu::UnicodeString(u" ") + language.day_halves[h];
      if (line.compare(i + 1, end - (i + 1), own) != 0) {
        out.append(line, copied, i + 1 - copied);
        out.append(own);
        copied = end;
      }
      i = end - 1;
      break;
    }
  }
  if (copied == 0) return line;
  out.append(line, copied, line.length() - copied);
  return out;
}

std::u16string name_start(const icu::UnicodeString& text, int32_t at) {
  icu::UnicodeString two{text, at, 2};
  two.foldCase();
  return std::u16string(two.getBuffer(), static_cast<std::size_t>(two.length()));
}

// The no-break spaces some clients put before "AM" or inside dates, and ICU inside its own names
// ("p.\u00A0m."), made plain spaces on both sides of a parse.
void plain_spaces(icu::UnicodeString& text) {
  // One pass over the units (most lines have none to replace, and are then left unshared).
  const char16_t* const units = text.getBuffer();
  for (int32_t i = 0, length = text.length(); i < length; ++i) {
    const char16_t c = units[i];
    if (c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007) {
      for (int32_t j = i; j < length; ++j) {
        const char16_t d = text.charAt(j);
        if (d == 0x00A0 || d == 0x202F || d == 0x2009 || d == 0x2007) text.setCharAt(j, u' ');
      }
      return;
    }
  }
}

icu::UnicodeString stripped(const icu::UnicodeString& text) {
  std::string utf8;
  text.toUTF8String(utf8);
  return icu::UnicodeString::fromUTF8(text::strip_marks(utf8));
}

std::unique_ptr<icu::DateFormatSymbols> stripped_symbols(const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  auto symbols = std::make_unique<icu::DateFormatSymbols>(locale, status);
  if (U_FAILURE(status)) return nullptr;
  using Symbols = icu::DateFormatSymbols;
  auto strip_all = [](const icu::UnicodeString* names, int32_t count) {
    std::vector<icu::UnicodeString> out;
    for (int32_t i = 0; i < count; ++i) out.push_back(stripped(names[i]));
    return out;
  };
  for (const auto context : {Symbols::FORMAT, Symbols::STANDALONE}) {
    for (const auto width : {Symbols::WIDE, Symbols::ABBREVIATED}) {
      int32_t count = 0;
      const icu::UnicodeString* names = symbols->getMonths(count, context, width);
      std::vector<icu::UnicodeString> months = strip_all(names, count);
      symbols->setMonths(months.data(), count, context, width);
      names = symbols->getWeekdays(count, context, width);
      std::vector<icu::UnicodeString> weekdays = strip_all(names, count);
      symbols->setWeekdays(weekdays.data(), count, context, width);
    }
  }
  int32_t count = 0;
  const icu::UnicodeString* names = symbols->getAmPmStrings(count);
  std::vector<icu::UnicodeString> am_pm = strip_all(names, count);
  for (icu::UnicodeString& name : am_pm) plain_spaces(name);  // es: "a.\u00A0m.", "p.\u00A0m."
  symbols->setAmPmStrings(am_pm.data(), count);
  return symbols;
}

LanguageDates compile_language(const data::LanguageData& data) {
  LanguageDates out;
  out.language = data.code;
  out.date_fields = data.date_fields;
  const icu::Locale locale(data.code.c_str());
  const std::unique_ptr<icu::DateFormatSymbols> symbols = stripped_symbols(locale);
  if (symbols) {
    int32_t count = 0;
    const icu::UnicodeString* halves = symbols->getAmPmStrings(count);
    for (int32_t i = 0; i < count; ++i) {
      std::u16string letters;
      for (int32_t j = 0; j < halves[i].length(); ++j)
        if (u_isalpha(halves[i].charAt(j)))
          letters.push_back(
              static_cast<char16_t>(u_foldCase(halves[i].charAt(j), U_FOLD_CASE_DEFAULT)));
      if (letters.empty()) continue;
      out.day_halves.push_back(halves[i]);
      out.day_half_letters.push_back(std::move(letters));
    }
  }
  bool names_one_token = symbols != nullptr;  // every month and weekday name, for max_tokens
  auto one_token = [](const icu::UnicodeString& name) {
    return name.isEmpty() || after_tokens(name, 0, 1) == name.length();
  };
  if (symbols) {
    using Symbols = icu::DateFormatSymbols;
    for (const auto context : {Symbols::FORMAT, Symbols::STANDALONE}) {
      for (const auto width : {Symbols::SHORT, Symbols::NARROW}) {  // lenient parsing reads them
        int32_t count = 0;
        const icu::UnicodeString* names = symbols->getWeekdays(count, context, width);
        for (int32_t i = 0; i < count; ++i)
          names_one_token = names_one_token && one_token(names[i]);
        if (width == Symbols::SHORT) continue;  // months have no short width
        names = symbols->getMonths(count, context, width);
        for (int32_t i = 0; i < count; ++i)
          names_one_token = names_one_token && one_token(names[i]);
      }
    }
    for (const auto context : {Symbols::FORMAT, Symbols::STANDALONE}) {
      for (const auto width : {Symbols::WIDE, Symbols::ABBREVIATED}) {
        int32_t count = 0;
        const icu::UnicodeString* names = symbols->getMonths(count, context, width);
        for (int32_t i = 0; i < count; ++i) {
          out.name_starts.insert(name_start(names[i], 0));
          names_one_token = names_one_token && one_token(names[i]);
        }
        names = symbols->getWeekdays(count, context, width);
        for (int32_t i = 0; i < count; ++i) {
          if (!names[i].isEmpty()) out.name_starts.insert(name_start(names[i], 0));
          names_one_token = names_one_token && one_token(names[i]);
        }
      }
    }
  }
  for (const std::string& pattern : data.date_formats) {
    UErrorCode status = U_ZERO_ERROR;
    auto format = std::make_unique<icu::SimpleDateFormat>(
        stripped(icu::UnicodeString::fromUTF8(pattern)), locale, status);
    if (U_FAILURE(status)) continue;  // the loader compiled it already
    if (symbols) format->adoptDateFormatSymbols(new icu::DateFormatSymbols(*symbols));
    format->setLenient(true);  // "feb." for "feb", "μμ" for "μ.μ.", extra spaces
    out.formats.push_back(std::move(format));
    out.shapes.push_back(pattern_shape(pattern));
    out.max_tokens.push_back(names_one_token ? max_tokens(pattern) : 0);
  }
  // ICU moves a number field's end back over a number suffix that the pattern repeats
  // (checkIntSuffix): with such a suffix, reading_steps no longer says how far a field reads.
  const bool plain_numbers = std::all_of(out.formats.begin(), out.formats.end(), [](const auto& f) {
    const auto* decimal = dynamic_cast<const icu::DecimalFormat*>(f->getNumberFormat());
    icu::UnicodeString positive, negative;
    return decimal != nullptr && decimal->getPositiveSuffix(positive).isEmpty() &&
           decimal->getNegativeSuffix(negative).isEmpty();
  });
  std::vector<std::optional<std::vector<ReadingStep>>> steps;
  for (const auto& format : out.formats) {
    icu::UnicodeString pattern;
    steps.push_back(plain_numbers ? reading_steps(format->toPattern(pattern)) : std::nullopt);
  }
  out.outread_by.resize(out.formats.size());
  for (std::size_t later = 0; later < steps.size(); ++later)
    for (std::size_t earlier = 0; earlier < later; ++earlier)
      if (steps[later] && steps[earlier] && reads_no_further(*steps[later], *steps[earlier]))
        out.outread_by[later].push_back(earlier);
  for (std::size_t f = 0; f < steps.size(); ++f) {
    out.numbers_needed.push_back(numbers_needed(steps[f]));
    const auto* decimal =
        dynamic_cast<const icu::DecimalFormat*>(out.formats[f]->getNumberFormat());
    if (decimal == nullptr) {
      out.numbers_needed.back() = 0;
      continue;
    }
    for (const auto symbol :
         {icu::DecimalFormatSymbols::kNaNSymbol, icu::DecimalFormatSymbols::kInfinitySymbol}) {
      icu::UnicodeString spelled = decimal->getDecimalFormatSymbols()->getConstSymbol(symbol);
      spelled.foldCase();
      if (std::find(out.spelled_numbers.begin(), out.spelled_numbers.end(), spelled) ==
          out.spelled_numbers.end())
        out.spelled_numbers.push_back(spelled);
    }
  }
  out.spelled_numbers.emplace_back(UChar32{0x221E});  // ∞, read whatever the symbol
  for (const auto* patterns : {&data.attribution, &data.attribution_end}) {
    for (const data::Pattern& pattern : *patterns) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError error{};
      std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
          icu::UnicodeString::fromUTF8(pattern.regex), UREGEX_CASE_INSENSITIVE, error, status));
      if (U_SUCCESS(status)) out.attribution.push_back(std::move(compiled));
    }
  }
  return out;
}

// The text as the date patterns see it: accents stripped, no-break spaces made plain.
icu::UnicodeString prepared(std::string_view text) {
  icu::UnicodeString out = icu::UnicodeString::fromUTF8(text::strip_marks(text));
  plain_spaces(out);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '*'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// A date found in a quoted original.
// Rules whose format copies one thread keeps (a thread outlives the runs of a test binary).
constexpr std::size_t k_max_remembered_rules = 64;

struct Original {
  std::int64_t unix = 0;
  Range range;  // the attribution line or header field it was read from
};

class LateReply final : public Rule {
 public:
  explicit LateReply(const RuleContext& context)
      : m_data(context.data),
        m_phrases(context.data, k_info.id, context.spell),
        m_max_delay(parse_max_delay(context.options.string("max-delay"))) {
    for (const std::string& holiday : context.options.list("holidays")) add_holiday(holiday);
    for (const std::string& name : context.options.list("weekend")) add_weekend_day(name);
    if (const std::string& now = context.options.string("now"); now != "clock") {
      m_now = parse_rfc3339(now);
      if (!m_now)
        bad_option(
            "option 'now' must be an RFC 3339 time such as \"2025-02-06T09:30:00+01:00\", not '" +
            now + "'");
    }
    for (const auto& [code, language] : context.data.languages) {
      m_help.emplace(code, help_of(language));
      if (!language.date_formats.empty() || !language.date_fields.empty())
        m_languages.push_back(compile_language(language));
    }
  }

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    bool any = false;
    bool first_quote = true;
    for (const draft::Segment& segment : draft.segments) {
      any = any || segment.kind == draft::SegmentKind::attribution ||
            segment.kind == draft::SegmentKind::original_header;
      if (segment.kind == draft::SegmentKind::quote && std::exchange(first_quote, false))
        any = any || (segment.depth == 1 && opens_with_a_colon_line(draft.text(), segment.range));
    }
    if (!any) return;  // the common case costs one pass over the segments
    const Moment reply = reply_time(draft.message());
    const std::optional<Original> original = latest_original(draft, reply);
    if (!original) return;
    const std::int64_t reply_day = floor_div(reply.unix + reply.offset, k_day);
    const std::int64_t original_day = floor_div(original->unix + reply.offset, k_day);
    std::int64_t delay = 0;
    if (m_max_delay.in_hours) {
      delay = business_seconds(original->unix, reply, original_day, reply_day) / 3600;
    } else {
      // A message that arrives on a weekend or a holiday is read on the next business day.
      std::int64_t received_day = original_day;
      while (received_day < reply_day && !is_business_day(received_day)) ++received_day;
      delay = business_days(received_day, reply_day);
    }
    if (delay <= m_max_delay.amount) return;
    if (!m_phrases.find(draft).empty()) return;  // an apology: late, but said so
    const std::string language = draft.language.empty() ? "en" : draft.language;
    // Whole templates, one per unit and number, so that each language words them its own way.
    auto finding =
        m_max_delay.in_hours
            ? out.report(original->range, "reply sent {} business hours after the original", delay)
        : delay == 1
            ? out.report(original->range, "reply sent {} business day after the original", delay)
            : out.report(original->range, "reply sent {} business days after the original", delay);
    if (const auto help = m_help.find(language); help != m_help.end() && !help->second.empty())
      finding.help(help->second);
    else
      finding.help("apologise for the delay in the first lines of the reply");
  }

 private:
  static std::string help_of(const data::LanguageData& language) {
    const auto list = language.phrases.find(std::string(k_info.id));
    if (list == language.phrases.end() || list->second.empty()) return {};
    return list->second.front().help;
  }

  void add_holiday(const std::string& text) {
    int year = 0;
    unsigned month = 0, day = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &extra) == 3 &&
        day_number(year, month, day)) {
      m_holidays.insert(*day_number(year, month, day));
    } else if (std::sscanf(text.c_str(), "%2u-%2u%c", &month, &day, &extra) == 2 &&
               day_number(2000, month, day)) {  // 2000 is a leap year: 02-29 is a day
      m_yearly_holidays.insert(month * 100 + day);
    } else {
      bad_option(
          "option 'holidays' takes ISO dates (\"2025-12-25\") or month-days (\"12-25\"), not '" +
          text + "'");
    }
  }

  void add_weekend_day(const std::string& name) {
    static const std::vector<std::string> k_names = {"sunday",   "monday", "tuesday", "wednesday",
                                                     "thursday", "friday", "saturday"};
    const std::string folded = text::fold(name);
    for (unsigned i = 0; i < k_names.size(); ++i)
      if (k_names[i] == folded || (folded.size() == 3 && k_names[i].substr(0, 3) == folded)) {
        m_weekend.insert(i);
        return;
      }
    bad_option("option 'weekend' takes English weekday names (\"saturday\"), not '" + name + "'");
  }

  bool is_weekend(std::int64_t day) const {
    const std::chrono::sys_days date{std::chrono::days{day}};
    return m_weekend.count(std::chrono::weekday{date}.c_encoding()) > 0;
  }

  bool is_business_day(std::int64_t day) const {
    if (is_weekend(day) || m_holidays.count(day) > 0) return false;
    if (m_yearly_holidays.empty()) return true;
    const std::chrono::year_month_day civil{std::chrono::sys_days{std::chrono::days{day}}};
    return m_yearly_holidays.count(static_cast<unsigned>(civil.month()) * 100 +
                                   static_cast<unsigned>(civil.day())) == 0;
  }

  // Business days after the original's day, up to and including the reply's. Counted by whole
  // weeks and then holidays, not day by day: a draft checked without a Date header against an
  // original of last year spans hundreds of days.
  std::int64_t business_days(std::int64_t from_day, std::int64_t to_day) const {
    if (to_day <= from_day) return 0;
    const std::int64_t last = std::min(to_day, from_day + k_max_days_counted);
    const std::int64_t weeks = (last - from_day) / 7;
    std::int64_t count = weeks * static_cast<std::int64_t>(7 - m_weekend.size());
    for (std::int64_t day = from_day + 1 + weeks * 7; day <= last; ++day)
      count += is_weekend(day) ? 0 : 1;
    auto in_span = [&](std::int64_t day) { return day > from_day && day <= last; };
    for (const std::int64_t holiday : m_holidays)
      if (in_span(holiday) && !is_weekend(holiday)) --count;
    if (!m_yearly_holidays.empty()) {
      const auto year_of = [](std::int64_t day) {
        return static_cast<int>(
            std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}}.year());
      };
      for (int year = year_of(from_day + 1); year <= year_of(last); ++year)
        for (const unsigned month_day : m_yearly_holidays) {
          const std::optional<std::int64_t> day =
              day_number(year, month_day / 100, month_day % 100);
          if (day && in_span(*day) && !is_weekend(*day) && m_holidays.count(*day) == 0) --count;
        }
    }
    return count + (to_day - last);
  }

  // Seconds between the two instants that fall on business days (in the reply's zone).
  std::int64_t business_seconds(std::int64_t from, const Moment& reply, std::int64_t from_day,
                                std::int64_t to_day) const {
    std::int64_t total = 0;
    const std::int64_t last = std::min(to_day, from_day + k_max_days_counted);
    for (std::int64_t day = from_day; day <= last; ++day) {
      if (!is_business_day(day)) continue;
      const std::int64_t begin = day * k_day - reply.offset, end = begin + k_day;
      total += std::max<std::int64_t>(0, std::min(end, reply.unix) - std::max(begin, from));
    }
    return total + (to_day - last) * k_day;
  }

  Moment reply_time(const message::Message& message) const {
    if (message.date_unix) return {*message.date_unix, zone_offset(message.date).value_or(0)};
    if (m_now) return *m_now;
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createDefault());
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    zone->getOffset(static_cast<UDate>(now) * 1000.0, false, raw, dst, status);
    return {now, U_SUCCESS(status) ? (raw + dst) / 1000 : 0};
  }

  // The latest date of the originals quoted at the top level (attribution lines and header
  // blocks; forwards and quotes inside quotes are older or not answered).
  std::optional<Original> latest_original(const Draft& draft, const Moment& reply) const {
    std::optional<Original> latest;
    draft::Range latest_segment;
    auto consider = [&](std::optional<std::int64_t> unix, Range range,
                        const draft::Segment& segment) {
      if (unix && (!latest || *unix > latest->unix)) {
        latest = Original{*unix, range};
        latest_segment = segment.range;
      }
    };
    const std::string_view text = draft.text();
    for (const draft::Segment& segment : draft.segments) {
      if (segment.kind == draft::SegmentKind::attribution) {
        const std::string_view lines = text.substr(segment.range.begin, segment.range.size());
        std::string joined(lines);
        std::replace(joined.begin(), joined.end(), '\n', ' ');
        const std::string_view body = trim(lines);
        const std::size_t begin =
            segment.range.begin + static_cast<std::size_t>(body.data() - lines.data());
        consider(parse_date(joined, languages_of_line(joined, draft.language), reply),
                 {begin, begin + body.size()}, segment);
      } else if (segment.kind == draft::SegmentKind::original_header) {
        for (std::size_t b = segment.range.begin; b < segment.range.end;) {
          std::size_t e = text.find('\n', b);
          if (e == std::string_view::npos || e > segment.range.end) e = segment.range.end;
          const std::string_view line = text.substr(b, e - b);
          if (const auto field = date_field(line)) {
            const std::string_view value = trim(line.substr(field->second));
            const std::size_t begin = b + static_cast<std::size_t>(value.data() - line.data());
            consider(parse_date(value, order(field->first, draft.language), reply),
                     {begin, begin + value.size()}, segment);
          }
          b = e + 1;
        }
      }
    }
    if (!latest) {
      // Apple Mail's HTML replies put the attribution inside the quote, as its first line
      // ("> On 7 Mar 2025, at 19:02, Ana <ana@…> wrote:").
      const auto first_quote =
          std::find_if(draft.segments.begin(), draft.segments.end(),
                       [](const draft::Segment& s) { return s.kind == draft::SegmentKind::quote; });
      if (first_quote != draft.segments.end() && first_quote->depth == 1) {
        const std::size_t end =
            std::min(text.find('\n', first_quote->range.begin), first_quote->range.end);
        std::string_view line =
            text.substr(first_quote->range.begin, end - first_quote->range.begin);
        while (!line.empty() && (line.front() == '>' || line.front() == ' ')) line.remove_prefix(1);
        line = trim(line);
        const std::string joined(line);
        if (line.ends_with(':') && is_attribution(joined)) {
          const std::size_t begin =
              first_quote->range.begin +
              static_cast<std::size_t>(line.data() - text.substr(first_quote->range.begin).data());
          consider(parse_date(joined, languages_of_line(joined, draft.language), reply),
                   {begin, begin + line.size()}, *first_quote);
        }
      }
    }
    // The latest message quoted is the sender's own: a follow-up or a reminder, not a late
    // answer (the customer's message before it was answered then).
    if (latest && names_the_sender(draft, latest_segment, m_data)) return std::nullopt;
    return latest;
  }

  // The language of a date field ("Enviado el:", "Στάλθηκε:", "Date:") and where its value starts.
  std::optional<std::pair<std::string, std::size_t>> date_field(std::string_view line) const {
    const std::string_view name = text::field_name(line);
    if (name.empty()) return std::nullopt;
    const std::size_t colon = line.find(':', static_cast<std::size_t>(name.data() - line.data()));
    const std::string folded = text::fold(name);
    for (const LanguageDates& language : m_languages)
      if (std::find(language.date_fields.begin(), language.date_fields.end(), folded) !=
          language.date_fields.end())
        return std::pair{language.language, colon + 1};
    return std::nullopt;
  }

  // Languages whose attribution patterns match the line first ("escribió", "έγραψε", "wrote"),
  // then the draft's. Only a line that matches exactly one language puts that one first, so when
  // the draft's own language matches, the order is the draft's whatever the others say, and
  // their patterns (the costly part) are not tried.
  // The offset of a zone written "(UTC-06:00)", "(UTC+01:00)", "(GMT+02:00)" or "(UTC)" in a
  // date field, in seconds.
  static std::optional<std::int64_t> written_zone(std::string_view text) {
    for (std::string_view lead : {"(UTC", "(GMT"}) {
      const std::size_t at = text.find(lead);
      if (at == std::string_view::npos) continue;
      std::string_view rest = text.substr(at + lead.size());
      if (rest.starts_with(")")) return 0;
      if (rest.size() < 7 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' || rest[6] != ')')
        continue;
      const auto digit = [&](std::size_t i) { return rest[i] >= '0' && rest[i] <= '9'; };
      if (!digit(1) || !digit(2) || !digit(4) || !digit(5)) continue;
      const std::int64_t hours = (rest[1] - '0') * 10 + (rest[2] - '0');
      const std::int64_t minutes = (rest[4] - '0') * 10 + (rest[5] - '0');
      if (hours > 14 || minutes > 59) continue;
      const std::int64_t offset = hours * 3600 + minutes * 60;
      return rest[0] == '-' ? -offset : offset;
    }
    return std::nullopt;
  }

  // True when the first line of `range` ends in ':' (white space aside): an attribution line
  // inside the quote may.
  static bool opens_with_a_colon_line(std::string_view text, Range range) {
    std::string_view line =
        text.substr(range.begin, std::min(text.find('\n', range.begin), range.end) - range.begin);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    return line.ends_with(':');
  }

  // True when an attribution pattern of some language matches `line`.
  bool is_attribution(const std::string& line) const {
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(line);
    for (std::size_t l = 0; l < m_languages.size(); ++l)
      for (const PatternMatcher& pattern : thread_matchers(l)) {
        if (!pattern.matcher) continue;
        UErrorCode status = U_ZERO_ERROR;
        pattern.matcher->reset(unicode);
        if (pattern.matcher->find(status) && U_SUCCESS(status)) return true;
      }
    return false;
  }

  std::vector<std::string> languages_of_line(const std::string& line,
                                             const std::string& draft_language) const {
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(line);
    auto matches = [&](const LanguageDates& language) {
      for (const PatternMatcher& pattern :
           thread_matchers(static_cast<std::size_t>(&language - m_languages.data()))) {
        if (!pattern.matcher) continue;
        UErrorCode status = U_ZERO_ERROR;
        pattern.matcher->reset(unicode);
        if (pattern.matcher->find(status) && U_SUCCESS(status)) return true;
      }
      return false;
    };
    const auto own =
        std::find_if(m_languages.begin(), m_languages.end(),
                     [&](const LanguageDates& l) { return l.language == draft_language; });
    if (own != m_languages.end() && matches(*own)) return order(draft_language, "");
    std::vector<std::string> found;
    for (const LanguageDates& language : m_languages)
      if (language.language != draft_language && matches(language))
        found.push_back(language.language);
    if (found.size() == 1) return order(found.front(), draft_language);
    return order(draft_language, "");
  }

  std::vector<std::string> order(const std::string& first, const std::string& second) const {
    std::vector<std::string> out;
    for (const std::string& code : {first, second})
      if (!code.empty() && std::find(out.begin(), out.end(), code) == out.end())
        out.push_back(code);
    for (const LanguageDates& language : m_languages)
      if (std::find(out.begin(), out.end(), language.language) == out.end())
        out.push_back(language.language);
    return out;
  }

  // This thread's copies of one language's formats: ICU documents formats as unsynchronised,
  // and one shared behind a lock kept the other threads of a bulk run waiting on every
  // attribution line. A copy is made when a format is first tried (null until then): most
  // formats are never tried by a thread that reads one client's lines.
  std::vector<std::unique_ptr<icu::SimpleDateFormat>>& thread_formats(std::size_t language) const {
    thread_local std::unordered_map<
        std::uint64_t, std::vector<std::vector<std::unique_ptr<icu::SimpleDateFormat>>>>
        t_formats;
    if (t_formats.size() > k_max_remembered_rules) t_formats.clear();
    auto& mine = t_formats[m_id];
    if (mine.empty()) mine.resize(m_languages.size());
    auto& formats = mine[language];
    if (formats.empty()) formats.resize(m_languages[language].formats.size());
    return formats;
  }

  // A pattern of its own (a clone: a matcher points at its pattern, and this rule may be gone
  // before the thread's cache is cleared) and a matcher reused for every line.
  struct PatternMatcher {
    std::unique_ptr<icu::RegexPattern> pattern;
    std::unique_ptr<icu::RegexMatcher> matcher;  // null when it could not be made
  };

  // This thread's matchers of one language's attribution patterns: making a matcher per line
  // and pattern cost more than matching.
  const std::vector<PatternMatcher>& thread_matchers(std::size_t language) const {
    thread_local std::unordered_map<std::uint64_t, std::vector<std::vector<PatternMatcher>>>
        t_matchers;
    if (t_matchers.size() > k_max_remembered_rules) t_matchers.clear();
    auto& mine = t_matchers[m_id];
    if (mine.empty()) mine.resize(m_languages.size());
    auto& matchers = mine[language];
    if (matchers.empty()) {
      for (const auto& pattern : m_languages[language].attribution) {
        PatternMatcher& made = matchers.emplace_back();
        made.pattern.reset(pattern->clone());
        UErrorCode status = U_ZERO_ERROR;
        if (made.pattern) made.matcher.reset(made.pattern->matcher(status));
        if (U_FAILURE(status)) made.matcher.reset();
      }
    }
    return matchers;
  }

  static std::uint64_t next_rule_id() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
  }

  // This thread's calendar for parsing (making one per date cost more than reading it): every
  // parse starts from a cleared calendar in the reply's zone, so nothing carries over.
  static icu::Calendar* thread_calendar() {
    thread_local std::unique_ptr<icu::Calendar> t_calendar = [] {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::Calendar> calendar(
          icu::Calendar::createInstance(icu::Locale::getRoot(), status));
      if (U_FAILURE(status)) return std::unique_ptr<icu::Calendar>();
      calendar->setLenient(false);  // no 31 February, no month 13
      return calendar;
    }();
    return t_calendar.get();
  }

  // The first date the languages' patterns read in `text`, in order: at the first place a
  // pattern parses, the longest reading (the earlier pattern on a tie). A date without a zone is in
  // the reply's zone; a reading after the reply is dropped for the next one (an ambiguous numeric
  // date).
  std::optional<std::int64_t> parse_date(std::string_view text,
                                         const std::vector<std::string>& languages,
                                         const Moment& reply) const {
    const icu::UnicodeString prepared_line = prepared(text);
    static const icu::UnicodeString k_zone_id(u"reply");
    // Outlook names the zone after the time: "5:30 PM (UTC-06:00) Central Time (US & Canada)".
    const std::int64_t offset = written_zone(text).value_or(reply.offset);
    const icu::SimpleTimeZone zone(static_cast<int32_t>(offset * 1000), k_zone_id);
    icu::Calendar* const calendar = thread_calendar();
    if (calendar == nullptr) return std::nullopt;
    std::vector<int32_t> ends;  // per format, where its parse at this place ended (0: not read)
    for (const std::string& code : languages) {
      const auto language =
          std::find_if(m_languages.begin(), m_languages.end(),
                       [&](const LanguageDates& l) { return l.language == code; });
      if (language == m_languages.end()) continue;
      std::vector<std::unique_ptr<icu::SimpleDateFormat>>& formats =
          thread_formats(static_cast<std::size_t>(language - m_languages.begin()));
      const icu::UnicodeString line = with_own_day_halves(prepared_line, *language);
      std::vector<int32_t> digit_runs;    // digit_runs_from(line), when first needed
      std::optional<bool> spells_number;  // the line holds a spelled_numbers entry
      auto too_few_numbers = [&](std::size_t format, int32_t start) {
        const int32_t needed = language->numbers_needed[format];
        if (needed == 0) return false;
        if (digit_runs.empty()) digit_runs = digit_runs_from(line);
        if (needed <= digit_runs[static_cast<std::size_t>(start)]) return false;
        if (!spells_number) {
          icu::UnicodeString folded = line;
          folded.foldCase();
          spells_number =
              std::any_of(language->spelled_numbers.begin(), language->spelled_numbers.end(),
                          [&](const icu::UnicodeString& word) {
                            return !word.isEmpty() && folded.indexOf(word) >= 0;
                          });
        }
        return !*spells_number;
      };
      for (int32_t start = 0; start < line.length(); ++start) {
        if (!u_isalnum(line.charAt(start)) || (start > 0 && u_isalnum(line.charAt(start - 1))))
          continue;
        const bool digit = u_isdigit(line.charAt(start));
        if (!digit && !language->name_starts.empty() &&
            !language->name_starts.contains(name_start(line, start)))
          continue;
        const Shape shape = text_shape(line, start);
        // Lenient parsing also accepts a prefix of a longer format ("… 10:12" of "… 10:12:00
        // -0500" without its zone), so the reading that goes furthest wins; on a tie, the
        // earlier format.
        std::optional<std::int64_t> best;
        int32_t best_end = start;
        ends.assign(language->formats.size(), 0);
        for (std::size_t f = 0; f < language->formats.size(); ++f) {
          if (!shapes_agree(language->shapes[f], shape) || too_few_numbers(f, start)) continue;
          if (best && language->max_tokens[f] > 0 &&
              after_tokens(line, start, language->max_tokens[f]) <= best_end)
            continue;  // it cannot read past the best reading here
          const std::vector<std::size_t>& outread_by = language->outread_by[f];
          if (std::any_of(outread_by.begin(), outread_by.end(), [&](std::size_t earlier) {
                return ends[earlier] > start && ends[earlier] <= best_end;
              }))
            continue;  // it would end where an earlier format did, or before: no further
          auto& format = formats[f];
          if (!format) format.reset(language->formats[f]->clone());
          calendar->clear();
          calendar->setTimeZone(zone);  // a parsed zone field replaces it
          icu::ParsePosition position(start);
          format->parse(line, *calendar, position);
          ends[f] = position.getIndex();
          if (position.getIndex() <= best_end) continue;
          UErrorCode time_status = U_ZERO_ERROR;
          const UDate when = calendar->getTime(time_status);
          if (U_FAILURE(time_status)) continue;
          const auto unix = static_cast<std::int64_t>(when / 1000.0);
          if (unix > reply.unix + k_clock_skew || unix < reply.unix - k_max_days_counted * k_day)
            continue;
          best = unix;
          best_end = position.getIndex();
          if (best_end >= line.length()) break;  // no later format can read further
        }
        if (best) return best;
      }
    }
    return std::nullopt;
  }

  const data::DataSet& m_data;
  PhraseMatcher m_phrases;
  MaxDelay m_max_delay;
  std::set<std::int64_t> m_holidays;     // day numbers
  std::set<unsigned> m_yearly_holidays;  // month * 100 + day
  std::set<unsigned> m_weekend;          // 0 = Sunday
  std::optional<Moment> m_now;
  std::vector<LanguageDates> m_languages;
  std::map<std::string, std::string> m_help;  // language -> the apology to suggest
  const std::uint64_t m_id = next_rule_id();
};

}  // namespace

const RuleInfo& late_reply_info() { return k_info; }

std::unique_ptr<Rule> make_late_reply(const RuleContext& context) {
  return std::make_unique<LateReply>(context);
}

}  // namespace replylint::rules
