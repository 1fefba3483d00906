#!/usr/bin/env python3
"""Consistency check for the relevance query set and the default thesaurus.

Run from the repository root:  python3 tests/relevance/check.py

Checks that every acceptable answer in tests/relevance/queries.tsv names a
service of its catalog, that categories and catalogs are known and large
enough, and that index/thesaurus/de.tsv is well-formed, free of duplicate
terms and free of contradictory relations. Prints the counts the READMEs
quote. Exits 1 on any problem. Standard library only.
"""

import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "relevance" / "queries.tsv"
THESAURUS = ROOT / "index" / "thesaurus" / "de.tsv"
CATALOGS = {
    "berlin": ROOT / "index" / "berlin" / "services.json",
    "thueringen": ROOT / "index" / "thueringen" / "services.json",
}
CATEGORIES = ["exact", "typo", "umlaut", "prefix", "compound", "synonym", "natural"]
QUERY_HEADER = ["catalog", "category", "query", "acceptable", "note"]
THESAURUS_HEADER = ["term", "relation", "targets", "source", "note"]
MIN_PER_CATEGORY = 20
MIN_QUERIES = 200
MIN_THESAURUS = 300

problems = []


def problem(path, line, message):
    problems.append(f"{path.relative_to(ROOT)}:{line}: {message}")


def data_lines(path):
    """Yields (line number, fields) for non-comment, non-empty lines."""
    with path.open(encoding="utf-8") as f:
        for number, raw in enumerate(f, start=1):
            line = raw.rstrip("\n")
            if line.endswith("\r"):
                problem(path, number, "CRLF line ending")
                line = line[:-1]
            if not line.strip() or line.startswith("#"):
                continue
            yield number, line.split("\t")


def fold(term):
    """The folding the engine is expected to apply: case, umlauts, ß, hyphens."""
    term = unicodedata.normalize("NFC", term).lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("-", " ")):
        term = term.replace(a, b)
    return " ".join(term.split())


def check_queries():
    services = {
        name: {s["id"] for s in json.loads(path.read_text(encoding="utf-8"))["services"]}
        for name, path in CATALOGS.items()
    }
    counts = Counter()
    seen = {}
    header_seen = False
    for number, fields in data_lines(QUERIES):
        if not header_seen:
            if fields != QUERY_HEADER:
                problem(QUERIES, number, f"header must be {QUERY_HEADER}, got {fields}")
            header_seen = True
            continue
        if len(fields) not in (4, 5):
            problem(QUERIES, number, f"expected 4 or 5 tab-separated fields, got {len(fields)}")
            continue
        catalog, category, query, acceptable = fields[:4]
        if catalog not in services:
            problem(QUERIES, number, f"unknown catalog {catalog!r}")
            continue
        if category not in CATEGORIES:
            problem(QUERIES, number, f"unknown category {category!r}")
        if not query or query != query.strip() or "  " in query:
            problem(QUERIES, number, f"query {query!r} is empty or has stray spaces")
        key = (catalog, query)
        if key in seen:
            problem(QUERIES, number, f"query {query!r} already on line {seen[key]}")
        seen[key] = number
        ids = [i.strip() for i in acceptable.split(",")]
        if not acceptable or any(not i for i in ids):
            problem(QUERIES, number, "acceptable list is empty or has an empty id")
        if len(set(ids)) != len(ids):
            problem(QUERIES, number, "acceptable list repeats an id")
        for service_id in ids:
            if service_id and service_id not in services[catalog]:
                problem(QUERIES, number, f"{service_id!r} is not a service of {catalog}")
        counts[(category, catalog)] += 1
    return counts


def check_thesaurus():
    terms = {}
    pairs = defaultdict(set)  # (left, right) -> set of relations, folded
    entries = 0
    header_seen = False
    for number, fields in data_lines(THESAURUS):
        if not header_seen:
            if fields != THESAURUS_HEADER:
                problem(THESAURUS, number, f"header must be {THESAURUS_HEADER}, got {fields}")
            header_seen = True
            continue
        if len(fields) not in (4, 5):
            problem(THESAURUS, number, f"expected 4 or 5 tab-separated fields, got {len(fields)}")
            continue
        term, relation, targets, source = (f.strip() for f in fields[:4])
        entries += 1
        if relation not in ("=", ">"):
            problem(THESAURUS, number, f"relation must be '=' or '>' in the default thesaurus, got {relation!r}")
        if not term or "," in term:
            problem(THESAURUS, number, f"term {term!r} is empty or contains a comma")
        if not source:
            problem(THESAURUS, number, "source is empty")
        folded = fold(term)
        if folded in terms:
            problem(THESAURUS, number, f"term {term!r} already on line {terms[folded]}")
        terms[folded] = number
        target_list = [t.strip() for t in targets.split(",")]
        if not targets or any(not t for t in target_list):
            problem(THESAURUS, number, "targets empty or with an empty item")
        folded_targets = [fold(t) for t in target_list]
        if len(set(folded_targets)) != len(folded_targets):
            problem(THESAURUS, number, "a target is listed twice")
        for target in folded_targets:
            if target == folded:
                problem(THESAURUS, number, f"term {term!r} lists itself as a target")
            pairs[(folded, target)].add((relation, number))
            if relation == "=":
                pairs[(target, folded)].add(("=", number))
    for (left, right), relations in pairs.items():
        kinds = {r for r, _ in relations}
        lines = sorted({n for _, n in relations})
        if "=" in kinds and ">" in kinds:
            problem(THESAURUS, lines[0], f"{left!r} / {right!r} is both '=' and '>' (lines {lines})")
        equal_lines = {n for r, n in relations if r == "="}
        if len(equal_lines) > 1 and left < right:
            problem(THESAURUS, lines[0], f"{left!r} = {right!r} stated twice (lines {lines})")
        if kinds == {">"} and (right, left) in pairs and {r for r, _ in pairs[(right, left)]} == {">"} and left < right:
            problem(THESAURUS, lines[0], f"{left!r} > {right!r} and back: write it as '='")
    return entries


def main():
    counts = check_queries()
    total = sum(counts.values())
    print("queries per category (berlin / thueringen / total):")
    for category in CATEGORIES:
        b, t = counts[(category, "berlin")], counts[(category, "thueringen")]
        print(f"  {category:9} {b:3} / {t:3} / {b + t:3}")
        if b + t < MIN_PER_CATEGORY or b == 0 or t == 0:
            problems.append(f"category {category}: needs >= {MIN_PER_CATEGORY} queries over both catalogs")
    b = sum(v for (_, c), v in counts.items() if c == "berlin")
    print(f"  {'total':9} {b:3} / {total - b:3} / {total:3}")
    if total < MIN_QUERIES:
        problems.append(f"only {total} queries, need >= {MIN_QUERIES}")
    entries = check_thesaurus()
    print(f"thesaurus entries: {entries}")
    if entries < MIN_THESAURUS:
        problems.append(f"only {entries} thesaurus entries, need >= {MIN_THESAURUS}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
