#!/usr/bin/env python3
"""accent-confusion on its test set: how many wrong accents it catches, how many false alarms.

Reads tests/rules/accent-confusion/cases.tsv (language, expected corrections, sentence), lints
every sentence with `replylint check --lang <language>` and scores the accent-confusion findings:
a correction counts when the flagged text and a suggestion are the expected ones; any other
finding is a false alarm. With --languagetool URL (a LanguageTool server, e.g.
http://localhost:8081) the same sentences are sent to its /v2/check and scored the same way:
a match counts when it covers the expected word and offers the expected form.

  python3 bench/accent_confusion.py [--replylint build/replylint] [--languagetool URL]
"""
import argparse
import json
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "rules" / "accent-confusion" / "cases.tsv"


def read_cases():
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, expected, sentence = line.split("\t")
        pairs = set()
        if expected != "-":
            for pair in expected.split(","):
                wrong, right = pair.split(">")
                pairs.add((wrong, right))
        cases.append((language, pairs, sentence))
    return cases


def replylint_findings(binary, cases):
    """Per case, the set of (flagged text, suggestions) of accent-confusion."""
    found = [[] for _ in cases]
    with tempfile.TemporaryDirectory() as tmp:
        for language in sorted({c[0] for c in cases}):
            folder = Path(tmp) / language
            folder.mkdir()
            for i, (lang, _, sentence) in enumerate(cases):
                if lang == language:
                    (folder / f"{i:04d}.txt").write_text(sentence + "\n", encoding="utf-8")
            run = subprocess.run([binary, "check", "--format", "json", "--exit-zero", "--lang",
                                  language, str(folder)], capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"replylint failed: {run.stderr.strip()}")
            for file in json.loads(run.stdout)["files"]:
                i = int(Path(file["path"]).stem)
                for d in file["diagnostics"]:
                    if d["rule"] == "accent-confusion":
                        found[i].append((d["text"], d.get("suggestions", [])))
    return found


def languagetool_findings(url, cases):
    found = []
    for language, _, sentence in cases:
        data = urllib.parse.urlencode({"language": {"es": "es", "el": "el-GR"}[language],
                                       "text": sentence}).encode()
        with urllib.request.urlopen(url.rstrip("/") + "/v2/check", data, timeout=60) as reply:
            matches = json.load(reply)["matches"]
        found.append([(sentence[m["offset"]:m["offset"] + m["length"]],
                       [r["value"] for r in m["replacements"]]) for m in matches])
    return found


def score(cases, found):
    caught = firing = quiet = noisy = tp = fn = fp = 0
    for (_, expected, _), findings in zip(cases, found):
        hits = set()
        for text, suggestions in findings:
            # LanguageTool may cover more than the word ("Como puedo"): the expected word inside
            # the flagged text, with the right form inside a replacement, counts. A right form of
            # two words ("Por qué") is looked for as it is.
            match = next(((w, r) for w, r in expected
                          if w in text.split() and any(
                              (r in s if " " in r else r in s.split()) for s in suggestions)),
                         None)
            if match:
                hits.add(match)
            else:
                fp += 1
        tp += len(hits)
        fn += len(expected - hits)
        if expected:
            firing += 1
            caught += hits == expected
        else:
            quiet += 1
            noisy += bool(findings)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"caught": caught, "firing": firing, "noisy": noisy, "quiet": quiet,
            "precision": precision, "recall": recall, "false_alarms": fp}


def show(name, cases, found):
    for language in sorted({c[0] for c in cases}) + ["all"]:
        pick = [i for i, c in enumerate(cases) if language in ("all", c[0])]
        s = score([cases[i] for i in pick], [found[i] for i in pick])
        print(f"{name:12} {language:3}  caught {s['caught']:2} of {s['firing']:2} sentences, "
              f"false alarms on {s['noisy']} of {s['quiet']} correct ones "
              f"({s['false_alarms']} in all); precision {s['precision']:.0%}, "
              f"recall {s['recall']:.0%}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replylint", default=str(ROOT / "build" / "replylint"))
    parser.add_argument("--languagetool", help="URL of a LanguageTool server")
    parser.add_argument("--verbose", action="store_true", help="print every miss and false alarm")
    args = parser.parse_args()
    cases = read_cases()
    found = replylint_findings(args.replylint, cases)
    show("replylint", cases, found)
    if args.verbose:
        for (language, expected, sentence), findings in zip(cases, found):
            got = {(t, s[0] if s else "") for t, s in findings}
            if got != expected:
                print(f"  {language} expected {sorted(expected)} got {sorted(got)}: {sentence}")
    if args.languagetool:
        show("LanguageTool", cases, languagetool_findings(args.languagetool, cases))
    else:
        print("LanguageTool: not measured (no --languagetool URL; Debian 12 has no package)")


if __name__ == "__main__":
    main()
