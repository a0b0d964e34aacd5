from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms as f
from . import views as v

app_name = "notify"
pages = ModelPages(v)

urlpatterns = [
    path("mine/", v.MyDeliveriesView.as_view(), name="my_deliveries"),
    path("my-preferences/", v.MyPreferenceView.as_view(), name="my_preferences"),
    *pages(
        "channels", "Channel", form=f.ChannelForm, delete=True, actions={"test": v.ChannelTestView}
    ),
    *pages("deliveries", "Delivery", add=False),
    *pages("jobs", "Job", form=f.JobForm, add=False, actions={"run": v.JobRunNowView}),
    *pages("preferences", "Preference", form=f.PreferenceForm, delete=True),
]
