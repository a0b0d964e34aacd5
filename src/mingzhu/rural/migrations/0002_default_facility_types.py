"""The default facility types of the 八位一体 upkeep mechanism, with starting time limits
for repairs (working days) that the agriculture bureau sets to its own rules."""

from django.db import migrations

DEFAULT_TYPES = [
    ("农村道路", 5),
    ("河道沟塘", 3),
    ("绿化", 5),
    ("垃圾收运", 1),
    ("污水处理", 2),
    ("公共厕所", 2),
    ("路灯", 3),
    ("供水", 1),
]


def create(apps, schema_editor):
    FacilityType = apps.get_model("rural", "FacilityType")
    for order, (name, days) in enumerate(DEFAULT_TYPES, start=1):
        FacilityType.objects.get_or_create(
            name=name,
            defaults={"time_limit": days, "time_limit_basis": "working_days", "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("rural", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
