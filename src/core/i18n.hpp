#pragma once

// Messages in the reader's language, through gettext (docs/translations.md).
//
// Rules, the CLI and `explain` write English. A string meant for translation is a msgid: a
// string literal that xgettext finds: the format of Reporter::report*(), the text of
// Builder::help(), the format of fragment(), or wrapped in N_(). The English text stays the
// contract (the JSON `message`, SARIF, fixtures); the localised copy is made beside it when a
// catalog other than English is active, from the translated template and the same arguments. A
// translation whose placeholders do not fit its arguments is never fatal: the English text is used
// instead.
//
// The catalog is chosen once per process by activate(): `--locale`, else LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG as gettext reads them. The C locale does not stop LANGUAGE or `--locale`
// (LC_MESSAGES becomes C.UTF-8, which glibc always has), and text comes out in UTF-8 whatever
// the terminal's codeset, so no locale has to be generated.

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Marks a string literal as a msgid for xgettext and leaves it as it is (translate later).
#define N_(text) text

namespace replylint::core::i18n {

/// The gettext domain: share/locale/<lang>/LC_MESSAGES/replylint.mo.
inline constexpr const char* k_domain = "replylint";

/// A piece of a message made apart from it ("{} in the reply" with "card number", "message
/// to {} recipients"): formats as its English text, and the localised copy of the message
/// uses `localized`. Made by fragment().
struct Fragment {
  std::string english;
  std::string localized;  // "" when English is active or the piece has no translation
};

/// Chooses the catalog. `requested` is "" (follow the environment) or a language code
/// ("es", "el", "en", "es_ES.UTF-8"). `locale_dir` holds <lang>/LC_MESSAGES/replylint.mo ("" :
/// the build tree's, else the installed one). Returns false when `requested` names a language
/// with no catalog (messages then stay in English). Call before any thread translates; calling
/// again switches the catalog (tests do).
bool activate(std::string_view requested = {}, std::string_view locale_dir = {});

/// The language of the active catalog ("es", "el"), or "" when messages are in English.
const std::string& active_language();

/// `msgid` translated in the active catalog (itself when English or untranslated).
const char* translate(const char* msgid);
/// The same for a string that may or may not be a msgid (a phrase file's help): itself unless
/// the catalog has it.
std::string translate(const std::string& text);

/// The translation of `format` formatted with `args`, or "" when English is active, the
/// catalog has no translation, or the translation does not fit the arguments (a broken
/// placeholder: the caller keeps the English text).
std::string localize(std::string_view format, fmt::format_args args);

/// The text of a format string (the msgid).
template <typename Format>
std::string_view template_of(const Format& format) {
  const fmt::string_view text = format;
  return {text.data(), text.size()};
}

namespace detail {
template <typename T>
const T& localized_arg(const T& value) {
  return value;
}
inline const std::string& localized_arg(const Fragment& piece) {
  return piece.localized.empty() ? piece.english : piece.localized;
}
}  // namespace detail

/// localize() for a format string and typed arguments; Fragment arguments are localised too.
template <typename... Args>
std::string localize_format(std::string_view format, const Args&... args) {
  if (active_language().empty()) return {};
  return localize(format, fmt::make_format_args(detail::localized_arg(args)...));
}

/// A message piece from a msgid and arguments, in English and in the active language.
template <typename... Args>
Fragment fragment(fmt::format_string<Args...> format, Args&&... args) {
  std::string localized = localize_format(template_of(format), args...);
  return {fmt::format(format, std::forward<Args>(args)...), std::move(localized)};
}

/// A msgid held in a variable (marked N_() where it is written), as a Fragment.
Fragment translated(std::string_view msgid);

/// A message piece that depends on a count ("{} file checked" / "{} files checked"): English
/// takes `singular` for 1 and `plural` otherwise, the active catalog its own plural form for
/// `count` (ngettext). The arguments format both.
template <typename... Args>
Fragment plural_fragment(fmt::format_string<Args...> singular, fmt::format_string<Args...> plural,
                         unsigned long count, Args&&... args);

/// The translatable units of Markdown documentation, in order: each heading's text, each list
/// item and each paragraph, its lines joined by one space. Code blocks are not units.
/// scripts/translations.py splits a rule's docs the same way to put them in the .pot.
std::vector<std::string> markdown_units(std::string_view markdown);

/// `markdown` with each unit the active catalog translates written in its place, wrapped at
/// `width` code points; code blocks, blank lines and untranslated units stay as written.
std::string translate_markdown(std::string_view markdown, std::size_t width = 96);

/// The pieces joined as a list, in English and in the active language: "a, b and c"
/// (`separator` between all but the last two, `last_separator` before the last).
Fragment join(const std::vector<Fragment>& pieces, const Fragment& separator,
              const Fragment& last_separator);

namespace detail {
/// The catalog's plural form of (`singular`, `plural`) for `count`, or nullptr when English is
/// active or the catalog has no translation.
const char* plural_template(const char* singular, const char* plural, unsigned long count);
}  // namespace detail

template <typename... Args>
Fragment plural_fragment(fmt::format_string<Args...> singular, fmt::format_string<Args...> plural,
                         unsigned long count, Args&&... args) {
  // Both formats were checked against the arguments at compile time.
  Fragment piece{fmt::vformat(count == 1 ? template_of(singular) : template_of(plural),
                              fmt::make_format_args(args...)),
                 {}};
  const std::string singular_text(template_of(singular)), plural_text(template_of(plural));
  if (const char* localized =
          detail::plural_template(singular_text.c_str(), plural_text.c_str(), count)) {
    try {
      piece.localized =
          fmt::vformat(localized, fmt::make_format_args(detail::localized_arg(args)...));
    } catch (const fmt::format_error&) {
      piece.localized.clear();  // a broken translation: the English text stands
    }
  }
  return piece;
}

}  // namespace replylint::core::i18n

template <>
struct fmt::formatter<replylint::core::i18n::Fragment> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const replylint::core::i18n::Fragment& piece, Context& context) const {
    return fmt::formatter<std::string_view>::format(piece.english, context);
  }
};
