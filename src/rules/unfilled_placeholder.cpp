#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <vector>

#include "data/data.hpp"
#include "rules/phrase_matcher.hpp"
#include "rules/rules.hpp"
#include "rules/suppression.hpp"
#include "rules/word_case.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer
#include "text/text.hpp"

namespace replylint::rules {
namespace {

const RuleInfo k_info{
    .id = "unfilled-placeholder",
    .category = Category::content,
    .default_severity = Severity::error,
    .summary = N_("template placeholders left unfilled in a message about to be sent"),
    .docs = R"md(
## What it flags
A template placeholder still in a message about to be sent: in own text, in a line holding
nothing but placeholders, in the signature, or in the subject. Placeholders are `{{nombre}}`,
`{{{nombre}}}`, `{first_name}`, `${order}`, `#{order.id}`, `%NAME%`, `[[name]]`, `<<Name>>`, `{% if %}` leftovers,
`$AGENT_NAME` (a field's name in capitals after `$`; `$HOME`, `$PATH` and prices stay prose), a field
named in brackets (`[NOMBRE DEL CLIENTE]`, `[ΟΝΟΜΑ ΠΕΛΑΤΗ]`, `[Customer name]`: it starts with a
capital and names a field such as name, customer, number, date, address, phone, company, agent,
link, amount, code or product) and the config's own `placeholders` patterns. A field's name may
be written in any alphabet: `{dirección}`, `%ΕΠΩΝΥΜΟ%`, `${αριθμός}`.

Also a field's name in small letters (`[nombre]`, `[first name]`, `[número de pedido]`,
`[όνομα πελάτη]`: every word a field word or one joining them, one at least a field word, so
`[the]` and `[la]` are prose), a figure still to write
(`[X] días`, `[N]`, `pedido XXXXX`), a blank after a word or a label (`Su número es ____.`), an
instruction to fill in (`[insert tracking link]`, `[añadir factura]`, `[εισάγετε σύνδεσμο]`), a
field in angle brackets (`<tracking number>`, `<nombre del cliente>`, `<nombre>`, `<FECHA>`,
`<DATE>`, `<CASE_ID>`, `<αριθμός αιτήματος>`), a field
ending in a number sign (`[Order #]`), Mailchimp's merge tags (`*|FNAME|*`), other tools' fields
and format strings (`{!Contact.FirstName}`, `<%= name %>`, `__FLIGHT_NUMBER__`, `{0}`, `%s`),
`[TBD]`, `[PLACEHOLDER]`, `[Contact Information]` (information, details or datos after
another word), and a field inside a link (`https://…/envios/{{tracking_id}}`, `…/pedidos/${id}`,
`?id=%ORDER_ID%`, `…/facturas/[NUMERO_FACTURA]`; after `curl` or an HTTP method it is code).

A field the template engine filled with nothing is flagged too: an empty name after the opening
greeting (`Hola ,`, `Dear ,`), a programming language's "no value" as the name (`Dear
undefined,`, `Καλησπέρα None,`) or as a field's value (`Pedido: null`, `nº undefined`, `order
no. #NaN`), and `[object Object]`. After a label's colon, prose in small letters is left alone
(`Error: undefined reference to …`), and so is `None` as a label's value (`Pending actions:
None`).

Left alone: quoted text, forwarded messages and patches (someone else's templates and code),
a single-brace `{…}` that continues a URL, and code: a placeholder inside `` `code` ``, in an API path or
query (`DELETE /v1/webhooks/{webhook_id}`, `?login={login}`), after a command-line option
(`--project ${PROJECT_ID}`), on a line indented by four spaces or a tab, or on a shell line
starting with `$ `. Subject tags and acronyms in brackets (`[URGENTE]`, `[PATCH]`, `[SPAM]`,
`[IVA]`, `[EXTERNAL EMAIL]`, a helpdesk's `[Cliente VIP]` before the subject), a button, tab or
menu label (`pulse el botón [Enviar código]`, `Tap [Change phone number]`, `Ajustes > [Datos] >`),
a form's field labels (`rellene los campos [Nombre], [Apellidos] y [DNI]`, `the [Reference
number] field`),
an editor's note (`[sic]`), a task list's `[x]`, an image's alt
text (`[Company Logo]`, `[Imagen]`), HTML and a command's arguments in angle brackets (`<code>`,
`<url>`), the X's of a masked number (`XXXX XXXX XXXX 4242`, `555-XXXX`), a line of underscores
and `%k%` (one letter: raw ISO-2022-JP text) are not fields.

Templates themselves are full of placeholders: exempt them in the configuration,
```toml
[[overrides]]
files = ["templates/**"]
rules.unfilled-placeholder.enabled = false
```

## Why
An agent fills a template and forgets one field, and the customer is greeted as `{{nombre}}`:
check every message before sending it (seeds/001, "Pautas para responder eficazmente"), and keep
the human touch (seeds/004, §13).

## Example
```text
Hola {{nombre}},

Su pedido ya ha salido de nuestro almacén.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Su pedido ya ha salido de nuestro almacén.

Un saludo,
Lucía
```
)md",
};

bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

// A template engine's tag ({{…}}, {%…%}, Mailchimp's *|…|*): never a URL's or an API path's own
// syntax, unlike a single-brace {id}.
bool is_template_tag(std::string_view placeholder) {
  return placeholder.starts_with("{{") || placeholder.starts_with("{%") ||
         placeholder.starts_with("*|");
}

// A field in a link, never the link's own syntax: a template tag, a field in brackets (a URL
// has brackets only around an IPv6 host) or angle brackets (never raw in a URL), a `%NAME%` or a
// `${…}` ("https://tienda.example/envios/${id}", whose `$` the URL token keeps). A single-brace
// {id} is an API path's parameter.
bool is_field_in_link(std::string_view placeholder, std::string_view before) {
  return is_template_tag(placeholder) || placeholder.starts_with("[") ||
         placeholder.starts_with("<") ||
         (placeholder.size() > 2 && placeholder.starts_with("%") && placeholder.ends_with("%")) ||
         (placeholder.starts_with("{") && before.ends_with("$"));
}

// `%NAME%` fields inside a URL token ("https://tienda.example/track?id=%ORDER_ID%"), which the
// tokeniser keeps in the URL: a name of three ASCII letters, digits or underscores or more,
// starting with a letter, in one case (ORDER_ID, first_name), one of them not a hex digit; one
// opening with two hex digits takes four (`%20con%`, `%C3%A9`, `%EDo%` are percent-encoding).
bool percent_field_name(std::string_view name) {
  auto is = [&](int (*test)(int)) {
    return std::ranges::all_of(name, [&](char c) {
      return test(static_cast<unsigned char>(c)) != 0 || c == '_' ||
             std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
  };
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  if (name.size() < 3 || std::isalpha(static_cast<unsigned char>(name[0])) == 0) return false;
  if (!is(std::isupper) && !is(std::islower)) return false;
  if (std::ranges::all_of(name, hex)) return false;
  return !(hex(name[0]) && hex(name[1])) || name.size() >= 4;
}

std::vector<Range> percent_fields_in(std::string_view url) {
  std::vector<Range> out;
  std::size_t at = 0;
  while ((at = url.find('%', at)) != std::string_view::npos) {
    std::size_t end = at + 1;
    while (end < url.size() &&
           (std::isalnum(static_cast<unsigned char>(url[end])) != 0 || url[end] == '_'))
      ++end;
    if (end < url.size() && url[end] == '%' &&
        percent_field_name(url.substr(at + 1, end - at - 1))) {
      out.push_back({at, end + 1});
      at = end + 1;
    } else {
      at = end;
    }
  }
  return out;
}

// Inside an inline code span on its line: an odd number of backquotes before it.
bool in_code_span(std::string_view text, Range range) {
  const std::size_t line_start = text.rfind('\n', range.begin == 0 ? 0 : range.begin - 1);
  const std::size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
  int ticks = 0;
  for (std::size_t i = from; i < range.begin && i < text.size(); ++i)
    if (text[i] == '`') ++ticks;
  return ticks % 2 == 1;
}

// Code, not a template: `{…}` in an API path or query ("DELETE /v1/webhooks/{webhook_id}",
// "GET /api/v2/users?login={login}"), after a command-line option ("--project ${PROJECT_ID}"),
// on a line indented as a code block (four spaces or a tab) or on a shell line ("$ make").
bool in_code(std::string_view text, Range range) {
  const std::size_t line_start = text.rfind('\n', range.begin == 0 ? 0 : range.begin - 1);
  const std::size_t from =
      range.begin == 0 || line_start == std::string_view::npos ? 0 : line_start + 1;
  const std::string_view before = text.substr(from, range.begin - from);
  if (before.starts_with("    ") || before.starts_with("\t")) return true;
  const std::size_t indent = before.find_first_not_of(" \t");
  if (indent != std::string_view::npos && before.substr(indent).starts_with("$ ")) return true;
  // The whitespace-separated token around the placeholder, less the placeholder itself.
  std::size_t token_begin = range.begin;
  while (token_begin > from && !is_space(text[token_begin - 1])) --token_begin;
  std::size_t token_end = range.end;
  while (token_end < text.size() && !is_space(text[token_end])) ++token_end;
  const std::string_view around = text.substr(token_begin, range.begin - token_begin);
  const std::string_view after = text.substr(range.end, token_end - range.end);
  // After it only a path or an assignment goes on: "{name}?" and "{name}," end a sentence. A
  // template tag in a link of prose is the link the customer would get, broken:
  // "https://tienda.example/envios/{{tracking_id}}".
  const bool link_with_tag =
      is_field_in_link(text.substr(range.begin, range.size()), around) &&
      (around.find("://") != std::string_view::npos || around.starts_with("www."));
  if (!link_with_tag && (around.find_first_of("/=?&") != std::string_view::npos ||
                         after.find_first_of("/=") != std::string_view::npos))
    return true;
  // The previous token is an option: "--project ${PROJECT_ID}", "-u {user}".
  std::size_t prev_end = token_begin;
  while (prev_end > from && is_space(text[prev_end - 1])) --prev_end;
  std::size_t prev_begin = prev_end;
  while (prev_begin > from && !is_space(text[prev_begin - 1])) --prev_begin;
  const std::string_view previous = text.substr(prev_begin, prev_end - prev_begin);
  // A request on a command line: "curl https://api.example.com/orders/${ORDER_ID}".
  static constexpr std::array<std::string_view, 8> k_commands{"curl", "wget",  "GET",    "POST",
                                                              "PUT",  "PATCH", "DELETE", "HEAD"};
  if (std::ranges::find(k_commands, previous) != k_commands.end()) return true;
  return previous.size() >= 2 && previous[0] == '-' &&
         (previous[1] == '-' || std::isalpha(static_cast<unsigned char>(previous[1])));
}

// A placeholder that touches a URL ("https://api.example.com/orders/{id}") is the URL's own
// template syntax, not a field of the message.
bool part_of_url(const std::vector<Word>& words, std::size_t i) {
  const Word& w = words[i];
  // A template tag is never a URL's own syntax ("https://tienda.example/envios/{{tracking_id}}").
  if (is_template_tag(w.text)) return false;
  if (i > 0 && words[i - 1].kind == draft::TokenKind::url &&
      words[i - 1].range.end == w.range.begin)
    return !is_field_in_link(w.text, words[i - 1].text);
  return i + 1 < words.size() && words[i + 1].kind == draft::TokenKind::url &&
         words[i + 1].range.begin == w.range.end;
}

// A word or number joined to a run of X's: the run hides digits of a masked number ("XXXX XXXX
// XXXX 4242", "ES91 XXXX …", "555-XXXX") instead of standing for a value to write.
bool masks_digits(const std::vector<Word>& words, std::size_t i, std::string_view text) {
  auto digits_or_mask = [](const Word& w) {
    return w.kind == draft::TokenKind::number || w.has_digit || is_x_run(w.text);
  };
  // Neighbours count when only a space, a dash or a dot lies between.
  auto joined = [&](std::size_t a, std::size_t b) {
    const std::string_view gap =
        text.substr(words[a].range.end, words[b].range.begin - words[a].range.end);
    return gap.size() <= 1 && gap.find_first_not_of(" -.") == std::string_view::npos;
  };
  return (i > 0 && digits_or_mask(words[i - 1]) && joined(i - 1, i)) ||
         (i + 1 < words.size() && digits_or_mask(words[i + 1]) && joined(i, i + 1));
}

// A run of X's standing for a number still to write: four or more ("pedido XXXXX", "order
// #XXXX"), not part of a masked number.
bool x_placeholder(const std::vector<Word>& words, std::size_t i, std::string_view text) {
  const Word& w = words[i];
  return w.kind == draft::TokenKind::word && w.text.size() >= 4 && is_x_run(w.text) &&
         !masks_digits(words, i, text);
}

// Blanks to fill in ("Su número es ____.", "Fecha: ______") in `range` of own text: three
// underscores or more after a word or a label and a space. A line of underscores alone is a rule
// drawn across the message.
std::vector<Range> blanks_in(std::string_view text, Range range) {
  std::vector<Range> out;
  std::size_t at = range.begin;
  while (at < range.end) {
    const std::size_t b = text.find("___", at);
    if (b == std::string_view::npos || b >= range.end) break;
    std::size_t e = b;
    while (e < text.size() && text[e] == '_') ++e;
    at = e;
    if (b < 2 || text[b - 1] != ' ') continue;
    const auto before = static_cast<unsigned char>(text[b - 2]);
    if (before == ':' || before == '#' || std::isalnum(before) || before >= 0x80)
      out.push_back({b, e});
  }
  return out;
}

// A name in brackets after a word for a button, a tab or a menu ("pulse el botón [Enviar
// código]", "Tap [Change phone number]", "Πατήστε [Αποστολή κωδικού]") is the label the customer
// sees on screen, not a field; so is one between ">" of a menu path ("Ajustes > [Datos] >").
bool ui_label(const std::vector<Word>& words, std::size_t i, std::string_view text) {
  const Word& w = words[i];
  if (!w.text.starts_with('[')) return false;
  static constexpr auto k_ui_words = std::to_array<std::string_view>(
      {"boton",      "botones",  "pestana", "opcion",   "opciones", "menu",     "seccion",
       "apartado",   "pantalla", "icono",   "pulse",    "pulsa",    "presione", "seleccione",
       "selecciona", "elija",    "toque",   "haga",     "clic",     "click",    "button",
       "tab",        "option",   "section", "screen",   "icon",     "tap",      "press",
       "select",     "choose",   "hit",     "κουμπι",   "καρτελα",  "επιλογη",  "μενου",
       "ενοτητα",    "οθονη",    "πατηστε", "επιλεξτε", "κλικ",     "πιεστε",   "field",
       "fields",     "campo",    "campos",  "casilla",  "casillas", "box",      "πεδιο",
       "πεδια"});
  // A form's field named after the label ("type it into the [Reference number] field").
  static constexpr auto k_field_words =
      std::to_array<std::string_view>({"field", "fields", "box", "campo", "casilla", "πεδιο"});
  // Labels listed together share the word before the first: "rellene los campos [Nombre],
  // [Apellidos] y [Número de documento]".
  static constexpr auto k_list_words =
      std::to_array<std::string_view>({"y", "e", "o", "u", "and", "or", "και", "η"});
  const auto listed = [](const auto& list, const std::string& key) {
    return std::find(list.begin(), list.end(), key) != list.end();
  };
  if (i + 1 < words.size() && words[i + 1].kind == draft::TokenKind::word &&
      listed(k_field_words, text::loose_key(words[i + 1].text)))
    return true;
  // The two words before it, skipping articles ("el", "la", "the", "το"): "pulse el botón".
  int looked = 0;
  for (std::size_t k = i; k > 0 && looked < 3; --k) {
    const Word& before = words[k - 1];
    if (before.text.starts_with('[')) continue;  // another label of the list
    if (before.kind != draft::TokenKind::word) break;
    const std::string key = text::loose_key(before.text);
    if (listed(k_list_words, key)) continue;
    ++looked;
    if (listed(k_ui_words, key)) return true;
  }
  // A menu path: "Ajustes > [Datos de la empresa]", "[Cuenta] > Seguridad".
  const std::size_t line_start = text.rfind('\n', w.range.begin == 0 ? 0 : w.range.begin - 1);
  const std::size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
  const std::string_view before = text.substr(from, w.range.begin - from);
  const std::size_t line_end = std::min(text.find('\n', w.range.end), text.size());
  const std::string_view after = text.substr(w.range.end, line_end - w.range.end);
  const auto strip = [](std::string_view s, bool left) {
    while (!s.empty() && (left ? s.back() : s.front()) == ' ')
      s = left ? s.substr(0, s.size() - 1) : s.substr(1);
    return s;
  };
  return strip(before, true).ends_with('>') || strip(after, false).starts_with('>') ||
         strip(before, true).ends_with("→") || strip(after, false).starts_with("→");
}

// A helpdesk's tag before the subject proper ("[Cliente VIP] Re: Reclamación", "[Nuevo cliente]
// Alta"): only tags or nothing before it and words after it. A tag that asks for a name is
// still a field ("[Customer Name] – your order").
bool leading_tag(const std::vector<Word>& subject, std::size_t i) {
  const Word& w = subject[i];
  if (!w.text.starts_with('[') || i + 1 >= subject.size()) return false;
  for (std::size_t k = 0; k < i; ++k)
    if (!subject[k].text.starts_with('[')) return false;
  const std::string key = text::loose_key(w.text);
  for (const std::string_view field : {"nombre", "name", "ονομα", "apellido", "surname"})
    if (key.find(field) != std::string::npos) return false;
  return true;
}

// What a template engine writes for a field with no value: JavaScript's undefined and
// "[object Object]", null, Python's None, Ruby's nil, NaN. Programming values, not prose of any
// language, so they are listed here rather than in rules/<lang>/.
constexpr std::array<std::string_view, 7> k_no_values{"undefined", "Undefined", "null", "NULL",
                                                      "None",      "NaN",       "nil"};

bool is_no_value(std::string_view word) {
  return std::find(k_no_values.begin(), k_no_values.end(), word) != k_no_values.end();
}

class UnfilledPlaceholder final : public Rule {
 public:
  explicit UnfilledPlaceholder(const RuleContext& context)
      : m_data(context.data), m_greetings(context.data, "missing-greeting", context.spell) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const std::string_view text = draft.text();
    for (const draft::Segment& segment : draft.segments) {
      if (segment.kind == draft::SegmentKind::own) continue;  // its sentences come below
      if (segment.kind != draft::SegmentKind::placeholder &&
          segment.kind != draft::SegmentKind::signature)
        continue;
      check_lines(text, segment.range, segment.kind == draft::SegmentKind::placeholder, out);
    }
    for (const Sentence* sentence : draft.own_sentences())
      for (std::size_t i = 0; i < sentence->words.size(); ++i) {
        const Word& w = sentence->words[i];
        if (w.kind != draft::TokenKind::placeholder || part_of_url(sentence->words, i) ||
            in_code_span(text, w.range) || in_code(text, w.range) ||
            is_suppression_comment(w.text) || ui_label(sentence->words, i, text))
          continue;
        // "${id}" after a URL: the tokeniser left the `$` in the URL.
        const bool dollar = w.text.starts_with("{") && i > 0 &&
                            sentence->words[i - 1].kind == draft::TokenKind::url &&
                            sentence->words[i - 1].range.end == w.range.begin &&
                            sentence->words[i - 1].text.ends_with("$");
        const Range range = dollar ? Range{w.range.begin - 1, w.range.end} : w.range;
        const std::string written = dollar ? "$" + w.text : w.text;
        report(out.report(range, "unfilled placeholder '{}'", written), written);
      }
    for (const Sentence* sentence : draft.own_sentences())
      for (const Word& w : sentence->words) {
        if (w.kind != draft::TokenKind::url || in_code_span(text, w.range)) continue;
        for (const Range field : percent_fields_in(w.text)) {
          const Range at{w.range.begin + field.begin, w.range.begin + field.end};
          if (in_code(text, at)) continue;
          const std::string written(text.substr(at.begin, at.size()));
          report(out.report(at, "unfilled placeholder '{}'", written), written);
        }
      }
    for (const Sentence* sentence : draft.own_sentences()) {
      for (std::size_t i = 0; i < sentence->words.size(); ++i) {
        const Word& w = sentence->words[i];
        if (x_placeholder(sentence->words, i, text) && !in_code_span(text, w.range) &&
            !in_code(text, w.range))
          report(out.report(w.range, "unfilled placeholder '{}'", w.text), w.text);
      }
      for (const Range blank : blanks_in(text, sentence->range)) {
        if (in_code_span(text, blank) || in_code(text, blank)) continue;
        const std::string written(text.substr(blank.begin, blank.end - blank.begin));
        report(out.report(blank, "unfilled placeholder '{}'", written), written);
      }
    }
    check_rendered_nothing(draft, out);
    if (draft.has_patch()) return;  // a patch's subject names the code it changes
    const std::vector<Word>& subject = draft.subject_words;
    for (std::size_t i = 0; i < subject.size(); ++i) {
      const Word& w = subject[i];
      if (w.kind != draft::TokenKind::placeholder || part_of_url(subject, i) ||
          leading_tag(subject, i))
        continue;
      report(out.report_subject(w.range, "unfilled placeholder '{}' in the subject", w.text),
             w.text);
    }
  }

 private:
  static void report(Reporter::Builder builder, const std::string& placeholder) {
    builder.help("write the value of {} before sending", placeholder);
  }

  // Placeholder-only lines and the signature are not sentences: tokenise them line by line. A
  // line that only the config's own patterns made a placeholder line (the tokeniser here knows
  // the built-in and rules/ patterns) is reported whole.
  void check_lines(std::string_view text, Range range, bool placeholder_lines,
                   Reporter& out) const {
    std::size_t b = range.begin;
    while (b < range.end) {
      std::size_t e = text.find('\n', b);
      if (e == std::string_view::npos || e > range.end) e = range.end;
      const std::string_view line = text.substr(b, e - b);
      const std::vector<Word> words = draft::tokenize(line, m_data);
      bool any = false;
      for (std::size_t i = 0; i < words.size(); ++i) {
        const Word& w = words[i];
        if (w.kind != draft::TokenKind::placeholder || part_of_url(words, i)) continue;
        if (is_suppression_comment(w.text)) {  // renders to nothing: not a field, not a leftover
          any = true;
          continue;
        }
        const Range at{b + w.range.begin, b + w.range.end};
        if (in_code_span(text, at) || in_code(text, at)) continue;
        any = true;
        report(out.report(at, "unfilled placeholder '{}'", w.text), w.text);
      }
      if (!any && placeholder_lines) {
        std::size_t first = 0, last = line.size();
        while (first < last && is_space(line[first])) ++first;
        while (last > first && is_space(line[last - 1])) --last;
        if (last > first) {
          const std::string whole(line.substr(first, last - first));
          report(out.report({b + first, b + last}, "unfilled placeholder '{}'", whole), whole);
        }
      }
      b = e + 1;
    }
  }

  // A field the template engine filled with nothing, or with a programming language's "no
  // value": "Hola ,", "Dear undefined,", "Pedido: null", "[object Object]".
  void check_rendered_nothing(const Draft& draft, Reporter& out) const {
    const std::string_view text = draft.text();
    const std::vector<const Sentence*> sentences = draft.own_sentences();
    if (sentences.empty()) return;
    for (const PhraseMatch& greeting : m_greetings.find(draft)) {
      if (greeting.sentence != sentences.front() || greeting.first_word != 0) continue;
      std::size_t at = greeting.range.end;
      while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
      const std::string_view opening =
          text.substr(greeting.range.begin, greeting.range.end - greeting.range.begin);
      if (at > greeting.range.end && at < text.size() && (text[at] == ',' || text[at] == ':')) {
        const Range empty{greeting.range.begin, at + 1};
        out.report(empty, "empty template field after '{}'", opening)
            .help("write the customer's name, or drop the field, before sending");
        continue;
      }
      const std::vector<Word>& words = greeting.sentence->words;
      if (greeting.end_word < words.size() && is_no_value(words[greeting.end_word].text) &&
          words[greeting.end_word].range.begin == at) {
        const Word& w = words[greeting.end_word];
        out.report(w.range, "template field rendered as '{}'", w.text)
            .help("write the customer's name, or drop the field, before sending");
      }
    }
    for (const Sentence* sentence : sentences) {
      const std::string_view written =
          text.substr(sentence->range.begin, sentence->range.end - sentence->range.begin);
      for (std::size_t at = written.find("[object Object]"); at != std::string_view::npos;
           at = written.find("[object Object]", at + 1)) {
        const Range range{sentence->range.begin + at, sentence->range.begin + at + 15};
        if (in_code_span(text, range) || in_code(text, range)) continue;
        out.report(range, "template field rendered as '{}'", "[object Object]")
            .help("write the field's value, or drop the field, before sending");
      }
      // A label's value: "Pedido: null", "nº undefined", "order #undefined". ("None" is a
      // value a label may truly have: "Pending actions: None".)
      for (const Word& w : sentence->words) {
        if (!is_no_value(w.text) || w.text == "None" || in_code_span(text, w.range) ||
            in_code(text, w.range))
          continue;
        std::size_t before = w.range.begin;
        while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
        const std::string_view head = text.substr(0, before);
        if (!head.ends_with(':') && !head.ends_with('#') && !head.ends_with("\u00BA") &&
            !head.ends_with("\u00B0"))  // "nº", "n°"
          continue;
        std::size_t after = w.range.end;
        while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
        // After a label's colon, prose may go on in small letters ("Error: undefined reference
        // to …"); a value ends its field. After "#" or "nº" only a number stands.
        if (head.ends_with(':') && after < text.size() &&
            std::islower(static_cast<unsigned char>(text[after])))
          continue;
        out.report(w.range, "template field rendered as '{}'", w.text)
            .help("write the field's value, or drop the field, before sending");
      }
    }
  }

  const data::DataSet& m_data;
  PhraseMatcher m_greetings;  // missing-greeting's list: what opens own text
};

}  // namespace

const RuleInfo& unfilled_placeholder_info() { return k_info; }

std::unique_ptr<Rule> make_unfilled_placeholder(const RuleContext& context) {
  return std::make_unique<UnfilledPlaceholder>(context);
}

}  // namespace replylint::rules
