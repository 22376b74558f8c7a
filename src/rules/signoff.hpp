#pragma once

// An undelimited signature: the short lines under a sign-off ("Un saludo,\nLucía Pérez\nTienda
// Verde S.L.\nC/ Alcalá 123, 28009 Madrid"), as most agents write one, without a "-- " line.
// Segmentation cannot tell it from prose ("Un saludo" also ends a sentence), so the rules that
// must leave a signature alone (the company's own numbers, its tagline in capitals) ask here.

#include <cstddef>
#include <string_view>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "rules/phrase_matcher.hpp"

namespace replylint::rules {

/// Runs of text between blanks that hold a letter or a digit (a lone ':' or '-' is no word).
std::size_t words_between(std::string_view text, std::size_t begin, std::size_t end);

/// A line opening with "PD", "P.S.", "PS", "Υ.Γ." and a ':' or '.' or ' '.
bool postscript_mark(std::string_view line);

/// A legal or data-protection footer written as own text, without a "-- " line: a paragraph with
/// two cues of `cues` (rules/<lang>/confidential-disclaimer.toml), or one of two words or more
/// ("received in error", "responsable del tratamiento"), since a lone "destinatario" is ordinary
/// in shipping mail.
bool legal_disclaimer(const PhraseMatcher& cues, const draft::Paragraph& paragraph);

class SignoffBlock {
 public:
  explicit SignoffBlock(const data::DataSet& data) : m_data(data) {}

  /// True when the line holding text[begin…end) is one of at most eight lines under a sign-off
  /// line, each short like a name, an address or contact details (16 words at most), with no
  /// quoted line or postscript ("PD: …", prose to the customer) between them.
  bool contains(std::string_view text, std::size_t begin, std::size_t end) const;

  /// "Un saludo,", "Με εκτίμηση", "Best regards," (rules/<lang>/signature.toml closings), or one
  /// of them and a few words more ("Un saludo cordial,").
  bool closing_line(std::string_view line) const;

 private:
  const data::DataSet& m_data;
};

}  // namespace replylint::rules
