#include "report/baseline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "text/text.hpp"

namespace replylint::report {

namespace fs = std::filesystem;

namespace {

constexpr int k_version = 1;

void hash_bytes(std::uint64_t& hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  hash ^= 0xff;  // a field separator no UTF-8 text holds
  hash *= 0x100000001b3ULL;
}

}  // namespace

std::string fingerprint(const std::string& path, const Finding& finding) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  hash_bytes(hash, finding.diagnostic.rule);
  hash_bytes(hash, path);
  // Where it is: the body, the subject or a header's name.
  const Location& where = finding.diagnostic.location;
  hash_bytes(hash, where.origin == Location::Origin::body      ? std::string_view("body")
                   : where.origin == Location::Origin::subject ? std::string_view("subject")
                                                               : std::string_view(where.header));
  hash_bytes(hash, text::collapse_space(finding.diagnostic.text));
  hash_bytes(hash, text::collapse_space(finding.source_line));
  return fmt::format("{:016x}", hash);
}

Baseline Baseline::load(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read baseline {}", file.string()));
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  const auto not_one = [&] {
    return std::runtime_error(
        fmt::format("{} is not a replylint baseline (version {})", file.string(), k_version));
  };
  if (!json.is_object() || json.value("version", 0) != k_version || !json.contains("findings") ||
      !json["findings"].is_array())
    throw not_one();
  Baseline out(file.parent_path());
  for (const nlohmann::json& item : json["findings"]) {
    if (!item.is_object() || !item.contains("fingerprint") || !item["fingerprint"].is_string())
      throw not_one();
    Entry& entry = out.m_entries[item["fingerprint"].get<std::string>()];
    entry.rule = item.value("rule", "");
    entry.path = item.value("path", "");
    entry.text = item.value("text", "");
    const nlohmann::json count = item.value("count", nlohmann::json(1));
    entry.count += count.is_number_unsigned() ? count.get<std::size_t>() : 1;
  }
  return out;
}

std::string Baseline::key_path(const std::string& path) const {
  if (path == "-" || path.empty()) return path;
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  if (ec) return fs::path(path).generic_string();
  const fs::path folder = fs::absolute(m_folder.empty() ? fs::path(".") : m_folder, ec);
  const fs::path relative =
      absolute.lexically_normal().lexically_relative(folder.lexically_normal());
  return relative.empty() ? fs::path(path).generic_string() : relative.generic_string();
}

std::string Baseline::key_path(const FileReport& file) const {
  if (!file.mailbox) return key_path(file.path);
  // A mailbox message is known by its mailbox and Message-ID: a Maildir file is renamed when
  // its flags change, and messages move in an mbox as others are added or deleted.
  const MailboxMessage& m = *file.mailbox;
  return key_path(m.mailbox) +
         (m.message_id.empty() ? fmt::format("#{}", m.index) : fmt::format("#<{}>", m.message_id));
}

void Baseline::record(const Report& report) {
  for (const FileReport& file : report.files) {
    if (!file.error.empty()) continue;
    const std::string path = key_path(file);
    for (const Finding& finding : file.findings) {
      Entry& entry = m_entries[fingerprint(path, finding)];
      entry.rule = finding.diagnostic.rule;
      entry.path = path;
      entry.text = finding.diagnostic.text;
      ++entry.count;
    }
  }
}

std::string Baseline::to_json() const {
  std::vector<std::pair<const std::string*, const Entry*>> sorted;
  for (const auto& [print, entry] : m_entries) sorted.emplace_back(&print, &entry);
  std::ranges::sort(sorted, [](const auto& a, const auto& b) {
    return std::tie(a.second->path, a.second->rule, *a.first) <
           std::tie(b.second->path, b.second->rule, *b.first);
  });
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& [print, entry] : sorted)
    findings.push_back({{"fingerprint", *print},
                        {"rule", entry->rule},
                        {"path", entry->path},
                        {"text", entry->text},
                        {"count", entry->count}});
  const nlohmann::json out = {{"version", k_version}, {"findings", std::move(findings)}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Baseline::Outcome Baseline::apply(Report& report) const {
  Outcome outcome;
  std::map<std::string, std::size_t> left;
  for (const auto& [print, entry] : m_entries) left[print] = entry.count;
  std::set<std::string> checked;
  for (FileReport& file : report.files) {
    if (!file.error.empty()) continue;
    const std::string path = key_path(file);
    checked.insert(path);
    std::erase_if(file.findings, [&](const Finding& finding) {
      const auto it = left.find(fingerprint(path, finding));
      if (it == left.end() || it->second == 0) return false;
      --it->second;
      ++outcome.hidden;
      return true;
    });
  }
  for (const auto& [print, count] : left)
    if (checked.contains(m_entries.at(print).path)) outcome.stale += count;
  return outcome;
}

}  // namespace replylint::report
