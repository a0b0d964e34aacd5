"""The upgrade's rule for the API tokens made before scoped tokens: they keep working for
MINGZHU_LEGACY_TOKEN_DAYS days (90 by default) after this migration runs, then are
refused. The day is the parameter api.legacy_tokens_until, which the administrator may
move on the parameters page (empty: no cut-off)."""

import datetime as dt
import os

from django.db import migrations
from django.utils import timezone


def set_deadline(apps, schema_editor):
    ParameterValue = apps.get_model("system", "ParameterValue")
    days = int(os.environ.get("MINGZHU_LEGACY_TOKEN_DAYS", "90"))
    until = timezone.localdate() + dt.timedelta(days=days)
    ParameterValue.objects.get_or_create(
        name="api.legacy_tokens_until", defaults={"value": until.isoformat()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("system", "0001_initial"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(set_deadline, migrations.RunPython.noop)]
