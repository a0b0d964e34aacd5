import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mingzhu.core import proxy
from mingzhu.core.commands import BaseCommand

# Seconds a request may run before gunicorn restarts its worker; the reverse proxy waits
# as long (proxy_read_timeout in deploy/nginx/mingzhu.conf).
REQUEST_TIMEOUT = 120


def default_workers() -> int:
    """Worker processes for this machine: two per core and one more (gunicorn's advice),
    so that every core works while some workers wait on the database."""
    return (os.cpu_count() or 1) * 2 + 1


def pick_server(asked: str) -> str:
    """``auto``: gunicorn's worker processes where it runs (Linux, macOS), else waitress
    (Windows: one process, threads)."""
    if asked != "auto":
        return asked
    if os.name == "nt":
        return "waitress"
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return "waitress"
    return "gunicorn"


class Command(BaseCommand):
    help = (
        "Serve Mingzhu with the production WSGI server: on Linux and macOS gunicorn with "
        "several worker processes (by default two per core and one more), on Windows "
        "waitress (one process, threads); static files are served by the app. Settings "
        "come from the environment (see docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--server",
            choices=["auto", "gunicorn", "waitress"],
            default="auto",
            help="auto: gunicorn where it runs (not on Windows), else waitress.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Worker processes (gunicorn; default: 2 × cores + 1).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="Threads per process (default: 4 per gunicorn worker, 8 for waitress).",
        )
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Static files are already collected."
        )

    def handle(self, *args, host, port, server, workers, threads, no_collectstatic, **options):
        if settings.SECRET_KEY == settings.INSECURE_DEV_KEY and not (
            settings.DEBUG or settings.ALLOW_DEMO_USERS
        ):
            raise CommandError(
                _(
                    "MINGZHU_SECRET_KEY is not set: refusing to serve with the development key. "
                    "Set it (or MINGZHU_SECRET_KEY_FILE) in the environment."
                )
            )
        if not 0 < port < 65536:
            raise CommandError(
                _("--port must be from 1 to 65535, not %(value)s.") % {"value": port}
            )
        if workers is not None and workers < 1:
            raise CommandError(
                _("--workers must be 1 or more, not %(value)s.") % {"value": workers}
            )
        if threads is not None and threads < 1:
            raise CommandError(
                _("--threads must be 1 or more, not %(value)s.") % {"value": threads}
            )
        server = pick_server(server)
        if server == "gunicorn" and os.name == "nt":
            raise CommandError(_("gunicorn does not run on Windows: use --server waitress."))
        # The checks that read the database too: roles that could change what they cannot
        # see (mingzhu.E007), a personal-data key that does not open the stored data (E008).
        self.check(databases=["default"], display_num_errors=True)
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        from mingzhu.core import heap
        from mingzhu.wsgi import application

        heap.settle()
        if server == "gunicorn":
            workers = workers or default_workers()
            self.stdout.write(
                f"Mingzhu is serving on http://{host}:{port}/ with {workers} worker processes "
                "(Ctrl-C stops it)"
            )
            sys.stdout.flush()
            _serve_gunicorn(application, host, port, workers, threads or 4)
            return
        from waitress import serve

        self.stdout.write(f"Mingzhu is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        sys.stdout.flush()
        options = proxy.waitress_options()
        if options.get("trusted_proxy") == "*":
            application = proxy.only_trusted_scheme(application)
        serve(application, host=host, port=port, threads=threads or 8, ident="mingzhu", **options)


def _serve_gunicorn(application, host: str, port: int, workers: int, threads: int) -> None:
    """Run gunicorn in this process as its arbiter; the workers are forked from it, so
    what this process set (e.g. ``mingzhu demo`` letting demo users in) holds in each."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    # A connection opened here (migrations, the demo's load) must not be shared by the
    # forked workers: each opens its own.
    connections.close_all()
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    class Server(BaseApplication):
        def load_config(self):
            for key, value in {
                "bind": [bind],
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "proc_name": "mingzhu",
                "timeout": REQUEST_TIMEOUT,
                "graceful_timeout": 20,
                "errorlog": "-",
                # No control socket: several servers may run on one machine.
                "control_socket_disable": True,
                # The scheme (X-Forwarded-Proto) only from MINGZHU_TRUSTED_PROXIES.
                **proxy.gunicorn_options(),
            }.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    Server().run()
