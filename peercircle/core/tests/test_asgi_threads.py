"""HTTP through the pooled ASGI handler (peercircle/core/asgi.py): a fixed set of threads per
process, requests served first come first served, and a failing request gives its thread back."""

import asyncio

import pytest
from asgiref.testing import ApplicationCommunicator

from peercircle.core.asgi import PooledASGIHandler
from peercircle.core.tests import asgi_urls

pytestmark = pytest.mark.urls("peercircle.core.tests.asgi_urls")


@pytest.fixture(autouse=True)
def fresh_counters():
    asgi_urls.seen.update(threads=set(), running=0, most=0, order=[])


def http_scope(path: str, method: str = "GET") -> dict:
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
            "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
            "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 40000), "server": ("testserver", 80)}


async def fetch(app, path: str) -> tuple[int, bytes]:
    communicator = ApplicationCommunicator(app, http_scope(path))
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(10)
    body = b""
    while True:
        message = await communicator.receive_output(10)
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await communicator.send_input({"type": "http.disconnect"})
    await communicator.wait(10)
    return start["status"], body


async def fetch_all(app, paths, stagger: float = 0.0):
    tasks = []
    for path in paths:
        tasks.append(asyncio.create_task(fetch(app, path)))
        if stagger:
            await asyncio.sleep(stagger)
    return await asyncio.gather(*tasks)


def test_many_requests_share_a_few_kept_threads():
    app = PooledASGIHandler(threads=3)
    answers = asyncio.run(fetch_all(app, [f"/work/r{number}/" for number in range(12)]))
    assert answers == [(200, f"r{number}".encode()) for number in range(12)]
    assert asgi_urls.seen["most"] <= 3
    assert len(asgi_urls.seen["threads"]) <= 3

    # The same threads serve the next requests: nothing new is started.
    threads = set(asgi_urls.seen["threads"])
    asyncio.run(fetch_all(app, [f"/work/s{number}/" for number in range(6)]))
    assert asgi_urls.seen["threads"] == threads


def test_waiting_requests_are_served_in_the_order_they_came():
    app = PooledASGIHandler(threads=1)
    names = [f"n{number}" for number in range(8)]
    answers = asyncio.run(fetch_all(app, [f"/work/{name}/" for name in names], stagger=0.002))
    assert [body.decode() for _status, body in answers] == names
    assert asgi_urls.seen["order"] == names
    assert asgi_urls.seen["most"] == 1


def test_a_failing_request_gives_its_thread_back():
    app = PooledASGIHandler(threads=1)

    async def both():
        failed = await fetch(app, "/broken/")
        after = await fetch(app, "/work/after/")
        return failed, after

    failed, after = asyncio.run(both())
    assert failed[0] == 500
    assert after == (200, b"after")


def test_zero_threads_is_djangos_own_handler():
    app = PooledASGIHandler(threads=0)
    answers = asyncio.run(fetch_all(app, [f"/work/z{number}/" for number in range(4)]))
    assert [status for status, _body in answers] == [200] * 4


@pytest.mark.django_db(transaction=True)  # the 404 page reads the database (notifications, for example)
def test_an_unknown_address_is_a_404_through_the_same_threads():
    app = PooledASGIHandler(threads=2)
    status, _body = asyncio.run(fetch(app, "/nowhere/"))
    assert status == 404


def test_a_slow_upload_holds_no_thread():
    """An upload still coming in (a slow connection) doesn't keep others waiting: the body is
    read before a request takes a thread."""
    app = PooledASGIHandler(threads=1)

    async def scenario():
        upload = ApplicationCommunicator(app, http_scope("/work/upload/", "POST"))
        await upload.send_input({"type": "http.request", "body": b"part of it", "more_body": True})
        await asyncio.sleep(0.05)
        answer = await asyncio.wait_for(fetch(app, "/work/meanwhile/"), timeout=10)
        upload.future.cancel()
        return answer

    assert asyncio.run(scenario()) == (200, b"meanwhile")
    assert asgi_urls.seen["order"] == ["meanwhile"]


def test_a_request_whose_client_left_while_waiting_is_not_run():
    app = PooledASGIHandler(threads=1)

    async def scenario():
        busy = ApplicationCommunicator(app, http_scope("/slow/first/"))
        await busy.send_input({"type": "http.request", "body": b""})
        await asyncio.sleep(0.05)
        gone = ApplicationCommunicator(app, http_scope("/slow/gone/"))
        await gone.send_input({"type": "http.request", "body": b""})
        await gone.send_input({"type": "http.disconnect"})
        await gone.wait(10)
        start = await busy.receive_output(10)
        await busy.receive_output(10)
        after = await fetch(app, "/work/after/")
        return start["status"], after

    first_status, after = asyncio.run(scenario())
    assert first_status == 200 and after == (200, b"after")
    assert asgi_urls.seen["order"] == ["first", "after"]


def test_a_worker_loads_the_offline_places_before_the_first_search():
    from peercircle.core import places
    from peercircle.core.asgi import warm_up

    places._index.cache_clear()
    warm_up()
    assert places._index.cache_info().currsize == 1
