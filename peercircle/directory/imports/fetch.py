"""Fetching a feed from an address someone typed, without letting that address reach inside
the server's own network (SSRF): http(s) only, every address the name resolves to must be
public, the connection goes to the address that was checked (no second DNS answer), each
redirect is checked the same way, and the time and size are capped.

PEERCIRCLE_IMPORT_ALLOW_PRIVATE_URLS lets a private network's own feeds through (and tests
fetch from a local server with it on).
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.source import max_bytes, too_big

MAX_REDIRECTS = 3
USER_AGENT = "PeerCircle listing import (+https://github.com/peercircle)"


def _unreachable(detail: str) -> ListingImportError:
    return ListingImportError(_("We couldn't read that address: %(detail)s. Check it in a browser, or download "
                                "the file and upload it instead.") % {"detail": detail})


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise _unreachable(_("the name “%(host)s” wasn't found") % {"host": host}) from error
    return list(dict.fromkeys(info[4][0] for info in infos))


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
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _read_body(response, *, deadline: float) -> bytes:
    """The body in pieces, so a server that trickles bytes cannot hold the request for longer
    than the timeout (the socket's timeout only bounds each wait)."""
    chunks, size = [], 0
    while True:
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes():
            raise too_big()
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)


def fetch(url: str) -> bytes:
    """The body found at `url` (following up to three redirects), or a ListingImportError."""
    timeout = settings.PEERCIRCLE_IMPORT_TIMEOUT
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, path, address = _checked_target(url)
        connection_class = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        connection = connection_class(host, port, address, timeout)
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "application/json",
                                                     "Accept-Encoding": "identity"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise _unreachable(_("it answered with an error (%(status)s %(reason)s)") % {
                    "status": response.status, "reason": response.reason})
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes():
                raise too_big()
            return _read_body(response, deadline=time.monotonic() + timeout)
        except ssl.SSLError as error:
            raise _unreachable(_("its secure connection couldn't be checked")) from error
        except TimeoutError as error:
            raise _unreachable(ngettext("it took longer than %(seconds)s second to answer",
                                        "it took longer than %(seconds)s seconds to answer", timeout)
                               % {"seconds": timeout}) from error
        except (OSError, http.client.HTTPException) as error:
            raise _unreachable(_("the connection failed")) from error
        finally:
            connection.close()
    raise _unreachable(_("it sent us on too many redirects"))
