#include "core/i18n.hpp"

#include <libintl.h>

#include <algorithm>
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

namespace detail {

const char* plural_template(const char* singular, const char* plural, unsigned long count) {
  if (g_language.empty()) return nullptr;
  const char* localized = dngettext(k_domain, singular, plural, count);
  // Untranslated, ngettext hands back one of its own arguments.
  if (localized == singular || localized == plural) return nullptr;
  return localized;
}

}  // namespace detail

namespace {

// A piece of Markdown: a unit (heading, list item, paragraph) or lines kept as they are.
struct MarkdownBlock {
  std::string_view source;                // the lines as written, each with its '\n'
  std::string unit;                       // "" for lines that are not a unit (code, blank lines)
  std::string first_prefix, next_prefix;  // "## " / "", "- " / "  ", "" / ""
};

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::vector<MarkdownBlock> markdown_blocks(std::string_view markdown) {
  std::vector<MarkdownBlock> blocks;
  bool in_code = false;
  bool open_unit = false;  // the last block is a list item or paragraph still taking lines
  std::size_t at = 0;
  while (at < markdown.size()) {
    const std::size_t end = markdown.find('\n', at);
    const std::size_t next = end == std::string_view::npos ? markdown.size() : end + 1;
    const std::string_view line =
        markdown.substr(at, (end == std::string_view::npos ? next : end) - at);
    const std::string_view source = markdown.substr(at, next - at);
    const std::string_view text = trim(line);
    at = next;
    auto verbatim = [&] {
      if (!blocks.empty() && blocks.back().unit.empty()) {
        blocks.back().source = {blocks.back().source.data(),
                                blocks.back().source.size() + source.size()};
      } else {
        blocks.push_back({source, {}, {}, {}});
      }
      open_unit = false;
    };
    if (text.starts_with("```")) {
      in_code = !in_code;
      verbatim();
    } else if (in_code || text.empty()) {
      verbatim();
    } else if (line.starts_with("#")) {
      const std::size_t hashes = line.find_first_not_of('#');
      blocks.push_back({source,
                        std::string(trim(line.substr(hashes))),
                        std::string(line.substr(0, hashes)) + " ",
                        {}});
      open_unit = false;
    } else if (line.starts_with("- ")) {
      blocks.push_back({source, std::string(trim(line.substr(2))), "- ", "  "});
      open_unit = true;
    } else if (!open_unit) {
      blocks.push_back({source, std::string(text), {}, {}});
      open_unit = true;
    } else {
      MarkdownBlock& unit = blocks.back();
      unit.source = {unit.source.data(), unit.source.size() + source.size()};
      unit.unit += ' ';
      unit.unit += text;
    }
  }
  return blocks;
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::ranges::count_if(
      text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `text` in lines of at most `width` code points (a longer word stands alone), the first
// line after `first_prefix`, the others after `next_prefix`.
std::string wrap(std::string_view text, const std::string& first_prefix,
                 const std::string& next_prefix, std::size_t width) {
  std::string out = first_prefix;
  std::size_t column = code_points(first_prefix);
  bool line_empty = true;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t space = text.find(' ', at);
    const std::string_view word =
        text.substr(at, (space == std::string_view::npos ? text.size() : space) - at);
    at = space == std::string_view::npos ? text.size() : space + 1;
    if (word.empty()) continue;
    const std::size_t length = code_points(word);
    if (!line_empty && column + 1 + length > width) {
      out += '\n';
      out += next_prefix;
      column = code_points(next_prefix);
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += length;
    line_empty = false;
  }
  out += '\n';
  return out;
}

}  // namespace

std::vector<std::string> markdown_units(std::string_view markdown) {
  std::vector<std::string> units;
  for (MarkdownBlock& block : markdown_blocks(markdown))
    if (!block.unit.empty()) units.push_back(std::move(block.unit));
  return units;
}

std::string translate_markdown(std::string_view markdown, std::size_t width) {
  if (g_language.empty()) return std::string(markdown);
  std::string out;
  out.reserve(markdown.size() * 2);
  for (const MarkdownBlock& block : markdown_blocks(markdown)) {
    const std::string translated = block.unit.empty() ? block.unit : translate(block.unit);
    if (translated == block.unit) {
      out += block.source;
      continue;
    }
    out += wrap(translated, block.first_prefix, block.next_prefix, width);
    if (!block.source.ends_with('\n')) out.pop_back();
  }
  return out;
}

}  // namespace replylint::core::i18n
