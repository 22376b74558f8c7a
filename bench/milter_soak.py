#!/usr/bin/env python3
"""The memory of `replylint milter` over many messages, without Postfix in the way.

Starts `replylint milter` (action "tag") on a unix socket and drives it with Debian's miltertest:
one Lua script per batch sends BATCH messages, each on its own connection (connect, envelope,
headers, body, end of message, disconnect), cycling through a clean English reply, a Spanish one
with a card number (findings, headers added) and a Greek one. Between batches it reads the
milter's resident memory (VmRSS) from /proc. Prints the RSS after the first batch and after the
last, the messages per second, and fails (exit 1) when the milter died or its memory grew by more
than --max-growth MB from the first batch to the last. Not part of the test suite (100,000
messages take minutes).

Usage: python3 bench/milter_soak.py [--binary build/replylint] [--messages 100000] [--batch 5000]
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time

SCRIPT = r"""
local socket = os.getenv("REPLYLINT_MILTER_SOCKET")
local first = tonumber(os.getenv("SOAK_FIRST"))
local count = tonumber(os.getenv("SOAK_COUNT"))
local bodies = {
  "Hi Bob,\r\n\r\nYour order %d left our warehouse this morning and should arrive on Friday." ..
    "\r\n\r\nBest regards,\r\nAna\r\n",
  "Hola Bob,\r\n\r\nel cargo del pedido %d se hizo a la tarjeta 4012 8888 8888 1881 esta " ..
    "mañana.\r\n\r\nUn saludo,\r\nAna\r\n",
  "Καλησπέρα σας,\r\n\r\nη παραγγελία %d στάλθηκε σήμερα το πρωί.\r\n\r\nΜε εκτίμηση,\r\nΆννα\r\n",
}
local function expect(value, what)
  if value ~= SMFIR_CONTINUE and value ~= nil then error(what .. ": " .. tostring(value)) end
end
for n = first, first + count - 1 do
  local conn = mt.connect(socket, 40, 0.25)
  if conn == nil then error("mt.connect") end
  mt.conninfo(conn, "localhost", "127.0.0.1")
  expect(mt.getreply(conn), "connect")
  mt.mailfrom(conn, "<ana@tiendaverde.es>")
  expect(mt.getreply(conn), "mail")
  mt.rcptto(conn, "<bob@example.org>")
  expect(mt.getreply(conn), "rcpt")
  for _, h in ipairs({{"From", "Ana <ana@tiendaverde.es>"}, {"To", "bob@example.org"},
                      {"Subject", "Re: order " .. n}, {"Date", "Tue, 1 Dec 2026 10:00:00 +0100"},
                      {"Message-ID", "<soak" .. n .. "@tiendaverde.es>"}}) do
    mt.header(conn, h[1], h[2])
    expect(mt.getreply(conn), "header")
  end
  mt.eoh(conn)
  expect(mt.getreply(conn), "eoh")
  mt.bodystring(conn, string.format(bodies[n % 3 + 1], n))
  expect(mt.getreply(conn), "body")
  mt.eom(conn)
  if mt.getreply(conn) ~= SMFIR_ACCEPT then error("eom: not accepted") end
  mt.disconnect(conn)
end
"""


def rss_mb(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="build/replylint")
    parser.add_argument("--messages", type=int, default=100000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--max-growth", type=float, default=5.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="replylint-soak-") as folder:
        config = os.path.join(folder, "replylint.toml")
        with open(config, "w", encoding="utf-8") as out:
            out.write('org-domains = ["tiendaverde.es"]\n[milter]\naction = "tag"\n')
        script = os.path.join(folder, "soak.lua")
        with open(script, "w", encoding="utf-8") as out:
            out.write(SCRIPT)
        socket_path = os.path.join(folder, "milter.sock")
        # The milter logs a line per message: to a file, as a pipe nobody reads would fill and
        # stop it.
        log_path = os.path.join(folder, "milter.log")
        with open(log_path, "w", encoding="utf-8") as log:
            milter = subprocess.Popen([os.path.abspath(args.binary), "milter", "--config", config,
                                       "--socket", "unix:" + socket_path],
                                      stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while not os.path.exists(socket_path):
                if milter.poll() is not None or time.monotonic() > deadline:
                    sys.exit("milter_soak: the milter did not start: " + open(log_path).read())
                time.sleep(0.05)
            env = dict(os.environ, REPLYLINT_MILTER_SOCKET="unix:" + socket_path)
            samples = []
            start = time.monotonic()
            for first in range(0, args.messages, args.batch):
                env["SOAK_FIRST"] = str(first)
                env["SOAK_COUNT"] = str(min(args.batch, args.messages - first))
                run = subprocess.run(["miltertest", "-s", script], env=env, capture_output=True,
                                     text=True)
                if run.returncode != 0 or milter.poll() is not None:
                    sys.exit(f"milter_soak: batch at {first} failed: {run.stdout}{run.stderr}")
                samples.append((first + int(env["SOAK_COUNT"]), rss_mb(milter.pid)))
                print(f"{samples[-1][0]:>7} messages  RSS {samples[-1][1]:.1f} MB", flush=True)
            elapsed = time.monotonic() - start
        finally:
            if milter.poll() is None:
                milter.send_signal(signal.SIGTERM)
                milter.wait(timeout=60)
    growth = samples[-1][1] - samples[0][1]
    print(f"{args.messages} messages in {elapsed:.1f} s ({args.messages / elapsed:.0f}/s); RSS "
          f"{samples[0][1]:.1f} MB after {samples[0][0]}, {samples[-1][1]:.1f} MB after "
          f"{samples[-1][0]} (growth {growth:+.1f} MB)")
    return 1 if growth > args.max_growth else 0


if __name__ == "__main__":
    sys.exit(main())
