from mingzhu.core.commands import ImportCommand
from mingzhu.party import importer


class Command(ImportCommand):
    help = (
        "Party building: `party import-members FILE --user USERNAME [--valid-only] [--json]` "
        "imports the members roll (姓名, 所属党组织, 村（社区）, 党小组, 党内职务, 是否在册); "
        "`party import-links FILE --user USERNAME` the 党员联户 ledger (村（社区）, 户主, 地址, "
        "联户党员, 联户类型, 联户日期). All rows or none, unless --valid-only; a second "
        "import of the same sheet adds nothing."
    )

    # What each import reads, the permission it needs and its importer.
    imports = {
        "import-members": ("party.add_partymember", importer.import_members),
        "import-links": ("party.add_householdlink", importer.import_links),
    }
