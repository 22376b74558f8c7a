#!/usr/bin/env python3
"""Protocol tests of `replylint milter` with Debian's miltertest.

For each scenario: writes a config, starts the real `replylint milter` on a unix socket in a
temporary folder, runs the scenario's Lua script (tests/milter/miltertest/) against it, stops the
milter with SIGTERM and checks that it exits 0. Prints one line per scenario and closes with
"N passed, N failed". Exits 77 (ctest's skip) only when miltertest is not installed and this is
not CI; in CI (CI set, as .ci/run sets it) a missing miltertest is a failure.

Usage: run_miltertest.py REPLYLINT_BINARY [SCENARIO...]
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "miltertest")

BASE = 'org-domains = ["tiendaverde.es"]\n'
SCENARIOS = {
    "clean_tagged": '[milter]\naction = "tag"\n',
    "clean_untagged": '[milter]\naction = "reject"\ntag-clean = true\n',
    "card_rejected": '[milter]\naction = "reject"\nfail-on = "error"\n',
    "card_held": '[milter]\naction = "reject"\n[milter.senders]\n"bot@tiendaverde.es" = "hold"\n',
    "external_passes": '[milter]\naction = "reject"\n',
    "oversize_tempfail": '[milter]\naction = "reject"\nmax-size = "2KB"\n',
    "oversize_passes": '[milter]\naction = "reject"\nmax-size = "2KB"\noversize = "pass"\n',
    "malformed_tempfail": '[milter]\naction = "reject"\n',
    "malformed_accepted": '[milter]\naction = "reject"\non-error = "accept"\n',
    "time_limit": '[milter]\naction = "tag"\ntime-limit = "1ms"\non-error = "reject"\n',
    "interleaved": '[milter]\naction = "reject"\n',
}


def run_scenario(binary, name, folder):
    config = os.path.join(folder, name + ".toml")
    with open(config, "w", encoding="utf-8") as out:
        out.write(BASE + SCENARIOS[name])
    socket_path = os.path.join(folder, name + ".sock")
    log_path = os.path.join(folder, name + ".log")
    with open(log_path, "w", encoding="utf-8") as log:
        milter = subprocess.Popen(
            [binary, "milter", "--config", config, "--socket", "unix:" + socket_path],
            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(socket_path):
            if milter.poll() is not None or time.monotonic() > deadline:
                return False, "the milter did not start:\n" + open(log_path).read()
            time.sleep(0.05)
        env = dict(os.environ, REPLYLINT_MILTER_SOCKET="unix:" + socket_path,
                   REPLYLINT_MILTERTEST_DIR=SCRIPTS)
        test = subprocess.run(["miltertest", "-s", os.path.join(SCRIPTS, name + ".lua")],
                              env=env, capture_output=True, text=True, timeout=120)
        if test.returncode != 0:
            return False, (test.stdout + test.stderr).strip() + "\n--- milter log:\n" + \
                open(log_path).read()
    finally:
        if milter.poll() is None:
            milter.send_signal(signal.SIGTERM)
            try:
                milter.wait(timeout=30)
            except subprocess.TimeoutExpired:
                milter.kill()
                milter.wait()
                return False, "the milter did not stop on SIGTERM"
    if milter.returncode != 0:
        return False, f"the milter exited {milter.returncode}:\n" + open(log_path).read()
    return True, ""


def main():
    binary = os.path.abspath(sys.argv[1])
    names = sys.argv[2:] or list(SCENARIOS)
    if shutil.which("miltertest") is None:
        if os.environ.get("CI", "") not in ("", "0", "false"):
            print("miltertest is not installed (scripts/dev.sh installs it); CI must run this test")
            return 1
        print("SKIPPED: miltertest is not installed (apt-get install miltertest)")
        return 77
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="replylint-miltertest-") as folder:
        for name in names:
            ok, detail = run_scenario(binary, name, folder)
            print(("PASS " if ok else "FAIL ") + name)
            if not ok:
                print("  " + detail.replace("\n", "\n  "))
            passed += ok
            failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
