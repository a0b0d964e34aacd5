from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "org"
pages = ModelPages(views)

urlpatterns = [
    *pages("units", "OrgUnit", form=forms.OrgUnitForm, delete=True),
    *pages("users", "User", form=forms.UserForm, delete=True),
    *pages("aliases", "UnitAlias", form=forms.UnitAliasForm, delete=True),
]
