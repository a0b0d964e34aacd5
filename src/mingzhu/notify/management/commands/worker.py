import json
import logging
import os
import signal
import socket
import threading
import uuid

from django.core.management.base import CommandError
from django.db import close_old_connections
from django.utils.translation import gettext as _

from mingzhu.core.commands import BaseCommand
from mingzhu.notify import background, outbox, schedule

log = logging.getLogger("mingzhu.notify")


class Command(BaseCommand):
    help = (
        "The worker: sends the outbox's due deliveries, runs the scheduled jobs that are "
        "due and the background jobs people started (large imports), every few seconds "
        "(--once: one round, then exit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round, then exit.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between rounds (default 5)."
        )
        parser.add_argument("--json", action="store_true", help="Print each round as JSON.")

    def handle(self, *args, once: bool, interval: float, json: bool, **options):
        if interval <= 0:
            raise CommandError(
                _("--interval must be more than 0, not %(value)s.") % {"value": interval}
            )
        name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        # Stopped with SIGTERM (systemd, `mingzhu demo`): the round under way finishes, the
        # wait for the next one ends at once.
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        while True:
            if not once:
                # A long-running process: drop a connection the database closed meanwhile.
                close_old_connections()
            sent = outbox.deliver_due(worker=name)
            runs = schedule.run_due()
            done = background.run_due(worker=name)
            report = {
                "deliveries": sent,
                "jobs": {run.job.code: "ok" if run.ok else "failed" for run in runs},
                "background": {str(job.pk): job.status for job in done},
            }
            if json:
                self.stdout.write(_dumps(report))
            elif once or sent or runs or done:
                self.stdout.write(
                    f"deliveries {sent or '-'}; jobs {report['jobs'] or '-'}; "
                    f"background {report['background'] or '-'}",
                    ending="\n",
                )
            self.stdout.flush()
            if once or stop.wait(interval):
                return


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
