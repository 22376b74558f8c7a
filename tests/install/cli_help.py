"""The commands and options the replylint binary defines, read from its own --help (CLI11's
layout), so that the man page and completions are checked against the program, not a copy."""

import os
import re
import subprocess

# An option line of CLI11's help: two spaces, then names such as "-j,--jobs" or "--format".
_OPTION_LINE = re.compile(r"^  (-[\w-]+(?:,-[\w-]+)*)")
# A subcommand line under "Subcommands:": two spaces, a name, spaces, its description.
_COMMAND_LINE = re.compile(r"^  ([a-z][\w-]*)\s")


def _help(binary, *args):
    # The section names read below are CLI11's English ones: the help follows the locale.
    english = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_MESSAGES")}
    english["LC_ALL"] = "C.UTF-8"
    return subprocess.run([binary, *args, "--help"], capture_output=True, text=True, check=True,
                          timeout=30, env=english).stdout


def _options(text):
    options = set()
    section = None
    for line in text.splitlines():
        if line and not line.startswith(" "):
            section = line.rstrip(":")
            continue
        match = _OPTION_LINE.match(line)
        if section == "Options" and match:
            options.update(match.group(1).split(","))
    return options


def cli_interface(binary):
    """{"": global options, command: its options} for every subcommand of `binary`."""
    top = _help(binary)
    commands = []
    section = None
    for line in top.splitlines():
        if line and not line.startswith(" "):
            section = line.rstrip(":")
            continue
        match = _COMMAND_LINE.match(line)
        if section == "Subcommands" and match:
            commands.append(match.group(1))
    if not commands:
        raise RuntimeError(f"{binary} --help lists no subcommands:\n{top}")
    interface = {"": _options(top)}
    for command in commands:
        interface[command] = _options(_help(binary, command))
    return interface
