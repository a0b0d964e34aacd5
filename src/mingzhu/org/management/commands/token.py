from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as
from mingzhu.core.commands import BaseCommand
from mingzhu.org.models import User

COMMAND_TOKEN = "命令行"  # the name of the tokens this command makes


class Command(BaseCommand):
    help = (
        "Make an API token for a user and print its key (shown this once). It expires "
        "after --days (at most the parameter api.token_max_days)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reset", action="store_true", help="Revoke the tokens this command made before."
        )
        parser.add_argument("--days", type=int, help="Days until it expires.")
        parser.add_argument("--read-only", action="store_true", help="Only GET, HEAD, OPTIONS.")
        parser.add_argument(
            "--modules", default="", help="Comma-separated modules it reaches (default: all)."
        )

    def handle(self, *args, username, reset, days, read_only, modules, **options):
        from mingzhu.system import params, tokens

        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(_("No user named %(user)s.") % {"user": username}) from None
        if not user.is_active:
            raise CommandError(_("The user %(user)s is disabled.") % {"user": username})
        longest = params.value("api.token_max_days")
        days = longest if days is None else days
        if not 1 <= days <= longest:
            raise CommandError(_("--days must be from 1 to %(longest)s.") % {"longest": longest})
        chosen = [m.strip() for m in modules.split(",") if m.strip()]
        known = {label for label, _name in tokens.module_choices()}
        unknown = sorted(set(chosen) - known)
        if unknown:
            raise CommandError(
                _("Unknown modules: %(unknown)s; known: %(known)s.")
                % {"unknown": "、".join(unknown), "known": "、".join(sorted(known))}
            )
        with acting_as(user):
            if reset:
                for old in user.api_tokens.filter(name=COMMAND_TOKEN, revoked_at__isnull=True):
                    tokens.revoke(old)
            _token, key = tokens.create(
                user=user, name=COMMAND_TOKEN, days=days, read_only=read_only, modules=chosen
            )
        self.stdout.write(key)
