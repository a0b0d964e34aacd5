import json
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mingzhu.core.actions import ActionError
from mingzhu.core.audit import acting_as
from mingzhu.core.commands import BaseCommand, active_user, read_bytes
from mingzhu.core.excel import write_xlsx
from mingzhu.documents import actions, services
from mingzhu.documents.decompose import DecompositionError, as_json, decompose
from mingzhu.org.models import User


class Command(BaseCommand):
    help = (
        "Decompose a policy document (UTF-8/GBK/GB18030 text or .docx) into targets and "
        "tasks: `decompose FILE [--json] [--xlsx OUT.xlsx] [--adopt --list NAME --user NAME]`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
        parser.add_argument("--xlsx", help="Write the task decomposition table to this file.")
        parser.add_argument(
            "--adopt", action="store_true", help="Store and adopt it (a task list and targets)."
        )
        parser.add_argument("--list", dest="list_name", default="", help="The task list's name.")
        parser.add_argument(
            "--user",
            default="",
            help="Who adopts (default: the only active superuser); needs the adopt permission.",
        )

    def handle(self, *args, file, json, xlsx, adopt, list_name, user, **options):
        path = Path(file)
        data = read_bytes(path)
        try:
            text, _encoding = actions.read(data=data, filename=path.name)
            result = decompose(text, actions.rules())
        except (ActionError, DecompositionError) as exc:
            raise CommandError(f"{file}: {exc}") from None
        if xlsx:
            default = services.year_end(result.year) if result.year else None
            deadlines = services.item_deadlines(result)
            rows = [
                {
                    "title": i.title,
                    "text": i.text,
                    "lead_unit": i.lead_unit,
                    "co_units": [],
                    "leader": "",
                    "deadline": deadlines.get(i.code, default),
                }
                for i in result.items
            ]
            Path(xlsx).write_bytes(
                write_xlsx("任务分解表", services.EXPORT_HEADERS, services.export_rows(rows))
            )
        if adopt:
            self._adopt(data, path.name, list_name, user)
        if json:
            self.stdout.write(_dumps(as_json(result)))
            return
        self.stdout.write(f"{result.title or path.name}  {result.author}")
        for section in result.sections:
            self.stdout.write(f"{section.number}. {section.title}")
            for item in section.items:
                lead = f"  → {item.lead_unit}（{item.keyword}）" if item.lead_unit else ""
                self.stdout.write(f"   {item.code} {item.title}{lead}")
        for t in result.targets:
            value = "" if t.value is None else f" {t.comparator} {t.value.normalize():f} {t.unit}"
            deadline = t.deadline.isoformat() if t.deadline else "—"
            self.stdout.write(
                _("target: %(indicator)s%(value)s by %(deadline)s")
                % {"indicator": t.indicator, "value": value, "deadline": deadline}
            )

    def _adopt(self, data: bytes, filename: str, list_name: str, username: str) -> None:
        if username:
            actor = active_user(username)
        else:
            superusers = list(User.objects.filter(is_superuser=True, is_active=True)[:2])
            if len(superusers) != 1:
                raise CommandError(_("Say who adopts: --user USERNAME."))
            actor = superusers[0]
        try:
            with acting_as(actor):
                document = actions.load_document(actor=actor, data=data, filename=filename)
                task_list = actions.adopt(document.pk, actor=actor, name=list_name)
        except (ActionError, PermissionDenied) as exc:
            raise CommandError(str(exc) or _("Not allowed.")) from None
        self.stderr.write(
            _("Adopted: %(list)s (%(count)s tasks)")
            % {"list": task_list, "count": task_list.tasks.count()}
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
