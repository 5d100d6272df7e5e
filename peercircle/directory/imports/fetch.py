"""Fetching a feed from an address someone typed, without letting that address reach inside
the server's own network (SSRF): http(s) only, on the usual web ports, every address the name
resolves to must be public (IPv4 hidden inside IPv6 included), the connection goes to the
address that was checked (no second DNS answer), each redirect is checked the same way and may
not go from https to http, and the time and size are capped.

The time is one deadline for the whole fetch, redirects included: before every socket
operation the socket's timeout is set to what is left of it, and the body is read in pieces
(`read1`), so a server that trickles bytes, headers or redirects cannot hold a request longer.

PEERCIRCLE_IMPORT_ALLOW_PRIVATE_URLS lets a private network's own feeds through, on any port
(and tests fetch from a local server with it on); PEERCIRCLE_IMPORT_ALLOWED_PORTS adds ports to
80 and 443.
"""

import functools
import http.client
import io
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.source import max_bytes, too_big

MAX_REDIRECTS = 3
MAX_HEADER_BYTES = 64 * 1024  # the status line and headers of one answer (100 Continue included)
READ_SIZE = 64 * 1024
WEB_PORTS = (80, 443)
USER_AGENT = "PeerCircle listing import (+https://github.com/peercircle)"

# NAT64: the well-known prefix (RFC 6052) and the local-use one (RFC 8215), IPv4 in the last 32 bits.
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d


def _unreachable(detail: str) -> ListingImportError:
    return ListingImportError(_("We couldn't read that address: %(detail)s. Check it in a browser, or download "
                                "the file and upload it instead.") % {"detail": detail})


def _not_read() -> ListingImportError:
    """Every way a connection can fail says the same, so the form cannot tell a closed port from
    a host that refused or dropped the connection."""
    return ListingImportError(_("We couldn't read that address. Check that it opens in a browser, or download "
                                "the file and upload it instead."))


def _took_too_long(seconds: int) -> ListingImportError:
    return _unreachable(ngettext("it took longer than %(seconds)s second to answer",
                                 "it took longer than %(seconds)s seconds to answer", seconds) % {"seconds": seconds})


class Deadline:
    """One moment the whole fetch must be done by. `remaining()` is the socket timeout to set
    before the next operation, and raises TimeoutError once the moment has passed."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._at = clock() + seconds

    def remaining(self) -> float:
        left = self._at - self._clock()
        if left <= 0:
            raise TimeoutError
        return max(0.001, left)

    def arm(self, sock: socket.socket) -> None:
        sock.settimeout(self.remaining())


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries traffic to: 6to4, Teredo (server and client),
    NAT64 and IPv4-compatible. (IPv4-mapped is handled by the caller.)"""
    found = []
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)
    if ip in _IPV4_COMPATIBLE or any(ip in network for network in _NAT64):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return _public(str(ip.ipv4_mapped))
        if not all(_public(str(inner)) for inner in _embedded_ipv4(ip)):
            return False
    return ip.is_global and not ip.is_multicast


def _addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise _unreachable(_("the name “%(host)s” wasn't found") % {"host": host}) from error
    return list(dict.fromkeys(info[4][0] for info in infos))


def _allowed_ports() -> set[int]:
    return {*WEB_PORTS, *(int(port) for port in settings.PEERCIRCLE_IMPORT_ALLOWED_PORTS)}


def _checked_target(url: str) -> tuple[str, str, int, str, str]:
    """(scheme, host, port, path with query, the address to connect to)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise ListingImportError(_("That web address isn't complete. It should look like "
                                   "https://example.org/meetings.json.")) from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ListingImportError(_("Please give a web address starting with https:// (or http://)."))
    if parts.username or parts.password:
        raise ListingImportError(_("Please give the address without a user name or password in it."))
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = _addresses(parts.hostname, port)
    allow_private = settings.PEERCIRCLE_IMPORT_ALLOW_PRIVATE_URLS
    if not allow_private and not all(_public(address) for address in addresses):
        raise ListingImportError(_("That address points inside a private network, so PeerCircle won't fetch it. "
                                   "Download the file and upload it instead."))
    if not allow_private and port not in _allowed_ports():
        raise ListingImportError(_("PeerCircle only reads addresses on the usual web ports, so it won't fetch one "
                                   "on port %(port)s. Download the file and upload it instead.") % {"port": port})
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path, addresses[0]


class _DeadlineReader(io.RawIOBase):
    """The socket's bytes, arming the deadline before each read and counting them: at most
    `limit` (first the headers' allowance, then the body's)."""

    def __init__(self, sock: socket.socket, deadline: Deadline):
        super().__init__()
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline
        self.count = 0
        self.limit = MAX_HEADER_BYTES
        self.in_body = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        allowance = self.limit - self.count
        if allowance <= 0:
            raise too_big() if self.in_body else http.client.HTTPException("headers too large")
        self._deadline.arm(self._sock)
        with memoryview(buffer) as view:
            read = self._raw.readinto(view[:allowance])
        self.count += read or 0
        return read

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    """An HTTPResponse whose every read (status line, headers, body) keeps to the deadline."""

    def __init__(self, sock, debuglevel=0, method=None, url=None, *, deadline: Deadline):
        self._reader = _DeadlineReader(sock, deadline)
        super().__init__(_SocketLike(self._reader), debuglevel, method, url)

    def begin(self):
        super().begin()
        # Chunked framing may add to the body's bytes, but not without end.
        self._reader.limit = self._reader.count + 2 * max_bytes() + MAX_HEADER_BYTES
        self._reader.in_body = True


class _SocketLike:
    """All HTTPResponse asks of a socket: a file to read from (here, through the reader)."""

    def __init__(self, reader: _DeadlineReader):
        self._reader = reader

    def makefile(self, mode):
        return io.BufferedReader(self._reader)


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address that was checked, and arms the deadline before every send."""

    def __init__(self, host, port, address, deadline: Deadline):
        super().__init__(host, port)
        self._address = address
        self._deadline = deadline
        self.response_class = functools.partial(_DeadlineResponse, deadline=deadline)

    def _open(self) -> socket.socket:
        return socket.create_connection((self._address, self.port), self._deadline.remaining())

    def connect(self):
        self.sock = self._open()

    def send(self, data):
        if self.sock is None:
            self.connect()
        self._deadline.arm(self.sock)
        super().send(data)


def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


class _PinnedHTTPS(_PinnedHTTP):
    default_port = http.client.HTTPS_PORT

    def connect(self):
        sock = self._open()
        try:
            self._deadline.arm(sock)  # the handshake keeps to it
            self.sock = _tls_context().wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def _read_body(response: http.client.HTTPResponse) -> bytes:
    """The body one socket read at a time, each kept to the deadline by the response's reader."""
    chunks, size = [], 0
    while chunk := response.read1(READ_SIZE):
        size += len(chunk)
        if size > max_bytes():
            raise too_big()
        chunks.append(chunk)
    if response.length:  # the server closed before the Content-Length it promised
        raise http.client.IncompleteRead(b"".join(chunks), response.length)
    return b"".join(chunks)


def fetch(url: str, *, clock: Callable[[], float] = time.monotonic) -> bytes:
    """The body found at `url` (following up to three redirects, all within one deadline), or a
    ListingImportError."""
    timeout = settings.PEERCIRCLE_IMPORT_TIMEOUT
    deadline = Deadline(timeout, clock)
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, path, address = _checked_target(url)
        connection_class = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        connection = connection_class(host, port, address, deadline)
        response = None
        try:
            deadline.remaining()  # looking the name up counts too
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "application/json",
                                                     "Accept-Encoding": "identity"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = _redirected(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise _unreachable(_("it answered with an error (%(status)s %(reason)s)") % {
                    "status": response.status, "reason": response.reason})
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes():
                raise too_big()
            return _read_body(response)
        except TimeoutError as error:
            raise _took_too_long(timeout) from error
        except (OSError, http.client.HTTPException) as error:  # ssl.SSLError is an OSError
            raise _not_read() from error
        finally:
            if response is not None:
                response.close()
            connection.close()
    raise _unreachable(_("it sent us on too many redirects"))


def _redirected(url: str, location: str) -> str:
    target = urljoin(url, location.strip())
    if urlsplit(url).scheme == "https" and urlsplit(target).scheme == "http":
        raise ListingImportError(_("That address sent us on from a secure (https://) address to one that isn't "
                                   "secure (http://), so PeerCircle stopped. Download the file and upload it "
                                   "instead."))
    return target
