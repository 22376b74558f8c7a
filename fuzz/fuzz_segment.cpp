// libFuzzer target: body segmentation and tokenizing (quotes, attributions, signatures,
// placeholders, patches, paragraphs, sentences, words, language) on any UTF-8 body text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "message/text_codec.hpp"
#include "text/text.hpp"

namespace rl = replylint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const rl::data::DataSet& rules = rl::data::default_data();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The parser hands segmentation NFC UTF-8 with '\n' line ends: make any input into that.
  rl::message::Message message;
  message.kind = rl::message::InputKind::body;
  message.has_body = true;
  message.body.text = rl::text::nfc(rl::message::detail::normalize_newlines(
      rl::message::detail::decode_text(bytes, "utf-8").text));
  message.subject = message.body.text.substr(0, message.body.text.find('\n'));
  const rl::draft::Draft draft = rl::draft::segment(std::move(message), rules);
  (void)draft.own_sentences();
  (void)draft.quotes_original();
  return 0;
}
