"""Party building (党建): organisations on the org tree, members with the least personal
data the work needs, members linked to households (党员联户, 分区包片, 中心户结对) with their
visits, party-group activities and the training records of the "1+X" 初心锤炼 system.

A member holds a name, a branch, a village and a role: no ID number, no birth date, no
phone. A problem found on a visit is a task of the task engine, linked to the visit.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.models import TimeStampedModel
from mingzhu.org.choices import UnitKind
from mingzhu.tasks.backed import TaskBacked

from .choices import ActivityKind, CourseTrack, LinkKind, MemberRole, OrganisationKind

# Where households and members live: villages, communities and their natural villages.
RESIDENTIAL_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY, UnitKind.NATURAL_VILLAGE)
HOURS = {"max_digits": 5, "decimal_places": 1}


def _check_residential(unit, field: str) -> None:
    if unit is not None and unit.kind not in RESIDENTIAL_KINDS:
        raise ValidationError({field: _("Choose a village, community or natural village.")})


@audited()
class PartyOrganisation(TimeStampedModel):
    """A party committee, general branch or branch (党委/党总支/党支部) of an org unit."""

    scope_fields = ("unit",)

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.BRANCH
    )
    unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        related_name="party_organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("higher organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("party organisation")
        verbose_name_plural = _("party organisations")
        ordering = ["unit__path", "name"]

    def __str__(self) -> str:
        return self.name


@audited()
class PartyGroup(TimeStampedModel):
    """A party group (党小组) of a branch, with its leader (党小组长)."""

    scope_fields = ("organisation__unit",)

    organisation = models.ForeignKey(
        PartyOrganisation,
        verbose_name=_("party organisation"),
        on_delete=models.PROTECT,
        related_name="groups",
    )
    name = models.CharField(_("name"), max_length=100)
    leader = models.ForeignKey(
        "PartyMember",
        verbose_name=_("group leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("party group")
        verbose_name_plural = _("party groups")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="party_group_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.name}"

    def clean(self) -> None:
        wrong = self.leader_id and self.organisation_id
        if wrong and self.leader.organisation_id != self.organisation_id:
            raise ValidationError(
                {"leader": _("The group leader must be a member of the same organisation.")}
            )


@audited()
class PartyMember(TimeStampedModel):
    """A party member: name, organisation, group, village and role, nothing more."""

    scope_fields = ("village", "organisation__unit")

    name = models.CharField(_("name"), max_length=50)
    organisation = models.ForeignKey(
        PartyOrganisation,
        verbose_name=_("party organisation"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    group = models.ForeignKey(
        PartyGroup,
        verbose_name=_("party group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    village = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("village or community"),
        on_delete=models.PROTECT,
        related_name="party_members",
        limit_choices_to={"kind__in": RESIDENTIAL_KINDS},
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["organisation__name", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        _check_residential(self.village if self.village_id else None, "village")
        wrong = self.group_id and self.organisation_id
        if wrong and self.group.organisation_id != self.organisation_id:
            raise ValidationError({"group": _("The party group belongs to another organisation.")})


@audited()
class Household(TimeStampedModel):
    """A household of a village: the head of household's name and the address."""

    scope_fields = ("village",)

    village = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("village or community"),
        on_delete=models.PROTECT,
        related_name="party_households",
        limit_choices_to={"kind__in": RESIDENTIAL_KINDS},
    )
    head_name = models.CharField(_("head of household"), max_length=50)
    address = models.CharField(_("address"), max_length=200)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["village__path", "address", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "head_name", "address"], name="party_household_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.head_name}（{self.address}）"

    def clean(self) -> None:
        _check_residential(self.village if self.village_id else None, "village")


@audited()
class HouseholdLink(TimeStampedModel):
    """A member's link to a household; a household has at most one current link."""

    scope_fields = ("household__village", "member__organisation__unit")

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="links"
    )
    member = models.ForeignKey(
        PartyMember,
        verbose_name=_("party member"),
        on_delete=models.PROTECT,
        related_name="links",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=LinkKind.choices, default=LinkKind.HOUSEHOLD
    )
    started_on = models.DateField(_("linked since"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("household link")
        verbose_name_plural = _("household links")
        ordering = ["household__village__path", "household__address", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(ended_on__isnull=True),
                name="party_one_current_link",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.household}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


@audited()
class HouseholdVisit(TaskBacked, TimeStampedModel):
    """A member's visit to a household (走访); a problem found becomes a task."""

    scope_fields = ("household__village",)
    scope_owner_fields = ("recorded_by",)

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="visits"
    )
    member = models.ForeignKey(
        PartyMember,
        verbose_name=_("party member"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    visited_on = models.DateField(_("visited on"))
    findings = models.TextField(_("what was found"))
    problem = models.TextField(
        _("problem to solve"),
        blank=True,
        help_text=_("Leave empty when nothing needs to be done; otherwise it becomes a task."),
    )
    task = models.OneToOneField(
        "tasks.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="household_visit",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visit recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("household visit")
        verbose_name_plural = _("household visits")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["household", "visited_on"], name="party_visit_hh_on")]

    def __str__(self) -> str:
        return f"{self.household.head_name} {self.visited_on:%Y-%m-%d}"


@audited(m2m_fields=("attendees",))
class PartyGroupActivity(TimeStampedModel):
    """An activity of a party group (党小组活动): meeting, study, service, deliberation."""

    scope_fields = ("group__organisation__unit",)

    group = models.ForeignKey(
        PartyGroup,
        verbose_name=_("party group"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    held_on = models.DateField(_("held on"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.MEETING
    )
    topic = models.CharField(_("topic"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        PartyMember, verbose_name=_("attendees"), blank=True, related_name="group_activities"
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("party group activity")
        verbose_name_plural = _("party group activities")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.topic}（{self.held_on:%Y-%m-%d}）"


ALL_ROWS = Q(pk__isnull=False)


@audited()
class TrainingCourse(TimeStampedModel):
    """A course of the "1+X" 初心锤炼 system; every reader of party data sees the courses."""

    scope_fields = ("organiser",)
    scope_public = ALL_ROWS

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    track = models.CharField(
        _("track"), max_length=20, choices=CourseTrack.choices, default=CourseTrack.COMMON
    )
    organiser = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="party_course_unique")]

    def __str__(self) -> str:
        return f"{self.name}（{self.year}）"


@audited()
class TrainingSession(TimeStampedModel):
    """One session of a course: a day, a place, the hours it counts for."""

    scope_fields = ("course__organiser",)
    scope_public = ALL_ROWS

    course = models.ForeignKey(
        TrainingCourse, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), **HOURS, validators=[MinValueValidator(Decimal("0.5"))])
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.course.name} {self.held_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.course_id and self.held_on and self.held_on.year != self.course.year:
            raise ValidationError({"held_on": _("The session must fall in the course's year.")})


@audited()
class TrainingAttendance(TimeStampedModel):
    """A member's attendance at a session, with the hours credited."""

    scope_fields = ("member__village", "member__organisation__unit")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    member = models.ForeignKey(
        PartyMember,
        verbose_name=_("party member"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    hours = models.DecimalField(_("hours"), **HOURS, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendances")
        ordering = ["-session__held_on", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="party_attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.session}"

    def clean(self) -> None:
        if self.session_id and self.hours is not None and self.hours > self.session.hours:
            raise ValidationError(
                {
                    "hours": _("No more hours than the session counts for (%(hours)s).")
                    % {"hours": self.session.hours}
                }
            )
