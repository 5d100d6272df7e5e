"""Reading a feed from an address: from a local web server (private addresses allowed, as a
test or a private network's own feeds need), and refusing anything inside a private network
otherwise, before any connection is made. One deadline covers the whole fetch, however slowly
a server trickles its headers, body or redirects."""

import datetime
import ipaddress
import json
import queue
import re
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from peercircle.directory.imports import fetch as fetch_module
from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.fetch import (
    Deadline,
    _checked_target,
    _embedded_ipv4,
    _public,
    fetch,
)
from peercircle.directory.imports.services import listing_import_preview
from peercircle.directory.models import ImportRun
from peercircle.directory.tests.import_samples import third_party

pytestmark = pytest.mark.django_db
FEED = json.dumps(third_party()).encode()
TRICKLE = 0.2  # seconds between the bytes of a server that trickles: 20 of them take 4 seconds
NOT_READ = "We couldn't read that address. Check that it opens in a browser, or download the file and upload it instead."


class FakeClock:
    """A clock the test server moves on, so the deadline can be tested without waiting."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class Feeds(BaseHTTPRequestHandler):
    clock = None
    trickled = None  # a queue: how each trickle ended ("finished", or "cut off" when the client hung up)
    plain = ""  # the plain-http server's address, for the https one to redirect to

    def handle(self):
        try:
            super().handle()
        except OSError:  # the client hung up first, as several tests mean it to
            pass

    def do_GET(self):  # noqa: N802 - the name http.server calls
        if self.path.startswith("/hops/"):  # each answer takes four seconds on the fake clock
            self.clock.now += 4
            left = int(self.path.removeprefix("/hops/"))
            self.send_response(302)
            self.send_header("Location", f"/hops/{left - 1}" if left else "/meetings.json")
            self.end_headers()
        elif self.path == "/trickle-body.json":
            self.send_response(200)
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self._trickle(FEED)
        elif self.path == "/trickle-headers.json":
            self._trickle(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 20 + f"\r\nContent-Length: {len(FEED)}\r\n\r\n".encode()
                          + FEED, slowly_from=17)
        elif self.path == "/many-headers.json":
            self.send_response(200)
            for number in range(40):  # under http.client's own limits (100 headers, 64 KiB a line)
                self.send_header(f"X-Filler-{number}", "a" * 4000)
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)
        elif self.path == "/hang-up":
            self.connection.shutdown(socket.SHUT_RDWR)
        elif self.path == "/to-http":
            self.send_response(302)
            self.send_header("Location", f"{self.plain}/meetings.json")
            self.end_headers()
        elif self.path == "/port-8080":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:8080/meetings.json")
            self.end_headers()
        elif self.path == "/meetings.json":
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

    def _trickle(self, data, slowly_from=0):
        """`data`, 20 bytes of it one at a time from `slowly_from`, then the rest at once: a
        fetch that waits for the whole of it gets it, just late."""
        try:
            self.wfile.write(data[:slowly_from])
            for byte in data[slowly_from:slowly_from + 20]:
                time.sleep(TRICKLE)
                self.wfile.write(bytes([byte]))
            time.sleep(TRICKLE)
            self.wfile.write(data[slowly_from + 20:])
            self.trickled.put("finished")
        except OSError:
            self.trickled.put("cut off")

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture
def feed_server(settings):
    settings.PEERCIRCLE_IMPORT_ALLOW_PRIVATE_URLS = True
    server = _serve(ThreadingHTTPServer(("127.0.0.1", 0), Feeds))
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def trickled(monkeypatch):
    trickled = queue.Queue()
    monkeypatch.setattr(Feeds, "trickled", trickled)
    return trickled


@pytest.fixture
def clock(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(Feeds, "clock", clock)
    return clock


def _self_signed(directory):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def secure_feed_server(feed_server, tmp_path, monkeypatch):
    """An https server with its own certificate, which fetch is told to trust."""
    cert_file, key_file = _self_signed(tmp_path)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert_file, key_file)
    monkeypatch.setattr(fetch_module, "_tls_context", lambda: ssl.create_default_context(cafile=str(cert_file)))
    monkeypatch.setattr(Feeds, "plain", feed_server)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    _serve(server)
    yield f"https://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _public_dns(address, family=socket.AF_INET):
    return lambda host, port, *args, **kwargs: [(family, socket.SOCK_STREAM, 6, "", (address, port))]


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


def test_a_server_that_trickles_its_body_is_given_up_on_at_the_deadline(feed_server, settings, trickled):
    settings.PEERCIRCLE_IMPORT_TIMEOUT = 1  # each byte comes well within it; the body takes 4 seconds

    with pytest.raises(ListingImportError, match="it took longer than 1 second to answer"):
        fetch(f"{feed_server}/trickle-body.json")
    assert trickled.get(timeout=30) == "cut off"  # the fetch hung up, rather than wait for the end


def test_a_server_that_trickles_its_headers_is_given_up_on_at_the_deadline(feed_server, settings, trickled):
    settings.PEERCIRCLE_IMPORT_TIMEOUT = 1

    with pytest.raises(ListingImportError, match="it took longer than 1 second to answer"):
        fetch(f"{feed_server}/trickle-headers.json")
    assert trickled.get(timeout=30) == "cut off"


def test_redirects_share_one_deadline(feed_server, settings, clock):
    settings.PEERCIRCLE_IMPORT_TIMEOUT = 10  # each answer takes 4 (fake) seconds, well within it on its own

    assert fetch(f"{feed_server}/hops/1", clock=clock) == FEED  # two answers: 8 seconds
    with pytest.raises(ListingImportError, match="it took longer than 10 seconds to answer"):
        fetch(f"{feed_server}/hops/3", clock=clock)  # the third answer ends at 12 seconds


def test_the_deadline_counts_down_from_one_moment():
    now = [100.0]
    deadline = Deadline(5, clock=lambda: now[0])

    assert deadline.remaining() == 5
    now[0] = 104.5
    assert deadline.remaining() == 0.5
    now[0] = 104.99999
    assert deadline.remaining() == 0.001  # never 0, which would make the socket non-blocking
    now[0] = 105
    with pytest.raises(TimeoutError):
        deadline.remaining()


def test_headers_larger_than_the_limit_are_refused(feed_server):
    with pytest.raises(ListingImportError) as refused:
        fetch(f"{feed_server}/many-headers.json")
    assert str(refused.value) == NOT_READ


def test_every_failed_connection_says_the_same(feed_server):
    """A closed port and a server that hangs up cannot be told apart through the form."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()

    messages = set()
    for url in (f"http://127.0.0.1:{closed_port}/meetings.json", f"{feed_server}/hang-up"):
        with pytest.raises(ListingImportError) as refused:
            fetch(url)
        messages.add(str(refused.value))
    assert messages == {NOT_READ}


@pytest.mark.parametrize("address", [
    "64:ff9b::7f00:1",              # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",           # NAT64 of 169.254.169.254
    "64:ff9b:1::a00:1",             # local-use NAT64 of 10.0.0.1
    "2002:7f00:1::",                # 6to4 of 127.0.0.1
    "2002:c0a8:114::1",             # 6to4 of 192.168.1.20
    "2001:0:5db8:d70e::80ff:fffe",  # Teredo: a public server, client 127.0.0.1
    "2001:0:a00:1::a2ff:fe6a",      # Teredo: server 10.0.0.1
    "::ffff:127.0.0.1",             # IPv4-mapped
    "::ffff:a9fe:a9fe",
    "::7f00:1",                     # IPv4-compatible (deprecated)
])
def test_private_addresses_inside_public_looking_ipv6_are_refused(address):
    assert not _public(address)


def test_public_addresses_inside_ipv6_are_allowed():
    assert _public("64:ff9b::5db8:d70e")  # NAT64 of 93.184.215.14, as an IPv6-only network sees it
    assert _public("2002:5db8:d70e::1")   # 6to4
    assert _public("::ffff:93.184.215.14")


def test_teredo_server_and_client_are_both_unwrapped():
    assert _embedded_ipv4(ipaddress.IPv6Address("2001:0:5db8:d70e::80ff:fffe")) == [
        ipaddress.IPv4Address("93.184.215.14"), ipaddress.IPv4Address("127.0.0.1")]


def test_a_name_that_resolves_to_nat64_of_a_private_address_is_refused(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", _public_dns("64:ff9b::7f00:1", socket.AF_INET6))

    with pytest.raises(ListingImportError, match="points inside a private network"):
        fetch("https://feeds.example.org/meetings.json")


def test_only_the_usual_web_ports_are_fetched(monkeypatch, settings):
    monkeypatch.setattr(socket, "getaddrinfo", _public_dns("93.184.215.14"))
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: pytest.fail("no connection is made"))

    with pytest.raises(ListingImportError, match="only reads addresses on the usual web ports, so it won't "
                                                 "fetch one on port 8080"):
        fetch("http://feeds.example.org:8080/meetings.json")
    assert _checked_target("https://feeds.example.org/m.json")[2] == 443
    assert _checked_target("http://feeds.example.org:80/m.json")[2] == 80

    settings.PEERCIRCLE_IMPORT_ALLOWED_PORTS = [8080]
    assert _checked_target("http://feeds.example.org:8080/meetings.json") == (
        "http", "feeds.example.org", 8080, "/meetings.json", "93.184.215.14")


def test_a_redirect_to_another_port_is_refused_too(feed_server, settings, monkeypatch):
    settings.PEERCIRCLE_IMPORT_ALLOW_PRIVATE_URLS = False
    settings.PEERCIRCLE_IMPORT_ALLOWED_PORTS = [urlsplit(feed_server).port]  # the local server's own port
    monkeypatch.setattr(fetch_module, "_public", lambda address: True)  # and its address, for the first answer

    with pytest.raises(ListingImportError, match="on port 8080"):
        fetch(f"{feed_server}/port-8080")


def test_a_feed_is_read_over_https(secure_feed_server):
    assert fetch(f"{secure_feed_server}/meetings.json") == FEED


def test_a_redirect_from_https_to_http_is_refused(secure_feed_server):
    with pytest.raises(ListingImportError, match=re.escape("from a secure (https://) address to one that isn't "
                                                           "secure (http://)")):
        fetch(f"{secure_feed_server}/to-http")


def test_a_certificate_that_cannot_be_checked_says_the_same_as_any_failed_connection(secure_feed_server, monkeypatch):
    monkeypatch.setattr(fetch_module, "_tls_context", ssl.create_default_context)  # the test certificate isn't trusted

    with pytest.raises(ListingImportError) as refused:
        fetch(f"{secure_feed_server}/meetings.json")
    assert str(refused.value) == NOT_READ
