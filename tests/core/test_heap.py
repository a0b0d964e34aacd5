"""``mingzhu serve`` settles the loaded heap before its workers start (core.heap)."""

import gc

from mingzhu.core import heap


def test_settle_freezes_what_is_loaded_and_requests_are_still_collected():
    threshold = gc.get_threshold()
    try:
        frozen = heap.settle()
        assert frozen == gc.get_freeze_count() > 10_000
        assert gc.isenabled()
        assert gc.get_threshold() == (*threshold[:2], heap.FULL_EVERY)

        class Cycle:
            pass

        made = Cycle()
        made.me = made  # garbage only a collection frees
        del made
        gc.collect()
        assert not [obj for obj in gc.get_objects() if isinstance(obj, Cycle)]
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_serve_settles_before_serving(monkeypatch, settings):
    from django.core.management import call_command

    from mingzhu.core.management.commands import serve

    settings.ALLOW_DEMO_USERS = True  # the development key is allowed
    calls = []
    monkeypatch.setattr(heap, "settle", lambda: calls.append("settle") or 0)
    monkeypatch.setattr(serve, "_serve_gunicorn", lambda *args: calls.append("gunicorn"))
    monkeypatch.setattr(serve.Command, "check", lambda self, **kwargs: None)
    call_command("serve", server="gunicorn", no_collectstatic=True, workers=1)
    assert calls == ["settle", "gunicorn"]
