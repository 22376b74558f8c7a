#include "message/model_json.hpp"

namespace replylint::message {
namespace {

nlohmann::json addresses(const std::vector<Address>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const Address& a : list) {
    nlohmann::json item = {{"name", a.name}, {"address", a.address}};
    if (!a.group.empty()) item["group"] = a.group;
    out.push_back(std::move(item));
  }
  return out;
}

nlohmann::json string_or_null(const std::string& value) {
  return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}

}  // namespace

const char* to_string(InputKind kind) {
  switch (kind) {
    case InputKind::mime:
      return "mime";
    case InputKind::draft:
      return "draft";
    case InputKind::body:
      return "body";
  }
  return "body";
}

nlohmann::json to_json(const Message& m) {
  nlohmann::json out;
  out["version"] = 1;
  out["path"] = m.path;
  out["kind"] = to_string(m.kind);
  out["subject"] =
      m.subject_header() != nullptr ? nlohmann::json(m.subject) : nlohmann::json(nullptr);
  out["is_reply"] = m.is_reply;
  out["is_forward"] = m.is_forward;
  out["subject_prefixes"] = m.subject_prefixes;
  out["subject_without_prefixes"] = m.subject_without_prefixes;
  out["from"] = addresses(m.from);
  out["sender"] = addresses(m.sender);
  out["to"] = addresses(m.to);
  out["cc"] = addresses(m.cc);
  out["bcc"] = addresses(m.bcc);
  out["reply_to"] = addresses(m.reply_to);
  out["date"] = string_or_null(m.date);
  out["date_unix"] = m.date_unix ? nlohmann::json(*m.date_unix) : nlohmann::json(nullptr);
  out["message_id"] = string_or_null(m.message_id);
  out["in_reply_to"] = string_or_null(m.in_reply_to);
  out["references"] = m.references;
  out["list_unsubscribe"] = m.list_unsubscribe;
  if (m.has_body) {
    out["body"] = {{"part", string_or_null(m.body.part)},
                   {"content_type", m.body.content_type},
                   {"charset", string_or_null(m.body.charset)},
                   {"encoding", string_or_null(m.body.encoding)},
                   {"in_file", m.body.in_file},
                   {"first_line", m.body.first_line},
                   {"flowed", m.body.flowed},
                   {"text", m.body.text}};
  } else {
    out["body"] = nullptr;
  }
  nlohmann::json attachments = nlohmann::json::array();
  for (const Attachment& a : m.attachments) {
    attachments.push_back({{"part", a.part},
                           {"filename", string_or_null(a.filename)},
                           {"content_type", a.content_type},
                           {"size", a.size},
                           {"inline", a.is_inline}});
  }
  out["attachments"] = std::move(attachments);
  nlohmann::json other_text = nlohmann::json::array();
  for (const TextPart& t : m.other_text_parts)
    other_text.push_back({{"part", t.part}, {"text", t.text}});
  out["other_text_parts"] = std::move(other_text);
  out["unread_parts"] = m.unread_parts;
  nlohmann::json headers = nlohmann::json::array();
  for (const Header& h : m.headers) {
    headers.push_back(
        {{"name", h.name}, {"value", h.value}, {"line", h.line}, {"column", h.value_column}});
  }
  out["headers"] = std::move(headers);
  out["warnings"] = m.warnings;
  return out;
}

}  // namespace replylint::message
