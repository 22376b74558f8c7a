#!/usr/bin/env python3
"""man/replylint.1 documents every command and option the binary defines, and no other; groff
renders it without a warning.

  man_page_test.py --binary build/replylint --man man/replylint.1

A command or option added to the CLI fails this test until its man page entry is written."""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_help import cli_interface  # noqa: E402

HELP = {"-h", "--help"}
_OPTION = re.compile(r"(?<![\w-])(--?[a-z][\w-]*)")
_LONG_OPTION = re.compile(r"(?<![\w-])(--[a-z][\w-]*)")


def plain(roff_line):
    """A roff line with its dashes as typed and font escapes removed."""
    return re.sub(r"\\f[BIRP]", "", roff_line.replace("\\-", "-"))


def documented_options(lines):
    """{section: options named by its .TP items}: "" for GLOBAL OPTIONS, else the .SS command."""
    sections = {}
    current = None
    for i, line in enumerate(lines):
        if line.startswith(".SH "):
            current = "" if line == ".SH GLOBAL OPTIONS" else None
            if current is not None:
                sections[current] = set()
        elif line.startswith(".SS ") and current != "":
            title = line[4:].strip().strip('"')
            current = plain(title).split()[0]
            sections[current] = set()
        elif line == ".TP" and current is not None and i + 1 < len(lines):
            sections[current].update(_OPTION.findall(plain(lines[i + 1])))
    return sections


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--man", required=True)
    args = parser.parse_args()

    interface = cli_interface(args.binary)
    text = Path(args.man).read_text(encoding="utf-8")
    lines = text.splitlines()
    documented = documented_options(lines)
    problems = []

    for command, options in sorted(interface.items()):
        name = command or "GLOBAL OPTIONS"
        if command not in documented:
            problems.append(f"the command '{command}' has no .SS section under COMMANDS")
            continue
        wanted = options if command == "" else options - HELP
        for option in sorted(wanted - documented[command]):
            problems.append(f"{name}: {option} is not documented (a .TP item in its section)")
        for option in sorted(documented[command] - wanted):
            problems.append(f"{name}: the man page documents {option}, which it does not have")
    for section in sorted(set(documented) - set(interface)):
        problems.append(f"the man page has a section for '{section}', which is not a command")

    every_option = set().union(*interface.values())
    for number, line in enumerate(lines, 1):
        if line.startswith(".\\\""):
            continue
        for option in _LONG_OPTION.findall(plain(line)):
            if option not in every_option:
                problems.append(f"line {number}: names {option}, which no command has")

    groff = shutil.which("groff")
    if groff is None:
        problems.append("groff is not installed (groff-base; scripts/dev.sh installs it)")
    else:
        lint = subprocess.run([groff, "-ww", "-man", "-z", args.man], capture_output=True,
                              text=True, timeout=60)
        if lint.returncode != 0 or lint.stderr.strip():
            problems.append(f"groff -ww -man -z warns:\n{lint.stderr}")

    for problem in problems:
        print(f"man_page_test: {problem}", file=sys.stderr)
    if problems:
        return 1
    commands = len(interface) - 1
    options = sum(len(o) for o in interface.values())
    print(f"man_page_test: {commands} commands and {options} options documented; groff is quiet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
