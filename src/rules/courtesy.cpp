#include "rules/courtesy.hpp"

#include "data/data.hpp"

#include <algorithm>

namespace replylint::rules {

std::int64_t own_word_count(const Draft& draft) {
  std::int64_t count = 0;
  for (const draft::Paragraph& paragraph : draft.paragraphs)
    for (const Sentence& sentence : paragraph.sentences)
      for (const Word& word : sentence.words)
        if (word.kind == draft::TokenKind::word) ++count;
  return count;
}

namespace {

// "[PATCH v2 1/3] Fix", "[RFC PATCH] x": a patch series' subject tag, after any "Re:".
bool patch_subject(std::string_view subject) {
  if (subject.empty() || subject.front() != '[') return false;
  const std::string_view tag = subject.substr(1, subject.find(']') - 1);
  return tag.starts_with("PATCH") || tag.starts_with("RFC") || tag.starts_with("patch");
}

}  // namespace

bool courtesy_exempt(const Draft& draft, std::int64_t min_words) {
  if (draft.has_patch() || patch_subject(draft.message().subject_without_prefixes)) return true;
  return own_word_count(draft) < min_words;
}

bool pgp_armor(const Draft& draft, const draft::Paragraph& paragraph) {
  return std::string_view(draft.text())
      .substr(paragraph.range.begin, paragraph.range.size())
      .starts_with("-----BEGIN PGP ");
}

OpeningSentence opening_sentence(const Draft& draft, const draft::Paragraph* after) {
  for (const draft::Paragraph& paragraph : draft.paragraphs) {
    if (after != nullptr) {
      if (&paragraph == after) after = nullptr;
      continue;
    }
    if (pgp_armor(draft, paragraph)) continue;
    for (const Sentence& sentence : paragraph.sentences)
      if (std::any_of(sentence.words.begin(), sentence.words.end(), [](const Word& w) {
            return w.kind == draft::TokenKind::word || w.kind == draft::TokenKind::placeholder;
          }))
        return {&paragraph, &sentence};
  }
  return {};
}

const std::string& language_of(const Draft& draft, const draft::Paragraph& paragraph) {
  return paragraph.language.empty() ? draft.language : paragraph.language;
}

std::map<std::string, std::string, std::less<>> proposed_phrases(const data::DataSet& data,
                                                                 std::string_view rule_id) {
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& [code, language] : data.languages) {
    const auto list = language.phrases.find(std::string(rule_id));
    if (list == language.phrases.end()) continue;
    for (const data::Phrase& phrase : list->second) {
      if (phrase.suggest.empty()) continue;
      out.emplace(code, phrase.suggest);
      break;
    }
  }
  return out;
}

std::vector<std::string> phrase_languages(const data::DataSet& data, const std::string& language) {
  std::vector<std::string> out;
  if (data.languages.count(language) > 0) out.push_back(language);
  for (const auto& entry : data.languages)
    if (entry.first != language) out.push_back(entry.first);
  return out;
}

}  // namespace replylint::rules
