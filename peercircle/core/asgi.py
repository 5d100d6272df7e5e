"""Django's ASGI handler, with the synchronous part of each request on a small, fixed set of threads.

Django's own handler runs each request's synchronous code (middleware, views, the ORM) in a new
thread of its own. Under load that means dozens of threads fighting over one interpreter lock,
a new database connection for every request (the thread it was opened in is gone by the next
one), and no order among waiting requests: some wait ten times longer than others.

Here each process keeps `PEERCIRCLE_HTTP_THREADS` threads (4 by default). A request's body is
read first; then it waits its turn, first come first served, for a free thread, and its
synchronous code runs there, one request per thread at a time; the thread is free again as soon
as the response starts going out. A request whose client left while it waited is not run. So:
- latency is shared fairly under load (the slowest requests wait about as long as the typical);
- each thread keeps its database connection between requests (`CONN_MAX_AGE`), and a process
  never holds more than that many, whatever the traffic (PostgreSQL's max_connections, PgBouncer);
- a slow request (an export, a big search) holds one thread, not the process;
- the middleware and the view run as one synchronous call on that thread (the chain Django
  builds for WSGI), instead of hopping between the thread and the event loop at every switch
  between middleware that can run asynchronously and middleware that can't.

Websockets don't come through here (Channels routes them, config/asgi.py). `0` threads gives
Django's own behaviour back.
"""

import asyncio
import contextvars
import logging
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.conf import settings
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.http import HttpResponseServerError

log = logging.getLogger("django.request")

# The request's body, read before it waited for a thread, and its hold on that thread.
_body = contextvars.ContextVar("peercircle_http_body", default=None)
_lease = contextvars.ContextVar("peercircle_http_lease", default=None)


class _Lease:
    """One request's turn on a kept thread, given back once (when sending starts, or at the end)."""

    def __init__(self, free: asyncio.Queue, executor: ThreadPoolExecutor):
        self.free, self.executor, self.returned = free, executor, False

    def give_back(self) -> None:
        if not self.returned:
            self.returned = True
            self.free.put_nowait(self.executor)


async def _client_left(receive) -> bool:
    """Whether the client went away while the request waited. After the body, the only message
    that can come is a disconnect; a receive still waiting is cancelled, consuming nothing."""
    pending = asyncio.ensure_future(receive())
    await asyncio.sleep(0)
    if pending.done():
        return pending.result().get("type") == "http.disconnect"
    pending.cancel()
    return False


class PooledASGIHandler(ASGIHandler):
    def __init__(self, threads: int):
        super().__init__()
        self.threads = threads
        self._sync = BaseHandler()
        self._sync.load_middleware(is_async=False)
        # A thread starts on its first request, and is kept.
        self._executors = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"http-{number}")
                           for number in range(threads)]
        self._free: asyncio.Queue | None = None
        self._loop = None

    def _free_threads(self) -> asyncio.Queue:
        # The queue belongs to the event loop it was made in: a server runs one loop per process.
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop, self._free = loop, asyncio.Queue()
            for executor in self._executors:
                self._free.put_nowait(executor)
        return self._free

    async def __call__(self, scope, receive, send):
        if self.threads <= 0 or scope["type"] != "http":
            return await super().__call__(scope, receive, send)
        # The body first, without a thread: a slow upload holds none.
        try:
            body_file = await super().read_body(receive)
        except RequestAborted:
            return
        free = self._free_threads()
        executor = await free.get()  # asyncio.Queue serves waiters in the order they came
        lease = _Lease(free, executor)
        body_token, lease_token = _body.set(body_file), _lease.set(lease)
        try:
            if await _client_left(receive):  # gave up while waiting: don't run it for nobody
                body_file.close()
                return
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            # A request cancelled by a disconnect may leave its view finishing on the thread:
            # the executor runs one thing at a time, so the next request simply starts after it.
            lease.give_back()
            _body.reset(body_token)
            _lease.reset(lease_token)

    async def read_body(self, receive):
        body_file = _body.get()
        return body_file if body_file is not None else await super().read_body(receive)

    async def get_response_async(self, request):
        if self.threads <= 0:
            return await super().get_response_async(request)
        # Inside the request's ThreadSensitiveContext: runs on the request's kept thread.
        try:
            return await sync_to_async(self._sync.get_response, thread_sensitive=True)(request)
        except Exception:  # the error page itself failed: a plain one, as Django's ASGI handler gives
            log.exception("Internal Server Error: %s", request.path)
            return HttpResponseServerError("Internal Server Error", content_type="text/plain")

    async def send_response(self, response, send):
        # Sending needs no thread: the next request may start while a slow reader takes this page.
        lease = _lease.get()
        if lease is not None:
            lease.give_back()
        await super().send_response(response, send)


def warm_up() -> None:
    """Load what the first searches would otherwise wait for (the offline places, ~1-4 s), in the
    background while the worker starts serving."""
    from peercircle.core import places
    from peercircle.directory import query

    try:
        places._index()
        query._countries()
    except Exception:  # never stop a worker over a warm-up; the first search loads it instead
        logging.getLogger(__name__).exception("Warm-up failed")


def get_asgi_application() -> PooledASGIHandler:
    """Like django.core.asgi.get_asgi_application, with the pooled handler."""
    import threading

    import django

    django.setup(set_prefix=False)
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    return PooledASGIHandler(threads=getattr(settings, "PEERCIRCLE_HTTP_THREADS", 4))
