import json

from django.core.management.base import BaseCommand, CommandError

from mingzhu.core.tabular import WorkbookError
from mingzhu.org.models import User
from mingzhu.party import importer

# What each import reads, the permission it needs and its importer.
IMPORTS = {
    "import-members": ("party.add_partymember", importer.import_members),
    "import-links": ("party.add_householdlink", importer.import_links),
}


class Command(BaseCommand):
    help = (
        "Party building: `party import-members FILE --user USERNAME [--valid-only] [--json]` "
        "imports the members roll (姓名, 所属党组织, 村（社区）, 党小组, 党内职务, 是否在册); "
        "`party import-links FILE --user USERNAME` the 党员联户 ledger (村（社区）, 户主, 地址, "
        "联户党员, 联户类型, 联户日期). All rows or none, unless --valid-only; a second "
        "import of the same sheet adds nothing."
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
