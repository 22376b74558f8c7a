#include "core/i18n.hpp"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>

// glibc's count of catalog changes: gettext drops what it has looked up when it moves, which
// a change of LANGUAGE alone does not do (the gettext manual, "Being a gettext grok").
extern "C" int _nl_msg_cat_cntr;

namespace replylint::core::i18n {
namespace {

std::string g_language;  // set by activate() before threads translate; read-only afterwards

std::string locale_dir_to_use(std::string_view requested_dir) {
  if (!requested_dir.empty()) return std::string(requested_dir);
  if (const char* env = std::getenv("REPLYLINT_LOCALE_DIR"); env && *env) return env;
  std::error_code ec;
#ifdef REPLYLINT_BUILD_LOCALE_DIR
  // Run from the build tree (tests, build/replylint): the catalogs msgfmt made there.
  if (std::filesystem::is_directory(REPLYLINT_BUILD_LOCALE_DIR, ec))
    return REPLYLINT_BUILD_LOCALE_DIR;
#endif
#ifdef REPLYLINT_INSTALL_LOCALE_DIR
  return REPLYLINT_INSTALL_LOCALE_DIR;
#else
  return "/usr/share/locale";
#endif
}

// The language list gettext should follow, in its own order of precedence; "" for English.
std::string wanted_languages(std::string_view requested) {
  if (!requested.empty()) return std::string(requested);
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* value = std::getenv(name); value && *value) {
      const std::string_view text = value;
      if (text == "C" || text == "POSIX" || text.substr(0, 2) == "C.") {
        if (std::string_view(name) == "LANGUAGE") continue;  // LANGUAGE=C: look further
        return {};
      }
      return std::string(text);
    }
  return {};
}

// The "Language:" field of the active catalog's header, "" when there is no catalog.
std::string catalog_language() {
  const char* header = dgettext(k_domain, "");
  if (header == nullptr || *header == '\0') return {};
  const char* field = std::strstr(header, "Language: ");
  if (field == nullptr) return {};
  field += std::strlen("Language: ");
  std::string language;
  while (*field != '\0' && *field != '\n') language += *field++;
  return language;
}

bool is_english(std::string_view language) {
  return language.empty() || language.substr(0, 2) == "en" || language == "C" ||
         language == "POSIX" || language.substr(0, 2) == "C.";
}

}  // namespace

bool activate(std::string_view requested, std::string_view locale_dir) {
  const std::string dir = locale_dir_to_use(locale_dir);
  bindtextdomain(k_domain, dir.c_str());
  bind_textdomain_codeset(k_domain, "UTF-8");
  const std::string languages = wanted_languages(requested);
  // glibc ignores LANGUAGE under the C locale and needs no generated locale under C.UTF-8, so
  // the language list goes into LANGUAGE and LC_MESSAGES is C.UTF-8 (setlocale also makes
  // gettext forget what it looked up for an earlier call).
  if (languages.empty())
    unsetenv("LANGUAGE");
  else
    setenv("LANGUAGE", languages.c_str(), 1);
  if (std::setlocale(LC_MESSAGES, "C.UTF-8") == nullptr) std::setlocale(LC_MESSAGES, "");
  ++_nl_msg_cat_cntr;
  g_language = is_english(languages) ? std::string() : catalog_language();
  return !requested.empty() ? (is_english(requested) || !g_language.empty()) : true;
}

const std::string& active_language() { return g_language; }

const char* translate(const char* msgid) {
  if (g_language.empty() || msgid == nullptr || *msgid == '\0') return msgid;
  return dgettext(k_domain, msgid);
}

std::string translate(const std::string& text) {
  if (g_language.empty() || text.empty()) return text;
  return dgettext(k_domain, text.c_str());
}

std::string localize(std::string_view format, fmt::format_args args) {
  if (g_language.empty() || format.empty()) return {};
  const std::string msgid(format);
  const char* translated = dgettext(k_domain, msgid.c_str());
  if (translated == msgid.c_str() || msgid == translated) return {};
  try {
    return fmt::vformat(translated, args);
  } catch (const fmt::format_error&) {
    return {};  // a broken translation: the English text stands
  }
}

Fragment translated(std::string_view msgid) {
  Fragment piece{std::string(msgid), {}};
  if (!g_language.empty()) {
    piece.localized = translate(piece.english);
    if (piece.localized == piece.english) piece.localized.clear();
  }
  return piece;
}

Fragment join(const std::vector<Fragment>& pieces, const Fragment& separator,
              const Fragment& last_separator) {
  Fragment list;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Fragment* between = i == 0                   ? nullptr
                              : i + 1 == pieces.size() ? &last_separator
                                                       : &separator;
    if (between != nullptr) {
      list.english += between->english;
      if (!g_language.empty()) list.localized += detail::localized_arg(*between);
    }
    list.english += pieces[i].english;
    if (!g_language.empty()) list.localized += detail::localized_arg(pieces[i]);
  }
  return list;
}

}  // namespace replylint::core::i18n
