from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mingzhu.core.commands import BaseCommand
from mingzhu.notify import actions
from mingzhu.notify.choices import GROUP_KINDS


class Command(BaseCommand):
    help = (
        "Outbound notices: `notify add-webhook --unit NAME --kind wecom|dingtalk --url URL "
        "[--secret S]` registers a unit's group robot; `notify test --unit NAME` writes a "
        "test message to each of the unit's robots (the worker sends it)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        add = sub.add_parser("add-webhook", help="Register a unit's group robot.")
        add.add_argument("--unit", required=True, help="The unit's name.")
        add.add_argument("--kind", required=True, choices=[str(k) for k in GROUP_KINDS])
        add.add_argument("--url", required=True, help="The robot's webhook address.")
        add.add_argument("--secret", default="", help="钉钉: the signing secret (SEC…).")
        add.add_argument("--name", default="", help="A name for the channel.")
        test = sub.add_parser("test", help="A test message to the unit's group robots.")
        test.add_argument("--unit", required=True, help="The unit's name.")
        test.add_argument(
            "--send", action="store_true", help="Send at once instead of leaving it to the worker."
        )

    def handle(self, *args, what, **options):
        try:
            if what == "add-webhook":
                channel = actions.add_webhook(
                    unit_name=options["unit"],
                    kind=options["kind"],
                    url=options["url"],
                    secret=options["secret"],
                    name=options["name"],
                )
                self.stdout.write(
                    _("Channel %(pk)s “%(name)s” (%(kind)s) for %(unit)s: %(url)s")
                    % {
                        "pk": channel.pk,
                        "name": channel.name,
                        "kind": channel.get_kind_display(),
                        "unit": channel.unit.name,
                        "url": channel.url_masked,
                    }
                )
                return
            deliveries = actions.test_unit(unit_name=options["unit"], send=options["send"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        for delivery in deliveries:
            self.stdout.write(
                f"{delivery.channel.name}: {delivery.get_status_display()}"
                + (f" — {delivery.last_error}" if delivery.last_error else "")
            )
