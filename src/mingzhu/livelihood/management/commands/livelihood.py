from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as, system_account
from mingzhu.core.commands import BaseCommand, active_user, dumps, import_from, summary
from mingzhu.livelihood import importer, suggest


class Command(BaseCommand):
    help = (
        "Livelihood: `livelihood train [--json]` retrains the dispatch classifier on the "
        "platform's past dispatches; `livelihood import-coverage FILE.xlsx --year YYYY "
        "--user USERNAME [--valid-only] [--json]` imports the social security bureau's figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["train", "import-coverage"])
        parser.add_argument("file", nargs="?")
        parser.add_argument("--year", type=int)
        parser.add_argument("--user", help="the user the import is made as")
        parser.add_argument("--valid-only", action="store_true", dest="valid_only")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args, what, file, year, user, valid_only, json: bool, **options):
        result = self._train() if what == "train" else self._import(file, year, user, valid_only)
        if json:
            self.stdout.write(dumps(result))
        else:
            self.stdout.write(" ".join(f"{k}={v}" for k, v in result.items() if k != "errors"))
            for error in result.get("errors", []):
                self.stdout.write(str(error))
        if what == "import-coverage" and result["errors"] and not valid_only:
            # Nothing was written: a failure, for the shell and for cron.
            raise CommandError(_("Nothing imported: the file has errors (see above)."))

    def _train(self) -> dict:
        try:
            with acting_as(system_account()):
                stored = suggest.train_from_history()
        except suggest.NotEnoughHistory as exc:
            raise CommandError(_("Not enough history: %(reason)s") % {"reason": exc}) from None
        return {
            "samples": stored.samples,
            "held_out": stored.held_out,
            "top1": stored.top1,
            "top3": stored.top3,
            "units": len(stored.units),
            "seconds": stored.seconds,
        }

    def _import(self, file, year, username, valid_only) -> dict:
        if not file or not year or not username:
            raise CommandError(_("import-coverage needs FILE, --year and --user."))
        actor = active_user(username)
        result = import_from(
            file, importer.import_coverage, actor=actor, year=year, valid_only=valid_only
        )
        return summary(result)
