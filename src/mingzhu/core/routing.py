import re
from types import ModuleType

from django.core.exceptions import ImproperlyConfigured
from django.urls import path


def object_urls(
    prefix: str,
    name: str,
    *,
    list_view,
    detail,
    history=None,
    add=None,
    edit=None,
    delete=None,
    form=None,
    actions=None,
    collection=None,
):
    """The URL set of one model: `<app>:<model>_list|add|detail|history|edit|delete`.

    Views an app writes nothing special for need not be written: without ``history`` the
    history tab is ``detail.as_history()`` (same look-up, scope and buttons); ``form`` (a
    model form class, instead of ``edit``) gives the core edit page with that form;
    ``delete=True`` gives the core delete page. The add page is ``add``, else the edit
    page; ``add=False`` gives none. ``actions`` maps a word to the view of one object's
    action (`<prefix>/<pk>/<word>/`, named `<model>_<word>`), ``collection`` likewise for
    pages of the whole list (`<prefix>/<word>/`). An empty ``prefix`` puts the pages at
    the root of the app.
    """
    from .views import ObjectDeleteView, ObjectEditView

    def plain(base, suffix, **attrs):
        return type(f"{detail.model.__name__}{suffix}", (base,), {"model": detail.model, **attrs})

    if history is None:
        history = detail.as_history()
    if edit is None and form is not None:
        edit = plain(ObjectEditView, "EditView", form_class=form)
    if delete is True:
        delete = plain(ObjectDeleteView, "DeleteView")
    if add is None:
        add = edit
    root = f"{prefix}/" if prefix else ""
    urls = [
        path(root, list_view.as_view(), name=f"{name}_list"),
        path(f"{root}<int:pk>/", detail.as_view(), name=f"{name}_detail"),
        path(f"{root}<int:pk>/history/", history.as_view(), name=f"{name}_history"),
    ]
    if add:
        urls.append(path(f"{root}add/", add.as_view(), name=f"{name}_add"))
    if edit is not None:
        urls.append(path(f"{root}<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"))
    if delete:
        urls.append(path(f"{root}<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"))
    for word, view in (collection or {}).items():
        urls.append(path(f"{root}{word}/", view.as_view(), name=f"{name}_{word}"))
    for word, view in (actions or {}).items():
        urls.append(path(f"{root}<int:pk>/{word}/", view.as_view(), name=f"{name}_{word}"))
    return urls


class ModelPages:
    """The model pages of one views module, the view classes found by their names.

    ``pages = ModelPages(views)``, then ``pages("members", "Member", form=MemberForm)``
    gives the URL set of the model behind ``MemberDetailView``, named after the model
    (``partymember_list`` …): ``MemberListView`` and ``MemberDetailView`` must exist;
    ``MemberHistoryView``, ``MemberAddView``, ``MemberEditView`` and ``MemberDeleteView``
    are used where the module has them. Any view may also be passed by keyword, and
    every keyword of :func:`object_urls` is accepted. ``pages.routes({...})`` gives the
    module's other pages, one view each.
    """

    kinds = ("history", "add", "edit", "delete")

    def __init__(self, views: ModuleType):
        self.views = views

    def view(self, stem: str):
        view = getattr(self.views, f"{stem}View", None)
        if view is None:
            raise ImproperlyConfigured(f"{self.views.__name__} has no {stem}View")
        return view

    def routes(self, table: dict[str, str | tuple[str, str]]) -> list:
        """Pages of one view each, in the order given: route → the stem of the module's
        view (``"rates/": "Rates"`` is ``RatesView``, named ``rates``; ``"TaskBulk"`` is
        named ``task_bulk``), or (stem, name) where the name is not the stem's."""
        urls = []
        for route, stem in table.items():
            stem, name = stem if isinstance(stem, tuple) else (stem, _snake(stem))
            urls.append(path(route, self.view(stem).as_view(), name=name))
        return urls

    def __call__(self, prefix: str, stem: str, *, name: str | None = None, **given):
        def found(kind):
            return getattr(self.views, f"{stem}{kind.capitalize()}View", None)

        detail = given.pop("detail", None) or found("detail")
        list_view = given.pop("list_view", None) or found("list")
        if detail is None or list_view is None:
            raise ImproperlyConfigured(f"{self.views.__name__} has no {stem}List/DetailView")
        for kind in self.kinds:
            view = found(kind)
            if view is not None and kind not in given:
                if kind == "edit" and "form" in given:
                    raise ImproperlyConfigured(f"{stem}: both {stem}EditView and a form")
                given[kind] = view
        return object_urls(
            prefix,
            name or detail.model._meta.model_name,
            list_view=list_view,
            detail=detail,
            **given,
        )


def _snake(stem: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", stem).lower()
