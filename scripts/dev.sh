#!/usr/bin/env bash
# Set up, build and run replylint on a Debian 12 machine.
#   bash scripts/dev.sh examples   install what is missing, build, lint examples/
#   bash scripts/dev.sh test       install what is missing, then the whole test suite in five stages
#                                  (CI runs exactly this): the C++ layout check, the suite, the Debian
#                                  package run on examples/, the suite under ASan + UBSan, and each
#                                  libFuzzer target for FUZZ_SECONDS
#   bash scripts/dev.sh suite      only the suite stage: build (build/) and run the suite
#   bash scripts/dev.sh format     rewrite every C++ file in .clang-format's layout (`test` checks it)
#   bash scripts/dev.sh build      install what is missing and build only
#   bash scripts/dev.sh deps       install what is missing only
#   bash scripts/dev.sh package    build the .deb (build/replylint_*.deb) and run the packaged
#                                  binary on examples/ (installed with apt only when CI is set, as
#                                  root; else unpacked into a temporary folder)
#   bash scripts/dev.sh asan       build the suite with AddressSanitizer + UBSan (build-asan/), run it
#   bash scripts/dev.sh spelling-bench [ARGS]  install the man pages and dictionaries it reads,
#                                  build, run bench/spelling.py ARGS (false alarms and recall)
#   bash scripts/dev.sh fuzz       install clang, build the libFuzzer targets (build-fuzz/) and run
#                                  each for FUZZ_SECONDS (default 60) from seeds in tests/ fixtures,
#                                  with libFuzzer's -seed=FUZZ_SEED (default 1: repeatable runs)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# What building and running replylint needs: the only packages `examples`, `build` and `deps`
# install. catch2 is here because the default build compiles the unit tests too; dpkg-dev (which
# build-essential brings anyway) has dpkg-shlibdeps, which `cpack -G DEB` uses for the package's
# Depends line.
BUILD_PACKAGES=(
  build-essential cmake pkg-config dpkg-dev
  gettext  # msgfmt builds the message catalogs (po/); xgettext and msgmerge update them
  libcli11-dev libicu-dev libfmt-dev nlohmann-json3-dev catch2
  libhunspell-dev hunspell hunspell-es hunspell-el hunspell-en-us hunspell-en-gb
  libgmime-3.0-dev libgumbo-dev libtomlplusplus-dev libcld2-dev
  # `replylint milter` links libmilter (Sendmail's milter library, which Postfix speaks).
  libmilter-dev
)
# What only the tests drive (`test`, `suite`, `asan`, `format` add these): the real programs the
# integrations are for, and the tools the checks run.
TEST_PACKAGES=(
  git git-email mutt neomutt emacs-nox neovim pre-commit patch
  python3 python3-jsonschema python3-yaml
  # What the programs above need at run time and get only as a Recommends, which
  # --no-install-recommends skips: git send-email loads Mail::Address for every address it reads;
  # jsonschema's format checker checks "uri" and "uri-reference" (the SARIF schema test) only
  # with rfc3987, and silently passes them without it. (mutt, neomutt, emacs-nox, neovim, patch and
  # pre-commit need none of theirs here: no locale beyond C.UTF-8, no mailcap, no SMTP.) git send-email's
  # SMTP modules (SASL, TLS) come too, so that the installed program is whole, as a user's is.
  libmailtools-perl libauthen-sasl-perl libio-socket-ssl-perl python3-rfc3987
  # clang-format checks the layout of every C++ file (the first stage of `dev.sh test`).
  clang-format
  # The man page test renders man/replylint.1 with groff -ww; the completion test parses the zsh
  # completion with zsh -n.
  groff-base zsh
  # `replylint milter`'s tests drive Debian's miltertest and a private Postfix instance (never
  # the system's: installing postfix here starts nothing the tests rely on) fed by swaks.
  miltertest postfix swaks
)
# Only the fuzz stage (`dev.sh fuzz`, and so `dev.sh test`) needs these.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# Only the spelling benchmark (`dev.sh spelling-bench`, never `test`): its prose (the Spanish,
# Greek and English man pages, rendered by man-db) and the other Debian dictionaries it can
# compare with --extra-dict. Not myspell-es or myspell-el-gr: they install es.dic and el.dic into
# /usr/share/hunspell, which replylint would load as word additions (bench/spelling.py's
# docstring shows how to unpack them elsewhere).
SPELLING_BENCH_PACKAGES=(python3 man-db manpages manpages-es manpages-el aspell aspell-es aspell-el wspanish)
BUILD_DIR=${REPLYLINT_BUILD_DIR:-build}

install_deps() {
  local missing=()
  local wanted=("${BUILD_PACKAGES[@]}" "$@")
  for p in "${wanted[@]}"; do
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

stage() { echo "=== replylint: $* ($(date -u +%H:%M:%S))" >&2; }

run_suite() {
  install_deps "${TEST_PACKAGES[@]}"; build
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
}

# Builds the Debian package from the suite's build (cpack -G DEB) and runs the packaged replylint
# on the examples from a folder outside the source tree: its report must be the build tree's.
# In CI (CI set, as root: a throwaway machine) the package is installed with apt, so its Depends
# are resolved for real, run as /usr/bin/replylint and purged afterwards. On a developer's machine
# nothing is installed: the package is unpacked (dpkg-deb -x) into a temporary folder and run
# there; the binary finds its rules/ and dictionaries/ beside it (src/util/data_dir.hpp).
run_package() {
  install_deps "${TEST_PACKAGES[@]}"; build
  rm -f "$BUILD_DIR"/replylint_*.deb
  (cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
  local deb work binary installed=0
  deb=$(realpath "$BUILD_DIR"/replylint_*.deb)
  echo "replylint: $(basename "$deb"), $(du -k "$deb" | cut -f1) KB; $(dpkg-deb -f "$deb" Depends)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  cp -r examples "$work/"
  if [ -n "${CI:-}" ] && [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
    installed=1
    binary=/usr/bin/replylint
    test -f /usr/share/bash-completion/completions/replylint
    test -f /usr/share/zsh/vendor-completions/_replylint
    test -f /usr/share/doc/replylint/copyright
  else
    dpkg-deb -x "$deb" "$work/root"
    binary=$work/root/usr/bin/replylint
  fi
  local built status=0
  built=$(realpath "$BUILD_DIR/replylint")
  (cd "$work" && "$binary" check --color never examples/ >installed.txt) || status=$?
  (cd "$work" && "$built" check --color never examples/ >built.txt) || true
  [ "$installed" -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq replylint >/dev/null
  if [ "$status" -gt 1 ] || ! diff -u "$work/built.txt" "$work/installed.txt" >&2; then
    echo "replylint: the packaged replylint (exit $status) reports differently from $built" >&2
    return 1
  fi
  echo "replylint: the packaged $binary reports as the build does: $(tail -1 "$work/installed.txt")" >&2
}

cxx_files() { git ls-files -z '*.cpp' '*.hpp'; }

# Fails, listing what differs, when a C++ file is not in .clang-format's layout.
run_format_check() {
  install_deps "${TEST_PACKAGES[@]}"
  local out
  if ! out=$(cxx_files | xargs -0 clang-format --dry-run --Werror 2>&1); then
    printf '%s\n' "$out" | grep -E '^[^ ].*(warning|error):' | head -40 >&2
    echo "replylint: C++ layout differs from .clang-format; run: bash scripts/dev.sh format" >&2
    return 1
  fi
  echo "replylint: $(cxx_files | tr -cd '\0' | wc -c) C++ files follow .clang-format" >&2
}

run_asan() {
  install_deps "${TEST_PACKAGES[@]}"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREPLYLINT_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)"
  # GLib, GMime and ICU keep caches for the life of the process: leaks are not checked.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
}

run_fuzz() {
  install_deps "${FUZZ_PACKAGES[@]}"
  cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DREPLYLINT_FUZZ=ON -DREPLYLINT_BUILD_TESTS=OFF >/dev/null
  cmake --build build-fuzz -j"$(nproc)" --target fuzz_parse fuzz_segment fuzz_config fuzz_check
  seconds=${FUZZ_SECONDS:-60}
  seed=${FUZZ_SEED:-1}
  # Compile the word indexes into the cache before any timed input: under ASan the first Spanish
  # input spends 12 s on es_ES, over -timeout. Run as plain files, libFuzzer executes each once.
  ASAN_OPTIONS=detect_leaks=0 build-fuzz/fuzz_check examples/es-respuesta-correcta.eml \
    examples/el-swsti-apantisi.eml examples/en-clean-reply.txt >/dev/null 2>&1 ||
    echo "replylint: warning: warming the word index cache failed; fuzzing goes on" >&2
  for target in parse segment config check; do
    seeds=build-fuzz/seeds/$target
    rm -rf "$seeds"; mkdir -p "$seeds" "build-fuzz/corpus/$target" build-fuzz/crashes
    if [ "$target" = config ]; then
      find tests examples -name '*.toml' -size -64k -exec cp -t "$seeds" {} + 2>/dev/null || true
    else
      find tests examples -type f \( -name '*.eml' -o -name '*.txt' -o -name '*.mbox' \) -size -256k \
        -exec cp --backup=numbered -t "$seeds" {} + 2>/dev/null || true
      if [ -d ../shared/corpus/mime ]; then
        find ../shared/corpus/mime -type f -size -256k -exec cp --backup=numbered -t "$seeds" {} + 2>/dev/null || true
      fi
    fi
    echo "replylint: fuzzing $target for ${seconds}s ($(ls "$seeds" | wc -l) seeds)" >&2
    # A target's RSS passes 1 GB in 60 s: ASan's quarantine, and for fuzz_config the compiled
    # pattern cache, which keeps one entry per distinct placeholder list (up to 1.8 GB seen;
    # reachable, so LeakSanitizer is silent). 4 GB leaves room and still stops a runaway.
    ASAN_OPTIONS=detect_leaks=0 "build-fuzz/fuzz_$target" -seed="$seed" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="build-fuzz/crashes/$target-" "build-fuzz/corpus/$target" "$seeds"
  done
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
    stage "C++ layout (.clang-format)"
    run_format_check
    stage "test suite"
    run_suite
    stage "Debian package (cpack), the packaged replylint on examples/"
    run_package
    stage "test suite under ASan + UBSan"
    run_asan
    stage "fuzzing, ${FUZZ_SECONDS:-60}s per target, seed ${FUZZ_SEED:-1}"
    run_fuzz
    stage "done"
    ;;
  suite)
    run_suite ;;
  format)
    install_deps "${TEST_PACKAGES[@]}"; cxx_files | xargs -0 clang-format -i ;;
  asan)
    run_asan ;;
  package)
    run_package ;;
  fuzz)
    run_fuzz ;;
  spelling-bench)
    install_deps "${SPELLING_BENCH_PACKAGES[@]}"; build
    python3 bench/spelling.py --binary "$BUILD_DIR/replylint" "${@:2}" ;;
  *)
    echo "usage: bash scripts/dev.sh examples|test|suite|build|deps|format|package|asan|fuzz|spelling-bench" >&2; exit 2 ;;
esac
