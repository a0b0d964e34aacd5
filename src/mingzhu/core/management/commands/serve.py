import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Serve Mingzhu with the production WSGI server (waitress); static files are served "
        "by the app. Settings come from the environment (see docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Static files are already collected."
        )

    def handle(self, *args, host, port, threads, no_collectstatic, **options):
        if settings.SECRET_KEY == settings.INSECURE_DEV_KEY and not (
            settings.DEBUG or settings.ALLOW_DEMO_USERS
        ):
            raise CommandError(
                "MINGZHU_SECRET_KEY is not set: refusing to serve with the development key. "
                "Set it (or MINGZHU_SECRET_KEY_FILE) in the environment."
            )
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        # The checks that read the database too: roles that could change what they cannot
        # see (mingzhu.E007), a personal-data key that does not open the stored data (E008).
        self.check(databases=["default"], display_num_errors=True)
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        from waitress import serve

        from mingzhu.wsgi import application

        self.stdout.write(f"Mingzhu is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        sys.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="mingzhu")
