#!/usr/bin/env python3
"""The bash and zsh completions offer every command and option the binary defines, and no other.

  completion_test.py --binary build/replylint --bash completions/replylint.bash \
                     --zsh completions/_replylint

bash: the completion function runs in `bash` with COMP_WORDS and COMP_CWORD set, as readline
would, and its COMPREPLY is compared with the CLI's own --help (and `replylint rules` for rule
ids). zsh: `zsh -n` parses the file, and each command's _arguments specs are compared with the
CLI. A command or option added to the CLI fails this test until the completions have it."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_help import cli_interface  # noqa: E402

problems = []


def check(what, got, wanted):
    if set(got) != set(wanted):
        missing = sorted(set(wanted) - set(got))
        extra = sorted(set(got) - set(wanted))
        problems.append(f"{what}: missing {missing}, unexpected {extra}")


def bash_complete(script, words, cwd):
    """COMPREPLY for the command line `words`, the last being the word under the cursor."""
    program = (
        'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
        "_replylint; printf '%s\\n' \"${COMPREPLY[@]}\""
    )
    result = subprocess.run(["bash", "-c", program, "complete", script, *words],
                            capture_output=True, text=True, cwd=cwd, timeout=30)
    if result.returncode != 0 or result.stderr:
        problems.append(f"bash: {' '.join(words)!r}: exit {result.returncode}: {result.stderr}")
    return [line for line in result.stdout.splitlines() if line]


def test_bash(binary, script, interface):
    rule_ids = [line.split()[0] for line in subprocess.run(
        [binary, "rules"], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.strip()]
    commands = [c for c in interface if c]
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "reply.eml").write_text("Hola\n")
        Path(folder, "drafts").mkdir()
        check("bash: replylint <TAB>", bash_complete(script, [binary, ""], folder), commands)
        longs = {o for o in interface[""] if o.startswith("--")}
        check("bash: replylint --<TAB>", bash_complete(script, [binary, "--"], folder), longs)
        for command in commands:
            longs = {o for o in interface[command] if o.startswith("--")}
            if command == "sendmail":
                longs.add("--")  # the separator before the real sendmail command
            got = bash_complete(script, [binary, command, "--"], folder)
            check(f"bash: replylint {command} --<TAB>", got, longs)
        check("bash: replylint explain <TAB>",
              bash_complete(script, [binary, "explain", ""], folder), rule_ids)
        check("bash: replylint explain sh<TAB>",
              bash_complete(script, [binary, "explain", "sh"], folder),
              [i for i in rule_ids if i.startswith("sh")])
        check("bash: replylint check --format <TAB>",
              bash_complete(script, [binary, "check", "--format", ""], folder),
              ["text", "json", "sarif", "github"])
        check("bash: replylint rules --format=<TAB>",
              bash_complete(script, [binary, "rules", "--format", "=", ""], folder),
              ["text", "json"])
        check("bash: replylint --rules-dir d<TAB>",
              bash_complete(script, [binary, "--rules-dir", "d"], folder), ["drafts"])
        check("bash: replylint --rules-dir x c<TAB>",
              bash_complete(script, [binary, "--rules-dir", "x", "c"], folder), ["check"])
        check("bash: replylint check --fix r<TAB>",
              bash_complete(script, [binary, "check", "--fix", "r"], folder), ["reply.eml"])
        check("bash: replylint install-hook <TAB>",
              bash_complete(script, [binary, "install-hook", ""], folder), ["git-send-email"])
        got = bash_complete(script, [binary, "sendmail", "--", "bas"], folder)
        if "bash" not in got:
            problems.append(f"bash: replylint sendmail -- bas<TAB> offers no 'bash': {got}")


def zsh_specs(text):
    """{"": top-level option names, command: its option names} from _replylint's specs."""
    spec = re.compile(r"""^\s*['"](?:\([^)]*\)['"]?)?\*?(?:\{([^}]*)\}|(--?[\w-]*))[=+]?[\[']""")
    specs = {}
    current = None
    for line in text.splitlines():
        branch = re.match(r"^ {8}([a-z][\w-]*)\)$", line)
        if "_arguments -C" in line:
            current = ""
            specs[current] = set()
        elif branch:
            current = branch.group(1)
            specs[current] = set()
        elif current is not None:
            match = spec.match(line)
            if match:
                names = match.group(1).split(",") if match.group(1) else [match.group(2)]
                specs[current].update(n.rstrip("=+") for n in names)
    return specs


def test_zsh(script, interface):
    zsh = shutil.which("zsh")
    if zsh is None:
        problems.append("zsh is not installed (scripts/dev.sh installs it for the tests)")
        return
    parsed = subprocess.run([zsh, "-n", script], capture_output=True, text=True, timeout=30)
    if parsed.returncode != 0 or parsed.stderr:
        problems.append(f"zsh -n {script}: {parsed.stderr}")
    text = Path(script).read_text(encoding="utf-8")
    names = re.findall(r"^\s+'([a-z][\w-]*):", text, re.MULTILINE)
    check("zsh: commands", names, [c for c in interface if c])
    specs = zsh_specs(text)
    for command, options in interface.items():
        wanted = set(options)
        if command == "sendmail":
            wanted.add("--")
        check(f"zsh: {command or 'replylint'} options", specs.get(command, set()), wanted)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--bash", required=True)
    parser.add_argument("--zsh", required=True)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    interface = cli_interface(binary)
    test_bash(binary, os.path.abspath(args.bash), interface)
    test_zsh(os.path.abspath(args.zsh), interface)
    for problem in problems:
        print(f"completion_test: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"completion_test: bash and zsh complete {len(interface) - 1} commands and their options")
    return 0


if __name__ == "__main__":
    sys.exit(main())
