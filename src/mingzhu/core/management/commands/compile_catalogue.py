from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

from mingzhu.core.commands import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the translation catalogues (.po to .mo) without needing GNU gettext: the "
        "project's (LOCALE_PATHS) and each app's own locale directory."
    )

    def handle(self, *args, **options):
        compiled = 0
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        roots += [
            Path(app.path) / "locale"
            for app in apps.get_app_configs()
            if app.name.startswith("mingzhu.")
        ]
        for root in roots:
            for po_path in root.glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"{compiled} catalogue(s) compiled.")
