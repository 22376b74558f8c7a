#include "message/message.hpp"

#include "message/text_codec.hpp"
#include "util/error.hpp"

#include <algorithm>
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

std::size_t Body::unflowed_offset(std::size_t text_offset) const {
  if (!flowed || flowed_map.empty()) return text_offset;
  auto it = std::upper_bound(
      flowed_map.begin(), flowed_map.end(), text_offset,
      [](std::size_t offset, const FlowedPiece& piece) { return offset < piece.text_offset; });
  if (it != flowed_map.begin()) --it;
  return it->unflowed_offset + (text_offset - it->text_offset);
}

const Header* Message::subject_header() const { return find_header("Subject"); }

std::string format_size(std::uint64_t bytes) {
  constexpr std::uint64_t k = 1024;
  if (bytes >= k * k && bytes % (k * k) == 0) return std::to_string(bytes / (k * k)) + " MB";
  if (bytes >= k && bytes % k == 0) return std::to_string(bytes / k) + " KB";
  return std::to_string(bytes) + " bytes";
}

std::string read_bounded(std::istream& in, const std::string& path, std::uint64_t max_size,
                         const std::string& setting) {
  std::string bytes;
  char buffer[65536];
  while (in) {
    // Never more than max_size + 1 bytes: one past the limit is enough to know it is over.
    std::size_t want = sizeof buffer;
    if (max_size > 0)
      want = static_cast<std::size_t>(std::min<std::uint64_t>(want, max_size + 1 - bytes.size()));
    in.read(buffer, static_cast<std::streamsize>(want));
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (max_size > 0 && bytes.size() > max_size)
      throw InputError(
          path, 0,
          "over the size limit of " + format_size(max_size) + " (" + setting + "); not checked");
  }
  if (in.bad()) throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
  return bytes;
}

Message load_message(const std::string& path, const data::DataSet& data, const Limits& limits) {
  if (path == "-")
    return parse_message(
        path, read_bounded(std::cin, path, limits.max_size, limits.max_size_setting), data, limits);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw InputError(path, 0, "cannot read: no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw InputError(path, 0, "cannot read: is a directory");
  }
  // A FIFO would block until some writer opens it, and a device may never end: only stdin ("-")
  // is read as a stream.
  if (!std::filesystem::is_regular_file(status)) {
    throw InputError(path, 0, "cannot read: not a regular file (pipe it to '-' instead)");
  }
  if (limits.max_size > 0) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits.max_size)
      throw InputError(path, 0,
                       "over the size limit of " + format_size(limits.max_size) + " (" +
                           limits.max_size_setting + "); not checked");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
  }
  return parse_message(path, read_bounded(in, path, limits.max_size, limits.max_size_setting), data,
                       limits);
}

}  // namespace replylint::message
