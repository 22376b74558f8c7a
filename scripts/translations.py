#!/usr/bin/env python3
"""The message catalogs in po/ (docs/translations.md).

  scripts/translations.py update   regenerate po/replylint.pot from the sources (xgettext) and
                                   merge it into every po/<lang>.po (msgmerge)
  scripts/translations.py check    fail when the .pot is out of date with the sources, a .po has
                                   fuzzy or untranslated entries, msgfmt --check complains, or a
                                   translation's {} placeholders differ from its msgid's
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "po"
POT = PO / "replylint.pot"

# Where msgids are: rule messages (Reporter::report*'s format, Builder::help's text), N_()/tr()
# elsewhere. Only these folders are scanned, so another function named report() is not a msgid.
SOURCE_GLOBS = ["src/rules/*.cpp", "src/report/*.cpp", "src/cli/*.cpp"]
KEYWORDS = ["N_", "tr", "fragment", "report:2", "report_subject:2", "report_header:2", "help:1"]


def sources():
    files = []
    for pattern in SOURCE_GLOBS:
        files += sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob(pattern))
    return files


def xgettext(output):
    command = ["xgettext", "--language=C++", "--from-code=UTF-8", "--add-comments=TRANSLATORS:",
               "--add-location=file", "--sort-by-file", "--package-name=replylint",
               "--msgid-bugs-address=https://github.com/replylint/replylint/issues",
               "--no-wrap", "-o", str(output)]
    command += [f"--keyword={k}" for k in KEYWORDS] + sources()
    subprocess.run(command, cwd=ROOT, check=True)


def entries(path):
    """(msgid, msgstr, flags) of each entry but the header, from `msgcat --no-wrap` output."""
    text = subprocess.run(["msgcat", "--no-wrap", "--no-location", str(path)], check=True,
                          capture_output=True, text=True).stdout
    found = []
    for block in text.split("\n\n"):
        flags, msgid, msgstr, field = set(), None, None, None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(","))
            elif line.startswith("msgid "):
                msgid, field = unquote(line[6:]), "id"
            elif line.startswith("msgstr "):
                msgstr, field = unquote(line[7:]), "str"
            elif line.startswith('"'):
                if field == "id":
                    msgid += unquote(line)
                elif field == "str":
                    msgstr += unquote(line)
        if msgid:
            found.append((msgid, msgstr, flags))
    return found


def unquote(quoted):
    return bytes(quoted.strip()[1:-1], "utf-8").decode("unicode_escape").encode(
        "latin-1").decode("utf-8")


PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def update():
    xgettext(POT)
    for po in sorted(PO.glob("*.po")):
        subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", "--no-wrap", "--no-fuzzy-matching",
                        "--add-location=file", str(po), str(POT)], check=True)
    print(f"updated {POT.relative_to(ROOT)} and {len(list(PO.glob('*.po')))} catalogs")


def check():
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        xgettext(fresh)
        wanted = {m for m, _, _ in entries(fresh)}
        committed = {m for m, _, _ in entries(POT)}
        for m in sorted(wanted - committed):
            problems.append(f"{POT.name}: missing msgid {m!r} (run scripts/translations.py update)")
        for m in sorted(committed - wanted):
            problems.append(f"{POT.name}: stale msgid {m!r} (run scripts/translations.py update)")
        for po in sorted(PO.glob("*.po")):
            result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null",
                                     str(po)], capture_output=True, text=True)
            if result.returncode != 0:
                problems.append(f"{po.name}: msgfmt --check failed:\n{result.stderr}")
            print(f"{po.name}: {result.stderr.strip()}")
            translated = {}
            for msgid, msgstr, flags in entries(po):
                translated[msgid] = msgstr
                if "fuzzy" in flags:
                    problems.append(f"{po.name}: fuzzy entry {msgid!r}")
                if not msgstr:
                    problems.append(f"{po.name}: untranslated {msgid!r}")
                elif placeholders(msgid) != placeholders(msgstr):
                    problems.append(f"{po.name}: placeholders of {msgid!r} differ in {msgstr!r}")
            for m in sorted(wanted - set(translated)):
                problems.append(f"{po.name}: no entry for {m!r} (run scripts/translations.py update)")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["update", "check"])
    args = parser.parse_args()
    if args.command == "update":
        update()
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main())
