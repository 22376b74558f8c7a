#include "message/message.hpp"

#include "message/text_codec.hpp"
#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace replylint::message {

std::string Address::domain() const {
  const auto at = address.rfind('@');
  if (at == std::string::npos) return "";
  return detail::ascii_lower(address.substr(at + 1));
}

const Header* Message::find_header(std::string_view name) const {
  const std::string wanted = detail::ascii_lower(name);
  for (const Header& header : headers) {
    if (detail::ascii_lower(header.name) == wanted) return &header;
  }
  return nullptr;
}

const Header* Message::subject_header() const { return find_header("Subject"); }

Message load_message(const std::string& path, const data::DataSet& data) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) throw InputError(path, 0, "cannot read standard input");
    return parse_message(path, std::move(buffer).str(), data);
  }
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw InputError(path, 0, "cannot read: no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw InputError(path, 0, "cannot read: is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
  return parse_message(path, std::move(bytes), data);
}

}  // namespace replylint::message
