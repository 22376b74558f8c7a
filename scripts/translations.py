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
SOURCE_GLOBS = ["src/rules/*.cpp", "src/report/*.cpp", "src/cli/*.cpp", "src/lsp/*.cpp"]
KEYWORDS = ["N_", "tr", "fragment", "plural_fragment:1,2", "report:2", "report_subject:2", "report_header:2", "help:1"]

# Phrase files (rules/<lang>/*.toml) whose `help` reaches a report: the rules pass an entry's
# help to Builder::help(), which looks it up in the catalog. xgettext cannot read TOML, so these
# msgids are added by phrase_help_pot(). `suggest` is replacement text in the draft's language
# and never a msgid. Lists only matched to cancel or excuse a finding never show their help.
PHRASE_GLOB = "rules/*/*.toml"
HELP_NEVER_SHOWN = {"missing-attachment-not-ours", "unsubscribe-missing-opt-out"}

# Each rule's documentation (`.docs = R"md(…)md"` in src/rules/*.cpp, what `explain` prints) is
# translated unit by unit, as po4a does: a heading's text, a list item, a paragraph, each with its
# lines joined by one space. Code blocks (the tested examples) are never msgids.
# core::i18n::markdown_units() splits the same way; a unit test holds the two together.
DOCS_GLOB = "src/rules/*.cpp"
DOCS_BLOCK = re.compile(r'R"md\((.*?)\)md"', re.S)


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


def markdown_units(markdown):
    """The translatable units of a rule's Markdown documentation, in order."""
    units, current, in_code = [], None, False

    def flush():
        nonlocal current
        if current:
            units.append(" ".join(current))
        current = None

    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            in_code = not in_code
        elif in_code:
            continue
        elif not stripped:
            flush()
        elif line.startswith("#"):
            flush()
            units.append(line.lstrip("#").strip())
        elif line.startswith("- "):
            flush()
            current = [line[2:].strip()]
        elif current is None:
            current = [stripped]
        else:
            current.append(stripped)
    flush()
    return units


def docs_units():
    """{unit: [files]} of every rule's documentation, in the order the files give them."""
    references = {}
    for path in sorted(ROOT.glob(DOCS_GLOB)):
        name = path.relative_to(ROOT).as_posix()
        for block in DOCS_BLOCK.finditer(path.read_text(encoding="utf-8")):
            for unit in markdown_units(block.group(1)):
                files = references.setdefault(unit, [])
                if name not in files:
                    files.append(name)
    return references


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


def docs_pot(output):
    """A .pot of every unit of the rules' documentation."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
             '"Content-Transfer-Encoding: 8bit\\n"', ""]
    for unit, files in docs_units().items():
        lines.append("#. TRANSLATORS: rule documentation (Markdown): keep `code` and quoted "
                     "examples as they are")
        lines += [f"#: {name}" for name in files]
        lines += [f"msgid {po_quote(unit)}", 'msgstr ""', ""]
    Path(output).write_text("\n".join(lines), encoding="utf-8")


def template(output):
    """The whole template: xgettext's msgids from the sources, then the phrase files' help."""
    with tempfile.TemporaryDirectory() as tmp:
        from_sources, from_phrases = Path(tmp) / "sources.pot", Path(tmp) / "phrases.pot"
        from_docs = Path(tmp) / "docs.pot"
        xgettext(from_sources)
        phrase_help_pot(from_phrases)
        docs_pot(from_docs)
        subprocess.run(["msgcat", "--use-first", "--no-wrap", "--add-location=file", "-o",
                        str(output), str(from_sources), str(from_phrases), str(from_docs)],
                       check=True)


def xgettext(output):
    command = ["xgettext", "--language=C++", "--from-code=UTF-8", "--add-comments=TRANSLATORS:",
               "--add-location=file", "--sort-by-file", "--package-name=replylint",
               "--msgid-bugs-address=https://github.com/replylint/replylint/issues",
               "--no-wrap", "-o", str(output)]
    command += [f"--keyword={k}" for k in KEYWORDS] + sources()
    subprocess.run(command, cwd=ROOT, check=True)


def entries(path):
    """(msgid, msgstrs, flags) of each entry but the header, from `msgcat --no-wrap` output.
    msgstrs has one string, or one per plural form (msgstr[N])."""
    text = subprocess.run(["msgcat", "--no-wrap", "--no-location", str(path)], check=True,
                          capture_output=True, text=True).stdout
    found = []
    for block in text.split("\n\n"):
        flags, msgid, msgstrs, field = set(), None, [], None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(","))
            elif line.startswith("msgid "):
                msgid, field = unquote(line[6:]), "id"
            elif line.startswith("msgid_plural "):
                field = "plural"
            elif line.startswith("msgstr"):
                msgstrs.append(unquote(line[line.index(" ") + 1:]))
                field = "str"
            elif line.startswith('"'):
                if field == "id":
                    msgid += unquote(line)
                elif field == "str":
                    msgstrs[-1] += unquote(line)
        if msgid:
            found.append((msgid, msgstrs, flags))
    return found


def code_spans(text):
    """The `code spans` of Markdown text, as CommonMark reads them: a run of backticks is closed
    by the next run of the same length."""
    spans, at = [], 0
    while (start := text.find("`", at)) != -1:
        end = start
        while end < len(text) and text[end] == "`":
            end += 1
        fence = text[start:end]
        close = end
        while (close := text.find(fence, close)) != -1:
            after = close + len(fence)
            if (close == 0 or text[close - 1] != "`") and (after >= len(text) or text[after] != "`"):
                break
            close = after
            while close < len(text) and text[close] == "`":
                close += 1
        if close == -1:
            at = end
            continue
        spans.append(text[start:close + len(fence)])
        at = close + len(fence)
    return sorted(spans)


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
        docs = set(docs_units())
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
            for msgid, msgstrs, flags in entries(po):
                translated[msgid] = msgstrs
                if "fuzzy" in flags:
                    problems.append(f"{po.name}: fuzzy entry {msgid!r}")
                if not msgstrs or not all(msgstrs):
                    problems.append(f"{po.name}: untranslated {msgid!r}")
                    continue
                for msgstr in msgstrs:
                    if placeholders(msgid) != placeholders(msgstr):
                        problems.append(f"{po.name}: placeholders of {msgid!r} differ in {msgstr!r}")
                    if msgid in docs and code_spans(msgid) != code_spans(msgstr):
                        problems.append(f"{po.name}: code spans of {msgid!r} differ in {msgstr!r}")
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
