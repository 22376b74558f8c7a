// Engine::check_mailbox and friends: mbox files and Maildir folders, one report per message
// (docs/mailbox.md).
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <istream>
#include <iterator>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <thread>

#include "engine/engine.hpp"
#include "message/mbox.hpp"
#include "util/error.hpp"

namespace replylint::engine {

namespace fs = std::filesystem;

namespace {

// Messages read ahead of the checks, per job: enough to keep every job busy, few enough that
// a mailbox of any size needs about the same memory.
constexpr std::size_t k_batch_per_job = 16;

// What decides whether a file is an mbox: its first line and the start of the next.
constexpr std::size_t k_head = 4096;

// A plain file up to this size is read whole when Engine::probe first looks at it, and checked
// from those bytes; a larger one is read again, as a stream, when checked. Drafts are a few KiB.
constexpr std::uint64_t k_whole_file = 256 * 1024;

// Runs `check(i)` for i in [0, n) on up to `jobs` threads.
template <typename Check>
void run_parallel(std::size_t n, unsigned jobs, const Check& check) {
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
  if (jobs <= 1) {
    for (std::size_t i = 0; i < n; ++i) check(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  workers.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t)
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) check(i);
    });
  for (std::thread& w : workers) w.join();
}

// Whether an mbox holds more than one message (mboxrd, as when no --mbox-format is given).
// A size limit of one byte: the reader only counts, it keeps no message.
bool several_messages_in(std::istream& in) {
  try {
    message::MboxReader reader(in, message::MboxFormat::mboxrd, 1);
    return reader.next() && reader.next();
  } catch (const std::runtime_error&) {
    return false;  // checking it as a file reports the read error
  }
}

bool several_messages_in_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return several_messages_in(in);
}

// Reads a string in place, where std::istringstream would copy it.
class StringViewBuffer : public std::streambuf {
 public:
  explicit StringViewBuffer(std::string& text) {
    setg(text.data(), text.data(), text.data() + text.size());
  }
};

bool several_messages_in_bytes(std::string& content) {
  StringViewBuffer buffer(content);
  std::istream in(&buffer);
  return several_messages_in(in);
}

report::FileReport failed(const std::string& path, std::string error) {
  report::FileReport out;
  out.path = path;
  out.error = std::move(error);
  return out;
}

report::FileReport empty_mailbox(const std::string& path) {
  report::FileReport out;
  out.path = path;
  out.warnings.push_back("the mailbox holds no messages");
  return out;
}

}  // namespace

bool Engine::is_mailbox(const Input& input) const { return probe(input, false).mailbox; }

Engine::Probe Engine::probe(const Input& input, bool keep_content) const {
  if (input.maildir) return {.mailbox = true, .content = {}};
  if (!input.error.empty() || input.bytes || input.path == "-") return {};
  // Every plain file passes here once: one open, one fstat and one read, no stream set-up. A
  // small file is read whole, so that checking it needs no second open and read.
  // O_NONBLOCK: a FIFO must not block here (checking it as a file reports it).
  const int fd = ::open(input.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat info {};
  std::string bytes;
  bool whole_file = false;
  ssize_t got = -1;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    const bool small = keep_content && info.st_size >= 0 &&
                       static_cast<std::uint64_t>(info.st_size) <= k_whole_file;
    // One byte more than fstat's size: getting it means the file grew since (or, in /proc, that
    // its size says nothing), and the file is left to be read as before. Never less than the
    // head, which decides whether it is a mailbox whatever fstat says.
    bytes.resize(small ? std::max(static_cast<std::size_t>(info.st_size) + 1, k_head) : k_head);
    got = ::read(fd, bytes.data(), bytes.size());
    whole_file = small && got == info.st_size;
  }
  ::close(fd);
  if (got < 0) return {};
  bytes.resize(static_cast<std::size_t>(got));
  Probe out;
  if (whole_file) out.content = std::move(bytes);
  const std::string_view read = out.content ? *out.content : bytes;
  if (got == 0) {
    out.mailbox = m_options.mbox_format.has_value() || fs::path(input.path).extension() == ".mbox";
  } else if (!message::looks_like_mbox(read.substr(0, k_head))) {
    // Only the head decides, however much was read, as for a file too large to be read whole.
    out.mailbox = false;
  } else if (m_options.mbox_format) {
    out.mailbox = true;
  } else {
    // Without --mbox-format a single message with a `From ` line stays a plain file.
    out.mailbox = out.content ? several_messages_in_bytes(*out.content)
                              : several_messages_in_file(input.path);
  }
  if (out.mailbox) out.content.reset();
  return out;
}

std::vector<report::FileReport> Engine::check_mailbox(const Input& input, unsigned jobs) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  try {
    return input.maildir ? check_maildir(input.path, jobs) : check_mbox(input.path, jobs);
  } catch (const std::exception& e) {
    return {failed(input.path, std::string("internal error: ") + e.what() + "; not checked")};
  }
}

std::vector<report::FileReport> Engine::check_mbox(const std::string& path, unsigned jobs) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {failed(path, "cannot open the mailbox")};
  message::Limits limits;
  try {
    limits = limits_in(settings_for(path));
  } catch (const InputError& e) {
    return {failed(path, e.path == path ? e.what() : e.describe())};
  }
  const message::MboxFormat format = m_options.mbox_format.value_or(message::MboxFormat::mboxrd);
  message::MboxReader reader(in, format, limits.max_size);
  std::vector<report::FileReport> out;
  std::vector<message::MboxMessage> batch;
  const std::size_t batch_size = k_batch_per_job * jobs;
  bool more = true;
  while (more) {
    batch.clear();
    try {
      while (batch.size() < batch_size) {
        std::optional<message::MboxMessage> next = reader.next();
        if (!next) {
          more = false;
          break;
        }
        batch.push_back(std::move(*next));
      }
    } catch (const std::runtime_error& e) {
      out.push_back(failed(path, fmt::format("cannot read the mailbox after message {}: {}",
                                             out.size() + batch.size(), e.what())));
      more = false;
    }
    const std::size_t first = out.size();
    out.resize(first + batch.size());
    run_parallel(batch.size(), jobs, [&](std::size_t i) {
      message::MboxMessage& message = batch[i];
      report::FileReport& report = out[first + i];
      std::string message_id;
      if (message.too_large) {
        report = failed(
            path, fmt::format("message over the size limit of {} ({}); not checked",
                              message::format_size(limits.max_size), limits.max_size_setting));
      } else {
        report = run(
            path,
            [&](const message::Limits& message_limits) {
              return message::parse_message(path, std::move(message.bytes), m_data, message_limits);
            },
            path, &message_id);
      }
      report.mailbox = report::MailboxMessage{.mailbox = path,
                                              .format = std::string(message::to_string(format)),
                                              .index = message.index,
                                              .message_id = std::move(message_id),
                                              .from_line = message.from_line,
                                              .unescaped = std::move(message.unescaped)};
      report::to_mailbox_positions(report);
    });
  }
  if (out.empty()) return {empty_mailbox(path)};
  return out;
}

std::vector<report::FileReport> Engine::check_maildir(const std::string& path, unsigned jobs) {
  std::vector<fs::path> files;
  try {
    files = message::maildir_messages(path);
  } catch (const std::runtime_error& e) {
    return {failed(path, e.what())};
  }
  if (files.empty()) return {empty_mailbox(path)};
  std::vector<report::FileReport> out(files.size());
  run_parallel(files.size(), jobs, [&](std::size_t i) {
    const std::string file = files[i].string();
    std::string message_id;
    out[i] = run(
        file,
        [&](const message::Limits& limits) { return message::load_message(file, m_data, limits); },
        file, &message_id);
    out[i].mailbox = report::MailboxMessage{.mailbox = path,
                                            .format = "maildir",
                                            .index = static_cast<int>(i + 1),
                                            .message_id = std::move(message_id),
                                            .from_line = 0,
                                            .unescaped = {}};
  });
  return out;
}

}  // namespace replylint::engine
