"""ASGI entry point: HTTP through Django, websockets through Channels.

Consumers only authenticate, join and forward (see DESIGN.md); apps add their routes to
peercircle.core.routing.websocket_urlpatterns.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from peercircle.core.asgi import get_asgi_application  # noqa: E402

# HTTP requests run on a few kept threads per process, first come first served (PEERCIRCLE_HTTP_THREADS).
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from peercircle.core.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
