from mingzhu.core.commands import ImportCommand
from mingzhu.rural import importer


class Command(ImportCommand):
    help = (
        "Rural revitalisation: `rural import-facilities FILE --user USERNAME [--valid-only] "
        "[--json]` imports the 八位一体 facilities register (村（社区）, 设施名称, 设施类型, "
        "所属镇（街道）, 位置, 运维主体, 是否在用). All rows or none, unless --valid-only; a "
        "second import of the same sheet adds nothing."
    )

    # What each import reads, the permission it needs and its importer.
    imports = {
        "import-facilities": ("rural.add_facility", importer.import_facilities),
    }
