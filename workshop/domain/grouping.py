"""Theme suggestions: which cards a facilitator would put together, in any of the room's languages.

Two cards are alike by what they mean and by the words they share:

- meaning: the cosine of their sentence vectors (`meaning.embed`), after each language's own
  centre is taken away. The encoder places all texts of one language a little closer to
  each other than to anything else, so without that two unrelated Portuguese cards look
  alike; the centre of a language is its cards' mean, pulled towards the room's mean when
  it has few cards (one card is never its own centre).
- words: the tf-idf cosine of their word stems (Snowball, in the card's language), so a
  word that half the room uses counts little and typos keep their stem more often than not.

The score is meaning + word_weight * words, with no meaning when a card is in a language the
encoder was not trained on (Finnish): its vectors there are noise. Cards are joined by
average linkage: the two sets whose pairs are on average the most alike merge, while that
average reaches the threshold. The settings (`SHIPPED`) were chosen on the tuning half of
the labelled set in tests/data, never on single cards (docs/architecture.md, "Grouping").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import snowballstemmer

from . import meaning
from .similarity import STOP_WORDS

CENTRE_PRIOR = 1.0  # how many cards' worth of the room's mean a language's centre starts from
# A room of fewer cards has its centres taken away only in part (n / 20 of them): the mean of
# three cards is mostly those cards, and taking it away would set them against each other.
# Chosen on rooms of 2 to 20 cards drawn from the tuning half; 20 cards and more are unchanged.
FULL_CENTRE_CARDS = 20
# Less centring leaves cosines higher: the threshold moves towards the one uncentred cosines
# need (0.25 for `meaning-raw` in tests/grouping_score.py, 0.15 above the shipped one) by
# the part not taken away.
UNCENTRED_EXTRA = 0.15


@dataclass(frozen=True)
class Method:
    """One setting of the parts; `SHIPPED` is the one in use, tests/grouping_score.py the others."""

    threshold: float = 0.10
    word_weight: float = 0.5
    centre: str = "language"  # "language", "room" or "none": what is taken away from each vector
    idf: bool = True  # weigh stems by how few cards use them; else every stem counts 1
    meaning: bool = True  # False: words alone


SHIPPED = Method()
THRESHOLD = SHIPPED.threshold

_STEMMERS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "pt": "portuguese",
    "fi": "finnish",
}
_WORD = re.compile(r"\w+", re.UNICODE)
# The commonest short words of the room's languages that the shared list leaves out.
_MORE_STOP_WORDS_TEXT = """
    do does don't doesn't isn't won't so they them who what how only just every each nobody never
    les aux ce cette qui que ne est sont plus se ses leur leurs nous vous il elle on sur au par
    den dem des im für auf bei zum zur sich es wir sie am
    del en un una para que es son al se sus su lo
    o a os as e do da dos das em um uma não é são ao no na nos nas seu sua com
    on ovat olla että kuin mukaan liian
"""
_STOP = STOP_WORDS | frozenset(_MORE_STOP_WORDS_TEXT.split())


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(_STEMMERS.get(lang, "english"))


def _meaningful(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 1 and not w.isdigit()]


@lru_cache(maxsize=5000)
def stems(text: str, lang: str) -> tuple[str, ...]:
    """The word stems of a text that say something, in the order they come."""
    stemmer = _stemmer(lang)
    found = (w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 1 and not w.isdigit())
    return tuple(dict.fromkeys(_fold(stemmer.stemWord(w)) for w in found))


def word_similarity(bags: Sequence[Sequence[str]], idf: bool = True) -> np.ndarray:
    """Tf-idf cosine of every pair of bags of stems; a stem's weight falls as more cards use it."""
    n = len(bags)
    df = Counter(s for bag in bags for s in set(bag))
    column = {s: k for k, s in enumerate(df)}
    weights = np.zeros((n, len(column)))
    for i, bag in enumerate(bags):
        for s in set(bag):
            weights[i, column[s]] = math.log((1 + n) / (1 + df[s])) + 1 if idf else 1.0
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    weights /= np.where(norms == 0, 1, norms)
    return weights @ weights.T


def meaning_similarity(vectors: np.ndarray, langs: Sequence[str], centre: str = "language") -> np.ndarray:
    """Cosine of every pair of sentence vectors once each language's centre is taken away."""
    room = vectors.mean(axis=0)
    part = _centred_part(len(vectors))
    centred = vectors - part * room if centre == "room" else vectors.copy()
    for lang in set(langs) if centre == "language" else ():
        rows = [i for i, x in enumerate(langs) if x == lang]
        centre = (vectors[rows].sum(axis=0) + CENTRE_PRIOR * room) / (len(rows) + CENTRE_PRIOR)
        centred[rows] = vectors[rows] - part * centre
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    centred /= np.where(norms == 0, 1, norms)
    return centred @ centred.T


SHORT_WORDS = 3  # a text of fewer words is too short to tell its language by


def languages(texts: Sequence[str]) -> list[str]:
    """Each text's language; a short one ("Data silos") takes the room's main language, as
    letters that few tell nothing reliable (langdetect reads "Data silos" as Finnish)."""
    long = [t for t in texts if len(_WORD.findall(t)) >= SHORT_WORDS]
    main = meaning.main_language(long)
    return [meaning.language_of(t) if len(_WORD.findall(t)) >= SHORT_WORDS else main for t in texts]


def _centred_part(n: int) -> float:
    return min(1.0, n / FULL_CENTRE_CARDS)


def threshold_for(n: int, method: Method = SHIPPED) -> float:
    """The linkage threshold for a room of `n` cards (higher below FULL_CENTRE_CARDS)."""
    if not method.meaning or method.centre == "none":
        return method.threshold
    return method.threshold + (1 - _centred_part(n)) * UNCENTRED_EXTRA


def similarity(texts: Sequence[str], method: Method = SHIPPED) -> np.ndarray:
    """How alike every pair of texts is (see the module's docstring)."""
    langs = languages(texts)
    words = word_similarity([stems(t, lang) for t, lang in zip(texts, langs, strict=True)], method.idf)
    if not method.meaning:
        return words
    vectors = meaning.embed(texts)
    alike = meaning_similarity(vectors, langs, method.centre) + method.word_weight * words
    unknown = np.array([lang not in meaning.ENCODER_LANGUAGES for lang in langs])
    # Where the encoder cannot tell, its say counts as nothing: the words alone, weighed as usual.
    return np.where(unknown[:, None] | unknown[None, :], method.word_weight * words, alike)


def average_linkage(alike: np.ndarray, threshold: float) -> list[list[int]]:
    """Indexes of the sets that average linkage joins down to `threshold`, two or more each."""
    n = len(alike)
    scores = alike.astype(float)
    np.fill_diagonal(scores, -np.inf)
    members = [[i] for i in range(n)]
    while n > 1:
        a, b = np.unravel_index(np.argmax(scores), scores.shape)
        if scores[a, b] < threshold:
            break
        size_a, size_b = len(members[a]), len(members[b])
        merged = (scores[a] * size_a + scores[b] * size_b) / (size_a + size_b)
        scores[a, :] = merged
        scores[:, a] = merged
        scores[a, a] = scores[b, :] = scores[:, b] = -np.inf
        members[a] += members[b]
        members[b] = []
    return [sorted(m) for m in members if len(m) > 1]


def suggest(items: Sequence[tuple[int, str]], method: Method = SHIPPED) -> list[list[int]]:
    """Ids of alike texts, in sets of two or more, largest first (ties by first id)."""
    # Sorted by id first, so that the order the cards come in changes nothing. A card with no
    # word that says something ("🙂", "!!!", "the and of") is like nothing: it is left out.
    items = sorted((i, t) for i, t in items if _meaningful(t))
    if len(items) < 2:
        return []
    ids = [item_id for item_id, _ in items]
    sets = [
        sorted(ids[i] for i in found)
        for found in average_linkage(
            similarity([t for _, t in items], method), threshold_for(len(items), method)
        )
    ]
    return sorted(sets, key=lambda s: (-len(s), s[0]))


def name_for(
    texts: Sequence[str], language: str | None = None, *, most: int = 3, room: Sequence[str] = ()
) -> str:
    """A short name for a set of alike texts: the words they share, in the room's language.

    The words come from the texts in `language` (all of them when none is in it): the stems
    that at least a third of them (and two) use, the most used first, each spelt as the cards spelt it
    most often (the way `room`, the whole room's texts, spells it more on a tie), in the order
    the cards first use them. When they share no word, the words
    of the shortest card stand in."""
    if not texts:
        return "Theme"
    own = [t for t in texts if language is None or meaning.language_of(t) == language] or list(texts)
    stemmer = _stemmer(language or meaning.language_of(own[0]))

    def words_of(text: str) -> dict[str, str]:
        """Stem -> the word as written, for the words of a text that say something."""
        found: dict[str, str] = {}
        for word in _WORD.findall(text):
            low = word.casefold()
            if low not in _STOP and len(low) > 1 and not low.isdigit():
                # An acronym keeps its capitals (AI, IT); any other word is written in lower case.
                found.setdefault(_fold(stemmer.stemWord(low)), word if word.isupper() else low)
        return found

    per_text = [words_of(t) for t in own]
    used_by = Counter(stem for found in per_text for stem in found)
    spellings: dict[str, Counter[str]] = {}
    first_seen: dict[str, int] = {}
    for found in per_text:
        for stem, word in found.items():
            spellings.setdefault(stem, Counter())[word] += 1
            first_seen.setdefault(stem, len(first_seen))
    # A word two cards of eight happen to share is not what the set is about.
    enough = max(2, math.ceil(len(own) / 3))
    chosen = [stem for stem, n in used_by.most_common() if n >= enough][:most]
    if not chosen:
        chosen = list(words_of(min(own, key=len)))[:most]
    # Of two spellings as common in the set, the one the whole room (`room`) uses more: a typo
    # ("Procurment") is rarer than the word it misspells.
    in_room = Counter(w.casefold() for text in room for w in _WORD.findall(text))

    def spelt(stem: str) -> str:
        return max(spellings[stem].items(), key=lambda kv: (kv[1], in_room[kv[0].casefold()]))[0]

    words = [spelt(stem) for stem in sorted(chosen, key=first_seen.__getitem__)]
    name = " ".join(words) or own[0][:40]
    return name[:1].upper() + name[1:]
