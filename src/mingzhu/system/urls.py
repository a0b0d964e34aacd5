from django.urls import path

from mingzhu.core.routing import ModelPages

from . import views as v

app_name = "system"
pages = ModelPages(v)

urlpatterns = [
    path("parameters/", v.ParametersView.as_view(), name="parameters"),
    path("notices/board/", v.NoticeBoardView.as_view(), name="notice_board"),
    *pages("notices", "Notice", delete=True),
    path("tokens/", v.TokenListView.as_view(), name="token_list"),
    path("tokens/<int:pk>/revoke/", v.TokenRevokeView.as_view(), name="token_revoke"),
    path("tokens/all/", v.ApiTokenListView.as_view(), name="apitoken_list"),
    path("dictionaries/", v.DictionariesView.as_view(), name="dictionaries"),
    path("dictionaries/entries/<int:pk>/", v.EntryEditView.as_view(), name="entry_edit"),
    path("dictionaries/<str:code>/", v.DictionaryView.as_view(), name="dictionary"),
]
