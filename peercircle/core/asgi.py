"""Django's ASGI handler, with the synchronous part of each request on a small, fixed set of threads.

Django's own handler runs each request's synchronous code (middleware, views, the ORM) in a new
thread of its own. Under load that means dozens of threads fighting over one interpreter lock,
a new database connection for every request (the thread it was opened in is gone by the next
one), and no order among waiting requests: some wait ten times longer than others.

Here each process keeps `PEERCIRCLE_HTTP_THREADS` threads (4 by default). A request waits its
turn, first come first served, for a free thread, and its synchronous code runs there, one
request per thread at a time. So:
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
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler


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
        free = self._free_threads()
        executor = await free.get()  # asyncio.Queue serves waiters in the order they came
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            # A request cancelled by a disconnect may leave its view finishing on the thread:
            # the executor runs one thing at a time, so the next request simply starts after it.
            free.put_nowait(executor)

    async def get_response_async(self, request):
        if self.threads <= 0:
            return await super().get_response_async(request)
        # Inside the request's ThreadSensitiveContext: runs on the request's kept thread.
        return await sync_to_async(self._sync.get_response, thread_sensitive=True)(request)


def get_asgi_application() -> PooledASGIHandler:
    """Like django.core.asgi.get_asgi_application, with the pooled handler."""
    import django

    django.setup(set_prefix=False)
    return PooledASGIHandler(threads=getattr(settings, "PEERCIRCLE_HTTP_THREADS", 4))
