#include "message/html_text.hpp"

#include <gumbo.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

namespace replylint::message::detail {
namespace {

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_CAPTION:
      return true;
    default:
      return false;
  }
}

// replylint's own suppression comment (docs/suppressions.md): kept, so that an HTML-only
// template can carry one like any other template.
bool is_replylint_comment(std::string_view body) {
  std::size_t i = 0;
  while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '-' || body[i] == '~'))
    ++i;
  return body.substr(i).starts_with("replylint:") && body.find('\n') == std::string_view::npos;
}

std::string html_comment(std::string_view body) { return "<!--" + std::string(body) + "-->"; }

// "%7B%7Bname%7D%7D": an editor's escaped braces read as the braces the template wrote.
std::string percent_decoded_braces(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '%' && i + 2 < value.size() && (value[i + 1] == '7') &&
        (value[i + 2] == 'B' || value[i + 2] == 'b' || value[i + 2] == 'D' ||
         value[i + 2] == 'd')) {
      out.push_back(value[i + 2] == 'B' || value[i + 2] == 'b' ? '{' : '}');
      i += 2;
    } else {
      out.push_back(value[i]);
    }
  }
  return out;
}

// A link target or image source that holds a template field ({{x}}, {% x %}, ${x}, #{x},
// {x}, *|X|*, %X%), unfilled. Real URLs hold none of these.
bool holds_template_field(std::string_view raw) {
  const std::string value = percent_decoded_braces(raw);
  const auto letter = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  for (std::size_t i = 0; i + 1 < value.size(); ++i) {
    const char c = value[i], n = value[i + 1];
    if (c == '{' && (n == '{' || n == '%' || letter(n)) && value.find('}', i) != std::string::npos)
      return true;
    if ((c == '$' || c == '#') && n == '{' && value.find('}', i) != std::string::npos) return true;
    if (c == '*' && n == '|' && value.find("|*", i + 2) != std::string::npos) return true;
    if (c == '%' && n >= 'A' && n <= 'Z') {
      // Not a percent-encoded byte ("%C3%A9"): the name has a letter past F or an underscore.
      std::size_t j = i + 1;
      bool not_hex = false;
      while (j < value.size() && ((value[j] >= 'A' && value[j] <= 'Z') || value[j] == '_' ||
                                  (value[j] >= '0' && value[j] <= '9'))) {
        not_hex = not_hex || value[j] > 'F' || value[j] == '_';
        ++j;
      }
      if (not_hex && j > i + 2 && j < value.size() && value[j] == '%') return true;
    }
  }
  return false;
}

bool is_inline_code(GumboTag tag) {
  return tag == GUMBO_TAG_CODE || tag == GUMBO_TAG_KBD || tag == GUMBO_TAG_SAMP ||
         tag == GUMBO_TAG_TT;
}

bool is_skipped(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_HEAD ||
         tag == GUMBO_TAG_TITLE || tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_NOSCRIPT;
}

class Renderer {
 public:
  void text(std::string_view s, bool preformatted) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      // A no-break space renders as a space that never collapses.
      if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        if (m_pending_space) m_line.push_back(' ');
        m_pending_space = false;
        put(' ');
        ++i;
        continue;
      }
      if (preformatted) {
        if (c == '\n') {
          end_line();
        } else if (c != '\r') {
          put(c);
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        m_pending_space = !m_line.empty();
      } else {
        if (m_pending_space) m_line.push_back(' ');
        m_pending_space = false;
        put(c);
      }
    }
  }
  // Text that stays one word, apart from the text before it.
  void word(std::string_view s) {
    if (!m_line.empty()) m_pending_space = true;
    text(s, false);
  }
  // A suppression comment between blocks is a line of its own, directly above the next block's
  // first line ("disable-next-line" means that block); inside a line, it stays there.
  void directive(std::string_view s) {
    if (!m_line.empty()) return word(s);
    text(s, false);
    end_line();
    m_after_directive = true;
  }
  // Inline code as Markdown writes it, `code`, so that prose rules leave it alone.
  void code_open() {
    if (m_pending_space && !m_line.empty()) m_line.push_back(' ');
    m_pending_space = false;
    put('`');
  }
  void code_close() { put('`'); }
  // Lines of a <pre> block are indented by four spaces, as a code block in plain text is.
  void set_code_block(bool on) { m_code_block = on; }
  void line_break() { end_line(); }
  // Ends the current line if it has text; a block boundary never makes an empty line itself.
  void block_boundary() {
    if (!m_line.empty()) end_line();
    m_pending_space = false;
  }
  void blank_line() {
    block_boundary();
    if (!m_lines.empty() && !m_lines.back().first.empty() && !m_after_directive) {
      m_lines.emplace_back(std::string(), m_depth);
    }
  }
  void set_depth(int depth) { m_depth = depth; }

  HtmlText finish() {
    block_boundary();
    while (!m_lines.empty() && m_lines.back().first.empty()) m_lines.pop_back();
    HtmlText out;
    bool previous_blank = true;  // drops leading blank lines and collapses runs of them
    for (auto& [line, depth] : m_lines) {
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
      const bool blank = line.empty();
      if (blank && previous_blank) continue;
      previous_blank = blank;
      if (!out.quote_depth.empty()) out.text.push_back('\n');
      out.text += line;
      out.quote_depth.push_back(depth);
    }
    return out;
  }

 private:
  void put(char c) {
    m_after_directive = false;
    if (m_line.empty()) {
      m_line_depth = m_depth;
      if (m_code_block) m_line = "    ";
    }
    m_line.push_back(c);
  }
  void end_line() {
    const int depth = m_line.empty() ? m_depth : m_line_depth;
    m_lines.emplace_back(std::move(m_line), depth);
    m_line.clear();
    m_pending_space = false;
  }

  std::vector<std::pair<std::string, int>> m_lines;
  std::string m_line;
  int m_line_depth = 0;
  int m_depth = 0;
  bool m_pending_space = false;
  bool m_after_directive = false;  // the last line is a suppression comment between blocks
  bool m_code_block = false;       // inside <pre>
};

// The tag name after '<' or '</' at `pos`, and whether the tag closes itself ("<br/>").
std::string_view tag_name(std::string_view html, std::size_t pos) {
  std::size_t end = pos;
  while (end < html.size() &&
         ((html[end] >= 'a' && html[end] <= 'z') || (html[end] >= 'A' && html[end] <= 'Z') ||
          (html[end] >= '0' && html[end] <= '9')))
    ++end;
  return html.substr(pos, end - pos);
}

bool is_void(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

// Calls on_tag(name, closing, self_closing, tag_begin, tag_end) for every tag and on_text(text)
// between them, in one pass.
template <class OnTag, class OnText>
void scan_tags(std::string_view html, OnTag&& on_tag, OnText&& on_text) {
  std::size_t pos = 0;
  while (pos < html.size()) {
    const std::size_t lt = html.find('<', pos);
    if (lt == std::string_view::npos) {
      on_text(html.substr(pos));
      return;
    }
    if (lt > pos) on_text(html.substr(pos, lt - pos));
    const bool closing = lt + 1 < html.size() && html[lt + 1] == '/';
    const std::string_view name = tag_name(html, lt + 1 + (closing ? 1 : 0));
    const std::size_t gt = html.find('>', lt);
    const std::size_t end = gt == std::string_view::npos ? html.size() : gt + 1;
    if (!name.empty())
      on_tag(name, closing, gt != std::string_view::npos && gt > lt && html[gt - 1] == '/');
    pos = end;
  }
}

// Deepest element nesting, counting start tags minus end tags (void and self-closing tags do
// not nest). An estimate: implied end tags are not known, so it errs on the deep side.
int nesting_depth(std::string_view html) {
  int depth = 0, deepest = 0;
  scan_tags(
      html,
      [&](std::string_view name, bool closing, bool self_closing) {
        const GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
        if (is_void(tag) || self_closing || tag == GUMBO_TAG_P || tag == GUMBO_TAG_LI) return;
        depth = closing ? std::max(0, depth - 1) : depth + 1;
        deepest = std::max(deepest, depth);
      },
      [](std::string_view) {});
  return deepest;
}

}  // namespace

HtmlText html_to_text(std::string_view html) {
  if (nesting_depth(html) > k_max_html_depth) {
    // Too deep for gumbo in bounded time: the text between the tags, lines broken at blocks.
    Renderer out;
    scan_tags(
        html,
        [&](std::string_view name, bool, bool) {
          const GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
          if (tag == GUMBO_TAG_BR)
            out.line_break();
          else if (is_block(tag))
            out.block_boundary();
        },
        [&](std::string_view text) { out.text(text, false); });
    HtmlText result = out.finish();
    result.too_deep = true;
    return result;
  }
  // Parse errors are not used, and recording them copies the open-element stack each time.
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  Renderer out;
  // Iterative walk: real HTML mail can nest deeper than the call stack allows.
  struct Frame {
    const GumboNode* node;
    bool closing;
  };
  std::vector<Frame> stack{{output->root, false}};
  int depth = 0;
  int pre = 0;
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const GumboNode* node = frame.node;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      out.text(node->v.text.text, pre > 0);
      continue;
    }
    if (node->type == GUMBO_NODE_COMMENT) {
      if (is_replylint_comment(node->v.text.text)) out.directive(html_comment(node->v.text.text));
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE &&
        node->type != GUMBO_NODE_DOCUMENT) {
      continue;
    }
    const GumboTag tag =
        node->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_UNKNOWN : node->v.element.tag;
    if (frame.closing) {
      // A link or image whose target is still a template field: the field is shown after the
      // element's text, where unfilled-placeholder can see it.
      for (const char* name : {"href", "src"})
        if (const GumboAttribute* a = node->type != GUMBO_NODE_ELEMENT
                                          ? nullptr
                                          : gumbo_get_attribute(&node->v.element.attributes, name);
            a != nullptr && holds_template_field(a->value))
          out.word(percent_decoded_braces(a->value));
      if (tag == GUMBO_TAG_BLOCKQUOTE) {
        out.block_boundary();
        out.set_depth(--depth);
      } else if (tag == GUMBO_TAG_PRE) {
        out.block_boundary();
        out.set_code_block(--pre > 0);
      } else if (is_inline_code(tag) && pre == 0) {
        out.code_close();
      } else if (tag == GUMBO_TAG_P || (tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6)) {
        out.blank_line();
      } else if (is_block(tag)) {
        out.block_boundary();
      }
      continue;
    }
    if (node->type == GUMBO_NODE_ELEMENT && is_skipped(tag)) continue;
    if (tag == GUMBO_TAG_BR) {
      out.line_break();
      continue;
    }
    if (tag == GUMBO_TAG_BLOCKQUOTE) {
      out.block_boundary();
      out.set_depth(++depth);
    } else if (tag == GUMBO_TAG_PRE) {
      out.block_boundary();
      ++pre;
      out.set_code_block(true);
    } else if (is_inline_code(tag) && pre == 0) {
      out.code_open();
    } else if (tag == GUMBO_TAG_P || (tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6)) {
      out.blank_line();
    } else if (is_block(tag)) {
      out.block_boundary();
    }
    const GumboVector& children =
        node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    stack.push_back({node, true});
    for (unsigned i = children.length; i > 0; --i) {
      stack.push_back({static_cast<const GumboNode*>(children.data[i - 1]), false});
    }
  }
  gumbo_destroy_output(&options, output);
  return out.finish();
}

}  // namespace replylint::message::detail
