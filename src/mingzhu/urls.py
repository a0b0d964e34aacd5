from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from mingzhu.appraisal import api as appraisal_api
from mingzhu.civility import api as civility_api
from mingzhu.cockpit import views as cockpit_views
from mingzhu.core import api as core_api
from mingzhu.core import views as core_views
from mingzhu.documents import api as documents_api
from mingzhu.enterprises import api as enterprises_api
from mingzhu.grid import api as grid_api
from mingzhu.livelihood import api as livelihood_api
from mingzhu.org import api as org_api
from mingzhu.party import api as party_api
from mingzhu.projects import api as projects_api
from mingzhu.risks import api as risks_api
from mingzhu.rural import api as rural_api
from mingzhu.targets import api as targets_api
from mingzhu.tasks import api as tasks_api

router = DefaultRouter()
router.register("org/units", org_api.OrgUnitViewSet, basename="orgunit")
router.register("org/users", org_api.UserViewSet, basename="user")
router.register("tasks", tasks_api.TaskViewSet, basename="task")
router.register("grid/events", grid_api.GridEventViewSet, basename="gridevent")
router.register("grid/campaigns", grid_api.CampaignViewSet, basename="campaign")
router.register("grid/metrics", grid_api.MetricsViewSet, basename="grid-metrics")
router.register("targets/indicators", targets_api.IndicatorViewSet, basename="indicator")
router.register("targets/observations", targets_api.ObservationViewSet, basename="observation")
router.register("targets/progress", targets_api.ProgressViewSet, basename="targets-progress")
# The domain apps register their own viewsets (each app's api.register).
for app_api in (
    projects_api,
    appraisal_api,
    enterprises_api,
    risks_api,
    documents_api,
    livelihood_api,
    rural_api,
    party_api,
    civility_api,
):
    app_api.register(router)

urlpatterns = [
    path("", cockpit_views.CockpitView.as_view(), name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("mingzhu.core.urls")),
    path("org/", include("mingzhu.org.urls")),
    path("tasks/", include("mingzhu.tasks.urls")),
    path("grid/", include("mingzhu.grid.urls")),
    path("targets/", include("mingzhu.targets.urls")),
    path("projects/", include("mingzhu.projects.urls")),
    path("appraisal/", include("mingzhu.appraisal.urls")),
    path("enterprises/", include("mingzhu.enterprises.urls")),
    path("risks/", include("mingzhu.risks.urls")),
    path("documents/", include("mingzhu.documents.urls")),
    path("livelihood/", include("mingzhu.livelihood.urls")),
    path("rural/", include("mingzhu.rural.urls")),
    path("party/", include("mingzhu.party.urls")),
    path("civility/", include("mingzhu.civility.urls")),
    path("notify/", include("mingzhu.notify.urls")),
    path("system/", include("mingzhu.system.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", core_api.SchemaView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"
    ),
    path("api/v1/", include(router.urls)),
    re_path(r"^api/v1/(?P<path>.*)$", core_api.not_found),
]

# Errors answer in the platform's language: pages with the menu, JSON under /api/.
handler400 = "mingzhu.core.views.bad_request"
handler403 = "mingzhu.core.views.permission_denied"
handler404 = "mingzhu.core.views.page_not_found"
handler500 = "mingzhu.core.views.server_error"
