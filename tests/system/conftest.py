import pytest

from mingzhu.system.cache import CACHES


@pytest.fixture(autouse=True)
def _system_caches():
    """A test that stores parameters or dictionary entries leaves the process's caches as
    it found them (its rows are rolled back with its transaction)."""
    saved = [(cache.value, cache.loaded_at) for cache in CACHES]
    yield
    for cache, (value, loaded_at) in zip(CACHES, saved, strict=True):
        cache.value, cache.loaded_at = value, loaded_at
