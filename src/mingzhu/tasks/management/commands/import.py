import json
import os

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as
from mingzhu.core.commands import (
    BaseCommand,
    active_user,
    dumps,
    file_error,
    import_from,
    summary,
)
from mingzhu.core.tabular import WorkbookError
from mingzhu.tasks.importer import import_tasks, list_named


class Command(BaseCommand):
    help = (
        "Import a spreadsheet: `import tasks FILE.xlsx --list NAME [--user USERNAME]` reads the "
        "columns 序号, 任务内容, 牵头单位, 配合单位, 责任领导, 完成时限 (and a ledger's 交办时间, "
        "as of which an overdue item is created, and 整改情况: rows marked done are left out). "
        "All rows or none. The "
        "issuing user is --user, else the MINGZHU_USER environment variable. `import projects "
        "FILE.xlsx [--user USERNAME]` reads a project ledger (项目名称, 投资方/建设单位, 总投资, "
        "所在镇（街道、园区）/建设地点; optionally 产业链, 洽谈日期, 签约时间, 开工时间, "
        "竣工投产时间, 项目状态): a project of the town and name updates it. `import investment "
        "FILE.xlsx [--month YYYY-MM] [--user USERNAME]` reads the monthly 重点项目投资进度表 "
        "(项目名称, 年度计划投资, 1-N月累计完成投资 or 本月完成投资, 形象进度, 备注) into the "
        "projects' plans and monthly investment."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["tasks", "projects", "investment"])
        parser.add_argument("file")
        parser.add_argument("--list", dest="list_name", help="Task list name (tasks only).")
        parser.add_argument(
            "--month",
            help="investment: the report month (YYYY-MM) of a sheet whose title names none.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="investment: replace figures already recorded (the change is recorded).",
        )
        parser.add_argument(
            "--user",
            default=os.environ.get("MINGZHU_USER"),
            help="The issuing user (needs the right to add tasks); default $MINGZHU_USER.",
        )
        parser.add_argument(
            "--valid-only", action="store_true", help="Write the valid rows, skip the bad ones."
        )
        parser.add_argument("--json", action="store_true")

    def handle(
        self,
        *args,
        kind,
        file,
        list_name,
        user,
        valid_only,
        json: bool,
        month,
        overwrite,
        **options,
    ):
        if not user:
            raise CommandError(
                _("Name the issuing user: --user USERNAME or the MINGZHU_USER variable.")
            )
        if kind == "projects":
            self.projects(file, user, valid_only=valid_only, json=json)
            return
        if kind == "investment":
            self.investment(
                file, user, month=month, overwrite=overwrite, valid_only=valid_only, json=json
            )
            return
        if not list_name:
            raise CommandError(_("Name the task list: --list NAME."))
        actor = active_user(user)
        if not actor.has_perm("tasks.add_task") or actor.unit is None:
            raise CommandError(_("%(user)s may not issue tasks.") % {"user": user})
        try:
            with acting_as(actor), open(file, "rb") as handle, transaction.atomic():
                task_list = list_named(list_name, actor=actor, year=timezone.localdate().year)
                result = import_tasks(
                    handle, actor=actor, task_list=task_list, valid_only=valid_only
                )
                if result.errors and not valid_only:
                    transaction.set_rollback(True)
        except OSError as exc:
            raise file_error(file, exc) from None
        except WorkbookError as exc:
            raise CommandError(str(exc)) from exc
        summary = {"created": result.created, "errors": [str(e) for e in result.errors]}
        # A ledger's rows marked done, left out, and how many rows are overdue: said when
        # there are any.
        if result.left_out:
            summary["left_out"] = [str(e) for e in result.left_out]
        if result.remarks:
            summary["remarks"] = [str(r) for r in result.remarks]
        if json:
            self.stdout.write(_dumps(summary))
        else:
            for error in summary["errors"]:
                self.stderr.write(error)
            for line in summary.get("left_out", []) + summary.get("remarks", []):
                self.stdout.write(line)
            self.stdout.write(
                _("%(count)s tasks imported into %(list)s.")
                % {"count": summary["created"], "list": list_name}
            )
        if result.errors and not valid_only:
            raise CommandError(_("Nothing imported: fix the rows above, or use --valid-only."))

    def projects(self, file, user, *, valid_only: bool, json: bool) -> None:
        """The project ledger import: all rows or none, unless ``valid_only``."""
        from mingzhu.projects.importer import import_projects

        actor = active_user(user, permission="projects.add_project", what=_("a project import"))
        result = summary(import_from(file, import_projects, actor=actor, valid_only=valid_only))
        self._report(
            result,
            _("Projects: %(created)s new, %(updated)s updated, %(unchanged)s unchanged."),
            valid_only=valid_only,
            json=json,
        )

    def investment(
        self, file, user, *, month: str | None, overwrite: bool, valid_only: bool, json: bool
    ) -> None:
        """The monthly investment progress sheet, as the user (who may record investment:
        a town's staff for its projects, the key-project office and the supervision office
        for every one): all rows or none, unless ``valid_only``."""
        from mingzhu.projects import actions
        from mingzhu.projects.investment_import import import_investment, parse_month

        actor = active_user(user)
        if not actions.may_record_investment(actor):
            raise CommandError(_("%(user)s may not record investment.") % {"user": user})
        period = None
        if month:
            period = parse_month(month)
            if period is None or not 2000 <= period.year <= 2100:
                raise CommandError(
                    _("--month must be a month such as 2026-10, not %(value)s.") % {"value": month}
                )
        result = summary(
            import_from(
                file,
                import_investment,
                actor=actor,
                month=period,
                overwrite=overwrite,
                valid_only=valid_only,
            )
        )
        self._report(
            result,
            _("Investment recorded: %(updated)s projects changed, %(unchanged)s unchanged."),
            valid_only=valid_only,
            json=json,
        )

    def _report(self, result: dict, line: str, *, valid_only: bool, json: bool) -> None:
        """An import's outcome: as JSON, or its rows' errors and ``line`` (filled from the
        counts); an error in a run that writes all rows or none ends the command."""
        if json:
            self.stdout.write(dumps(result))
        else:
            for error in result["errors"]:
                self.stderr.write(error)
            self.stdout.write(line % result)
        if result["errors"] and not valid_only:
            raise CommandError(_("Nothing imported: fix the rows above, or use --valid-only."))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
