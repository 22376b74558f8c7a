#pragma once

// Mirroring a text/plain edit onto the text/html alternative of the same body
// (multipart/alternative): the old text is found in the HTML as the text it shows, outside tags
// and outside quoted text, attribution lines and signatures, and replaced there too.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replylint::fix::detail {

/// One replacement in a text: [begin, end) becomes `text`.
struct TextEdit {
  std::size_t begin = 0, end = 0;
  std::string text;
};

/// Text with every run of white space (a no-break space and, in HTML, <br> included) written as
/// one ' ', and '\x01' where text cannot continue (a tag, a comment, quoted text). Each byte of
/// `text` came from the source bytes [begin[i], end[i]).
struct Flat {
  std::string text;
  std::vector<std::size_t> begin, end;
};

/// The text `html` (UTF-8 source, '\n' line ends) shows outside tags, with character
/// references decoded. <blockquote>, <head>, script and style, attribution and signature blocks
/// of Thunderbird, Gmail, Apple Mail and Yahoo (their classes) count as not shown, and so does
/// everything after Outlook's reply header (divRplyFwdMsg, its border-top separator). Never
/// throws.
Flat flatten_html(std::string_view html);

/// `text` flattened like flatten_html(); a byte whose `own` is false is not shown.
Flat flatten_plain(std::string_view text, const std::vector<bool>& own);

/// Starts of every occurrence of `needle` (flattened) in `flat`, overlapping ones included.
std::vector<std::size_t> occurrences(const Flat& flat, std::string_view needle);

/// Writes `text` as HTML text: & < > escaped; a character `raw_ok` refuses as a numeric
/// character reference.
std::string escape_html(std::string_view text,
                        const std::function<bool(std::string_view character)>& raw_ok);

/// The edits of the HTML source that replace the `index`-th own occurrence of `old` with
/// `replacement` (already escaped per word with `escape`), where the text part holds `count`
/// own occurrences of `old`. Word for word when the replacement has the old text's runs of
/// white space (the HTML keeps its own white space and <br>), else the whole match when it holds
/// no tag. nullopt with `why` set when the HTML cannot be edited unambiguously.
std::optional<std::vector<TextEdit>> mirror_edit(
    const Flat& html, std::string_view html_source, std::string_view old, std::size_t index,
    std::size_t count, std::string_view replacement,
    const std::function<std::string(std::string_view)>& escape, std::string& why);

}  // namespace replylint::fix::detail
