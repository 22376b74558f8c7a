#!/usr/bin/env python3
"""Spelling benchmark: false alarms and recall of injected typos, replylint against bare Hunspell.

Prose that is not in this repository, per language:
  es  Debian's manpages-es (running-text paragraphs of the man pages), the Spanish translations
      of the programs' messages in /usr/share/locale/es (.mo catalogues), and the Spanish seed
      articles in ../shared/seeds/ when that folder is there;
  el  manpages-el, /usr/share/locale/el, and the Greek seed article;
  en  the English man pages of section 7 (Debian's `manpages`).
Only running text is kept: paragraphs at the body indentation of a man page (not option lists,
synopses or examples), of 12 words or more (8 for a program's message), ending with a period, with no code, command, path,
option, URL, format directive or identifier in them, and written in the row's language.

Typos are injected with a seeded RNG into words the reference dictionary knows, about one
every 25 words: a dropped accent (es, el), two adjacent letters swapped, a letter dropped, a
letter doubled. A typo that the dictionary accepts (esta for está) is not injected.

Measured on drafts of two to four paragraphs (plain bodies, language detected by replylint), with
a config that enables only the `spelling` rule:
  false alarms per 1,000 words: flagged tokens in the clean drafts;
  recall: injected typos flagged in the drafts that carry them.
The peers see the same paragraphs: `hunspell -d es_ES|el_GR|en_US -l` (one process a language)
and, when it is installed, cspell (`--cspell CMD`, default `cspell` on PATH) with its English
dictionary and, for es and el, @cspell/dict-es-es or @cspell/dict-el installed next to it
(`npm install --prefix DIR cspell @cspell/dict-es-es @cspell/dict-el`); a row is left out when
its dictionary is missing. cspell is never a dependency of replylint.

--show-false-alarms N prints replylint's N most frequent false alarms per language, and up to N
of the injected typos it missed.
--extra-dict LANG=KIND:WHERE (repeatable) measures what another dictionary would change if its
words were accepted as well: how many of replylint's false alarms it accepts (removed) and how many
of the typos replylint catches it accepts (then missed). KIND is hunspell (WHERE: the .dic/.aff
path without the extension), aspell (WHERE: aspell's language, e.g. es) or wordlist (WHERE: a file
of words, one a line). --extra-wordlist LANG=FILE is wordlist: for short. aspell-es, aspell-el and
wspanish come with `dev.sh spelling-bench`; myspell-es and myspell-el-gr cannot be installed
beside hunspell-es/-el (and replylint would read their es.dic and el.dic as additions), so unpack
them elsewhere:
  apt-get download myspell-es myspell-el-gr
  dpkg-deb -x myspell-es_*.deb /tmp/myspell-es; dpkg-deb -x myspell-el-gr_*.deb /tmp/myspell-el
  python3 bench/spelling.py --extra-dict es=aspell:es --extra-wordlist es=/usr/share/dict/spanish \
    --extra-dict es=hunspell:/tmp/myspell-es/usr/share/hunspell/es --extra-dict el=aspell:el \
    --extra-dict el=hunspell:/tmp/myspell-el/usr/share/hunspell/el_GR
The corpus is cached in $XDG_CACHE_HOME/replylint/spelling-bench (rendering the man pages takes a
minute or two the first time).
"""
import argparse
import collections
import concurrent.futures
import gettext
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DICTIONARY = {"es": "es_ES", "el": "el_GR", "en": "en_US"}
MAN_DIRS = {"es": ["/usr/share/man/es"], "el": ["/usr/share/man/el"], "en": ["/usr/share/man/man7"]}
MO_DIRS = {"es": "/usr/share/locale/es/LC_MESSAGES", "el": "/usr/share/locale/el/LC_MESSAGES"}
SEED_FILES = {"es": ["000_*.txt", "001_*.txt", "002_*.txt", "004_*.txt"], "el": ["003_*.txt"]}
CORPUS_VERSION = 2  # raise it when the extraction below changes: the cached corpora are then rebuilt
TYPO_EVERY = 25
SENTINEL = "qqxqqparagraphqqxqq"  # words per injected typo

# Function words that a paragraph of the language has and one of the other languages has not:
# manpages-es keeps some pages, and some paragraphs, untranslated.
FUNCTION_WORDS = {
    "es": {"de", "la", "el", "que", "en", "los", "las", "se", "por", "una", "para", "con", "del", "es", "no"},
    "en": {"the", "of", "and", "to", "is", "in", "that", "for", "are", "be", "this", "with", "it"},
}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Tokens that are code, paths, options, placeholders or markup rather than prose.
NOT_PROSE = re.compile(
    r"[/\\=<>{}\[\]|_$#@*~^`%&+;]|--|\w\(|://|\.\w|\b\w*\d\w*[^\W\d]\w*\b|\b\w*[^\W\d]\w*\d\w*\b"
    r"|\b[^\W\d_]*[a-zα-ω][A-ZΑ-Ω]"
    # identifiers in capitals (EBUSY, PGDATA, MATRIZ): a placeholder or a constant, not a word
    r"|\b[A-ZΑ-Ω]{2,}\b")


def is_prose(text, lang, min_words=12):
    """Whether a paragraph (one line of text) is running text of `lang`."""
    words = text.split()
    if not min_words <= len(words) <= 300 or not text.endswith(".") or not text[0].isupper():
        return False
    # Mojibake (UTF-8 read as Latin-1: "sesiÃ³n") in a few catalogues is not the language's spelling.
    if NOT_PROSE.search(text.replace("...", "…")) or "Ã" in text or "\ufffd" in text:
        return False
    tokens = [w.lower() for w in WORD.findall(text)]
    if len(tokens) < 0.8 * len(words):
        return False
    if lang == "el":
        greek = sum(1 for t in tokens if "\u0370" <= t[0] <= "\u03ff" or "\u1f00" <= t[0] <= "\u1fff")
        return greek >= 0.85 * len(tokens)
    own = sum(1 for t in tokens if t in FUNCTION_WORDS[lang])
    other = sum(1 for t in tokens if t in FUNCTION_WORDS["en" if lang == "es" else "es"])
    return own >= 3 and other <= own // 4


def normalise(text):
    # manpages-el writes accents with the Greek Extended oxia (U+1F71…), canonically equal to the
    # tonos letters that every keyboard types: NFC makes them those.
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00ad", "").split())


def render_man(path):
    env = dict(os.environ, MANWIDTH="4000", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="", GROFF_NO_SGR="1")
    proc = subprocess.run(["man", "-E", "UTF-8", "-P", "cat", "-l", str(path)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    text = proc.stdout.decode("utf-8", errors="replace")
    return re.sub(".\b", "", text)


def man_paragraphs(lang, max_words):
    """Running-text paragraphs of the man pages of one language: with MANWIDTH that wide, each
    paragraph is one line, and body text is indented by exactly 7 spaces (option descriptions,
    examples and lists further)."""
    pages = sorted(p for d in MAN_DIRS[lang] if os.path.isdir(d) for p in Path(d).rglob("*") if p.is_file())
    out, words = [], 0
    batch = 4 * (os.cpu_count() or 2)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for start in range(0, len(pages), batch):  # in batches: stop rendering at the word budget
            for rendered in pool.map(render_man, pages[start:start + batch]):
                for line in rendered.split("\n"):
                    if not line.startswith(" " * 7) or line.startswith(" " * 8):
                        continue
                    text = normalise(line)
                    if is_prose(text, lang):
                        out.append(text)
                        words += len(text.split())
            if words >= max_words:
                break
    return out


def mo_paragraphs(lang, max_words):
    """Running-text paragraphs among the translated messages of the programs installed here."""
    folder = MO_DIRS.get(lang)
    if not folder or not os.path.isdir(folder):
        return []
    out, seen, words = [], set(), 0
    for path in sorted(Path(folder).glob("*.mo")):
        try:
            with open(path, "rb") as fp:
                catalogue = gettext.GNUTranslations(fp)._catalog
        except (OSError, UnicodeError, ValueError, LookupError):  # not a catalogue Python reads
            continue
        for key, message in catalogue.items():
            if not key or not isinstance(message, str):
                continue
            for block in re.split(r"\n\s*\n", message):
                text = normalise(block)
                if text not in seen and is_prose(text, lang, min_words=8):  # messages are short
                    seen.add(text)
                    out.append(text)
                    words += len(text.split())
        if words >= max_words:
            break
    return out


def seed_paragraphs(lang):
    out = []
    if not SEEDS.is_dir():
        return out
    for pattern in SEED_FILES.get(lang, []):
        for path in sorted(SEEDS.glob(pattern)):
            for block in path.read_text(encoding="utf-8").split("\n"):
                text = normalise(block.replace("•", " "))
                if len(text.split()) >= 12 and text.endswith(".") and not re.search(r"://|@|www\.", text):
                    out.append(text)
    return out


def corpus(lang, max_words):
    """(source, paragraphs) of one language, cached: rendering the man pages takes a minute or two.
    The cache key names every source file with its size and time, so an upgraded package makes a
    new entry; so does a new CORPUS_VERSION, to be raised whenever the extraction changes."""
    files = [p for d in MAN_DIRS[lang] if os.path.isdir(d) for p in Path(d).rglob("*") if p.is_file()]
    if lang in MO_DIRS and os.path.isdir(MO_DIRS[lang]):
        files += Path(MO_DIRS[lang]).glob("*.mo")
    if SEEDS.is_dir():
        files += [p for pattern in SEED_FILES.get(lang, []) for p in SEEDS.glob(pattern)]
    key = hashlib.sha256(f"{CORPUS_VERSION}-{max_words}".encode())
    for path in sorted(files):
        stat = path.stat()
        key.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cache = cache_home / "replylint" / "spelling-bench" / f"{lang}-{key.hexdigest()[:16]}.json"
    try:
        return [tuple(entry) for entry in json.loads(cache.read_text(encoding="utf-8"))]
    except (OSError, ValueError):
        pass
    sources = [("man pages", man_paragraphs(lang, max_words)), ("program messages", mo_paragraphs(lang, max_words // 2)),
               ("seed articles", seed_paragraphs(lang))]
    sources = [(name, paragraphs) for name, paragraphs in sources if paragraphs]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass
    return sources


# ---- typos ------------------------------------------------------------------------------------

ACCENTS = {"es": dict(zip("áéíóúÁÉÍÓÚ", "aeiouAEIOU")),
           "el": dict(zip("άέήίόύώΆΈΉΊΌΎΏΐΰ", "αεηιουωΑΕΗΙΟΥΩϊϋ"))}


def unknown_words(dictionary, words):
    """The words of `words` that `hunspell -d dictionary` rejects."""
    proc = subprocess.run(["hunspell", "-d", dictionary, "-i", "utf-8", "-l"], input="\n".join(words) + "\n",
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return set(proc.stdout.split())


def make_typo(word, lang, rng):
    """(kind, typo) for one word, or None. The first letter stays: typos there are rarer, and a
    changed capital would be a different error."""
    kinds = ["swap", "drop", "double"]
    accented = [i for i, c in enumerate(word) if c in ACCENTS.get(lang, {})]
    if accented:
        kinds = ["accent", "accent", "accent"] + kinds  # half of the typos where a word has an accent
    kind = rng.choice(kinds)
    if kind == "accent":
        i = rng.choice(accented)
        return kind, word[:i] + ACCENTS[lang][word[i]] + word[i + 1:]
    if kind == "swap":
        i = rng.randrange(1, len(word) - 1)
        if word[i] == word[i + 1]:
            return None
        return kind, word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        i = rng.randrange(1, len(word))
        return kind, word[:i] + word[i + 1:]
    i = rng.randrange(1, len(word))
    return kind, word[:i] + word[i] + word[i:]


def inject_typos(paragraphs, lang, rng):
    """For each paragraph, (text with typos, [(kind, word, typo)...]): about one typo per
    TYPO_EVERY words, in distinct words of four letters or more that the reference dictionary
    knows; a typo the dictionary accepts, or one already in the paragraph, is not used."""
    dictionary = DICTIONARY[lang]
    vocabulary = sorted({m.group() for p in paragraphs for m in WORD.finditer(p)})
    unknown = unknown_words(dictionary, vocabulary)
    plans = []
    for text in paragraphs:
        spans = [m for m in WORD.finditer(text) if len(m.group()) >= 4 and m.group() not in unknown]
        rng.shuffle(spans)
        wanted = max(1, round(len(text.split()) / TYPO_EVERY))
        plan, used = [], set()
        for m in spans:
            if len(plan) >= wanted * 2:  # twice as many candidates: some are valid words
                break
            made = make_typo(m.group(), lang, rng)
            if made is None or m.group() in used or made[1] in text:
                continue
            used.add(m.group())
            plan.append((m, *made))
        plans.append((wanted, plan))
    invalid = unknown_words(dictionary, sorted({typo for _, plan in plans for _, _, typo in plan}))
    out = []
    for text, (wanted, plan) in zip(paragraphs, plans):
        chosen = sorted([p for p in plan if p[2] in invalid and p[0].group() != p[2]][:wanted], key=lambda p: p[0].start())
        pieces, at, typos = [], 0, []
        for m, kind, typo in chosen:
            if typo in {t for _, _, t in typos}:
                continue
            pieces += [text[at:m.start()], typo]
            at = m.end()
            typos.append((kind, m.group(), typo))
        out.append(("".join(pieces) + text[at:], typos))
    return out


# ---- checkers ---------------------------------------------------------------------------------

def wrap(text, width=72):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line] if line else lines)


def replylint_config(binary, folder):
    """A config that turns off every rule but spelling, and suggestions with it: finding the
    unknown words is what is measured, and suggestions would only cost time."""
    listing = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True).stdout
    ids = [line.split()[0] for line in listing.splitlines() if line.strip()]
    if "spelling" not in ids:
        sys.exit("spelling bench: `replylint rules` lists no spelling rule")
    lines = []
    for rule in ids:
        lines += [f"[rules.{rule}]", "enabled = false" if rule != "spelling" else "suggestions = 0", ""]
    path = folder / "replylint.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_replylint(binary, config, folders):
    """{draft path: [flagged text...]} of the spelling rule over every draft in `folders`."""
    proc = subprocess.run([binary, "check", "--format", "json", "--exit-zero", "--config", str(config),
                           *map(str, folders)], capture_output=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"spelling bench: replylint exited {proc.returncode}: {proc.stderr.decode(errors='replace')[:500]}")
    report = json.loads(proc.stdout)
    return {Path(f["path"]).resolve(): [d["text"] for d in f["diagnostics"] if d["rule"] == "spelling"]
            for f in report["files"]}


def run_hunspell(dictionary, paragraphs):
    """[flagged words...] per paragraph, from one `hunspell -l` process. A made-up word on a line
    of its own between paragraphs, which every dictionary rejects, says where each one ends
    (pipe mode, -a, would answer per line but searches suggestions for every word it rejects,
    which takes minutes)."""
    text = "".join(p.replace("\n", " ") + "\n" + SENTINEL + "\n" for p in paragraphs)
    proc = subprocess.run(["hunspell", "-d", dictionary, "-i", "utf-8", "-l"], input=text, capture_output=True,
                          text=True, encoding="utf-8", check=True)
    out, current = [], []
    for word in proc.stdout.split():
        if word == SENTINEL:
            out.append(current)
            current = []
        else:
            current.append(word)
    if len(out) != len(paragraphs):
        sys.exit(f"spelling bench: hunspell -d {dictionary} answered for {len(out)} of {len(paragraphs)} paragraphs")
    return out


def find_cspell(wanted):
    for candidate in ([wanted] if wanted else []) + ["cspell"]:
        path = shutil.which(candidate) if candidate else None
        if path:
            return path
    return None


def run_cspell(cspell, lang, files, folder):
    """{draft path: [flagged words...]} from cspell with its dictionary of `lang` (the packages
    @cspell/dict-es-es or @cspell/dict-el installed next to cspell), or None when that dictionary
    is not there."""
    package = {"es": "@cspell/dict-es-es", "el": "@cspell/dict-el", "en": None}[lang]
    config = {"version": "0.2", "language": {"es": "es,en", "el": "el,en", "en": "en"}[lang]}
    if package:
        modules = Path(os.path.realpath(cspell)).parents[1]  # …/node_modules/cspell/bin.mjs
        extension = modules / package / "cspell-ext.json"
        if not extension.is_file():
            return None
        config["import"] = [str(extension)]
    config_path = folder / f"cspell-{lang}.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    # cspell skips files outside its working folder: run it in `folder`, which holds the drafts.
    proc = subprocess.run([cspell, "lint", "--no-progress", "--no-summary", "--no-color", "--no-must-find-files",
                           "--config", str(config_path), *(str(Path(f).relative_to(folder)) for f in files)],
                          cwd=folder, capture_output=True, text=True, encoding="utf-8", check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"spelling bench: cspell exited {proc.returncode}: {proc.stderr[:300]}")
    out = collections.defaultdict(list)
    for line in proc.stdout.splitlines():
        m = re.match(r"(.*?):\d+:\d+ - Unknown word \(([^)]*)\)", line)  # then maybe " fix: (…)"
        if m:
            out[(folder / m.group(1)).resolve()].append(m.group(2))
    return out


def extra_accepts(spec, words):
    """The words of `words` that the extra dictionary `spec` (KIND:WHERE) accepts."""
    kind, _, where = spec.partition(":")
    words = sorted(set(words))
    if kind == "wordlist":
        raw = Path(where).read_bytes()
        try:
            listed = set(raw.decode("utf-8").split())
        except UnicodeDecodeError:
            listed = set(raw.decode("iso-8859-1").split())
        return {w for w in words if w in listed or (w[:1].isupper() and (w.lower() in listed or w.capitalize() in listed))}
    if kind == "hunspell":
        cmd = ["hunspell", "-d", where, "-i", "utf-8", "-l"]
    elif kind == "aspell":
        cmd = ["aspell", "-l", where, "--encoding=utf-8", "list"]
    else:
        sys.exit(f"spelling bench: --extra-dict kind {kind!r}: use hunspell, aspell or wordlist")
    proc = subprocess.run(cmd, input="\n".join(words) + "\n", capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        sys.exit(f"spelling bench: {' '.join(cmd)} failed: {proc.stderr[:300]}")
    return set(words) - set(proc.stdout.split())


# ---- the measurement ---------------------------------------------------------------------------

def matched(flagged, typos):
    """How many of `typos` (a list) the flagged words of the same draft include."""
    left = collections.Counter(flagged)
    hits = 0
    for typo in typos:
        if left[typo] > 0:
            left[typo] -= 1
            hits += 1
    return hits


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=str(ROOT / "build" / "replylint"))
    parser.add_argument("--langs", default="es,el,en")
    parser.add_argument("--max-words", type=int, default=25000, help="man-page words per language (default 25000)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--cspell", help="the cspell command (default: cspell on PATH, else no cspell row)")
    parser.add_argument("--show-false-alarms", type=int, default=0, metavar="N")
    parser.add_argument("--extra-dict", action="append", default=[], metavar="LANG=KIND:WHERE")
    parser.add_argument("--extra-wordlist", action="append", default=[], metavar="LANG=FILE")
    args = parser.parse_args()
    extras = collections.defaultdict(list)
    for spec in args.extra_dict + [f"{s.split('=', 1)[0]}=wordlist:{s.split('=', 1)[-1]}" for s in args.extra_wordlist]:
        lang, _, rest = spec.partition("=")
        if not rest:
            sys.exit(f"spelling bench: {spec!r}: write LANG=KIND:WHERE")
        extras[lang].append(rest)
    binary = str(Path(args.binary).resolve())
    if not os.access(binary, os.X_OK):
        sys.exit(f"spelling bench: no replylint at {binary} (build it, or give --binary)")
    cspell = find_cspell(args.cspell)
    langs = args.langs.split(",")
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="replylint-spelling-")).resolve()
    try:
        config = replylint_config(binary, tmp)
        data = {}
        for lang in langs:
            rng = random.Random(f"{args.seed}-{lang}")
            sources = corpus(lang, args.max_words)
            paragraphs = [p for _, ps in sources for p in ps]
            if not paragraphs:
                sys.exit(f"spelling bench: no {lang} prose found (install manpages-{lang}: bash scripts/dev.sh spelling-bench)")
            with_typos = inject_typos(paragraphs, lang, rng)
            drafts, at = [], 0
            while at < len(paragraphs):  # two to four paragraphs a draft
                size = rng.randint(2, 4)
                drafts.append(list(range(at, min(at + size, len(paragraphs)))))
                at += size
            for kind in ("clean", "typos"):
                (tmp / kind / lang).mkdir(parents=True)
            paths = []
            for n, members in enumerate(drafts):
                clean = tmp / "clean" / lang / f"{n:04}.txt"
                typo = tmp / "typos" / lang / f"{n:04}.txt"
                clean.write_text("\n\n".join(wrap(paragraphs[i]) for i in members) + "\n", encoding="utf-8")
                typo.write_text("\n\n".join(wrap(with_typos[i][0]) for i in members) + "\n", encoding="utf-8")
                paths.append((clean.resolve(), typo.resolve()))
            data[lang] = dict(sources=sources, paragraphs=paragraphs, with_typos=with_typos, drafts=drafts, paths=paths)

        folders = [tmp / kind / lang for lang in langs for kind in ("clean", "typos")]
        t0 = time.perf_counter()
        ours_all = run_replylint(binary, config, folders)
        ours_seconds = time.perf_counter() - t0

        rows, details = [], {}
        for lang in langs:
            d = data[lang]
            words = sum(len(p.split()) for p in d["paragraphs"])
            injected = [[t for i in members for _, _, t in d["with_typos"][i][1]] for members in d["drafts"]]
            total_typos = sum(len(t) for t in injected)
            per_draft = {}
            # replylint
            ours_fa = [w for clean, _ in d["paths"] for w in ours_all.get(clean, [])]
            ours_hits = sum(matched(ours_all.get(typo, []), t) for (_, typo), t in zip(d["paths"], injected))
            per_draft["replylint"] = (ours_fa, ours_hits)
            # hunspell
            clean_flags = run_hunspell(DICTIONARY[lang], d["paragraphs"])
            typo_flags = run_hunspell(DICTIONARY[lang], [t for t, _ in d["with_typos"]])
            hun_fa = [w for flags in clean_flags for w in flags]
            hun_hits = sum(matched([w for i in members for w in typo_flags[i]], t) for members, t in zip(d["drafts"], injected))
            per_draft[f"hunspell -d {DICTIONARY[lang]}"] = (hun_fa, hun_hits)
            # cspell
            if cspell:
                clean_out = run_cspell(cspell, lang, [c for c, _ in d["paths"]], tmp)
                typo_out = run_cspell(cspell, lang, [t for _, t in d["paths"]], tmp) if clean_out is not None else None
                if clean_out is not None:
                    cs_fa = [w for c, _ in d["paths"] for w in clean_out.get(c, [])]
                    cs_hits = sum(matched(typo_out.get(t, []), ty) for (_, t), ty in zip(d["paths"], injected))
                    per_draft["cspell"] = (cs_fa, cs_hits)
            base_fa = len(hun_fa)
            for name, (fa, hits) in per_draft.items():
                rows.append((lang, name, words, len(fa), 1000 * len(fa) / words, len(fa) / base_fa if base_fa else 0.0,
                             hits, total_typos))
            kinds = collections.Counter(k for _, ts in d["with_typos"] for k, _, _ in ts)
            details[lang] = dict(words=words, kinds=kinds, ours_fa=ours_fa, ours_typos_caught=[
                ty for (_, typo), t in zip(d["paths"], injected) for ty in t if ty in ours_all.get(typo, [])],
                ours_missed=[f"{word}→{ty}" for (_, typo), members in zip(d["paths"], d["drafts"])
                             for i in members for _, word, ty in d["with_typos"][i][1] if ty not in ours_all.get(typo, [])])

        print(f"replylint spelling benchmark (seed {args.seed}; replylint checked {len(ours_all)} drafts in "
              f"{ours_seconds:.1f} s; total {time.perf_counter() - started:.0f} s)")
        for lang in langs:
            d = data[lang]
            sources = ", ".join(f"{name} {sum(len(p.split()) for p in ps)}" for name, ps in d["sources"])
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(details[lang]["kinds"].items()))
            print(f"  {lang}: {len(d['paragraphs'])} paragraphs in {len(d['drafts'])} drafts, words: {sources}; typos: {kinds}")
        print()
        print(f"{'lang':4} {'checker':18} {'words':>7} {'false alarms':>12} {'per 1,000':>9} {'vs hunspell':>11} {'typos found':>12} {'recall':>7}")
        for lang, name, words, fa, per_k, ratio, hits, total in rows:
            print(f"{lang:4} {name:18} {words:7} {fa:12} {per_k:9.1f} {ratio:10.2f}x {f'{hits}/{total}':>12} "
                  f"{100 * hits / total if total else 0:6.1f}%")
        if not cspell:
            print("(no cspell row: cspell is not installed; see --cspell)")

        if args.show_false_alarms:
            for lang in langs:
                counts = collections.Counter(details[lang]["ours_fa"])
                print(f"\nreplylint's top {args.show_false_alarms} false alarms, {lang} "
                      f"({len(details[lang]['ours_fa'])} in all, {len(counts)} distinct):")
                top = counts.most_common(args.show_false_alarms)
                print("  " + ", ".join(f"{w} {n}" for w, n in top))
                missed = details[lang]["ours_missed"]
                print(f"injected typos replylint missed, {lang} ({len(missed)}): " + ", ".join(missed[:args.show_false_alarms]))

        for lang, specs in extras.items():
            if lang not in details:
                continue
            fa = details[lang]["ours_fa"]
            caught = details[lang]["ours_typos_caught"]
            total = sum(1 for _, ts in data[lang]["with_typos"] for _ in ts)
            print(f"\nextra dictionaries, {lang}: replylint has {len(fa)} false alarms and finds {len(caught)}/{total} typos")
            for spec in specs:
                accepted = extra_accepts(spec, fa + caught)
                removed = sum(1 for w in fa if w in accepted)
                missed = sorted({w for w in caught if w in accepted})
                missed_count = sum(1 for w in caught if w in accepted)
                print(f"  {spec}: accepts {removed} of the false alarms ({100 * removed / max(1, len(fa)):.0f}%, "
                      f"{1000 * (len(fa) - removed) / details[lang]['words']:.1f} per 1,000 left) and {missed_count} of "
                      f"the typos found (recall {100 * (len(caught) - missed_count) / max(1, total):.1f}%)")
                removed_words = collections.Counter(w for w in fa if w in accepted).most_common(15)
                print("    removes: " + ", ".join(f"{w} {n}" for w, n in removed_words))
                if missed:
                    print("    would miss: " + ", ".join(missed[:25]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
