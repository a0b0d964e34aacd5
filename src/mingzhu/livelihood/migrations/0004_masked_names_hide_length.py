"""Masked requester names no longer tell the name's length: 张******** becomes 张**."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Left


def remask(apps, schema_editor):
    CitizenRequest = apps.get_model("livelihood", "CitizenRequest")
    CitizenRequest.objects.exclude(name_masked="").update(
        name_masked=Concat(Left("name_masked", 1), Value("**"))
    )


class Migration(migrations.Migration):
    dependencies = [("livelihood", "0003_constraint_messages")]

    operations = [migrations.RunPython(remask, migrations.RunPython.noop)]
