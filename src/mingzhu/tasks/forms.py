from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm
from mingzhu.core.widgets import searchable
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import city_units

from . import actions
from .models import HolidayDay, HolidayYear, Task, TaskList

# The units that lead or share a task: the city's departments, towns and villages (not
# peer counties, enterprises or grids).
WORK_KINDS = (UnitKind.DEPARTMENT, *TOWN_KINDS, UnitKind.VILLAGE, UnitKind.COMMUNITY)


@searchable("parent", "lead_unit", "co_units")
class TaskForm(ScopedModelForm):
    class Meta:
        model = Task
        fields = [
            "title",
            "content",
            "task_list",
            "parent",
            "weight",
            "lead_unit",
            "co_units",
            "leader",
            "deadline",
            "deadline_basis",
            "time_limit",
            "urgency",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = self.fields["leader"].queryset.filter(roles__code="leader")
        for name in ("lead_unit", "co_units"):
            queryset = city_units(self.fields[name].queryset).filter(kind__in=WORK_KINDS)
            self.fields[name].queryset = queryset

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and getattr(self.user, "unit", None) is None:
            raise forms.ValidationError(_("Only a user with a unit can issue tasks."))
        if self.instance.pk is None:
            problem = actions.deadline_before_creation(
                cleaned.get("deadline"), timezone.localdate()
            )
            if problem:
                self.add_error("deadline", problem)
        else:
            changed = {
                name: cleaned.get(name)
                for name in ("deadline", "deadline_basis", "time_limit")
                if name in cleaned and cleaned.get(name) != self.initial.get(name)
            }
            problem = actions.deadline_edit_problem(self.instance, changed, timezone.localdate())
            if problem:
                self.add_error("deadline", problem)
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is not None:
            return super().save(commit)
        data = dict(self.cleaned_data)
        co_units = data.pop("co_units", [])
        self.instance = actions.create_task(actor=self.user, co_units=co_units, **data)
        return self.instance


class TaskListForm(ScopedModelForm):
    class Meta:
        model = TaskList
        fields = ["name", "kind", "issuer", "year", "source"]


class HolidayYearForm(ScopedModelForm):
    class Meta:
        model = HolidayYear
        fields = ["year", "notice", "entered"]


class HolidayDayForm(ScopedModelForm):
    class Meta:
        model = HolidayDay
        fields = ["arrangement", "day", "kind", "name"]
        widgets = {"day": forms.DateInput(attrs={"type": "date"})}
