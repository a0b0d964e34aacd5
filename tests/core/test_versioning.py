"""The versioned-scheme helper: the next number under a lock, a superseded base refused,
a clash on the unique version turned into the same refusal (never a 500), and, on
PostgreSQL, two saves of the same scheme at the same moment in every module that keeps
versioned schemes: one new version, one refusal."""

import threading
import time

import pytest
from django.db import IntegrityError, connection, connections, models
from django.test.utils import isolate_apps
from django.utils import translation

from mingzhu.appraisal import actions as appraisal_actions
from mingzhu.appraisal.choices import TOWN_SCHEME
from mingzhu.appraisal.models import Scheme
from mingzhu.core import versioning
from mingzhu.core.actions import ActionConflict
from mingzhu.core.testing import waiting_for_a_lock
from mingzhu.core.versioning import VersionedScheme, save_version
from mingzhu.enterprises import actions as enterprise_actions
from mingzhu.enterprises.models import MuScheme
from mingzhu.rural import actions as rural_actions
from mingzhu.rural.models import ScoringSheet


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _mu(version: int) -> MuScheme:
    return MuScheme.objects.create(
        version=version, name="测试方案", data=MuScheme.objects.get(code="city", version=1).data
    )


@pytest.mark.django_db
def test_it_gives_the_next_number_to_a_scheme_started_afresh():
    assert save_version(MuScheme, key="city", based_on=None, create=_mu).version == 2
    assert save_version(MuScheme, key="city", based_on=2, create=_mu).version == 3


@pytest.mark.django_db
def test_it_turns_a_clash_on_the_unique_version_into_a_refusal(monkeypatch):
    # As if another save had taken the number between reading it and writing the row.
    monkeypatch.setattr(versioning, "_latest_version", lambda rows: 0)
    with pytest.raises(ActionConflict, match="Someone else saved a new version"):
        save_version(MuScheme, key="city", based_on=None, create=_mu)
    assert MuScheme.objects.filter(code="city").count() == 1


@pytest.mark.django_db
def test_it_lets_other_integrity_errors_through():
    def twice(version):
        _mu(version)
        return _mu(version)  # the same number again: a bug of the caller, not a race

    with pytest.raises(IntegrityError):
        save_version(MuScheme, key="city", based_on=None, create=twice)
    assert MuScheme.objects.filter(code="city").count() == 1


def test_the_start_up_check_wants_the_version_unique_per_scheme(monkeypatch):
    assert versioning.check_version_constraints() == []
    with isolate_apps("core") as isolated:

        class Loose(VersionedScheme):
            scope_global = True
            version_key = "name"
            name = models.CharField(max_length=20)

            class Meta:
                app_label = "core"
                constraints = [models.UniqueConstraint(fields=["version"], name="loose_v")]

        monkeypatch.setattr(versioning, "apps", isolated)
        errors = versioning.check_version_constraints()
    assert [e.id for e in errors] == ["mingzhu.E020"] and errors[0].obj is Loose


# --- two saves at the same moment, on separate connections ---------------------------


def _appraisal(personas):
    base = Scheme.latest_of(TOWN_SCHEME)
    items = [
        {"code": i.code, "name": i.name, "weight": i.weight, "cap": i.cap} for i in base.items.all()
    ]

    def save(note):
        return appraisal_actions.save_scheme_version(
            base.pk, actor=personas["supervisor"], name=base.name, items=items, note=note
        )

    return base, save, lambda new: new.note


def _rural(personas):
    base = ScoringSheet.objects.order_by("-version").first()

    def save(note):
        return rural_actions.new_sheet_version(
            base, actor=personas["nyj"], valid_from=base.valid_from, notes=note
        )

    return base, save, lambda new: new.notes


def _enterprises(personas):
    base = MuScheme.latest_of("city")
    assert base.evaluations.exists()  # used: an edit saves a new version

    def save(note):
        return enterprise_actions.save_scheme(
            base.pk, actor=personas["gxj"], name=base.name, data=base.data, notes=note
        )

    return base, save, lambda new: new.notes


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks, so two saves cannot race",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("module", [_appraisal, _rural, _enterprises])
def test_two_simultaneous_saves_give_one_version_and_one_refusal(
    module, supervisor, nyj, gxj, monkeypatch
):
    base, save, note_of = module({"supervisor": supervisor, "nyj": nyj, "gxj": gxj})
    before = set(base.versions().values_list("pk", flat=True))
    # The first save holds the scheme's lock until the second is seen waiting for it.
    locked, release = threading.Event(), threading.Event()
    latest_version = versioning._latest_version

    def hold_the_lock(rows):
        if not locked.is_set():
            locked.set()
            assert release.wait(timeout=10)
        return latest_version(rows)

    monkeypatch.setattr(versioning, "_latest_version", hold_the_lock)
    outcome = {}

    def run(name):
        try:
            with translation.override("en"):
                outcome[name] = save(name)
        except ActionConflict as exc:
            outcome[name] = exc
        finally:
            connections.close_all()

    first = threading.Thread(target=run, args=("first",))
    second = threading.Thread(target=run, args=("second",))
    first.start()
    assert locked.wait(timeout=10)
    second.start()
    deadline = time.monotonic() + 10
    while not waiting_for_a_lock() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert waiting_for_a_lock() == 1  # the second save waits for the first one's lock
    release.set()
    first.join(timeout=10)
    second.join(timeout=10)

    new = outcome["first"]
    assert new.version == base.version + 1 and note_of(new) == "first"
    assert isinstance(outcome["second"], ActionConflict)
    assert f"Version {new.version} of this scheme" in str(outcome["second"])
    after = set(base.versions().values_list("pk", flat=True))
    assert after - before == {new.pk}
