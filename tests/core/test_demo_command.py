"""`mingzhu demo --no-serve` loads the demo data and may run again without changing it."""

import json
from io import StringIO

from auditlog.models import LogEntry
from django.core.management import call_command

from mingzhu.org.models import OrgUnit, User


def _counts() -> tuple[int, int, int]:
    return OrgUnit.objects.count(), User.objects.count(), LogEntry.objects.count()


def test_it_is_idempotent(db):
    before = _counts()
    call_command("demo", "--no-serve", stdout=StringIO())
    out = StringIO()
    call_command("demo", "--no-serve", "--json", stdout=out)
    assert _counts() == before
    assert json.loads(out.getvalue()) == {"units": before[0], "users": before[1]}
