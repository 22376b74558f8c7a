// libFuzzer target: the message parser (input-kind detection, GMime, charsets, HTML) and the
// JSON model `replylint parse` prints. Any input must end in a Message or an InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/data.hpp"
#include "message/message.hpp"
#include "message/model_json.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const replylint::data::DataSet& rules = replylint::data::default_data();
  try {
    const auto message = replylint::message::parse_message(
        "fuzz.eml", std::string(reinterpret_cast<const char*>(data), size), rules);
    (void)replylint::message::to_json(message).dump();
  } catch (const replylint::InputError&) {
  }
  return 0;
}
