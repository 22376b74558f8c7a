#include "util/data_dir.hpp"

#include <system_error>

namespace replylint::util {
namespace {

std::filesystem::path find_installed_data_dir() {
#ifdef REPLYLINT_DATA_DIR_FROM_BINDIR
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error || exe.empty()) return {};
  std::filesystem::path dir =
      (exe.parent_path() / REPLYLINT_DATA_DIR_FROM_BINDIR).lexically_normal();
  if (std::filesystem::is_directory(dir / "rules", error)) return dir;
#endif
  return {};
}

}  // namespace

const std::filesystem::path& installed_data_dir() {
  static const std::filesystem::path dir = find_installed_data_dir();
  return dir;
}

}  // namespace replylint::util
