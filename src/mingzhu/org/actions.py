"""The administrator's actions on accounts, roles and sign-ins: each one transaction,
with the acting user as the author of what it records (core.audit)."""

from __future__ import annotations

import secrets

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from mingzhu.core.actions import ActionError, action_atomic, fetch_locked, require
from mingzhu.core.audit import acting_as, log_event

from . import sessions
from .choices import RoleCode
from .models import Role, User

# Letters and digits that cannot be mistaken for each other when read out or copied.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"


def one_time_password(length: int = 12) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def set_active(user, *, actor, active: bool) -> User:
    """Enable or disable an account. A disabled account cannot sign in, and its open
    sessions end now. Nobody disables their own account."""
    with action_atomic(), acting_as(actor):
        target = fetch_locked(User, user, actor, "change")
        if not active and target.pk == actor.pk:
            raise ActionError(_("You cannot disable your own account."))
        if target.is_active != active:
            target.is_active = active
            target.save(update_fields=["is_active"])
        if not active:
            sessions.sign_out(target)
    return target


def reset_password(user, *, actor) -> str:
    """Give the account a one-time password (returned, shown once to the administrator):
    its sessions end and the next sign-in must choose a new password."""
    with action_atomic(), acting_as(actor):
        target = fetch_locked(User, user, actor, "change")
        if target.pk == actor.pk:
            raise ActionError(_("Change your own password on the password page."))
        password = one_time_password()
        target.set_password(password)
        target.must_change_password = True
        target.save(update_fields=["password", "must_change_password"])
        sessions.sign_out(target)
        log_event(
            target,
            {_("Password"): ["", _("reset, to be changed at the next sign-in")]},
            actor=actor,
        )
    return password


def force_sign_out(user, *, actor) -> int:
    """End every session of the account; recorded on the account with the count."""
    require(actor, "org.delete_usersession", _("You may not sign other users out."))
    with action_atomic(), acting_as(actor):
        target = fetch_locked(User, user, actor, "view")
        ended = sessions.sign_out(target)
        log_event(target, {_("Signed-in sessions"): [ended, 0]}, actor=actor)
    return ended


def delete_role(role, *, actor) -> None:
    """Delete a role the administrator made. Roles defined in code come back on the next
    migrate and are not deleted; a role somebody holds is not deleted either."""
    require(actor, "org.delete_role", _("You may not delete roles."))
    with action_atomic(), acting_as(actor):
        role = Role.objects.select_for_update().get(pk=role.pk)
        if role.code in RoleCode.values:
            raise ActionError(
                _("%(role)s is defined by the platform and cannot be deleted.") % {"role": role}
            )
        holders = list(role.users.order_by("username")[:5])
        if holders:
            raise ActionError(
                _("%(role)s is held by %(count)s users (%(names)s…): take it from them first.")
                % {
                    "role": role,
                    "count": role.users.count(),
                    "names": "、".join(str(u) for u in holders),
                }
            )
        role.delete()


def unlock(attempt_pk: int, *, actor) -> AccessAttempt:
    """Lift a login lockout: the failures counted for that user name and address are
    forgotten. Recorded in the change log."""
    if not actor.has_perm("axes.delete_accessattempt"):
        raise PermissionDenied(_("You may not unlock sign-ins."))
    with action_atomic(), acting_as(actor):
        attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_pk).first()
        if attempt is None:
            raise ActionError(_("This lockout has already been lifted."))
        label = f"{attempt.username or '—'} @ {attempt.ip_address or '—'}"
        # On the account when the name is one (the administrator reads its history),
        # else on the lockout itself.
        account = User.objects.filter(username=attempt.username).first()
        log_event(
            account or attempt,
            {_("Login lockout %(who)s") % {"who": label}: [attempt.failures_since_start, 0]},
            actor=actor,
        )
        # A whole address locked (org.throttle's address limit) is unlocked with it.
        address_total = sum(
            AccessAttempt.objects.filter(ip_address=attempt.ip_address).values_list(
                "failures_since_start", flat=True
            )
        )
        if address_total >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            AccessAttempt.objects.filter(ip_address=attempt.ip_address).delete()
        else:
            attempt.delete()
    return attempt
