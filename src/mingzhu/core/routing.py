from django.urls import path


def object_urls(
    prefix: str,
    name: str,
    *,
    list_view,
    detail,
    history=None,
    edit=None,
    delete=None,
    form=None,
):
    """The URL set of one model: `<app>:<model>_list|add|detail|history|edit|delete`.

    Views an app writes nothing special for need not be written: without ``history`` the
    history tab is ``detail.as_history()`` (same look-up, scope and buttons); ``form`` (a
    model form class, instead of ``edit``) gives the core edit page with that form;
    ``delete=True`` gives the core delete page.
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
    urls = [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/history/", history.as_view(), name=f"{name}_history"),
    ]
    if edit is not None:
        urls += [
            path(f"{prefix}/add/", edit.as_view(), name=f"{name}_add"),
            path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"),
        ]
    if delete:
        urls.append(path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"))
    return urls
