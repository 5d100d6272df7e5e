from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from peercircle.api import views as api_views
from peercircle.api.api import api
from peercircle.core import views as core_views
from peercircle.safety import crisis_views as safety_views

admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", core_views.home, name="home"),
    path("help/", safety_views.help_now, name="help_now"),
    path("about/agreements/", core_views.about_privacy, name="agreements"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/language/", core_views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/docs", api_views.docs, name="api_docs"),
    path("api/v1/", api.urls),
    path("", include("peercircle.accounts.urls")),
    path("", include("peercircle.experiences.urls")),
    path("", include("peercircle.organizations.urls")),
    path("", include("peercircle.groups.urls")),
    path("", include("peercircle.directory.urls")),
    path("", include("peercircle.notifications.urls")),
    path("", include("peercircle.matching.urls")),
    path("", include("peercircle.safety.urls")),
    path("", include("peercircle.community.urls")),
]

handler404 = "peercircle.core.views.page_not_found"
handler500 = "peercircle.core.views.server_error"
