"""The form renderer (``FORM_RENDERER``): Django's, with selects drawn in Python.

Django draws a ``<select>`` through one template, then one included template per option
and one more per option for its attributes. A filter form that offers every unit, list
and leader of the user's scope draws hundreds of options on every page of a ledger, and
most of that page's time went there. :class:`FormRenderer` writes the same markup (byte
for byte: ``tests/core/test_renderers.py`` holds the two equal) with the values escaped
and localised as the templates do, and so the plain ``<input>`` widgets (text, date,
number …) of every filter form; any other widget, and a select whose options use another
template, is drawn by the templates as before.
"""

from __future__ import annotations

from html import escape

from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
# Read only: how ``{{ value }}`` shows in a template rendered with autoescape on.
TEMPLATE = Context(autoescape=True)
OPTION = "django/forms/widgets/select_option.html"


def shown(value) -> str:
    """``{{ value }}`` in a template: localised, escaped unless marked safe."""
    if type(value) is str:  # most labels and values: nothing to localise
        return escape(value)  # what django.utils.html.escape does, without its lazy check
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what localize gives a plain int without grouping (no markup)
    return render_value_in_context(value, TEMPLATE)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return shown(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {shown(name)}")
        if value is not True:
            out.append(f'="{_formatted(value)}"')
    return "".join(out)


def render_select(widget: dict) -> str:
    """django/forms/widgets/select.html with its options' templates, as rendered and
    stripped by the template renderer."""
    out = [f'<select name="{shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in group_choices:
            out.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{shown(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out).strip()


# The widgets whose template is only ``{% include "django/forms/widgets/input.html" %}``.
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("text", "date", "number", "email", "url", "search", "tel", "password", "time")
)


def render_input(widget: dict) -> str:
    """django/forms/widgets/input.html, as rendered and stripped by the template renderer."""
    value = widget["value"]
    shown_value = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"'
        f"{shown_value}{_attrs(widget['attrs'])}>"
    ).strip()


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(
            option.get("template_name") == OPTION
            for _name, options, _index in widget["optgroups"]
            for option in options
        ):
            return render_select(widget)
        if template_name in INPUTS and (widget := context.get("widget")) is not None:
            return render_input(widget)
        return super().render(template_name, context, request=request)
