"""Several uvicorn workers, each listening on a socket of its own (SO_REUSEPORT, Linux).

With uvicorn's own supervisor every worker accepts from one shared socket, and whichever wakes
first takes every connection waiting: 50 connections opened together may land 40 on one worker
and 10 on the other. Keep-alive connections (browsers, a reverse proxy's upstream pool) stay
where they landed, so the busy worker's pages wait four times longer than the idle one's. Here
each worker has its own socket on the same port, and the kernel spreads new connections evenly
over them.

Everything else is uvicorn's supervisor (`uvicorn.supervisors.Multiprocess`): restarting a
worker that died, signals, shutting down. One difference: each worker has its own queue of
connections not yet accepted, so when a worker stops (a restart, a crash) the few waiting in its
queue are reset instead of going to another worker. On Linux 5.14 and newer,
`sysctl net.ipv4.tcp_migrate_req=1` hands them over (docs/operators.md).
"""

import socket
import sys

from uvicorn.supervisors import Multiprocess


def balancing_available(workers: int) -> bool:
    return workers > 1 and sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _family(host: str) -> int:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def reuse_port_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    host = host.strip("[]")
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    return sock


def refuse_if_taken(host: str, port: int) -> None:
    """SO_REUSEPORT would let us share a port with another server of the same user (an older
    `peercircle run`, another install) and take half its connections. A plain bind says whether
    anyone listens there: "address already in use", as without balancing."""
    host = host.strip("[]")
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


class BalancedMultiprocess(Multiprocess):
    """uvicorn's supervisor, handing each worker it starts a new listening socket of its own.

    The supervisor starts a worker right after asking for its sockets; starting it duplicates
    the socket into the worker, so the supervisor then closes its own copy — otherwise a worker
    that died would leave a socket behind that the kernel keeps sending connections to."""

    def __init__(self, config):
        self._handed_over: list[socket.socket] = []
        refuse_if_taken(config.host, config.port)
        self._first = reuse_port_socket(config.host, config.port, config.backlog)
        super().__init__(config, sockets=[])

    @property
    def sockets(self) -> list[socket.socket]:
        sock = self._first if self._first is not None else reuse_port_socket(
            self.config.host, self.config.port, self.config.backlog)
        self._first = None
        self._handed_over.append(sock)
        return [sock]

    @sockets.setter
    def sockets(self, _value) -> None:  # Multiprocess.__init__ sets it; each worker gets its own
        pass

    def _close_handed_over(self) -> None:
        while self._handed_over:
            self._handed_over.pop().close()

    def init_processes(self) -> None:
        super().init_processes()
        self._close_handed_over()

    def restart_all(self) -> None:
        super().restart_all()
        self._close_handed_over()

    def keep_subprocess_alive(self) -> None:
        super().keep_subprocess_alive()
        self._close_handed_over()
