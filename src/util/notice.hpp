#pragma once

#include <functional>
#include <string>

namespace replylint::util {

/// Tells the user something about the environment that changes how replylint works but not what
/// a report says (a config ignored as unsafe, a cache folder that cannot be used): once per
/// distinct message in the life of the process, as "replylint: warning: MESSAGE" on stderr, or
/// to the handler set with set_notice_handler(). Never throws; thread-safe.
void notice_once(const std::string& message);

/// Sends later notices to `handler` instead of stderr (a server's log, say); an empty handler
/// restores stderr.
void set_notice_handler(std::function<void(const std::string&)> handler);

}  // namespace replylint::util
