// Runs the parser over every message of ../shared/corpus/mime and compares subject, From/To/Cc
// and attachment file names with the reference output (mailparser) where a *.ref.json exists.
#include "message/message.hpp"
#include "message/test_data.hpp"
#include "message/text_codec.hpp"
#include "text/text.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

namespace fs = std::filesystem;
using replylint::InputError;
using namespace replylint::message;

namespace {

// Files in the corpus that are not messages: reference outputs, the projects' own expected
// results (JSON, gmime's mbox/expected-output) and the folder's notes.
bool is_message_fixture(const fs::path& path) {
  const std::string name = path.filename().string();
  const std::string text = path.generic_string();
  if (name.size() >= 5 && name.compare(name.size() - 5, 5, ".json") == 0) return false;
  if (path.extension() == ".md") return false;
  if (text.find("/mbox/expected-output/") != std::string::npos) return false;
  return true;
}

std::string normalize_subject(const std::string& s) {
  // Folding whitespace differs between parsers (a folded line keeps its tab or not).
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return replylint::text::nfc(out);
}

std::multiset<std::string> address_set(const std::vector<Address>& list) {
  std::multiset<std::string> out;
  for (const Address& a : list) {
    if (!a.address.empty()) out.insert(detail::ascii_lower(a.address));
  }
  return out;
}

std::multiset<std::string> address_set(const nlohmann::json& list) {
  std::multiset<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& a : list) {
    if (a.contains("address") && a["address"].is_string() && !a["address"].get<std::string>().empty()) {
      out.insert(detail::ascii_lower(a["address"].get<std::string>()));
    }
  }
  return out;
}

std::multiset<std::string> attachment_names(const Message& m) {
  std::multiset<std::string> out;
  for (const Attachment& a : m.attachments) {
    if (!a.filename.empty()) out.insert(replylint::text::nfc(a.filename));
  }
  return out;
}

std::multiset<std::string> attachment_names(const nlohmann::json& list) {
  std::multiset<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& a : list) {
    if (a.contains("filename") && a["filename"].is_string() &&
        !a["filename"].get<std::string>().empty()) {
      out.insert(replylint::text::nfc(a["filename"].get<std::string>()));
    }
  }
  return out;
}

template <typename Set>
std::string show(const Set& set) {
  std::string out = "{";
  for (const auto& s : set) out += (out.size() > 1 ? ", " : "") + s;
  return out + "}";
}

struct Tally {
  int agree = 0;
  int total = 0;
};

// Splits an mbox into messages at every line starting with "From " (as the reference did).
std::vector<std::string> split_mbox(const std::string& bytes) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  std::size_t start = std::string::npos;
  while (pos < bytes.size()) {
    const std::size_t nl = bytes.find('\n', pos);
    const std::size_t next = nl == std::string::npos ? bytes.size() : nl + 1;
    if (bytes.compare(pos, 5, "From ") == 0) {
      if (start != std::string::npos) out.push_back(bytes.substr(start, pos - start));
      start = pos;
    }
    pos = next;
  }
  if (start != std::string::npos) out.push_back(bytes.substr(start));
  return out;
}

}  // namespace

TEST_CASE("every corpus message parses and agrees with the reference parser",
          "[corpus][message]") {
  const fs::path root = REPLYLINT_CORPUS_DIR;
  if (!fs::is_directory(root)) {
    WARN("corpus folder " << root << " not found; corpus test skipped");
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && is_message_fixture(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 300);

  std::map<std::string, Tally> fields;
  int parsed = 0;
  int empty = 0;
  int compared_messages = 0;
  std::vector<std::string> disagreements;
  for (const fs::path& file : files) {
    const std::string rel = fs::relative(file, root).generic_string();
    const std::string bytes = testing::read_bytes(file.string());
    const fs::path ref_path = file.string() + ".ref.json";
    nlohmann::json ref;
    if (fs::exists(ref_path)) ref = nlohmann::json::parse(testing::read_bytes(ref_path.string()));

    std::vector<std::pair<std::string, nlohmann::json>> units;  // input bytes, reference
    if (ref.is_object() && ref.value("kind", "") == "mbox") {
      const auto chunks = split_mbox(bytes);
      const auto& messages = ref["messages"];
      CHECK(chunks.size() == messages.size());
      for (std::size_t i = 0; i < chunks.size() && i < messages.size(); ++i) {
        units.emplace_back(chunks[i], messages[i]);
      }
    } else {
      units.emplace_back(bytes, ref);
    }

    for (std::size_t u = 0; u < units.size(); ++u) {
      const auto& [input, expected] = units[u];
      const std::string name = units.size() > 1 ? rel + " #" + std::to_string(u) : rel;
      Message m;
      try {
        m = parse_message(name, input, testing::prefix_data());
        ++parsed;
      } catch (const InputError& e) {
        // Only a file with nothing in it may be refused.
        INFO(name << ": " << e.what());
        CHECK(detail::trim(input).empty());
        ++empty;
        continue;
      }
      if (!expected.is_object()) continue;
      ++compared_messages;

      const auto compare = [&](const std::string& field, bool ok, const std::string& ours,
                               const std::string& theirs) {
        Tally& t = fields[field];
        ++t.total;
        if (ok) {
          ++t.agree;
        } else {
          disagreements.push_back(name + ": " + field + ": ours " + ours + " | reference " + theirs);
        }
      };
      const std::string ref_subject =
          expected["subject"].is_string() ? expected["subject"].get<std::string>() : "";
      compare("subject", normalize_subject(m.subject) == normalize_subject(ref_subject),
              "'" + m.subject + "'", "'" + ref_subject + "'");
      const auto from = address_set(m.from);
      const auto to = address_set(m.to);
      const auto cc = address_set(m.cc);
      compare("from", from == address_set(expected["from"]), show(from),
              show(address_set(expected["from"])));
      compare("to", to == address_set(expected["to"]), show(to),
              show(address_set(expected["to"])));
      compare("cc", cc == address_set(expected["cc"]), show(cc),
              show(address_set(expected["cc"])));
      const auto names = attachment_names(m);
      compare("attachments", names == attachment_names(expected["attachments"]), show(names),
              show(attachment_names(expected["attachments"])));
    }
  }

  int agree = 0;
  int total = 0;
  std::cout << "corpus: " << files.size() << " files, " << parsed << " messages parsed, " << empty
            << " refused as empty, " << compared_messages << " compared with the reference\n";
  for (const auto& [field, t] : fields) {
    std::cout << "  " << field << ": " << t.agree << "/" << t.total << " ("
              << (t.total ? 100.0 * t.agree / t.total : 100.0) << "%)\n";
    agree += t.agree;
    total += t.total;
  }
  const double rate = total ? 100.0 * agree / total : 100.0;
  std::cout << "  overall: " << agree << "/" << total << " (" << rate << "%)\n";
  for (const std::string& d : disagreements) std::cout << "  disagreement: " << d << "\n";
  CHECK(empty <= 1);
  REQUIRE(rate >= 95.0);
}
