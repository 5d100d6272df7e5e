"""The one NinjaAPI instance. Each app contributes a router; errors look the same everywhere."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from peercircle.api.auth import AUTH
from peercircle.core.errors import UserFacingError

api = NinjaAPI(
    title="PeerCircle API",
    version="1",
    description=(
        "The PeerCircle REST API. Sign in with your browser session, or send a personal token "
        "(make one on the *API tokens* page) as `Authorization: Bearer pc_…`. Anything you may "
        "not see answers 404, the same as something that does not exist."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/explorer",
)


@api.exception_handler(UserFacingError)
def user_facing_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Please sign in or send a valid token."}, status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": "Some fields are not valid.", "errors": exc.errors},
                               status=422)


def _mount():
    from peercircle.accounts.api import router as accounts_router
    from peercircle.community.api import router as community_router
    from peercircle.community.moderation_api import router as community_moderation_router
    from peercircle.community.story_api import router as stories_router
    from peercircle.directory.api import router as directory_router
    from peercircle.directory.imports.api import router as imports_router
    from peercircle.experiences.api import router as experiences_router
    from peercircle.groups.api import router as groups_router
    from peercircle.matching.api import router as matching_router
    from peercircle.notifications.api import router as notifications_router
    from peercircle.organizations.api import router as organizations_router
    from peercircle.safety.alerts_api import router as safety_alerts_router
    from peercircle.safety.api import router as safety_router
    from peercircle.safety.crisis_api import router as crisis_router
    from peercircle.safety.moderation_api import router as moderation_router

    api.add_router("/", accounts_router)
    api.add_router("/", experiences_router)
    api.add_router("/", organizations_router)
    api.add_router("/", groups_router)
    api.add_router("/", directory_router)
    api.add_router("/", imports_router)
    api.add_router("/", notifications_router)
    api.add_router("/", matching_router)
    api.add_router("/", moderation_router)
    api.add_router("/", safety_router)
    api.add_router("/", safety_alerts_router)
    api.add_router("/", crisis_router)
    api.add_router("/", community_moderation_router)
    api.add_router("/", stories_router)
    api.add_router("/", community_router)


_mount()
