#!/usr/bin/env python3
"""CTest driver for scripts/new-rule.py (the rule scaffold).

Copies the files the scaffold reads and writes (scripts/, src/, tests/rules/, rules/, README.md,
docs/, .clang-format) into a temporary folder, scaffolds made-up rules there with and without
--phrases, and checks: the files are created, rules.hpp, registry.cpp and README's table stay in
id order, docs/rules.md marks the rule implemented (splitting a shared planned row), the data
stubs are there, and the generated rule, test and registry compile (-fsyntax-only, with the
build's include paths and definitions from the flags file CMake writes). Then the refusals: a bad
id, a registered id, an unknown category or severity exit 2 with one line and change nothing,
and --dry-run writes nothing.

    new_rule_test.py --source DIR --cxx COMPILER --flags FILE
"""

import argparse
import concurrent.futures
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}")


def run(tree, *args):
    return subprocess.run(
        [sys.executable, str(tree / "scripts/new-rule.py"), *args],
        capture_output=True,
        text=True,
    )


def snapshot(tree):
    """A digest of every file under `tree`, to prove a refused or dry run wrote nothing."""
    digest = hashlib.sha256()
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(tree)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def registry_ids(tree):
    text = (tree / "src/rules/registry.cpp").read_text(encoding="utf-8")
    return [m.replace("_", "-") for m in re.findall(r"\{(\w+)_info\(\), &make_\w+\}", text)]


def header_ids(tree):
    lines = (tree / "src/rules/rules.hpp").read_text(encoding="utf-8").split("\n")
    ids = []
    for index, line in enumerate(lines):
        match = re.fullmatch(r"const RuleInfo& (\w+)_info\(\);", line)
        if match:
            ident = match.group(1)
            check(
                lines[index + 1]
                == f"std::unique_ptr<Rule> make_{ident}(const RuleContext& context);",
                f"rules.hpp: {ident}_info() is followed by make_{ident}()",
            )
            ids.append(ident.replace("_", "-"))
    return ids


def table(text, heading):
    rows, inside = [], False
    for line in text.split("\n"):
        if line == heading:
            inside = True
        elif inside and line.startswith("#"):
            break
        elif inside and line.startswith("| `"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


def compile_ok(cxx, flags, tree, source):
    command = [
        cxx,
        "-fsyntax-only",
        "-Wall",
        "-Wextra",
        "-Wno-missing-field-initializers",
        "-Werror",
        f"-I{tree / 'src'}",
        f"-I{tree / 'tests'}",
        *flags,
        str(tree / source),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        print(f"{source} does not compile:\n{result.stderr[:4000]}")
    return source, result.returncode == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True, type=Path)
    parser.add_argument("--cxx", required=True)
    parser.add_argument("--flags", required=True, type=Path)
    args = parser.parse_args()
    # One flag a line: -std, then the build's include folders (as -isystem, so the copied tree's
    # -I folders come first) and definitions.
    # -isystem/usr/include would break libstdc++'s #include_next: the compiler searches it anyway.
    flags = [
        f
        for f in dict.fromkeys(args.flags.read_text(encoding="utf-8").split("\n"))
        if f.strip() and f != "-isystem/usr/include"
    ]

    with tempfile.TemporaryDirectory(prefix="replylint-new-rule-") as temp:
        tree = Path(temp)
        for folder in ("scripts", "src", "tests/rules", "rules", "docs"):
            shutil.copytree(args.source / folder, tree / folder)
        for name in ("README.md", ".clang-format"):
            shutil.copy(args.source / name, tree / name)
        # A planned row shared by two made-up rules: scaffolding one must split it.
        catalogue = tree / "docs/rules.md"
        text = catalogue.read_text(encoding="utf-8")
        # Placed after a planned row, or after the last row once every rule is implemented.
        rows = [l for l in text.split("\n") if "| planned |" in l or "| implemented |" in l]
        row = next((l for l in rows if "| planned |" in l), rows[-1])
        shared = "| `polite-test-rule`, `polite-other-rule` | planned | made up | 000: test | info |"
        catalogue.write_text(text.replace(row, row + "\n" + shared, 1), encoding="utf-8")

        before = registry_ids(tree)
        check(before == sorted(before), "the registry is sorted before the scaffold runs")

        # Refusals: one line, exit 2, nothing written.
        clean = snapshot(tree)
        refusals = [
            (["Polite_Rule", "--category", "tone", "--severity", "info", "--summary", "x"], "kebab"),
            (["shouting", "--category", "tone", "--severity", "info", "--summary", "x"], "already"),
            (["polite-test-rule", "--category", "rudeness", "--severity", "info", "--summary", "x"],
             "category"),
            (["polite-test-rule", "--category", "tone", "--severity", "fatal", "--summary", "x"],
             "severity"),
            (["polite-test-rule", "--category", "tone", "--severity", "info"], "summary"),
        ]
        for arguments, word in refusals:
            result = run(tree, *arguments)
            lines = result.stderr.strip().split("\n")
            check(result.returncode == 2, f"{arguments[0]} ({word}): exit 2, got {result.returncode}")
            check(len(lines) == 1 and word in lines[0],
                  f"{arguments[0]} ({word}): one line naming the problem, got {result.stderr!r}")
        check(snapshot(tree) == clean, "a refused run writes nothing")

        dry = run(tree, "polite-test-rule", "--category", "tone", "--severity", "info",
                  "--summary", "a made-up rule for the scaffold test", "--dry-run")
        check(dry.returncode == 0, f"--dry-run succeeds: {dry.stderr}")
        check("would create src/rules/polite_test_rule.cpp" in dry.stdout, "--dry-run lists files")
        check(snapshot(tree) == clean, "--dry-run writes nothing")

        # One plain rule in the middle of the registry, one phrase rule at its start.
        plain = run(tree, "polite-test-rule", "--category", "tone", "--severity", "info",
                    "--summary", "a made-up rule for the scaffold test")
        check(plain.returncode == 0, f"the plain scaffold succeeds: {plain.stderr}")
        phrases = run(tree, "aardvark-test-rule", "--category", "style", "--severity", "error",
                      "--summary", "a made-up phrase rule", "--phrases", "--languages", "es,el")
        check(phrases.returncode == 0, f"the phrase scaffold succeeds: {phrases.stderr}")
        last = run(tree, "zesty-test-rule", "--category", "content", "--severity", "warning",
                   "--summary", "a made-up rule that sorts last")
        check(last.returncode == 0, f"a scaffold at the end of the registry succeeds: {last.stderr}")

        expected_files = [
            "src/rules/polite_test_rule.cpp",
            "tests/rules/polite_test_rule_test.cpp",
            "tests/rules/polite-test-rule/flagged-in-own-text.txt",
            "tests/rules/polite-test-rule/flagged-in-own-text.expected",
            "src/rules/aardvark_test_rule.cpp",
            "tests/rules/aardvark_test_rule_test.cpp",
            "rules/es/aardvark-test-rule.toml",
            "rules/el/aardvark-test-rule.toml",
        ]
        for path in expected_files:
            check((tree / path).is_file(), f"{path} is created")
        check(not (tree / "rules/en/aardvark-test-rule.toml").exists(), "--languages is honoured")
        for language in ("es", "el"):
            stub = (tree / f"rules/{language}/aardvark-test-rule.toml").read_text(encoding="utf-8")
            check("\nphrase = []\n" in stub, f"the {language} stub is an empty list, which loads")
        rule = (tree / "src/rules/aardvark_test_rule.cpp").read_text(encoding="utf-8")
        check("PhraseMatcher m_phrases;" in rule, "--phrases uses the phrase matcher")
        check("Severity::error" in rule and "Category::style" in rule, "severity and category")
        expected = (tree / "tests/rules/polite-test-rule/flagged-in-own-text.expected").read_text()
        check(re.fullmatch(r"\d+:\d+-\d+:\d+ info polite-test-rule: .+\n", expected) is not None,
              f".expected stub in test::expected_line's format: {expected!r}")

        after = registry_ids(tree)
        check(after == sorted(after), f"the registry stays sorted: {after}")
        check(sorted(after) == sorted(before + ["polite-test-rule", "aardvark-test-rule", "zesty-test-rule"]),
              "the registry gains exactly the three rules")
        check(header_ids(tree) == after, "rules.hpp declares the rules in registry order")

        readme = [r[0].strip("`") for r in table((tree / "README.md").read_text(), "## Rules")]
        check(readme == after, f"README's rule table lists the registry in order: {readme}")
        rows = {r[0]: r for r in table(catalogue.read_text(encoding="utf-8"), "# The rule catalogue")}
        check(rows.get("`polite-test-rule`", [""] * 5)[1:2] == ["implemented"]
              and rows["`polite-test-rule`"][4] == "info",
              "docs/rules.md marks the planned rule implemented with its severity")
        check(rows.get("`polite-other-rule`", [""] * 2)[1] == "planned",
              "the rule it shared a row with stays planned")
        check(rows.get("`aardvark-test-rule`", [""] * 2)[1] == "implemented",
              "docs/rules.md gains a row for an unlisted rule")

        again = run(tree, "polite-test-rule", "--category", "tone", "--severity", "info",
                    "--summary", "again")
        check(again.returncode == 2 and len(again.stderr.strip().split("\n")) == 1,
              "a second run for the same id is refused in one line")

        formatter = shutil.which("clang-format")
        if formatter:
            for path in expected_files:
                if path.endswith(".cpp"):
                    layout = subprocess.run([formatter, "--dry-run", "--Werror", str(tree / path)],
                                            capture_output=True, text=True)
                    check(layout.returncode == 0, f"{path} follows .clang-format")

        sources = [p for p in expected_files if p.endswith(".cpp")] + ["src/rules/registry.cpp"]
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for source, ok in pool.map(lambda s: compile_ok(args.cxx, flags, tree, s), sources):
                check(ok, f"{source} compiles (-fsyntax-only)")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("the rule scaffold works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
