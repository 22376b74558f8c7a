#include "util/notice.hpp"

#include <iostream>
#include <mutex>
#include <set>

namespace replylint::util {
namespace {

struct Notices {
  std::mutex mutex;
  std::set<std::string> said;
  std::function<void(const std::string&)> handler;
};

Notices& notices() {
  static Notices* const instance = new Notices();  // never destroyed: usable until exit
  return *instance;
}

}  // namespace

void notice_once(const std::string& message) {
  Notices& n = notices();
  std::lock_guard lock(n.mutex);
  if (!n.said.insert(message).second) return;
  if (n.handler) {
    n.handler(message);
  } else {
    std::cerr << "replylint: warning: " << message << '\n';
  }
}

void set_notice_handler(std::function<void(const std::string&)> handler) {
  Notices& n = notices();
  std::lock_guard lock(n.mutex);
  n.handler = std::move(handler);
}

}  // namespace replylint::util
