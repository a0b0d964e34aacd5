import json

from django.core.management.base import BaseCommand, CommandError

from mingzhu.core.tabular import WorkbookError
from mingzhu.org.models import User
from mingzhu.rural import importer

# What each import reads, the permission it needs and its importer.
IMPORTS = {
    "import-facilities": ("rural.add_facility", importer.import_facilities),
}


class Command(BaseCommand):
    help = (
        "Rural revitalisation: `rural import-facilities FILE --user USERNAME [--valid-only] "
        "[--json]` imports the 八位一体 facilities register (村（社区）, 设施名称, 设施类型, "
        "所属镇（街道）, 位置, 运维主体, 是否在用). All rows or none, unless --valid-only; a "
        "second import of the same sheet adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=sorted(IMPORTS))
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="the user the import is made as")
        parser.add_argument("--valid-only", action="store_true", dest="valid_only")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args, what, file, user, valid_only, json: bool, **options):
        permission, run = IMPORTS[what]
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {user!r}.")
        if not actor.has_perm(permission):
            raise CommandError(f"{user!r} may not do {what}.")
        try:
            with open(file, "rb") as handle:
                result = run(handle, actor=actor, valid_only=valid_only)
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        except WorkbookError as exc:
            raise CommandError(str(exc)) from None
        summary = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "errors": [str(e) for e in result.errors],
        }
        if json:
            self.stdout.write(_dumps(summary))
        else:
            self.stdout.write(" ".join(f"{k}={v}" for k, v in summary.items() if k != "errors"))
            for error in summary["errors"]:
                self.stdout.write(error)
        if result.errors and not valid_only:
            raise CommandError("Nothing imported: the file has errors (see above).")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
