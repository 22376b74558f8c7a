#!/usr/bin/env bash
# Set up, build and run replylint on a Debian 12 machine.
#   bash scripts/dev.sh examples   install what is missing, build, lint examples/
#   bash scripts/dev.sh test       install what is missing, build, run the whole test suite
#   bash scripts/dev.sh build      install what is missing and build only
#   bash scripts/dev.sh deps       install what is missing only
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PACKAGES=(
  build-essential cmake pkg-config git
  libcli11-dev libicu-dev libfmt-dev nlohmann-json3-dev catch2
  libhunspell-dev hunspell hunspell-es hunspell-el hunspell-en-us
  libgmime-3.0-dev libgumbo-dev libtomlplusplus-dev libcld2-dev
  git-email mutt neomutt emacs-nox pre-commit
  python3 python3-jsonschema python3-yaml
)
BUILD_DIR=${REPLYLINT_BUILD_DIR:-build}

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "replylint: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}

case "${1:-}" in
  deps)
    install_deps ;;
  build)
    install_deps; build ;;
  examples)
    install_deps; build
    status=0
    "$BUILD_DIR/replylint" check examples/ || status=$?
    # The examples show each rule firing, so findings (exit 1) are the expected outcome.
    if [ "$status" -gt 1 ]; then exit "$status"; fi
    ;;
  test)
    install_deps; build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
    ;;
  *)
    echo "usage: bash scripts/dev.sh examples|test|build|deps" >&2; exit 2 ;;
esac
