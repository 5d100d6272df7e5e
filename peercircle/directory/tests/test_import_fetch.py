"""Reading a feed from an address: from a local web server (private addresses allowed, as a
test or a private network's own feeds need), and refusing anything inside a private network
otherwise, before any connection is made."""

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.fetch import _public, fetch
from peercircle.directory.imports.services import listing_import_preview
from peercircle.directory.models import ImportRun
from peercircle.directory.tests.import_samples import third_party

pytestmark = pytest.mark.django_db
FEED = json.dumps(third_party()).encode()


class Feeds(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        if self.path == "/meetings.json":
            self._send(200, FEED)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/meetings.json")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/big.json":
            self._send(200, b"[" + b" " * 5000 + b"]")
        elif self.path == "/slow.json":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"[")
            self.wfile.flush()
            time.sleep(2)
        elif self.path == "/page.html":
            self._send(200, b"<!doctype html><title>Meetings</title>")
        else:
            self._send(404, b"not here")

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server(settings):
    settings.PEERCIRCLE_IMPORT_ALLOW_PRIVATE_URLS = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_feed_is_read_from_an_address_and_previewed(feed_server, hillside_admin, other_organization):
    run = listing_import_preview(actor=hillside_admin, organization=other_organization,
                                 url=f"{feed_server}/meetings.json")

    assert run.source_name == f"{feed_server}/meetings.json"
    assert run.counts["create"] == 3 and run.counts["skip"] == 4


def test_the_page_and_the_api_read_addresses_too(feed_server, hillside_admin_client):
    page = hillside_admin_client.post("/organizations/hillside/manage/imports/",
                                      {"kind": "auto", "url": f"{feed_server}/moved"})
    api = hillside_admin_client.post("/api/v1/organizations/hillside/imports",
                                     {"url": f"{feed_server}/meetings.json"}, content_type="application/json")

    assert page.status_code == 302
    assert api.status_code == 201 and api.json()["counts"]["listings"] == 3
    assert ImportRun.objects.count() == 2


@pytest.mark.parametrize(("path", "message"), [
    ("/missing.json", "it answered with an error (404 Not Found)"),
    ("/loop", "it sent us on too many redirects"),
    ("/page.html", "That isn't JSON"),
])
def test_an_address_that_cannot_be_read_says_why(feed_server, path, message):
    with pytest.raises(ListingImportError, match=re.escape(message)) as refused:
        from peercircle.directory.imports.source import decode

        decode(fetch(feed_server + path))
    if "answered" in message or "redirects" in message:
        assert "download the file and upload it instead" in str(refused.value)


def test_a_feed_larger_than_the_limit_is_refused(feed_server, settings):
    settings.PEERCIRCLE_IMPORT_MAX_BYTES = 1024

    with pytest.raises(ListingImportError, match="larger than"):
        fetch(f"{feed_server}/big.json")


def test_a_server_that_does_not_answer_in_time_is_given_up_on(feed_server, settings):
    settings.PEERCIRCLE_IMPORT_TIMEOUT = 1

    with pytest.raises(ListingImportError, match="it took longer than 1 second to answer"):
        fetch(f"{feed_server}/slow.json")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/feeds/meeting-guide.json",
    "http://localhost/meetings.json",
    "http://[::1]/meetings.json",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.8/meetings.json",
    "http://192.168.1.20/meetings.json",
    "http://[::ffff:127.0.0.1]/meetings.json",
])
def test_private_loopback_and_link_local_addresses_are_refused_by_default(url, hillside_admin, other_organization):
    with pytest.raises(ListingImportError, match="points inside a private network"):
        listing_import_preview(actor=hillside_admin, organization=other_organization, url=url)
    assert not ImportRun.objects.exists()


def test_a_public_name_that_resolves_to_a_private_address_is_refused(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 443))])

    with pytest.raises(ListingImportError, match="points inside a private network"):
        fetch("https://feeds.example.org/meetings.json")


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://example.org/meetings.json", "starting with https://"),
    ("file:///etc/passwd", "starting with https://"),
    ("https://user:secret@example.org/meetings.json", "without a user name or password"),
    ("https://example.org:99999/x", "isn't complete"),
])
def test_addresses_that_are_not_web_addresses_are_refused(url, message):
    with pytest.raises(ListingImportError, match=message):
        fetch(url)


def test_a_name_that_does_not_resolve_is_explained(monkeypatch):
    def not_found(*args, **kwargs):
        raise socket.gaierror("Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", not_found)

    with pytest.raises(ListingImportError, match="the name “meetings.invalid” wasn't found"):
        fetch("https://meetings.invalid/feed.json")


def test_which_addresses_count_as_public():
    assert _public("93.184.215.14") and _public("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert not any(_public(address) for address in (
        "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "::1", "fe80::1", "fd00::1", "224.0.0.1", "::ffff:10.0.0.1"))
