"""Which cards say much the same thing: word overlap, forgiving of endings and typos.

Two texts are compared twice, on their sets of meaningful words (stop words dropped,
plural and common endings trimmed) with the Jaccard index, and on their character
trigrams with the Dice coefficient; the score is the higher of the two. Cards whose score
reaches THRESHOLD are linked, and each connected set of two or more cards is one suggestion.
No model, no network: it runs in milliseconds on a few hundred cards, in any language that
separates words by spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

THRESHOLD = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)
# English plus the most common short words of the network's other languages.
_STOP_WORDS_TEXT = """
    a an and are as at be by for from has have in is it its of on or our that the their this to
    was we with not no too very more less than can cannot lack lots
    about across after among before between into over through under within without
    le la les un une des et en du de dans pour pas
    der die das und ein eine ist nicht mit zu von
    el los las y por con
    ja ei se
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_SUFFIXES = ("ing", "ed")


def words(text: str) -> frozenset[str]:
    """Meaningful word stems of a text."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return frozenset(_stem(w) for w in _WORD.findall(folded) if w not in STOP_WORDS and len(w) > 1)


def _stem(word: str) -> str:
    """A light stemmer: agencies → agency, services → servic(e), meetings → meet."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def trigrams(text: str) -> frozenset[str]:
    joined = " ".join(sorted(words(text)))
    padded = f"  {joined} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def score(a: str, b: str) -> float:
    """0 (nothing shared) to 1 (the same words)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    jaccard = len(wa & wb) / len(wa | wb)
    ta, tb = trigrams(a), trigrams(b)
    dice = 2 * len(ta & tb) / (len(ta) + len(tb))
    return max(jaccard, dice)


def clusters(items: Sequence[tuple[int, str]], threshold: float = THRESHOLD) -> list[list[int]]:
    """Ids of alike texts, in sets of two or more, largest first (ties by first id)."""
    parent = {item_id: item_id for item_id, _ in items}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (id_a, text_a), (id_b, text_b) in combinations(items, 2):
        if score(text_a, text_b) >= threshold:
            parent[root(id_b)] = root(id_a)
    found: dict[int, list[int]] = {}
    for item_id, _ in items:
        found.setdefault(root(item_id), []).append(item_id)
    sets = [sorted(ids) for ids in found.values() if len(ids) > 1]
    return sorted(sets, key=lambda ids: (-len(ids), ids[0]))


def name_for(texts: Sequence[str]) -> str:
    """A short name for a set of alike texts: the words they share most."""
    # dict.fromkeys, not set: the same cards must get the same name in every run.
    counts = Counter(
        w for text in texts for w in dict.fromkeys(_WORD.findall(text.casefold())) if w not in STOP_WORDS
    )
    common = [w for w, n in counts.most_common(3) if n > 1] or [w for w, _ in counts.most_common(2)]
    name = " ".join(common[:3]) or (texts[0][:40] if texts else "Theme")
    return name[:1].upper() + name[1:]
