"""Views for test_asgi_threads: they note the thread they ran on, and how many ran at once."""

import threading
import time

from django.http import HttpResponse
from django.urls import include, path

seen = {"threads": set(), "running": 0, "most": 0, "order": []}
_lock = threading.Lock()


def work(request, name: str):
    with _lock:
        seen["threads"].add(threading.get_ident())
        seen["running"] += 1
        seen["most"] = max(seen["most"], seen["running"])
        seen["order"].append(name)
    time.sleep(0.02)
    with _lock:
        seen["running"] -= 1
    return HttpResponse(name)


def slow(request, name: str):
    with _lock:
        seen["order"].append(name)
    time.sleep(0.3)
    return HttpResponse(name)


def broken(request):
    raise RuntimeError("a view that fails")


# The site's own pages after these: the 404 page links to them.
urlpatterns = [path("work/<str:name>/", work), path("slow/<str:name>/", slow), path("broken/", broken), path("", include("config.urls"))]
