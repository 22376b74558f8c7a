#!/usr/bin/env python3
"""End to end: a real Postfix (a private instance, tests/milter/private_postfix.py) with
`smtpd_milters` pointing at the real `replylint milter`, messages submitted with swaks,
delivered by a pipe into a sink folder.

Checks: a reply with a card number from a "reject" sender gets 550 5.7.1 at the client naming
the rule (the number never in the reply); the same from a "tag" sender arrives tagged; a clean
reply arrives tagged "pass"; a "hold" sender's goes to the hold queue; incoming mail arrives
untouched. Every delivered message is the submitted one byte for byte, apart from Postfix's
Received: header and the X-Replylint headers. Closes with "N passed, N failed".

Exits 77 (ctest's skip) when postfix or swaks is missing or it is not run as root (Postfix's
master starts as root), except in CI (CI set, as .ci/run sets it), where that is a failure.

Usage: postfix_e2e.py REPLYLINT_BINARY
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import private_postfix  # noqa: E402

FIXTURES = os.path.join(HERE, "postfix")

CONFIG = """\
org-domains = ["tiendaverde.es"]
[milter]
action = "tag"
on-error = "tempfail"
[milter.senders]
"soporte@tiendaverde.es" = "reject"
"bot@tiendaverde.es" = "hold"
"""


def start_milter(binary, folder):
    config = os.path.join(folder, "replylint.toml")
    with open(config, "w") as out:
        out.write(CONFIG)
    port = private_postfix.free_port()
    log = open(os.path.join(folder, "milter.log"), "w")
    milter = subprocess.Popen([binary, "milter", "--config", config, "--socket",
                               f"inet:{port}@127.0.0.1"], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if milter.poll() is not None:
            raise RuntimeError("the milter exited:\n" + open(log.name).read())
        if "listening on" in open(log.name).read():
            return milter, port, log.name
        time.sleep(0.05)
    raise RuntimeError("the milter did not start")


def stop_milter(milter):
    if milter.poll() is None:
        milter.send_signal(signal.SIGTERM)
        try:
            milter.wait(timeout=30)
        except subprocess.TimeoutExpired:
            milter.kill()
            milter.wait()


def without_added_headers(delivered):
    """The delivered bytes less Postfix's first Received: header and the X-Replylint headers,
    and the X-Replylint headers found (name: value lines)."""
    head, sep, body = delivered.partition(b"\n\n")
    lines = head.split(b"\n")
    kept, added = [], []
    skipping = False
    for index, line in enumerate(lines):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
            continue
        skipping = (index == 0 and line.startswith(b"Received:")) or \
            line.lower().startswith(b"x-replylint")
        if line.lower().startswith(b"x-replylint"):
            added.append(line.decode())
        if not skipping:
            kept.append(line)
    return b"\n".join(kept) + sep + body, added


def as_delivered(submitted):
    """What the pipe transport writes for these submitted bytes: LF line ends."""
    return submitted.replace(b"\r\n", b"\n")


class Run:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        print(("PASS " if condition else "FAIL ") + name)
        if not condition and detail:
            print("  " + detail.replace("\n", "\n  "))
        if condition:
            self.passed += 1
        else:
            self.failed += 1


def submission(folder, name, data):
    """A file for swaks's --data whose message, as swaks sends it, is exactly `data`: swaks
    always ends the data with CRLF "." CRLF, so the file leaves out `data`'s last CRLF."""
    assert data.endswith(b"\r\n")
    path = os.path.join(folder, name)
    with open(path, "wb") as out:
        out.write(data[:-2])
    return path, data


def fixture(folder, name, sender=None):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        data = f.read()
    if sender:
        data = data.replace(b"SENDER", sender.encode())
    return submission(folder, (sender or "").split("@")[0] + "-" + name, data)


def main():
    binary = os.path.abspath(sys.argv[1])
    why_not = private_postfix.missing_programs()
    if os.geteuid() != 0:
        why_not.append("root (Postfix's master starts as root)")
    if why_not:
        message = "cannot run the Postfix end-to-end test without: " + ", ".join(why_not)
        if os.environ.get("CI", "") not in ("", "0", "false"):
            print(message + " (scripts/dev.sh installs them; CI must run this test)")
            return 1
        print("SKIPPED: " + message)
        return 77
    os.environ["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    run = Run()
    with tempfile.TemporaryDirectory(prefix="replylint-postfix-") as folder:
        os.chmod(folder, 0o755)  # Postfix's daemons (user postfix, the pipe as nobody) go in
        milter, port, milter_log = start_milter(binary, folder)
        postfix = private_postfix.PrivatePostfix(os.path.join(folder, "postfix"),
                                                 milters=f"inet:127.0.0.1:{port}")
        try:
            postfix.start()
            expected = {}  # Message-ID → (submitted bytes, header names expected)

            # 1. reject: 550 5.7.1 at the client, the rule named, the number not repeated.
            path, _ = fixture(folder, "card.eml.in", "soporte@tiendaverde.es")
            status, transcript = postfix.swaks("soporte@tiendaverde.es", "bob@example.org", path)
            run.check("reject: swaks fails", status != 0, transcript)
            run.check("reject: 550 5.7.1 at the client",
                      re.search(r"<\*\* 550[ -]5\.7\.1 ", transcript) is not None, transcript)
            run.check("reject: the reply names personal-data",
                      re.search(r"550[ -]5\.7\.1 personal-data \(error", transcript) is not None,
                      transcript)
            run.check("reject: the card number is not in the reply",
                      "8888" not in "\n".join(l for l in transcript.splitlines()
                                              if l.startswith("<")), transcript)

            # 2. tag: the card reply from a tag sender arrives with the verdict.
            path, data = fixture(folder, "card.eml.in", "ana@tiendaverde.es")
            status, transcript = postfix.swaks("ana@tiendaverde.es", "bob@example.org", path)
            run.check("tag: accepted", status == 0, transcript)
            expected["<card-1@tiendaverde.es>"] = (data, "fail")

            # 3. a clean reply: tagged pass.
            path, data = fixture(folder, "clean.eml")
            status, transcript = postfix.swaks("ana@tiendaverde.es", "bob@example.org", path)
            run.check("clean: accepted", status == 0, transcript)
            expected["<clean-1@tiendaverde.es>"] = (data, "pass")

            # 4. incoming mail: untouched (a card number and capitals in it do not matter).
            path, data = fixture(folder, "incoming.eml")
            status, transcript = postfix.swaks("cliente@gmail.com", "ana@tiendaverde.es", path)
            run.check("incoming: accepted", status == 0, transcript)
            expected["<in-1@gmail.com>"] = (data, None)

            # 5. hold: accepted by SMTP, kept in the hold queue, never delivered.
            path, _ = fixture(folder, "card.eml.in", "bot@tiendaverde.es")
            status, transcript = postfix.swaks("bot@tiendaverde.es", "bob@example.org", path)
            run.check("hold: accepted", status == 0, transcript)

            delivered = postfix.wait_for_deliveries(len(expected))
            time.sleep(1)  # a held message must not turn up late
            by_id = {}
            for queue_id in postfix.delivered():
                data = postfix.read(queue_id)
                found = re.search(rb"^Message-ID: (\S+)", data, re.M | re.I)
                by_id[found.group(1).decode() if found else queue_id] = data
            run.check("exactly the accepted messages delivered", len(delivered) == 3,
                      str(sorted(by_id)))
            for message_id, (submitted, verdict) in expected.items():
                data = by_id.get(message_id)
                if data is None:
                    run.check(f"{message_id}: delivered", False, postfix.log()[-3000:])
                    continue
                stripped, added = without_added_headers(data)
                run.check(f"{message_id}: byte for byte apart from the added headers",
                          stripped == as_delivered(submitted),
                          f"delivered:\n{data.decode(errors='replace')}")
                if verdict is None:
                    run.check(f"{message_id}: no X-Replylint header", added == [], str(added))
                else:
                    run.check(f"{message_id}: X-Replylint: {verdict}",
                              any(h.startswith("X-Replylint: " + verdict) for h in added),
                              str(added))
                if verdict == "fail":
                    run.check(f"{message_id}: X-Replylint-Findings names personal-data",
                              any(h.startswith("X-Replylint-Findings:") and "personal-data" in h
                                  for h in added), str(added))
            run.check("hold: one message in the hold queue", len(postfix.held()) == 1,
                      str(postfix.held()))
        except Exception as error:  # a broken set-up is a failure, with the logs to see why
            run.check("the Postfix test ran", False,
                      f"{error}\n--- maillog:\n{postfix.log()[-3000:]}\n--- milter:\n" +
                      open(milter_log).read()[-3000:])
        finally:
            postfix.stop()
            stop_milter(milter)
    print(f"{run.passed} passed, {run.failed} failed")
    return 0 if run.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
