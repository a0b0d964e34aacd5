from django.urls import path


def object_urls(prefix: str, name: str, *, list_view, detail, history, edit=None, delete=None):
    """The URL set of one model: `<app>:<model>_list|add|detail|history|edit|delete`."""
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
    if delete is not None:
        urls.append(path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"))
    return urls
