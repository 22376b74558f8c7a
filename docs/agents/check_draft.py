"""Lint an email draft with replylint before sending it (needs `replylint` on PATH)."""
import json
import subprocess


def lint_draft(text, filename="draft.eml"):
    """Returns replylint's JSON report (schemas/report.v1.json) for `text`.

    `filename` is the name the draft stands for: the .replylint.toml found from it and its
    [[overrides]] apply as they would to a file of that name.
    """
    proc = subprocess.run(
        ["replylint", "check", "--format", "json", "--stdin-filename", filename, "-"],
        input=text, capture_output=True, text=True, check=False)
    if proc.returncode == 2:  # usage error, bad config or unreadable draft: nothing was checked
        raise RuntimeError(proc.stderr.strip())
    return json.loads(proc.stdout)  # exit 0: clean; 1: findings at or above --fail-on


report = lint_draft("Hola Ana,\n\nLe enviamos la respuetsa mañana.\n\nUn saludo,\nLuis\n")
for d in report["files"][0]["diagnostics"]:
    fix = f' -> {d["suggestions"][0]}' if "suggestions" in d else ""
    print(f'{d["line"]}:{d["column"]}-{d["end_line"]}:{d["end_column"]} '
          f'{d["severity"]}[{d["rule"]}] {d["message"]}{fix}')
    for address in d.get("addresses", []):  # visible-recipients: move these to Bcc
        print(f"  move to Bcc: {address}")
