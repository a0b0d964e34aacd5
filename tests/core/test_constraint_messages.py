"""Every check constraint of the database has its own message, in Chinese: a violation that
a form or serializer catches through the model's validation reads as that message, never as
Django's "约束 … 是无效的" with the constraint's name."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.constraints import BaseConstraint
from django.utils import translation

from mingzhu.projects.models import MonthlyInvestment, Project

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _check_constraints():
    for model in apps.get_models():
        if model.__module__.startswith("mingzhu."):
            for constraint in model._meta.constraints:
                if isinstance(constraint, models.CheckConstraint):
                    yield model, constraint


def test_every_check_constraint_has_a_chinese_message():
    found = list(_check_constraints())
    assert len(found) >= 10
    default = BaseConstraint.default_violation_error_message
    for model, constraint in found:
        message = constraint.violation_error_message
        assert message != default, f"{model.__name__}: {constraint.name}"
        with translation.override("en"):
            english = str(message)
        with translation.override("zh-hans"):
            chinese = str(message)
        assert chinese != english, f"{constraint.name}: {english} is not translated"
        assert constraint.name not in chinese


def test_a_violated_constraint_reads_as_its_message(db, unit):
    project = Project(
        name="约束测试",
        investor="某公司",
        chain="other",
        total_investment=-1,
        town=unit("YZ-XINBA"),
        negotiating_on="2025-01-01",
    )
    month = MonthlyInvestment(project=project, year=2026, month=13, completed=1)
    with translation.override("zh-hans"):
        for obj, wanted in ((project, "总投资不能为负数。"), (month, "月份应为 1 至 12。")):
            try:
                obj.validate_constraints(exclude={"project"})
            except ValidationError as exc:
                messages = exc.messages
            else:
                messages = []
            assert wanted in messages
            assert not any("约束" in m for m in messages)
