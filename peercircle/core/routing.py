from django.urls import path

from peercircle.core.consumers import PingConsumer

# Each app appends its websocket routes here (chat rooms, live notifications).
websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
]
