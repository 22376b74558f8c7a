#!/usr/bin/env python3
"""replylint versus the bare Hunspell CLI, measured in one process batch.

Prints medians over repeated runs and the ratio replylint/peer for:
  1. cold single-draft latency (whole process) on a 2 KB Spanish and a 2 KB Greek reply, peer
     `hunspell -d <dict> -l` on the same draft's own text; plus a draft with 20 distinct typos;
  2. bulk: 10,000 generated drafts (es/el/en, some MIME-encoded) in one folder, messages/s and
     words/s, peer `hunspell -l` over the same own text concatenated;
  3. peak resident memory of each run.
Inputs are generated into a temporary folder from the repository (examples/ and the texts in
this file); ../shared/seeds/, when it is there, adds the seed articles' prose.
"""
import argparse
import base64
import email
import email.policy
import os
import quopri
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

GREETING = {"es": "Hola {name}:", "el": "Καλημέρα σας κύριε {name},", "en": "Hi {name},"}
CLOSING = {"es": "Un saludo,", "el": "Με εκτίμηση,", "en": "Best regards,"}
ATTRIBUTION = {
    "es": "El jue, 6 mar 2025 a las 22:10, {name} <{addr}> escribió:",
    "el": "Στις Παρ 17 Μαΐ 2024 στις 11:00 μ.μ., ο/η {name} <{addr}> έγραψε:",
    "en": "On Thu, Mar 6, 2025 at 10:10 PM {name} <{addr}> wrote:",
}
NAMES = {"es": ["Ana", "Lucía", "Pedro", "Marta"], "el": ["Νίκο", "Γιώργο", "Κώστα"], "en": ["Alice", "Bob", "Sam"]}
CLEAN_ES = """Gracias por escribirnos y disculpe la espera. Hemos revisado su pedido: salió de nuestro
almacén el martes y la empresa de transporte lo entregará mañana antes de las dos. Le dejo en
copia a nuestro equipo de almacén, que le avisará por correo en cuanto el repartidor lo tenga.
Si necesita cambiar la dirección de entrega, responda a este mensaje indicando la nueva
dirección completa y un teléfono de contacto. Recuerde que puede consultar el estado del envío
en nuestra página y que las devoluciones son gratuitas durante treinta días naturales. Nuestro
horario de atención telefónica es de nueve a seis, de lunes a viernes, excepto festivos
nacionales. Lamentamos las molestias ocasionadas y agradecemos sinceramente su paciencia."""
EN_TEXT = """Thank you for your message and sorry for the delay. We have checked your order and it
left our warehouse on Tuesday; the courier will deliver it tomorrow before noon. If anything is
missing, reply to this email and we will send the missing items at no cost. You can follow the
parcel on our website, and our support team is available from nine to six on weekdays. We value
your feedback and we are always looking for ways to improve our service for every customer."""


def example_paragraphs(lang):
    """Own-text paragraphs of the repository's example drafts of one language (examples/<lang>-*):
    bodies decoded with Python's email package; headers, quotes, attribution lines and signatures
    left out."""
    out = []
    for path in sorted((ROOT / "examples").glob(f"{lang}-*")):
        if not path.is_file() or path.suffix not in (".eml", ".txt"):
            continue
        raw = path.read_bytes()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        if "Content-Type" not in message:  # a mutt-style draft: headers, then UTF-8 text
            body = raw.split(b"\n\n", 1)[-1].decode("utf-8", errors="replace")
        else:
            part = message.get_body(preferencelist=("plain",))
            try:
                body = part.get_content() if part is not None else ""
            except (LookupError, UnicodeError):
                continue
        body = body.split("\n-- \n")[0]
        for block in body.split("\n\n"):
            lines = [l for l in block.split("\n") if not l.startswith(">")]
            text = " ".join(" ".join(lines).split())
            if len(text.split()) > 8 and not text.endswith(":"):
                out.append(text)
    return out


def paragraphs(lang):
    """Prose paragraphs of one language: the seed articles in ../shared/seeds/ when that folder is
    there, else the repository's own example drafts. ../shared/ adds inputs, it is never needed."""
    out = []
    if lang == "en":
        return [" ".join(EN_TEXT.split())] * 4
    if SEEDS.is_dir():
        files = sorted(SEEDS.glob("003_*.txt")) if lang == "el" else [p for p in sorted(SEEDS.glob("*.txt")) if not p.name.startswith("003_")]
        for path in files:
            for block in path.read_text(encoding="utf-8").split("\n"):
                block = " ".join(block.replace("•", " ").split())
                if len(block.split()) >= 12:
                    out.append(block)
    if not out:
        out = example_paragraphs(lang) + ([" ".join(CLEAN_ES.split())] if lang == "es" else [])
    if not out:
        sys.exit(f"bench: no {lang} prose found in examples/{lang}-* (nor in {SEEDS})")
    return out


def wrap(text, width=72):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line] if line else lines)


def own_text(lang, rng, target):
    pool = paragraphs(lang)
    chunks, size = [], 0
    while size < target:
        chunk = rng.choice(pool)
        chunks.append(wrap(chunk))
        size += len(chunk.encode())
    return "\n\n".join(chunks)


def draft(lang, rng, target, encoding=None, own=None):
    """A reply: headers, greeting, own text, closing, signature, quoted original."""
    name = rng.choice(NAMES[lang])
    own = own if own is not None else own_text(lang, rng, target)
    quoted = "\n".join("> " + l for l in wrap(rng.choice(paragraphs(lang))).split("\n"))
    body = (f"{GREETING[lang].format(name=name)}\n\n{own}\n\n{CLOSING[lang]}\nLucía\n\n"
            f"{ATTRIBUTION[lang].format(name=name, addr='cliente@example.com')}\n{quoted}\n")
    headers = (f"From: Soporte <soporte@tiendaverde.es>\nTo: {name} <cliente@example.com>\n"
               f"Subject: Re: Pedido {rng.randint(10000, 99999)}\nIn-Reply-To: <{rng.randint(1, 10**9)}@example.com>\n")
    if encoding is None:
        return headers + "\n" + body, own
    charset = {"el": "iso-8859-7", "es": "iso-8859-1"}.get(lang, "utf-8") if encoding == "qp" else "utf-8"
    raw = body.encode(charset, errors="replace")
    if encoding == "qp":
        payload, cte = quopri.encodestring(raw).decode("ascii"), "quoted-printable"
    else:
        payload, cte = base64.encodebytes(raw).decode("ascii"), "base64"
    return (headers + f"MIME-Version: 1.0\nContent-Type: text/plain; charset={charset}\n"
            f"Content-Transfer-Encoding: {cte}\n\n{payload}"), own


def add_typos(text, count, rng):
    """Swaps two inner letters of `count` distinct long words."""
    words = sorted({w for w in re.findall(r"\b\w{7,}\b", text) if w.islower()})
    rng.shuffle(words)
    for word in words[:count]:
        i = len(word) // 2
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        text = re.sub(rf"\b{re.escape(word)}\b", typo, text, count=1)
    return text


def run(cmd, stdin_path=None):
    """Wall time (s) and peak RSS (MB) of one process.

    The peak RSS comes from GNU time wrapped around the command: the rusage of a child forked
    from this (large) Python process would count the parent's pages it held before exec."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss.name, *map(str, cmd)], stdin=stdin,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        status = proc.wait()
        elapsed = time.perf_counter() - start
        peak_kb = int(rss.read().strip().splitlines()[-1])
    if stdin_path:
        stdin.close()
    if status not in (0, 1):
        sys.exit(f"bench: {' '.join(map(str, cmd))} exited {status}")
    return elapsed, peak_kb / 1024


def measure(cmd, runs, stdin_path=None):
    results = [run(cmd, stdin_path) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def words(text):
    return len(text.split())


def write_bulk(folder, count, rng):
    """The bulk drafts, a fifth of them MIME-encoded, into `folder`; returns their own texts."""
    folder.mkdir(parents=True, exist_ok=True)
    own_all = []
    for i in range(count):
        lang = ("es", "es", "el", "en")[i % 4]
        encoding = (None, None, None, None, "qp", "b64")[i % 6] if i % 5 == 0 else None
        text, own = draft(lang, rng, rng.randint(500, 1500), encoding)
        (folder / f"d{i:05}.eml").write_text(text, encoding="utf-8")
        own_all.append(own)
    return own_all


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "build-release" / "replylint"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write-bulk", metavar="DIR",
                        help="only write the bulk drafts (2,000 with --quick) into DIR and stop: the "
                             "corpus the README's instruction counts (callgrind) are measured on")
    args = parser.parse_args()
    if args.write_bulk:
        write_bulk(Path(args.write_bulk), 2000 if args.quick else 10000, random.Random(7))
        return
    runs = 5 if args.quick else 15
    bulk_count = 2000 if args.quick else 10000
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="replylint-bench-"))
    cache = tmp / "cache"
    env_note = f"cache {cache}"
    os.environ["REPLYLINT_CACHE_DIR"] = str(cache)
    binary = args.binary
    try:
        # Compile the Greek, Spanish and English word indexes once (a cache: built on first use,
        # then reused); the first runs are reported apart.
        build_times = {}
        for lang in ("en", "el", "es"):
            # English from its own generator, so every later input is the same as without it.
            first, _ = draft(lang, random.Random(11) if lang == "en" else rng, 2048)
            (tmp / f"warm-{lang}.txt").write_text(first, encoding="utf-8")
            build_times[lang] = run([binary, "check", "--exit-zero", str(tmp / f"warm-{lang}.txt")])

        rows = []
        # A clean Spanish reply too: the seed articles hold words es_ES does not know, which
        # make replylint load Hunspell to confirm them and to search suggestions.
        clean_own = wrap(" ".join([CLEAN_ES] * 3))
        for lang, dic, own_override, label in (("es", "es_ES", None, "es"), ("es", "es_ES", clean_own, "es clean"),
                                               ("el", "el_GR", None, "el")):
            text, own = draft(lang, rng, 2048, own=own_override)
            path, own_path = tmp / f"{label}.txt", tmp / f"{label}.own.txt"
            path.write_text(text, encoding="utf-8")
            own_path.write_text(own + "\n", encoding="utf-8")
            ours = measure([binary, "check", "--exit-zero", str(path)], runs)
            peer = measure(["hunspell", "-d", dic, "-l"], runs, own_path)
            rows.append((f"cold {label} 2 KB draft ({words(own)} words)", ours, peer, f"hunspell -d {dic} -l"))
            if label == "es clean":
                typo_path = tmp / "es-typos.txt"
                typo_path.write_text(add_typos(text, 20, rng), encoding="utf-8")
                typos = measure([binary, "check", "--exit-zero", str(typo_path)], runs)
                rows.append(("cold es clean draft with 20 distinct typos", typos, ours, "same draft without typos"))

        bulk = tmp / "bulk"
        own_all = write_bulk(bulk, bulk_count, rng)
        own_path = tmp / "bulk.own.txt"
        own_path.write_text("\n".join(own_all) + "\n", encoding="utf-8")
        total_words = sum(words(o) for o in own_all)
        bulk_runs = 3 if args.quick else 5
        ours = measure([binary, "check", "--format", "json", "--exit-zero", str(bulk)], bulk_runs)
        peer = measure(["hunspell", "-d", "es_ES,el_GR,en_US", "-l"], bulk_runs, own_path)

        print(f"replylint benchmark ({bulk_count} bulk drafts, {runs} runs per cold case, medians; {env_note})")
        for lang, (t, m) in build_times.items():
            print(f"first {lang} run, compiling the word index into the cache: {t:.3f} s, {m:.0f} MB")
        print()
        print(f"{'measurement':44} {'replylint':>10} {'peer':>10} {'ratio':>7}  {'RSS ours/peer MB':>17}  peer")
        for name, (t, m), (pt, pm), peer_name in rows:
            print(f"{name:44} {t:9.3f}s {pt:9.3f}s {t / pt:6.2f}x  {m:7.1f} / {pm:6.1f}  {peer_name}")
        t, m = ours
        pt, pm = peer
        print(f"{'bulk: seconds':44} {t:9.3f}s {pt:9.3f}s {t / pt:6.2f}x  {m:7.1f} / {pm:6.1f}  hunspell -d es_ES,el_GR,en_US -l")
        print(f"{'bulk: messages/s':44} {bulk_count / t:10.0f}")
        print(f"{'bulk: words/s (own text)':44} {total_words / t:10.0f} {total_words / pt:10.0f} {pt / t:6.2f}x (throughput ratio ours/peer)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
