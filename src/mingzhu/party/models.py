"""Party building (党建): organisations on the org tree, members with the least personal
data the work needs, members linked to households (党员联户, 分区包片, 中心户结对) with their
visits, party-group activities and the training records of the "1+X" 初心锤炼 system.

A member holds a name, a branch, a village and a role: no ID number, no birth date, no
phone. A problem found on a visit is a task of the task engine, linked to the visit.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, task_link, unit_fk, user_fk
from mingzhu.core.models import FieldErrors, Named, TimeStampedModel, validate_not_future
from mingzhu.org.choices import UnitKind
from mingzhu.system import dictionaries
from mingzhu.tasks.backed import TaskBacked

from .choices import ActivityKind, CourseTrack, LinkKind, MemberRole, OrganisationKind

# Where households and members live: villages, communities and their natural villages.
RESIDENTIAL_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY, UnitKind.NATURAL_VILLAGE)
HOURS = {"max_digits": 5, "decimal_places": 1}


def _residential(instance) -> FieldErrors:
    """The record's village must be a village, community or natural village."""
    return FieldErrors().unit_kind(
        instance, "village", RESIDENTIAL_KINDS, _("Choose a village, community or natural village.")
    )


@audited()
class PartyOrganisation(Named, TimeStampedModel):
    """A party committee, general branch or branch (党委/党总支/党支部) of an org unit."""

    scope_fields = ("unit",)

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.BRANCH
    )
    unit = unit_fk(_("org unit"), "party_organisations")
    parent = foreign_key("self", _("higher organisation"), "children", optional=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("party organisation")
        verbose_name_plural = _("party organisations")
        ordering = ["unit__path", "name"]


@audited()
class PartyGroup(TimeStampedModel):
    """A party group (党小组) of a branch, with its leader (党小组长)."""

    scope_fields = ("organisation__unit",)

    organisation = foreign_key(PartyOrganisation, _("party organisation"), "groups")
    name = models.CharField(_("name"), max_length=100)
    leader = foreign_key("PartyMember", _("group leader"), optional=True, on_delete=models.SET_NULL)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("party group")
        verbose_name_plural = _("party groups")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="party_group_unique")
        ]

    str_related = ("organisation",)

    def __str__(self) -> str:
        return f"{self.organisation} · {self.name}"

    def clean(self) -> None:
        errors = FieldErrors()
        message = _("The group leader must be a member of the same organisation.")
        errors.belongs(self, "leader", "organisation", message).raise_if_any()


@audited()
class PartyMember(Named, TimeStampedModel):
    """A party member: name, organisation, group, village and role, nothing more."""

    scope_fields = ("village", "organisation__unit")

    name = models.CharField(_("name"), max_length=50)
    organisation = foreign_key(PartyOrganisation, _("party organisation"), "members")
    group = foreign_key(
        PartyGroup, _("party group"), "members", optional=True, on_delete=models.SET_NULL
    )
    village = unit_fk(_("village or community"), "party_members", kinds=RESIDENTIAL_KINDS)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["organisation__name", "name", "pk"]

    def clean(self) -> None:
        errors = _residential(self)
        message = _("The party group belongs to another organisation.")
        errors.belongs(self, "group", "organisation", message).raise_if_any()


@audited()
class Household(TimeStampedModel):
    """A household of a village: the head of household's name and the address."""

    scope_fields = ("village",)

    village = unit_fk(_("village or community"), "party_households", kinds=RESIDENTIAL_KINDS)
    head_name = models.CharField(_("head of household"), max_length=50)
    address = models.CharField(_("address"), max_length=200)
    is_illustrative = illustrative()

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
        _residential(self).raise_if_any()


@audited()
class HouseholdLink(TimeStampedModel):
    """A member's link to a household; a household has at most one current link."""

    scope_fields = ("household__village", "member__organisation__unit")

    household = foreign_key(Household, _("household"), "links")
    member = foreign_key(PartyMember, _("party member"), "links")
    kind = models.CharField(
        _("kind"), max_length=20, choices=LinkKind.choices, default=LinkKind.HOUSEHOLD
    )
    started_on = models.DateField(_("linked since"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_illustrative = illustrative()

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

    str_related = ("member", "household")

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

    household = foreign_key(Household, _("household"), "visits")
    member = foreign_key(PartyMember, _("party member"), "visits")
    visited_on = models.DateField(_("visited on"))
    findings = models.TextField(_("what was found"))
    problem = models.TextField(
        _("problem to solve"),
        blank=True,
        help_text=_("Leave empty when nothing needs to be done; otherwise it becomes a task."),
    )
    task = task_link("household_visit")
    recorded_by = user_fk(_("visit recorded by"), optional=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("household visit")
        verbose_name_plural = _("household visits")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["household", "visited_on"], name="party_visit_hh_on")]

    str_related = ("household",)

    def __str__(self) -> str:
        return f"{self.household.head_name} {self.visited_on:%Y-%m-%d}"


@audited(m2m_fields=("attendees",))
class PartyGroupActivity(TimeStampedModel):
    """An activity of a party group (党小组活动): meeting, study, service, deliberation."""

    scope_fields = ("group__organisation__unit",)

    group = foreign_key(PartyGroup, _("party group"), "activities")
    held_on = models.DateField(_("held on"), validators=[validate_not_future])
    # A dictionary (数据字典): the built-in kinds and those the office added.
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=dictionaries.field_choices("party.activity_kind"),
        default=ActivityKind.MEETING,
    )
    topic = models.CharField(_("topic"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        PartyMember, verbose_name=_("attendees"), blank=True, related_name="group_activities"
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("party group activity")
        verbose_name_plural = _("party group activities")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.topic}（{self.held_on:%Y-%m-%d}）"


ALL_ROWS = Q(pk__isnull=False)
# Hours are credited for a session that has taken place.
SESSION_NOT_HELD = _("The session is held on %(day)s: hours are credited once it has taken place.")


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
    organiser = unit_fk(_("organiser"))
    description = models.TextField(_("description"), blank=True)
    is_illustrative = illustrative()

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

    course = foreign_key(TrainingCourse, _("course"), "sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), **HOURS, validators=[MinValueValidator(Decimal("0.5"))])
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "pk"]

    str_related = ("course",)

    def __str__(self) -> str:
        return f"{self.course.name} {self.held_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.course_id and self.held_on and self.held_on.year != self.course.year:
            raise ValidationError({"held_on": _("The session must fall in the course's year.")})


@audited()
class TrainingAttendance(TimeStampedModel):
    """A member's attendance at a session, with the hours credited."""

    scope_fields = ("member__village", "member__organisation__unit")

    session = foreign_key(TrainingSession, _("session"), "attendances")
    member = foreign_key(PartyMember, _("party member"), "attendances")
    hours = models.DecimalField(_("hours"), **HOURS, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendances")
        ordering = ["-session__held_on", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="party_attendance_unique")
        ]

    str_related = ("member", "session")

    def __str__(self) -> str:
        return f"{self.member} · {self.session}"

    def clean(self) -> None:
        errors = FieldErrors()
        if self.session_id:
            message = _("No more hours than the session counts for (%(hours)s).")
            errors.at_most("hours", self.hours, self.session.hours, message)
            errors.not_future("session", self.session.held_on, SESSION_NOT_HELD)
        errors.raise_if_any()
