"""Scores theme suggestions against the labelled grouping set (issue #17).

    python -m tests.grouping_score                 # the shipped method, both halves
    python -m tests.grouping_score --method words  # one of METHODS, by name
    python -m tests.grouping_score --all           # every method tried, one table
    python -m tests.grouping_score --time          # seconds to suggest themes for 200 cards

Each half of `tests/data/grouping_cards.tsv` is suggested as one room: every card of the
half goes in, and the suggestions come out as sets of card ids. A pair of cards is *true*
when a facilitator put both in one theme, and *found* when one suggestion holds both.
Pairwise precision, recall and F1 are given over all pairs, and by kind of pair:

- same-language: both cards in one language (near-duplicates and paraphrases together);
- near-duplicate: one card is the other with typos or a word changed (true pairs only);
- paraphrase: same language, same theme, not a near-duplicate (true pairs only);
- cross-language: the two cards are in different languages.

Same-language and cross-language split every pair, so each has a precision; near-duplicates
and paraphrases are kinds of true pair only, so they have a recall and no precision.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

DATA = Path(__file__).parent / "data"
HALVES = ("tuning", "held_out")
KINDS = ("all", "same-language", "near-duplicate", "paraphrase", "cross-language")
Grouper = Callable[[Sequence[tuple[int, str]]], list[list[int]]]


@dataclass(frozen=True)
class Card:
    id: int
    theme: str
    lang: str
    dup_of: int | None
    text: str


@dataclass(frozen=True)
class Score:
    true: int  # pairs a facilitator grouped
    found: int  # pairs the suggestions grouped (None-kind pairs count in "all" only)
    hit: int  # pairs both did

    @property
    def precision(self) -> float | None:
        return self.hit / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.hit / self.true if self.true else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def _rows(name: str) -> Iterable[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def load_cards() -> list[Card]:
    return [
        Card(int(r["id"]), r["theme"], r["lang"], None if r["dup_of"] == "-" else int(r["dup_of"]), r["text"])
        for r in _rows("grouping_cards.tsv")
    ]


def half(name: str) -> list[Card]:
    """The cards of one half, "tuning" or "held_out"."""
    themes = {r["theme"] for r in _rows("grouping_halves.tsv") if r["half"] == name}
    return [c for c in load_cards() if c.theme in themes]


def kinds(a: Card, b: Card) -> tuple[str, ...]:
    """The kinds a pair counts under, "all" first."""
    if a.lang != b.lang:
        return ("all", "cross-language")
    if a.theme != b.theme:
        return ("all", "same-language")
    if a.dup_of == b.id or b.dup_of == a.id:
        return ("all", "same-language", "near-duplicate")
    return ("all", "same-language", "paraphrase")


def score(cards: Sequence[Card], suggested: Iterable[Iterable[int]]) -> dict[str, Score]:
    """Pairwise precision, recall and F1 of suggestions against the facilitator's themes."""
    together = {frozenset(p) for ids in suggested for p in combinations(sorted(ids), 2)}
    counts = {k: [0, 0, 0] for k in KINDS}
    for a, b in combinations(cards, 2):
        is_true, is_found = a.theme == b.theme, frozenset((a.id, b.id)) in together
        for kind in kinds(a, b):
            counts[kind][0] += is_true
            counts[kind][1] += is_found
            counts[kind][2] += is_true and is_found
    # Near-duplicates and paraphrases are kinds of true pair: a false pair has neither kind.
    for kind in ("near-duplicate", "paraphrase"):
        counts[kind][1] = 0
    return {k: Score(*v) for k, v in counts.items()}


def run(group: Grouper, name: str) -> dict[str, Score]:
    cards = half(name)
    return score(cards, group([(c.id, c.text) for c in cards]))


def _methods() -> dict[str, Grouper]:
    """The shipped method and the ones it was chosen over, each a setting of the same parts."""
    from workshop.domain import grouping, similarity

    def variant(**changes: object) -> Grouper:
        method = replace(grouping.SHIPPED, **changes)
        return lambda items: grouping.suggest(items, method)

    return {
        "shipped": grouping.suggest,
        "words": similarity.clusters,  # before #17: word overlap and trigrams, single link at 0.5
        "stems-idf": variant(meaning=False, threshold=0.25),
        "meaning-raw": variant(centre="none", word_weight=0.0, threshold=0.25),
        "meaning-room": variant(centre="room", word_weight=0.0, threshold=0.10),
        "meaning-lang": variant(word_weight=0.0, threshold=0.10),
        "meaning+stems": variant(idf=False, threshold=0.12),
    }


METHODS = _methods
DEFAULT = "shipped"


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def table(results: dict[str, dict[str, dict[str, Score]]]) -> str:
    lines = [f"{'method':<16} {'half':<9} {'pairs':<15} {'P':>5} {'R':>5} {'F1':>5}  true found"]
    for method, by_half in results.items():
        for half_name, scores in by_half.items():
            for kind, s in scores.items():
                p, r, f = _fmt(s.precision), _fmt(s.recall), _fmt(s.f1)
                lines.append(
                    f"{method:<16} {half_name:<9} {kind:<15} {p:>5} {r:>5} {f:>5}  {s.true:>4} {s.found:>5}"
                )
    return "\n".join(lines)


def timing(n: int = 200) -> dict[str, float]:
    """Seconds the shipped method takes for `n` cards: loading the model once, then `n` cards it
    has never seen (each embedded), then the same `n` again (as when a facilitator asks twice)."""
    from workshop.domain import grouping, meaning

    base = load_cards()
    items = [
        (k, base[k % len(base)].text + (f" ({k // len(base)})" if k >= len(base) else "")) for k in range(n)
    ]
    started = time.perf_counter()
    meaning.embed(["warm up"])
    loaded = time.perf_counter()
    grouping.suggest(items)
    first = time.perf_counter()
    grouping.suggest(items)
    again = time.perf_counter()
    return {
        "load the model": loaded - started,
        f"{n} new cards": first - loaded,
        f"{n} cards again": again - first,
    }


def main(argv: Sequence[str] | None = None) -> None:
    methods = METHODS()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--method", choices=sorted(methods), default=DEFAULT)
    parser.add_argument("--all", action="store_true", help="every method tried, one after another")
    parser.add_argument("--time", action="store_true", help="time the shipped method on 200 cards")
    args = parser.parse_args(argv)
    if args.time:
        for what, seconds in timing().items():
            print(f"{what:<16} {seconds:.2f} s")
        return
    chosen = sorted(methods) if args.all else [args.method]
    print(table({m: {h: run(methods[m], h) for h in HALVES} for m in chosen}))


if __name__ == "__main__":
    main()
