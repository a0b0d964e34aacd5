from django.urls import path

from mingzhu.core.routing import ModelPages

from . import views as v

app_name = "system"
pages = ModelPages(v)

urlpatterns = [
    path("parameters/", v.ParametersView.as_view(), name="parameters"),
    path("notices/board/", v.NoticeBoardView.as_view(), name="notice_board"),
    *pages("notices", "Notice", delete=True),
    *pages.routes(
        {
            "tokens/": "TokenList",
            "tokens/<int:pk>/revoke/": "TokenRevoke",
            "tokens/all/": ("ApiTokenList", "apitoken_list"),
            "dictionaries/": "Dictionaries",
            "dictionaries/entries/<int:pk>/": "EntryEdit",
            "dictionaries/<str:code>/": "Dictionary",
        }
    ),
]
