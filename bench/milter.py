#!/usr/bin/env python3
"""Messages per second through a private Postfix with and without `replylint milter`.

Starts a private Postfix (tests/milter/private_postfix.py: its own config and queue under a
temporary folder, SMTP on 127.0.0.1, delivery by a pipe into a folder), submits N replies over C
parallel SMTP connections (Python's smtplib), and times from the first submission until the last
message is delivered. Once without a milter, once with `replylint milter` (action "tag": every
message is linted and delivered with its X-Replylint headers). Prints both rates and their ratio.
Needs root, postfix and a built replylint. Not part of the test suite.

Usage: sudo python3 bench/milter.py [--binary build/replylint] [--messages 400] [--connections 4]
"""
import argparse
import concurrent.futures
import os
import signal
import smtplib
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "milter"))
import private_postfix  # noqa: E402

CONFIG = 'org-domains = ["tiendaverde.es"]\n[milter]\naction = "tag"\n'

BODIES = [
    "Hi Bob,\n\nYour order {n} left our warehouse this morning and should arrive on Friday. "
    "If it does not, reply to this message and we will send another.\n\nBest regards,\nAna\n",
    "Hola Bob,\n\nel cargo del pedido {n} se hizo a la tarjeta 4012 8888 8888 1881 esta mañana; "
    "le enviamos la factura por separado.\n\nUn saludo,\nAna\n",
    "Καλησπέρα σας,\n\nη παραγγελία {n} στάλθηκε σήμερα το πρωί και θα φτάσει την Παρασκευή.\n\n"
    "Με εκτίμηση,\nΆννα\n",
]


def message(n):
    body = BODIES[n % len(BODIES)].format(n=n)
    return ("From: Ana <ana@tiendaverde.es>\r\nTo: Bob <bob@example.org>\r\n"
            f"Subject: Re: pedido {n}\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\n"
            f"Message-ID: <bench-{n}@tiendaverde.es>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
            body.replace("\n", "\r\n")).encode()


def submit(port, numbers):
    with smtplib.SMTP("127.0.0.1", port, timeout=300) as smtp:
        for n in numbers:
            smtp.sendmail("ana@tiendaverde.es", ["bob@example.org"], message(n))


def rss_kb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def measure(folder, name, milters, count, connections, on_warm=None):
    postfix = private_postfix.PrivatePostfix(os.path.join(folder, name), milters=milters)
    postfix.start()
    try:
        submit(postfix.port, [-1])  # warm up: the first connection starts smtpd, cleanup...
        postfix.wait_for_deliveries(1)
        if on_warm:
            on_warm()
        start = time.monotonic()
        chunks = [list(range(i, count, connections)) for i in range(connections)]
        with concurrent.futures.ThreadPoolExecutor(connections) as pool:
            for done in [pool.submit(submit, postfix.port, chunk) for chunk in chunks]:
                done.result()
        postfix.wait_for_deliveries(count + 1, timeout=600)
        return count / (time.monotonic() - start)
    finally:
        postfix.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "build", "replylint"))
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    os.environ["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    with tempfile.TemporaryDirectory(prefix="replylint-bench-milter-") as folder:
        os.chmod(folder, 0o755)  # Postfix's daemons (user postfix, the pipe as nobody) go in
        without = measure(folder, "plain", "", args.messages, args.connections)
        config = os.path.join(folder, "replylint.toml")
        with open(config, "w") as out:
            out.write(CONFIG)
        port = private_postfix.free_port()
        log = open(os.path.join(folder, "milter.log"), "w")
        milter = subprocess.Popen([os.path.abspath(args.binary), "milter", "--config", config,
                                   "--socket", f"inet:{port}@127.0.0.1"], stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while "listening on" not in open(log.name).read():
                if milter.poll() is not None or time.monotonic() > deadline:
                    sys.exit("the milter did not start:\n" + open(log.name).read())
                time.sleep(0.05)
            rss = {}
            with_milter = measure(folder, "milter", f"inet:127.0.0.1:{port}", args.messages,
                                  args.connections,
                                  on_warm=lambda: rss.__setitem__("warm", rss_kb(milter.pid)))
            rss["end"] = rss_kb(milter.pid)
        finally:
            milter.send_signal(signal.SIGTERM)
            milter.wait(timeout=30)
        decided = sum(1 for line in open(log.name) if " action=tag " in line)
    print(f"messages: {args.messages} over {args.connections} connections "
          f"({decided} decided by the milter, the warm-up included)")
    print(f"without the milter: {without:.1f} messages/s")
    print(f"with the milter:    {with_milter:.1f} messages/s")
    print(f"ratio (with/without): {with_milter / without:.2f}")
    print(f"milter resident memory: {rss['warm'] / 1024:.1f} MB after the first message, "
          f"{rss['end'] / 1024:.1f} MB after all")


if __name__ == "__main__":
    main()
