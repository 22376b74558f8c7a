#pragma once

#include <filesystem>

namespace replylint::util {

/// The installed data folder (`share/replylint`) next to the running executable, found from
/// /proc/self/exe and REPLYLINT_DATA_DIR_FROM_BINDIR (`../share/replylint` for the default
/// GNUInstallDirs), or empty when there is none: a build tree's binary has none, so it keeps
/// reading the source tree's rules/ and dictionaries/. An installed binary, or one unpacked with
/// `dpkg-deb -x` into any folder, reads its own package's data first, never a source tree that
/// happens to exist on the machine. Computed once; thread-safe.
const std::filesystem::path& installed_data_dir();

}  // namespace replylint::util
