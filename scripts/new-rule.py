#!/usr/bin/env python3
"""Scaffolds a new replylint rule, as ruff's and clang-tidy's scaffolds do.

    python3 scripts/new-rule.py ID --category C --severity S --summary "..." \
        [--languages es,el,en] [--phrases] [--dry-run]

Creates, in the repository this script lives in:
  src/rules/<id_>.cpp             the rule: RuleInfo, docs with their sections, check()
  tests/rules/<id_>_test.cpp      a "fires" case and a "stays quiet on the traps" case
  tests/rules/<id>/               one fixture draft and its .expected stub
  rules/<lang>/<id>.toml          with --phrases: an empty phrase list per language
and inserts, in id order, the declarations in src/rules/rules.hpp, the registry line in
src/rules/registry.cpp, a row of README.md's "## Rules" table and the rule's row of
docs/rules.md (marked implemented). The generated tests fail until the rule is written.
docs/adding-a-rule.md explains what to do next.

Refuses (one line on stderr, exit 2) an id that is not kebab-case or is already registered, an
unknown category or severity, and any file it would create that already exists. --dry-run
prints what would be created and changed and writes nothing. Standard library only.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEBAB = re.compile(r"[a-z]+(?:-[a-z]+)*")
LANGUAGE_NAMES = {"es": "Spanish", "el": "Greek", "en": "English"}
# A phrase of each language, for the data stubs' commented example (rules/README.md's syntax).
EXAMPLE_PHRASES = {
    "es": ("como ya [le|les|os|te] dije", "explain it again without reproach"),
    "el": ("όπως σας [έχω|έχουμε|είχα|είχαμε] ήδη? εξηγήσει", "explain it again without reproach"),
    "en": ("as [i|we] already? told you", "explain it again without reproach"),
}


class Refusal(Exception):
    """A problem with the request: reported as one line, exit status 2."""


def refuse(message):
    raise Refusal(message)


class Parser(argparse.ArgumentParser):
    def error(self, message):
        # One line, like every other refusal (argparse would print the usage too).
        raise Refusal(message)


def enum_values(header, enum_name):
    """The enumerators of `enum class <enum_name> {...}` in a C++ header of the tree."""
    text = (ROOT / header).read_text(encoding="utf-8")
    match = re.search(r"enum class " + enum_name + r"\s*\{([^}]*)\}", text)
    if not match:
        refuse(f"{header}: no 'enum class {enum_name}' found (has the API moved?)")
    return [re.sub(r"\s*=.*", "", v).strip() for v in match.group(1).split(",") if v.strip()]


def identifier(rule_id):
    return rule_id.replace("-", "_")


def class_name(rule_id):
    return "".join(part.capitalize() for part in rule_id.split("-"))


# --- The files the scaffold creates -------------------------------------------------------------

EXAMPLE_DRAFT = """Hola Ana,

{line}

Un saludo,
Lucía"""


def rule_source(rule_id, category, severity, summary, phrases):
    ident = identifier(rule_id)
    cls = class_name(rule_id)
    includes = ['#include "rules/rules.hpp"']
    if phrases:
        includes = [
            '#include "rules/phrase_matcher.hpp"',
            '#include "rules/rules.hpp"',
            '#include "spell/spell.hpp"  // SpellService is a spell::Stemmer',
        ]
    fires = EXAMPLE_DRAFT.format(line="TODO: a sentence this rule flags.")
    quiet = EXAMPLE_DRAFT.format(line="TODO: the same sentence, written so the rule stays quiet.")
    what = (
        "Phrases of own text listed in `rules/<lang>/" + rule_id + ".toml` (rules/README.md gives\n"
        "their syntax). TODO: what the phrases have in common.\n"
        if phrases
        else "TODO: what in own text this rule flags.\n"
    )
    docs = f"""
## What it flags
{what}
Left alone: acronyms, names from the message's headers, placeholders, URLs, quoted text,
attribution lines and signatures.

## Why
TODO: the principle, in the words of its source article (seeds/NNN, "Article title").

## Example
```text
{fires}
```
Use instead:
```text
{quiet}
```
"""
    head = f"""{chr(10).join(includes)}

namespace replylint::rules {{
namespace {{

const RuleInfo k_info{{
    .id = "{rule_id}",
    .category = Category::{category},
    .default_severity = Severity::{severity},
    .summary = "{summary}",
    .docs = R"md({docs})md",
    // Options, if the rule needs any: the default is written here once, typed, and documented
    // under "## Options" in the docs as `name` (default ...). Read it in the constructor with
    // context.options.integer("max-words") (or boolean, string, list), never with a fallback:
    //   .options = {{{{"max-words", std::int64_t{{40}}, "longest sentence that is left alone"}}}},
    .options = {{}},
}};

"""
    if phrases:
        body = f"""class {cls} final : public Rule {{
 public:
  explicit {cls}(const RuleContext& context) : m_phrases(context.data, k_info.id, context.spell) {{}}

  const RuleInfo& info() const override {{ return k_info; }}

  // The matcher searches own text only (no quotes, attribution lines, signatures or
  // placeholders); ranges are bytes of draft.text().
  void check(const Draft& draft, Reporter& out) const override {{
    for (const PhraseMatch& match : m_phrases.find(draft)) {{
      const std::string_view found =
          std::string_view(draft.text()).substr(match.range.begin, match.range.size());
      auto finding = out.report(match.range, "TODO: what is wrong with '{{}}'", found);
      if (!match.phrase->help.empty()) finding.help(match.phrase->help);
    }}
  }}

 private:
  PhraseMatcher m_phrases;
}};

}}  // namespace

const RuleInfo& {ident}_info() {{ return k_info; }}

std::unique_ptr<Rule> make_{ident}(const RuleContext& context) {{
  return std::make_unique<{cls}>(context);
}}

}}  // namespace replylint::rules
"""
    else:
        body = f"""// TODO: whether a word of own text is what this rule flags.
bool is_flagged([[maybe_unused]] const Word& word) {{ return false; }}

class {cls} final : public Rule {{
 public:
  const RuleInfo& info() const override {{ return k_info; }}

  // Own text only: own_sentences() leaves out quotes, attribution lines, signatures and
  // placeholder blocks. Ranges are bytes of draft.text(), never lines.
  void check(const Draft& draft, Reporter& out) const override {{
    for (const Sentence* sentence : draft.own_sentences()) {{
      for (const Word& word : sentence->words) {{
        if (word.kind != draft::TokenKind::word || word.in_acronym_list || word.is_header_name)
          continue;
        if (!is_flagged(word)) continue;
        out.report(word.range, "TODO: what is wrong with '{{}}'", word.text)
            .help("TODO: what to write instead");
      }}
    }}
  }}
}};

}}  // namespace

const RuleInfo& {ident}_info() {{ return k_info; }}

// A rule with options reads them here: context.options.integer("max-words").
std::unique_ptr<Rule> make_{ident}(const RuleContext& /*context*/) {{
  return std::make_unique<{cls}>();
}}

}}  // namespace replylint::rules
"""
    return head + body


def test_source(rule_id):
    return f"""#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

// Generated by scripts/new-rule.py; both cases fail until the rule is written. Set k_flagged to
// words the rule flags: the same words must stay quiet where they are not own text.
namespace {{
const std::string k_flagged = "TODO: words this rule flags";
}}

TEST_CASE("{rule_id} fires on words of own text", "[{rule_id}]") {{
  const auto found = lint("{rule_id}", "Hola Ana,\\n\\n" + k_flagged + ".\\n\\nUn saludo,\\nLucía\\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].text == k_flagged);
  CHECK(found[0].message == "TODO: the message");
}}

TEST_CASE("{rule_id} stays quiet on the traps", "[{rule_id}]") {{
  // The traps prove nothing unless the same words fire in own text.
  REQUIRE(!lint("{rule_id}", k_flagged + ".\\n").empty());
  const std::string text = GENERATE(
      as<std::string>{{}},
      "El IVA y el DNI van en el PDF adjunto.\\n",                          // acronyms
      "Το ΑΦΜ και ο ΦΠΑ είναι σωστά.\\n",                                   // Greek acronyms
      "Gracias.\\n\\n> " + k_flagged + "\\n",                                // quoted text
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\\n> " + k_flagged +
          "\\n",                                                          // attribution + quote
      "Un saludo,\\n-- \\n" + k_flagged + "\\n",                             // signature
      "Estimado {{{{CUSTOMER_NAME}}}}, su pedido {{{{ORDER_ID}}}} ha salido.\\n",   // placeholders
      "Revise https://tienda.example.es/pedidos/estado ahora.\\n",         // URL
      "From: Soporte <soporte@tienda.es>\\nTo: Ana Ruiz <ana@example.com>\\nSubject: Su pedido\\n\\n"
      "Hola Ana Ruiz,\\n\\nGracias por escribirnos.\\n");  // names from the headers
  CAPTURE(text);
  CHECK(lint("{rule_id}", text).empty());
}}
"""


FIXTURE_NAME = "flagged-in-own-text"
FIXTURE_LINE = "TODO: a sentence this rule flags."


def fixture_draft():
    return (
        "From: Lucía Romero <lucia@tiendaverde.es>\n"
        "To: Ana García <ana.garcia@gmail.com>\n"
        "Subject: Re: Pedido 51190\n"
        "In-Reply-To: <x1@gmail.com>\n"
        "\n"
        "Hola Ana,\n"
        "\n"
        f"{FIXTURE_LINE}\n"
        "\n"
        "Un saludo,\n"
        "Lucía\n"
        "\n"
        "> ¿Cuándo llegará mi pedido 51190?\n"
    )


def fixture_expected(rule_id, severity):
    # The format of tests/rules/fixtures_test.cpp (test::expected_line): line 8 of the draft.
    end = len(FIXTURE_LINE) + 1
    return f"8:1-8:{end} {severity} {rule_id}: TODO: the message\n"


def data_stub(rule_id, language):
    name = LANGUAGE_NAMES.get(language, language)
    match, help_text = EXAMPLE_PHRASES.get(language, EXAMPLE_PHRASES["en"])
    # An empty list loads (a file with no 'phrase' key is refused as an unknown data file).
    return f"""# Phrases of {rule_id} in {name}; rules/README.md gives the syntax. Replace the empty list
# with one [[phrase]] entry per phrase, for example:
#
# [[phrase]]
# match = "{match}"
# help = "{help_text}"
phrase = []
"""


# --- The files the scaffold changes -------------------------------------------------------------


def insert_sorted(lines, rule_id, pattern, new_lines, what):
    """Inserts new_lines before the first line whose id (group 1 of `pattern`, `_` read as `-`)
    sorts after rule_id, or after the last matching line. Refuses a duplicate id."""
    positions = []
    for index, line in enumerate(lines):
        match = re.match(pattern, line)
        if match:
            positions.append((index, match.group(1).replace("_", "-")))
    if not positions:
        refuse(f"{what}: found no entries to insert '{rule_id}' among (has its layout changed?)")
    for index, existing in positions:
        if existing == rule_id:
            refuse(f"rule '{rule_id}' is already registered ({what})")
    at = next((i for i, existing in positions if existing > rule_id), positions[-1][0] + 1)
    return lines[:at] + new_lines + lines[at:]


def change_rules_hpp(text, rule_id):
    ident = identifier(rule_id)
    new = [
        f"const RuleInfo& {ident}_info();",
        f"std::unique_ptr<Rule> make_{ident}(const RuleContext& context);",
    ]
    lines = text.split("\n")
    # Each rule's pair stays together: after the last rule, insert after its make_ line.
    pattern = r"const RuleInfo& (\w+)_info\(\);"
    infos = [i for i, line in enumerate(lines) if re.match(pattern, line)]
    if infos and all(re.match(pattern, lines[i]).group(1).replace("_", "-") < rule_id for i in infos):
        return "\n".join(lines[: infos[-1] + 2] + new + lines[infos[-1] + 2 :])
    return "\n".join(insert_sorted(lines, rule_id, pattern, new, "src/rules/rules.hpp"))


def change_registry(text, rule_id):
    ident = identifier(rule_id)
    new = [f"      {{{ident}_info(), &make_{ident}}},"]
    lines = text.split("\n")
    return "\n".join(
        insert_sorted(lines, rule_id, r"\s*\{(\w+)_info\(\), &make_\w+\},", new, "src/rules/registry.cpp")
    )


def table_rows(lines, heading):
    """Indexes of the table rows ("| `...") after `heading` up to the next heading."""
    rows, inside = [], False
    for index, line in enumerate(lines):
        if line == heading:
            inside = True
            continue
        if not inside:
            continue
        if line.startswith("#"):
            break
        if line.startswith("| `"):
            rows.append(index)
    return rows


def cells_of(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def ids_of(cell):
    return re.findall(r"`([a-z]+(?:-[a-z]+)*)`", cell)


def change_readme(text, rule_id, severity, summary):
    lines = text.split("\n")
    rows = table_rows(lines, "## Rules")
    if not rows:
        refuse("README.md: no table under '## Rules'")
    for index in rows:
        if rule_id in ids_of(cells_of(lines[index])[0]):
            refuse(f"rule '{rule_id}' is already in README.md's rule table")
    at = next((i for i in rows if ids_of(cells_of(lines[i])[0])[:1] > [rule_id]), rows[-1] + 1)
    lines.insert(at, f"| `{rule_id}` | {severity} | {summary} |")
    return "\n".join(lines)


def change_catalogue(text, rule_id, severity, summary):
    """docs/rules.md: marks the rule's planned row implemented with its severity (taking it out of
    a row it shares with planned rules), or adds a row after the implemented ones."""
    lines = text.split("\n")
    rows = table_rows(lines, "# The rule catalogue")
    if not rows:
        refuse("docs/rules.md: no table under '# The rule catalogue'")
    for index in rows:
        cells = cells_of(lines[index])
        ids = ids_of(cells[0])
        if rule_id not in ids:
            continue
        if cells[1] == "implemented":
            refuse(f"rule '{rule_id}' is already marked implemented in docs/rules.md")
        own = [f"`{rule_id}`", "implemented"] + cells[2:4] + [severity]
        if len(ids) == 1:
            lines[index] = "| " + " | ".join(own) + " |"
        else:
            others = ", ".join(f"`{i}`" for i in ids if i != rule_id)
            lines[index] = "| " + " | ".join([others] + cells[1:]) + " |"
            lines.insert(index, "| " + " | ".join(own) + " |")
        return "\n".join(lines)
    implemented = [i for i in rows if cells_of(lines[i])[1] == "implemented"]
    at = (implemented or rows)[-1] + 1
    row = [f"`{rule_id}`", "implemented", summary, "NNN: TODO the principle and its article", severity]
    lines.insert(at, "| " + " | ".join(row) + " |")
    return "\n".join(lines)


# --- Main ---------------------------------------------------------------------------------------


def main(argv):
    parser = Parser(prog="new-rule.py", description="Scaffold a new replylint rule.")
    parser.add_argument("id", help="the rule id, kebab-case (hostile-tone)")
    parser.add_argument("--category", required=True)
    parser.add_argument("--severity", required=True)
    parser.add_argument("--summary", required=True, help="one line, lowercase, no final period")
    parser.add_argument("--languages", default="es,el,en", help="data stubs for --phrases")
    parser.add_argument("--phrases", action="store_true", help="a phrase-list rule")
    parser.add_argument("--dry-run", action="store_true", help="print what would change")
    args = parser.parse_args(argv)

    rule_id = args.id
    if not KEBAB.fullmatch(rule_id):
        refuse(f"rule id '{rule_id}' is not kebab-case (lowercase words joined by '-': hostile-tone)")
    categories = enum_values("src/rules/rule.hpp", "Category")
    if args.category not in categories:
        refuse(f"unknown category '{args.category}' (expected one of: {', '.join(categories)})")
    severities = enum_values("src/core/diagnostic.hpp", "Severity")
    if args.severity not in severities:
        refuse(f"unknown severity '{args.severity}' (expected one of: {', '.join(severities)})")
    summary = args.summary.strip()
    if not summary or summary.endswith(".") or any(c in summary for c in '"\\|\n'):
        refuse("the summary must be one non-empty line without a final period, '\"', '\\' or '|'")
    languages = [l.strip() for l in args.languages.split(",") if l.strip()]
    for language in languages:
        if language == "common" or not (ROOT / "rules" / language).is_dir():
            refuse(f"unknown language '{language}' (no folder rules/{language}/)")

    ident = identifier(rule_id)
    created = {
        f"src/rules/{ident}.cpp": rule_source(rule_id, args.category, args.severity, summary, args.phrases),
        f"tests/rules/{ident}_test.cpp": test_source(rule_id),
        f"tests/rules/{rule_id}/{FIXTURE_NAME}.txt": fixture_draft(),
        f"tests/rules/{rule_id}/{FIXTURE_NAME}.expected": fixture_expected(rule_id, args.severity),
    }
    if args.phrases:
        for language in languages:
            created[f"rules/{language}/{rule_id}.toml"] = data_stub(rule_id, language)

    def read(path):
        return (ROOT / path).read_text(encoding="utf-8")

    changed = {
        "src/rules/rules.hpp": change_rules_hpp(read("src/rules/rules.hpp"), rule_id),
        "src/rules/registry.cpp": change_registry(read("src/rules/registry.cpp"), rule_id),
        "README.md": change_readme(read("README.md"), rule_id, args.severity, summary),
        "docs/rules.md": change_catalogue(read("docs/rules.md"), rule_id, args.severity, summary),
    }
    for path in created:
        if (ROOT / path).exists():
            refuse(f"{path} already exists (new-rule.py never overwrites a file)")
    if (ROOT / "tests/rules" / rule_id).exists():
        refuse(f"tests/rules/{rule_id}/ already exists (new-rule.py never overwrites a file)")

    if args.dry_run:
        for path in created:
            print(f"would create {path}")
        for path, text in changed.items():
            old = set(read(path).split("\n"))
            for line in text.split("\n"):
                if line not in old:
                    print(f"would change {path}: + {line}")
        return 0

    for path, text in created.items():
        (ROOT / path).parent.mkdir(parents=True, exist_ok=True)
        with open(ROOT / path, "x", encoding="utf-8") as out:  # "x": never overwrite
            out.write(text)
        print(f"created {path}")
    for path, text in changed.items():
        (ROOT / path).write_text(text, encoding="utf-8")
        print(f"changed {path}")
    sources = [str(ROOT / path) for path in created if path.endswith(".cpp")]
    formatter = shutil.which("clang-format")
    if formatter:
        # CI checks the layout; the .clang-format of the tree applies.
        subprocess.run([formatter, "-i", *sources], check=True)
    else:
        print("clang-format not found: run it on the new .cpp files before committing")
    print(
        f"next: write the rule and replace every TODO "
        f"(docs, tests, fixture, seeds/NNN), add at least three more fixtures to "
        f"tests/rules/{rule_id}/ (traps that stay quiet), then follow docs/adding-a-rule.md"
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Refusal as refusal:
        print(f"new-rule.py: {refusal}", file=sys.stderr)
        sys.exit(2)
