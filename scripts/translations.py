#!/usr/bin/env python3
"""The message catalogs in po/ (docs/translations.md).

  scripts/translations.py update   regenerate po/replylint.pot from the sources (xgettext) and
                                   the phrase files' help (rules/<lang>/*.toml), and merge it
                                   into every po/<lang>.po (msgmerge)
  scripts/translations.py check    fail when the .pot is out of date with the sources, a .po has
                                   fuzzy or untranslated entries, msgfmt --check complains, or a
                                   translation's {} placeholders differ from its msgid's
"""

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "po"
POT = PO / "replylint.pot"

# Where msgids are: rule messages (Reporter::report*'s format, Builder::help's text), N_()/tr()
# elsewhere. Only these folders are scanned, so another function named report() is not a msgid.
SOURCE_GLOBS = ["src/rules/*.cpp", "src/report/*.cpp", "src/cli/*.cpp"]
KEYWORDS = ["N_", "tr", "fragment", "report:2", "report_subject:2", "report_header:2", "help:1"]

# Phrase files (rules/<lang>/*.toml) whose `help` reaches a report: the rules pass an entry's
# help to Builder::help(), which looks it up in the catalog. xgettext cannot read TOML, so these
# msgids are added by phrase_help_pot(). `suggest` is replacement text in the draft's language
# and never a msgid. Lists only matched to cancel or excuse a finding never show their help.
PHRASE_GLOB = "rules/*/*.toml"
HELP_NEVER_SHOWN = {"missing-attachment-not-ours", "unsubscribe-missing-opt-out"}


def sources():
    files = []
    for pattern in SOURCE_GLOBS:
        files += sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob(pattern))
    return files


def phrase_help_files():
    """The phrase files whose help a rule shows, sorted."""
    files = []
    for path in sorted(ROOT.glob(PHRASE_GLOB)):
        stem = path.name[:-len(".toml")]
        if stem.endswith(".unless") or stem in HELP_NEVER_SHOWN:
            continue
        files.append(path)
    return files


def po_quote(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def phrase_help_pot(output):
    """A .pot of every shown phrase-file help, one entry per text naming each file it is in."""
    references = {}
    for path in phrase_help_files():
        with open(path, "rb") as f:
            data = tomllib.load(f)
        for phrase in data.get("phrase", []):
            help_text = phrase.get("help", "")
            if help_text:
                files = references.setdefault(help_text, [])
                name = path.relative_to(ROOT).as_posix()
                if name not in files:
                    files.append(name)
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
             '"Content-Transfer-Encoding: 8bit\\n"', ""]
    for help_text in sorted(references, key=lambda h: (references[h][0], h)):
        lines.append("#. TRANSLATORS: help of a phrase file's entry")
        lines += [f"#: {name}" for name in references[help_text]]
        lines += [f"msgid {po_quote(help_text)}", 'msgstr ""', ""]
    Path(output).write_text("\n".join(lines), encoding="utf-8")


def template(output):
    """The whole template: xgettext's msgids from the sources, then the phrase files' help."""
    with tempfile.TemporaryDirectory() as tmp:
        from_sources, from_phrases = Path(tmp) / "sources.pot", Path(tmp) / "phrases.pot"
        xgettext(from_sources)
        phrase_help_pot(from_phrases)
        subprocess.run(["msgcat", "--use-first", "--no-wrap", "--add-location=file", "-o",
                        str(output), str(from_sources), str(from_phrases)], check=True)


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
    template(POT)
    for po in sorted(PO.glob("*.po")):
        subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", "--no-fuzzy-matching",
                        "--add-location=file", str(po), str(POT)], check=True)
    print(f"updated {POT.relative_to(ROOT)} and {len(list(PO.glob('*.po')))} catalogs")


def check():
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        template(fresh)
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
