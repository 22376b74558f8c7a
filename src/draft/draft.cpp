#include "draft/draft.hpp"

#include "data/data.hpp"
#include "draft/internal.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <unordered_set>

namespace replylint::draft {
namespace {

bool is_ascii(std::string_view s) {
  for (char ch : s)
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  return true;
}

// Name parts of every mailbox in the address headers: display-name words and the pieces of the
// local part ("lucia.romero" → "lucia.romero", "lucia", "romero").
// The name parts of a draft's headers, with what lets most words be ruled out without folding
// them: the byte lengths the names have (folding keeps an ASCII word ASCII and of the same
// length) and the names' first code points (the folded, or folded and stripped, first code point
// of any word a name matches).
struct HeaderNames {
  std::unordered_set<std::string> names;
  std::vector<bool> length;
  std::unordered_set<UChar32> first;
};

HeaderNames header_names(const message::Message& m, const detail::Compiled& c) {
  HeaderNames out;
  std::unordered_set<std::string>& names = out.names;
  auto add = [&](std::string_view part) {
    if (part.size() < 2) return;
    const std::string f = text::fold_case(part);
    names.insert(f);
    if (!is_ascii(f)) names.insert(text::strip_marks(f));
  };
  for (const auto* list : {&m.from, &m.sender, &m.reply_to, &m.to, &m.cc, &m.bcc}) {
    for (const message::Address& a : *list) {
      for (const Word& w : detail::tokenize(a.name, c, 0)) {
        if (w.kind != TokenKind::word) continue;
        add(w.text);
        // A Greek first name is addressed in the vocative: Νίκος → Νίκο, Νίκε; Δημήτρης →
        // Δημήτρη; Κώστας → Κώστα.
        if (w.script != Script::greek) continue;
        const std::string f = text::fold_case(w.text);  // final ς folds to σ
        for (const std::string_view ending : {"οσ", "όσ", "ησ", "ήσ", "ασ", "άσ"}) {
          if (f.size() <= ending.size() + 2 || !f.ends_with(ending)) continue;
          const std::string stem = f.substr(0, f.size() - std::string_view("σ").size());
          add(stem);
          if (ending == "οσ" || ending == "όσ")
            add(f.substr(0, f.size() - ending.size()) + (ending == "οσ" ? "ε" : "έ"));
        }
      }
      const std::string_view local = std::string_view(a.address).substr(0, a.address.find('@'));
      add(local);
      std::size_t b = 0;
      for (std::size_t i = 0; i <= local.size(); ++i) {
        if (i == local.size() || local[i] == '.' || local[i] == '_' || local[i] == '-' ||
            local[i] == '+') {
          if (i > b) add(local.substr(b, i - b));
          b = i + 1;
        }
      }
    }
  }
  for (const std::string& name : names) {
    if (name.size() >= out.length.size()) out.length.resize(name.size() + 1, false);
    out.length[name.size()] = true;
    UChar32 first;
    int32_t i = 0;
    U8_NEXT(name.data(), i, static_cast<int32_t>(name.size()), first);
    out.first.insert(first);
  }
  return out;
}

void mark_header_names(std::vector<Word>& words, const HeaderNames& header) {
  // Plain references, not a structured binding: clang 14 (the fuzz build) cannot capture those.
  const std::unordered_set<std::string>& names = header.names;
  const std::vector<bool>& name_length = header.length;
  const std::unordered_set<UChar32>& first = header.first;
  if (names.empty()) return;
  const text::CodePointTable& table = text::code_point_table();
  const text::StrippedTable& stripped = text::stripped_table();
  auto cannot_be_a_name = [&](const std::string& text) {
    UChar32 c;
    int32_t i = 0;
    U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
    if (c < 0 || c >= text::CodePointTable::k_size || !table.info[c].simple_fold) return false;
    const UChar32 folded = table.info[c].folded;
    if (first.count(folded) > 0) return false;
    if (folded >= 0x400 || !stripped.entry[folded].ok || stripped.entry[folded].size == 0)
      return false;
    UChar32 base;
    int32_t j = 0;
    U8_NEXT(stripped.entry[folded].bytes, j, stripped.entry[folded].size, base);
    return first.count(base) == 0;
  };
  for (Word& w : words) {
    if (w.kind != TokenKind::word || w.letters == 0) continue;
    if (is_ascii(w.text) && (w.text.size() >= name_length.size() || !name_length[w.text.size()]))
      continue;
    if (cannot_be_a_name(w.text)) continue;
    const std::string f = text::fold_case(w.text);
    w.is_header_name =
        names.count(f) > 0 || (!is_ascii(f) && names.count(text::strip_marks(f)) > 0);
  }
}

// Paragraphs of one own segment: runs of non-blank lines.
void add_paragraphs(const std::string& text, const Segment& seg, std::vector<Paragraph>& out) {
  std::size_t b = seg.range.begin;
  std::size_t para_begin = std::string::npos, para_end = 0;
  while (b <= seg.range.end) {
    std::size_t e = text.find('\n', b);
    if (e == std::string::npos || e > seg.range.end) e = seg.range.end;
    const bool blank = detail::trim(std::string_view(text).substr(b, e - b)).empty();
    if (!blank) {
      if (para_begin == std::string::npos) para_begin = b;
      para_end = e;
    } else if (para_begin != std::string::npos) {
      out.push_back({{para_begin, para_end}, "", {}});
      para_begin = std::string::npos;
    }
    if (e >= seg.range.end) break;
    b = e + 1;
  }
  if (para_begin != std::string::npos) out.push_back({{para_begin, para_end}, "", {}});
}

}  // namespace

std::string_view to_string(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::own:
      return "own";
    case SegmentKind::quote:
      return "quote";
    case SegmentKind::attribution:
      return "attribution";
    case SegmentKind::original_header:
      return "original-header";
    case SegmentKind::forward:
      return "forward";
    case SegmentKind::signature:
      return "signature";
    case SegmentKind::placeholder:
      return "placeholder";
    case SegmentKind::patch:
      return "patch";
  }
  return "own";
}

std::vector<const Sentence*> Draft::own_sentences() const {
  std::vector<const Sentence*> out;
  for (const Paragraph& p : paragraphs)
    for (const Sentence& s : p.sentences) out.push_back(&s);
  return out;
}

std::vector<const Segment*> Draft::quotes() const {
  std::vector<const Segment*> out;
  for (const Segment& s : segments)
    if (s.kind == SegmentKind::quote) out.push_back(&s);
  return out;
}

bool Draft::quotes_original() const {
  for (const Segment& s : segments)
    if (s.kind == SegmentKind::quote || s.kind == SegmentKind::original_header ||
        s.kind == SegmentKind::forward)
      return true;
  for (int depth : m_message.body.html_quote_depth)
    if (depth > 0) return true;
  return false;
}

bool Draft::has_patch() const {
  for (const Segment& s : segments)
    if (s.kind == SegmentKind::patch) return true;
  return false;
}

Draft segment(message::Message message, const data::DataSet& data, const Options& options) {
  Draft draft(std::move(message));
  const detail::Compiled& c = detail::compiled(data, options.placeholders);
  detail::draft_begin();
  const std::string& text = draft.text();
  draft.segments = detail::segment_lines(draft.message(), c);

  const HeaderNames names = header_names(draft.message(), c);
  std::map<std::string, long> letters_by_language;
  for (Segment& seg : draft.segments) {
    if (seg.kind != SegmentKind::own) continue;
    const std::size_t first = draft.paragraphs.size();
    add_paragraphs(text, seg, draft.paragraphs);
    std::map<std::string, long> seg_letters;
    for (std::size_t p = first; p < draft.paragraphs.size(); ++p) {
      Paragraph& para = draft.paragraphs[p];
      const std::string_view ptext =
          std::string_view(text).substr(para.range.begin, para.range.size());
      std::vector<Word> words = detail::tokenize(ptext, c, para.range.begin);
      mark_header_names(words, names);
      para.language = options.language.empty()
                          ? detail::detect_language(ptext, words, c, para.range.begin)
                          : options.language;
      long letters = 0;
      for (const Word& w : words)
        if (w.kind == TokenKind::word) letters += w.letters;
      if (!para.language.empty()) {
        seg_letters[para.language] += letters;
        letters_by_language[para.language] += letters;
      }
      // Each word goes to the sentence holding its first byte.
      std::size_t wi = 0;
      for (const Range& r : detail::sentences(ptext, para.range.begin)) {
        Sentence s;
        s.range = r;
        while (wi < words.size() && words[wi].range.begin < r.begin) ++wi;  // between sentences
        std::size_t last = wi;
        while (last < words.size() && words[last].range.begin < r.end) ++last;
        s.words.reserve(last - wi);
        while (wi < last) s.words.push_back(std::move(words[wi++]));
        para.sentences.push_back(std::move(s));
      }
    }
    long best = -1;
    for (const auto& [lang, n] : seg_letters)
      if (n > best) {
        best = n;
        seg.language = lang;
      }
  }
  long best = 0;
  for (const auto& [lang, n] : letters_by_language)
    if (n > best) {
      best = n;
      draft.language = lang;
    }
  if (!options.language.empty()) draft.language = options.language;
  // A paragraph too short to tell ("Ok", "Gracias Ana") takes the draft's language.
  if (!draft.language.empty()) {
    for (Paragraph& p : draft.paragraphs)
      if (p.language.empty()) p.language = draft.language;
    for (Segment& seg : draft.segments)
      if (seg.kind == SegmentKind::own && seg.language.empty() && seg.range.size() > 0 &&
          !detail::trim(std::string_view(text).substr(seg.range.begin, seg.range.size())).empty())
        seg.language = draft.language;
  }

  draft.subject_words = detail::tokenize(draft.message().subject, c, 0);
  mark_header_names(draft.subject_words, names);
  draft.warnings = detail::draft_end();
  return draft;
}

}  // namespace replylint::draft
