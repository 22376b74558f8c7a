#!/usr/bin/env python3
"""An installed replylint reads the rules/ and dictionaries/ installed beside it
(share/replylint, src/util/data_dir.hpp), not the source tree it was built from.

  installed_data_test.py --build-dir build

`cmake --install` puts the build into a temporary prefix; a word added to that prefix's
dictionaries/en.dic must change what the installed binary reports (and not the build tree's),
and a broken rule file there must make the installed binary fail naming that file. Both runs
start in the source tree, where a binary that looked there first would find its rules/."""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DRAFT = """Hi Alice,

Thank you for the zorblatt report. I have corrected the invoice.

Best regards,
Sam
"""


def run(binary, draft, cwd):
    return subprocess.run([str(binary), "check", "--lang", "en", str(draft)], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder, "prefix")
        subprocess.run(["cmake", "--install", args.build_dir, "--prefix", str(prefix)],
                       check=True, capture_output=True, timeout=120)
        installed = prefix / "bin" / "replylint"
        data = prefix / "share" / "replylint"
        built = Path(args.build_dir, "replylint").resolve()
        draft = Path(folder, "reply.txt")
        draft.write_text(DRAFT)
        cwd = args.source_dir

        before = run(installed, draft, cwd)
        if "zorblatt" not in before.stdout:
            problems.append(f"the installed binary does not flag 'zorblatt':\n{before.stdout}"
                            f"{before.stderr}")
        with open(data / "dictionaries" / "en.dic", "a", encoding="utf-8") as additions:
            additions.write("zorblatt\n")
        after = run(installed, draft, cwd)
        if "zorblatt" in after.stdout or after.returncode != 0:
            problems.append("a word added to the installed dictionaries/en.dic is still flagged: "
                            f"the installed binary reads other dictionaries\n{after.stdout}"
                            f"{after.stderr}")
        if "zorblatt" not in run(built, draft, cwd).stdout:
            problems.append("the build tree's binary read the installed dictionaries/")

        broken = data / "rules" / "en" / "missing-closing.toml"
        broken.write_text("this is [not toml\n")
        failed = run(installed, draft, cwd)
        if failed.returncode != 2 or str(broken) not in failed.stderr:
            problems.append("a broken rule file in the installed rules/ does not stop the "
                            "installed binary: it reads another rules/ folder "
                            f"(exit {failed.returncode})\n{failed.stderr}")
        shutil.rmtree(prefix)
    for problem in problems:
        print(f"installed_data_test: {problem}", file=sys.stderr)
    if problems:
        return 1
    print("installed_data_test: the installed binary reads its own rules/ and dictionaries/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
