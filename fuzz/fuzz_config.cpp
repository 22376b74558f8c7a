// libFuzzer target: the config loader (TOML, keys, rule options, override globs, placeholder
// patterns), then the placeholders it accepts in a segmentation. Any input must end in a Config
// or an InputError.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "config/config.hpp"
#include "data/data.hpp"
#include "draft/draft.hpp"
#include "util/error.hpp"

namespace rl = replylint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const rl::data::DataSet& rules = rl::data::default_data();
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("replylint-fuzz-config-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  const auto file = dir / ".replylint.toml";
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const rl::config::Config config = rl::config::load_config(file);
    const rl::config::Effective settings = rl::config::resolve(config, dir / "drafts" / "a.eml");
    rl::message::Message message;
    message.has_body = true;
    message.body.text =
        "Hola {{ nombre }},\n\n> citado\n\nel pedido %ID% llega el {fecha}.\n\n-- \nAna\n";
    (void)rl::draft::segment(std::move(message), rules, {settings.language, settings.placeholders});
  } catch (const rl::InputError&) {
  }
  return 0;
}
