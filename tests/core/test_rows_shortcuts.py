"""What a list page reads once per page instead of once per row gives the same as the
per-row reading: a choice column's label (``core.tables.choice_labels``) as Django's
``get_<field>_display``, and a row's address (``core.views.addresses``) as its
``get_absolute_url``."""

import pytest
from django.apps import apps
from django.utils import translation

from mingzhu.core.tables import Column, choice_labels
from mingzhu.core.views import addresses


def _mingzhu_models():
    return [m for m in apps.get_models() if m._meta.app_config.name.startswith("mingzhu.")]


def _choice_fields():
    for model in _mingzhu_models():
        for field in model._meta.concrete_fields:
            if field.choices and not field.is_relation:
                yield model, field


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_choice_label_is_djangos(language):
    """Column.value and every get_<field>_display (those install_displays replaced
    included) show what Django's own ``_get_FIELD_display`` shows."""
    checked = replaced = 0
    with translation.override(language):
        for model, field in _choice_fields():
            column = Column(field.name)
            values = [value for value, _label in field.flatchoices]
            outside = 987654 if isinstance(values[0], int) else "not-a-choice"
            method = getattr(model, f"get_{field.name}_display")
            replaced += hasattr(method, "displayed_field")
            for value in [*values, outside, None]:
                obj = model(**{field.attname: value})
                django = obj._get_FIELD_display(field)
                for shown in (column.value(obj), getattr(obj, f"get_{field.name}_display")()):
                    assert shown == django, (model, field, value)
                    assert type(shown) is type(django)
                checked += 1
    assert checked > 200
    assert replaced > 50


def test_a_display_method_of_the_models_own_is_called():
    from mingzhu.projects.models import FactorRequest
    from mingzhu.tasks.models import Task

    assert choice_labels(Task, "status") is not None
    assert choice_labels(Task, "title") is None  # no choices
    # A request's status is its task's, or "awaiting dispatch" (its own method).
    assert choice_labels(FactorRequest, "status") is None
    request = FactorRequest()
    assert Column("status").value(request) == request.get_status_display()


@pytest.mark.django_db
def test_a_rows_address_is_its_absolute_url():
    checked = 0
    for model in _mingzhu_models():
        if not hasattr(model, "get_absolute_url"):
            continue
        address = addresses(model)
        for obj in model._base_manager.all()[:3]:
            assert address(obj) == obj.get_absolute_url(), model
            checked += 1
    assert checked > 100
