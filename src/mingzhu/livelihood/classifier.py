"""Dispatch suggestion (智能派单): which unit should handle a request, learned from the
platform's own past dispatches.

Chinese word segmentation with jieba (its dictionary ships with the package: nothing is
downloaded), TF-IDF weights and a linear model (logistic regression) from scikit-learn.
The newest share of the history is held back to measure top-1 and top-3 accuracy, then the
model is refitted on everything. Pure functions over lists; storage is the caller's.
"""

from __future__ import annotations

import logging
import pickle
import re
import threading
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_SAMPLES = 200  # too little history below this: no suggestion
MIN_PER_UNIT = 5  # units dispatched to fewer times are left out of the model
MIN_UNITS = 2
HELD_OUT_SHARE = 0.2
TOP_K = 3

_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_lock = threading.Lock()
_tokenizer = None


class NotEnoughHistory(ValueError):
    """Too few past dispatches to learn from."""


def _jieba():
    """The segmenter, initialised on first use and without chatter on the console."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                logging.getLogger("jieba").setLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def tokenize(text: str) -> list[str]:
    return [w for w in _jieba().lcut(text or "", HMM=False) if _WORD.search(w)]


def _identity(tokens):
    return tokens


@dataclass
class Trained:
    vectorizer: object
    model: object
    classes: list[int]
    samples: int
    held_out: int
    top1: float
    top3: float
    seconds: float
    # The received dates of the first and last held-back request, when dates were given.
    held_out_from: object = None
    held_out_to: object = None

    def dumps(self) -> bytes:
        state = {"vectorizer": self.vectorizer, "model": self.model, "classes": self.classes}
        return zlib.compress(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), 6)


def _fit(tokens: Sequence[list[str]], labels: Sequence[int]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, min_df=2, max_features=50_000
    )
    x = vectorizer.fit_transform(tokens)
    model = LogisticRegression(C=10.0, max_iter=300)
    model.fit(x, np.asarray(labels))
    return vectorizer, model


def _top_k(vectorizer, model, tokens: Sequence[list[str]], k: int) -> tuple[np.ndarray, np.ndarray]:
    proba = model.predict_proba(vectorizer.transform(tokens))
    order = np.argsort(-proba, axis=1)[:, :k]
    return model.classes_[order], np.take_along_axis(proba, order, axis=1)


def check_history(labels: Sequence[int]) -> list[int]:
    """The labels kept for training; NotEnoughHistory when there is too little."""
    counts = Counter(labels)
    kept = {unit for unit, n in counts.items() if n >= MIN_PER_UNIT}
    usable = sum(counts[u] for u in kept)
    if usable < MIN_SAMPLES or len(kept) < MIN_UNITS:
        raise NotEnoughHistory(
            f"{usable} usable past dispatches to {len(kept)} units; "
            f"at least {MIN_SAMPLES} to {MIN_UNITS} units are needed"
        )
    return sorted(kept)


def train(texts: Sequence[str], labels: Sequence[int], dates: Sequence | None = None) -> Trained:
    """Learn from past requests (oldest first) and the units that handled them. The
    accuracy is measured by time: a first model is fitted on the older requests only and
    scored on the newest fifth, which it has not seen (as it will meet new requests); the
    model kept is then refitted on everything. ``dates`` (the received dates, in the same
    order) tell which period the measure covers."""
    started = time.perf_counter()
    kept = set(check_history(labels))
    when = list(dates) if dates is not None else [None] * len(labels)
    picked = [(t, u, d) for t, u, d in zip(texts, labels, when, strict=True) if u in kept]
    pairs = [(t, u) for t, u, _d in picked]
    tokens = [tokenize(t) for t, _u in pairs]
    y = np.asarray([u for _t, u in pairs])
    cut = int(len(pairs) * (1 - HELD_OUT_SHARE))
    held_dates = [d for _t, _u, d in picked[cut:] if d is not None]
    vectorizer, model = _fit(tokens[:cut], y[:cut])
    predicted, _scores = _top_k(vectorizer, model, tokens[cut:], TOP_K)
    truth = y[cut:, None]
    top1 = float(np.mean(predicted[:, :1] == truth)) if len(truth) else 0.0
    top3 = float(np.mean((predicted == truth).any(axis=1))) if len(truth) else 0.0
    vectorizer, model = _fit(tokens, y)
    return Trained(
        vectorizer=vectorizer,
        model=model,
        classes=[int(c) for c in model.classes_],
        samples=len(pairs),
        held_out=len(pairs) - cut,
        top1=round(top1, 4),
        top3=round(top3, 4),
        seconds=round(time.perf_counter() - started, 2),
        held_out_from=min(held_dates) if held_dates else None,
        held_out_to=max(held_dates) if held_dates else None,
    )


class Loaded:
    """A stored model, ready to suggest."""

    def __init__(self, blob: bytes):
        state = pickle.loads(zlib.decompress(bytes(blob)))  # noqa: S301 - our own blob
        self.vectorizer = state["vectorizer"]
        self.model = state["model"]
        self.classes = state["classes"]

    def suggest(self, text: str, k: int = TOP_K) -> list[tuple[int, float]]:
        units, scores = _top_k(self.vectorizer, self.model, [tokenize(text)], k)
        return [(int(u), round(float(s), 4)) for u, s in zip(units[0], scores[0], strict=True)]


_cache: dict[int, Loaded] = {}


def loaded(pk: int, blob_loader) -> Loaded:
    """The stored model ``pk``, unpickled once per process."""
    if pk not in _cache:
        _cache.clear()
        _cache[pk] = Loaded(blob_loader())
    return _cache[pk]
