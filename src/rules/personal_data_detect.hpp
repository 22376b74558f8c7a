#pragma once

// What the personal-data rule looks for, shared with the spelling rule (which never checks a
// password or a detected value). Every validator is pure and never throws on any input.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/range.hpp"
#include "rules/phrase_matcher.hpp"

namespace replylint::data {
struct DataSet;
}
namespace replylint::draft {
class Draft;
}

namespace replylint::rules::personal_data {

/// True when `digits` (ASCII digits only, at least two) passes the Luhn check; false for
/// anything else.
bool luhn_valid(std::string_view digits);

/// The card scheme whose prefix and length `digits` (ASCII digits) has ("Visa", "Mastercard",
/// "American Express", "Discover", "Diners Club", "JCB", "UnionPay", "Maestro"), or nullopt.
/// The Luhn check is not part of it.
std::optional<std::string_view> card_scheme(std::string_view digits);

/// True when `compact` (letters and digits, no spaces, any case) is an IBAN of a registered
/// country (ISO 13616 registry), of that country's length, with a valid mod-97 check.
bool iban_valid(std::string_view compact);

/// True when `value` is 8 digits and the DNI control letter (upper case).
bool dni_valid(std::string_view value);

/// True when `value` is X, Y or Z, 7 digits and the NIE control letter (upper case).
bool nie_valid(std::string_view value);

/// True when `digits` is 9 digits whose last is the Greek AFM mod-11 check digit (not all zero).
bool afm_valid(std::string_view digits);

/// True when `digits` is 11 digits starting with a real DDMMYY date and Luhn-valid (AMKA).
bool amka_valid(std::string_view digits);

/// What a found value is.
enum class Kind { card, iban, dni, nie, afm, amka, id_card, secret };

/// A short English noun for `kind` ("card number", "IBAN", ...), for messages.
std::string_view describe(Kind kind);

/// One personal value in a text.
struct Found {
  Kind kind = Kind::card;
  core::Range range;   // the value as written (with its spaces or dashes), in the scanned text
  std::string detail;  // card scheme or IBAN country; "" otherwise
};

/// The card numbers, IBANs, DNI/NIE and (with a label such as ΑΦΜ, AFM, VAT, ΑΜΚΑ, ΑΔΤ on the
/// same line) AFM/AMKA numbers and Greek identity cards ("ΑΔΤ: ΑΚ 123456": one or two capitals
/// and six digits) in `text[within]`, in text order, never overlapping. A value must
/// stand alone: a letter or digit touching it on either side (a tracking code, a longer
/// number) makes it no candidate. `within` is clamped to `text`.
std::vector<Found> find_numbers(std::string_view text, core::Range within);

/// The value given right after a password or code phrase ending at `from` ("contraseña|: Tk93!mq",
/// "κωδικός σας| είναι 4821"): an optional ':' or '=', an optional verb ("es", "is", "είναι",
/// "será", "will be"), then one word that looks like a secret (a digit, a symbol, a capital
/// inside it, or quotes around it; 4 code points or more; not a URL, placeholder or mask), or
/// digit groups ("482 913"). Needs the ':' or the verb. Stays on the line and before `limit`.
/// With `gap_words` > 0, up to that many plain words opening with a preposition may stand
/// before the ':' or a verb ("contraseña provisional| de su cuenta es Tk93!mq").
std::optional<core::Range> secret_after(std::string_view text, std::size_t from, std::size_t limit,
                                        std::size_t gap_words = 0);

/// The card security code given right after a label of rules/<lang>/personal-data-card-code.toml
/// ending at `from` ("CVV| 123", "CVC|: 4821", "CVV| es 123"): as secret_after(), and also 3 or 4
/// digits standing alone right after the label, which no other value is written as.
std::optional<core::Range> card_code_after(std::string_view text, std::size_t from,
                                           std::size_t limit);

/// The one-time or verification code given right after a label of
/// rules/<lang>/personal-data-one-time-code.toml ending at `from` ("código de verificación|
/// 482913", "κωδικός μιας χρήσης| 482 913"): 4 to 8 digits standing alone, grouped or not. With
/// ':' or a verb the label is a personal-data.toml phrase too (secret_after()).
std::optional<core::Range> one_time_code_after(std::string_view text, std::size_t from,
                                               std::size_t limit);

/// Finds every personal value of a draft's own text (numbers and passwords after a phrase of
/// rules/<lang>/personal-data.toml). Built once; find() is safe from several threads at once.
class Detector {
 public:
  /// `data` and `stemmer` (may be null) must outlive the detector.
  Detector(const data::DataSet& data, spell::Stemmer* stemmer);

  /// The values in own text (paragraphs), in text order; numbers inside URLs, addresses and
  /// placeholders are left out. Inside a CheckScope (rules/check_scope.hpp) of `draft`, worked
  /// out once per scope and thread for every detector of the same data and stemmer.
  std::vector<Found> own_text(const draft::Draft& draft) const;

  /// The user names of logins given whole in own text ("your login details are |tbaker| and
  /// Gr33n-Apple"): no secret, but no word to spell either.
  std::vector<core::Range> login_user_names(const draft::Draft& draft) const;

  /// The phrase matcher (for the subject).
  const PhraseMatcher& phrases() const { return m_phrases; }

 private:
  PhraseMatcher m_phrases;
  PhraseMatcher m_logins;          // personal-data-login: a user name, then the password
  PhraseMatcher m_card_codes;      // personal-data-card-code: labels a bare code may follow
  PhraseMatcher m_one_time_codes;  // personal-data-one-time-code: the same for one-time codes
  const data::DataSet* m_data;     // with m_stemmer, what own_text() depends on beside the draft
  spell::Stemmer* m_stemmer;
};

}  // namespace replylint::rules::personal_data
