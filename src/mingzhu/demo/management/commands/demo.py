import json
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

from mingzhu.core.commands import BaseCommand
from mingzhu.demo.loader import load
from mingzhu.org.personas import DEMO_PASSWORD, PERSONAS

DEMO_WORKER_INTERVAL = 1  # seconds between the demo worker's rounds


class Command(BaseCommand):
    help = (
        "Migrate the database, load the Yangzhong demo data (idempotent) and serve it. "
        "Demo users may sign in only on this demo server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load the data and stop.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args, no_serve, host, port, json: bool, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        counts = load()
        if json:
            self.stdout.write(_dumps(counts))
        else:
            self.stdout.write(
                f"Demo data loaded: {counts['units']} units, {counts['users']} users. "
                f"Every demo user's password is {DEMO_PASSWORD!r}:"
            )
            for p in PERSONAS:
                self.stdout.write(f"  {p.username:<11} {p.display_name}: {p.description}")
        if no_serve:
            return
        settings.ALLOW_DEMO_USERS = True
        # The worker (outbox deliveries, scheduled jobs, large imports) runs beside the web
        # server. It looks every second, not every five as a service does: someone trying
        # the demo sees an import's preview or a group's notice at once (a round that finds
        # nothing is a few queries).
        worker = subprocess.Popen(
            [sys.executable, "-m", "mingzhu", "worker", "--interval", str(DEMO_WORKER_INTERVAL)]
        )
        # Stopped with SIGTERM (systemd, a test), the server stops the worker too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(
            f"The worker sends notices, runs the scheduled jobs and large imports "
            f"(pid {worker.pid})."
        )
        try:
            call_command("serve", host=host, port=port)
        finally:
            worker.terminate()
            worker.wait(timeout=10)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
