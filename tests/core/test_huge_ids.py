"""An id too large for the database, posted in a choice field of any add form, is refused
as a choice that does not exist, never a 500: the forms are found in the URL conf."""

import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mingzhu.org.models import User

HUGE = "99999999999999999999"


def add_pages() -> list[str]:
    def walk(resolver, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, entry.namespace or namespace)
            elif (
                isinstance(entry, URLPattern)
                and namespace
                and (entry.name or "").endswith("_add")
                and not entry.pattern.converters
            ):
                yield f"{namespace}:{entry.name}"

    return sorted(set(walk(get_resolver(), None)))


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["supervisor", "admin", "zzb"])
def test_an_id_too_large_is_no_choice(as_user, username):
    client = as_user(User.objects.get(username=username))
    tried = 0
    for name in add_pages():
        url = reverse(name)
        page = client.get(url)
        form = page.context.get("form") if page.status_code == 200 and page.context else None
        if form is None:
            continue
        choices = [
            field_name
            for field_name, field in form.fields.items()
            if isinstance(field, forms.ModelChoiceField)
        ]
        for field_name in choices:
            tried += 1
            response = client.post(url, {field_name: [HUGE]})
            # The form again with the field's error (400, or 200 on a page that shows it so).
            assert response.status_code in (200, 400), (url, field_name, response.status_code)
            errors = response.context["form"].errors.get(field_name, [])
            assert errors, (url, field_name)
    assert tried > 10


@pytest.mark.django_db
def test_a_text_of_signs_alone_is_refused_on_the_page(as_user, supervisor):
    response = as_user(supervisor).post("/documents/add/", {"text": "-1"})
    assert response.status_code == 400
    assert "空" in response.content.decode() or "empty" in response.content.decode()
