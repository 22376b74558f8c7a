#!/usr/bin/env python3
"""Mailbox audit benchmark: generates an mbox of N realistic replies (es, el, en; some with
findings, some quoted-printable Greek, some with >From escaping) and measures the wall time and
peak RSS of `replylint check --format json` on it, and on the same messages as a Maildir.

    python3 bench/mailbox.py --binary build/replylint [--messages 10000] [--jobs N]

The inputs are written to a temporary folder and removed afterwards (never committed).
"""
import argparse
import os
import quopri
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ES = ("Hola {name}:\n\n> ¿Cuándo llega mi pedido {n}?\n\nSu pedido {n} salió ayer del almacén "
      "y llegará el jueves. Le enviamos el número de seguimiento por correo.\n\nUn saludo,\nMaría\n")
ES_CARD = ("Hola {name}:\n\n> ¿Con qué tarjeta pagué?\n\nEl cargo se hizo en la tarjeta "
           "4111 1111 1111 1111 el día {n}.\n\nUn saludo,\nMaría\n")
EN = ("Hi {name},\n\n> Has order {n} shipped?\n\nYes, it left our warehouse this morning.\n"
      "From the tracking page you can follow it.\n\nBest regards,\nSam\n")
EN_SHOUT = ("Hi {name},\n\n> Where is my refund {n}?\n\n>From TODAY ON REFUNDS TAKE FIVE DAYS.\n\n"
            "Best regards,\nSam\n")
EL = ("Αγαπητέ κύριε {name},\n\n> Πότε θα έρθει η παραγγελία {n};\n\nΗ παραγγελία σας "
      "στάλθηκε σήμερα και θα φτάσει την Πέμπτη.\n\nΜε εκτίμηση,\nΜαρία\n")


def message(i):
    kind = i % 5
    head = (f"From agent@example.com Mon Mar 10 09:00:00 2025\n"
            f"From: Agent <agent@example.com>\nTo: Customer <c{i}@customer.example>\n"
            f"Subject: Re: Order {i}\nDate: Mon, 10 Mar 2025 09:00:00 +0100\n"
            f"Message-ID: <m{i}@example.com>\nIn-Reply-To: <q{i}@customer.example>\n")
    if kind == 4:
        body = quopri.encodestring(EL.format(name="Παπαδόπουλε", n=i).encode("iso-8859-7"))
        return (head + "MIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-7\n"
                "Content-Transfer-Encoding: quoted-printable\n\n" + body.decode("ascii") + "\n")
    template = [ES, ES_CARD, EN, EN_SHOUT][kind]
    name = "Juan" if kind < 2 else "Alex"
    return (head + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n\n" + template.format(name=name, n=i) + "\n")


def measure(binary, args):
    start = time.monotonic()
    proc = subprocess.run([binary, "check", "--format", "json", *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.monotonic() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        sys.exit(f"replylint failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
    return elapsed, peak_kb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="build/replylint")
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=0)
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="replylint-mailbox-bench-")
    try:
        mbox = os.path.join(folder, "sent.mbox")
        with open(mbox, "w", encoding="utf-8") as out:
            for i in range(options.messages):
                out.write(message(i))
        maildir = os.path.join(folder, "Maildir")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(maildir, sub))
        for i in range(options.messages):
            text = message(i).split("\n", 1)[1]
            with open(os.path.join(maildir, "cur", f"{1741597200 + i}.M{i}P1.host:2,S"), "w",
                      encoding="utf-8") as out:
                out.write(text)
        jobs = ["-j", str(options.jobs)] if options.jobs else []
        size_mb = os.path.getsize(mbox) / 1e6
        # Each measurement runs in its own child process: ru_maxrss of RUSAGE_CHILDREN is the
        # largest child so far, so the mbox run goes first.
        t, rss = measure(options.binary, jobs + [mbox])
        print(f"mbox:    {options.messages} messages, {size_mb:.1f} MB: {t:.2f} s, "
              f"{options.messages / t:.0f} messages/s, peak RSS {rss / 1024:.0f} MB")
        t, rss = measure(options.binary, jobs + [maildir])
        print(f"Maildir: {options.messages} messages: {t:.2f} s, "
              f"{options.messages / t:.0f} messages/s, peak RSS so far {rss / 1024:.0f} MB")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
