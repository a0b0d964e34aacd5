from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    WORK_POINTS = "work_points", _("Work priorities")  # 工作要点
    LEADER_INSTRUCTION = "leader_instruction", _("Leader's instruction")  # 领导批示
    MEETING = "meeting", _("Meeting decisions")  # 会议
    CAMPAIGN = "campaign", _("Special campaign")  # 专项行动
    INSPECTION_RECTIFICATION = "inspection_rectification", _("Inspection rectification")
    ENVIRONMENTAL_RECTIFICATION = (
        "environmental_rectification",
        _("Environmental inspection rectification"),
    )
    LIVELIHOOD = "livelihood", _("Livelihood projects")  # 民生实事
    LIVING_ENVIRONMENT = "living_environment", _("Living environment remediation")  # 人居环境
    SECRETARY_PROJECTS = "secretary_projects", _("Secretary projects")  # 书记项目
    CIVILISED_CITY = "civilised_city", _("Civilised city creation")  # 文明城市创建
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 待交办
    ASSIGNED = "assigned", _("Assigned")  # 已交办
    ACCEPTED = "accepted", _("Accepted")  # 已签收
    IN_PROGRESS = "in_progress", _("In progress")  # 办理中
    CLOSURE_REQUESTED = "closure_requested", _("Closure requested")  # 申请销号
    CLOSED = "closed", _("Closed")  # 已销号
    RETURNED = "returned", _("Returned for rework")  # 退回
    DEFERRED = "deferred", _("Deferred")  # 缓办
    CANCELLED = "cancelled", _("Cancelled")  # 撤销


# States in which the lead unit is working on the task (it may report, ask for closure
# or for more time).
HANDLING = (Status.ACCEPTED, Status.IN_PROGRESS, Status.RETURNED, Status.DEFERRED)
# States that carry a light: the task has been handed over and is not finished.
ACTIVE = (Status.ASSIGNED, *HANDLING, Status.CLOSURE_REQUESTED)


def status_map(choices, *, working, closure_requested, closed=None, cancelled=None) -> dict:
    """A task-backed record's status for each of its task's (``status_from_task``), its
    statuses being ``choices``: ``working`` while the task is drafted, handed over or
    worked on, ``closure_requested`` once closure is asked for. A returned, closed or
    cancelled task reads as the record's status of that name (``choices.RETURNED`` …)
    unless given; a record without a returned status stays ``working``."""

    def alike(name: str, given=None):
        status = given or getattr(choices, name, None)
        if status is None:
            raise ValueError(f"{choices.__name__} has no {name}: name the status it reads as")
        return status

    return {
        **dict.fromkeys((Status.DRAFT, Status.ASSIGNED, *HANDLING), working),
        Status.RETURNED: getattr(choices, "RETURNED", working),
        Status.CLOSURE_REQUESTED: closure_requested,
        Status.CLOSED: alike("CLOSED", closed),
        Status.CANCELLED: alike("CANCELLED", cancelled),
    }


class DeadlineBasis(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("Calendar days")
    WORKING_DAYS = "working_days", _("Working days")
    WORKING_HOURS = "working_hours", _("Working hours")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")  # 一般
    URGENT = "urgent", _("Urgent")  # 紧急


class Light(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class Satisfaction(models.TextChoices):
    """How satisfied the requester is with the answer (enterprise demands, citizen
    requests)."""

    SATISFIED = "satisfied", _("Satisfied")  # 满意
    BASIC = "basic", _("Basically satisfied")  # 基本满意
    DISSATISFIED = "dissatisfied", _("Dissatisfied")  # 不满意


class SheetLevel(models.TextChoices):
    BLUE = "blue", _("Blue (reminder)")  # 提醒
    YELLOW = "yellow", _("Yellow (warning)")  # 警示
    RED = "red", _("Red (supervision)")  # 督办


class SourceKind(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    DOCUMENT = "document", _("Policy document")
    DEMAND = "demand", _("Enterprise demand")
    GRID_EVENT = "grid_event", _("Grid event")
    HAZARD = "hazard", _("Hazard rectification")
    FACTOR_REQUEST = "factor_request", _("Factor request")
    CITIZEN_REQUEST = "citizen_request", _("Citizen request")
    ASSISTANCE = "assistance", _("Assistance measure")
    COVERAGE = "coverage", _("Insurance coverage follow-up")
    DEBT_PLAN = "debt_plan", _("Debt plan move")
    VILLAGE_INSPECTION = "village_inspection", _("Village inspection deduction")
    FACILITY_FAULT = "facility_fault", _("Facility fault")
    REMEDIATION = "remediation", _("Natural village remediation")
    HOUSEHOLD_VISIT = "household_visit", _("Problem found on a household visit")
    OTHER = "other", _("Other")


class EventAction(models.TextChoices):
    CREATE = "create", _("Created")
    ASSIGN = "assign", _("Assigned")
    ACCEPT = "accept", _("Accepted")
    REPORT = "report", _("Progress reported")
    REQUEST_CLOSURE = "request_closure", _("Closure requested")
    VERIFY = "verify", _("Verified and closed")
    RETURN = "return", _("Returned for rework")
    REQUEST_EXTENSION = "request_extension", _("Extension requested")
    APPROVE_EXTENSION = "approve_extension", _("Extension approved")
    CANCEL = "cancel", _("Cancelled")
    # The requester's rating of the result (an enterprise, a citizen through the desk):
    # satisfied closes the task; the first dissatisfied rating sends it back for rework.
    RATE = "rate", _("Rated by the requester")


class DayKind(models.TextChoices):
    """A day of a year's holiday arrangement (节假日安排)."""

    HOLIDAY = "holiday", _("Holiday")  # 放假
    WORKDAY = "workday", _("Make-up working day")  # 调休上班


class NoticeKind(models.TextChoices):
    """What a notification (站内通知) is about."""

    EVENT = "event", _("Task event")
    SHEET = "sheet", _("Supervision sheet")
    RECHECK = "recheck", _("Re-check due")
    DEMAND_NEW = "demand_new", _("New enterprise demand")
    DEMAND_ANSWERED = "demand_answered", _("Demand answered")
    DIGEST = "digest", _("Daily digest")
    SUMMARY = "summary", _("Weekly summary")
    JOB_FAILED = "job_failed", _("Scheduled job failed")
    TEST = "test", _("Test message")
    REMINDER = "reminder", _("Reminder")  # 催办
    BACKGROUND = "background", _("Background job finished")  # e.g. a large import
