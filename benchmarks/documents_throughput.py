"""Benchmark: decomposition throughput, in characters per second.

The corpus is assembled from the two seed essays and the texts written for the tests
(tests/documents/texts.py), repeated until it reaches the size asked for (default 1 MB of
UTF-8); the whole corpus is decomposed as one document (the worst case: one long text)
and, separately, document by document. Pure Python, no database. Also times reading the
corpus from GB18030 bytes (encoding detection) and the largest upload the page accepts.

    .venv/bin/python benchmarks/documents_throughput.py [--megabytes 1 --runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def corpus_parts() -> list[str]:
    from mingzhu.documents import seeds
    from tests.documents import texts

    return [seeds.SEED_1, seeds.SEED_2, texts.PLAN, texts.ORDINALS, texts.FACTS]


def build(megabytes: float) -> list[str]:
    parts = corpus_parts()
    documents, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        text = parts[n % len(parts)]
        documents.append(text)
        size += len(text.encode())
        n += 1
    return documents


def timed(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=False)
    django.setup()
    from mingzhu.documents.decompose import decompose
    from mingzhu.documents.reading import read_document

    documents = build(args.megabytes)
    whole = "\n".join(documents)
    chars = len(whole)
    size = len(whole.encode())
    result = decompose(whole)
    one = timed(lambda: decompose(whole), args.runs)
    each = timed(lambda: [decompose(d) for d in documents], args.runs)
    data = whole.encode("gb18030")
    read = timed(lambda: read_document(data, "corpus.txt"), args.runs)
    print(f"corpus: {len(documents)} documents, {chars:,} characters, {size / 1e6:.2f} MB UTF-8")
    print(f"found: {len(result.items):,} items, {len(result.targets):,} targets")
    print(f"one document : {one:.3f} s median of {args.runs} = {chars / one:,.0f} characters/s")
    print(f"per document : {each:.3f} s median of {args.runs} = {chars / each:,.0f} characters/s")
    print(f"read GB18030 : {read:.3f} s (encoding detection and decoding of {len(data):,} bytes)")


if __name__ == "__main__":
    main()
