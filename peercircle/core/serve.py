"""Several uvicorn workers, each listening on a socket of its own (SO_REUSEPORT, Linux).

With uvicorn's own supervisor every worker accepts from one shared socket, and whichever wakes
first takes every connection waiting: 50 connections opened together may land 40 on one worker
and 10 on the other. Keep-alive connections (browsers, a reverse proxy's upstream pool) stay
where they landed, so the busy worker's pages wait four times longer than the idle one's. Here
each worker has its own socket on the same port, and the kernel spreads new connections evenly
over them.

Everything else is uvicorn's supervisor (`uvicorn.supervisors.Multiprocess`): restarting a
worker that died, signals, shutting down.
"""

import socket
import sys

from uvicorn.supervisors import Multiprocess


def balancing_available(workers: int) -> bool:
    return workers > 1 and sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def reuse_port_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


class BalancedMultiprocess(Multiprocess):
    """uvicorn's supervisor, handing each worker it starts a new listening socket of its own.

    The supervisor starts a worker right after asking for its sockets; starting it duplicates
    the socket into the worker, so the supervisor then closes its own copy — otherwise a worker
    that died would leave a socket behind that the kernel keeps sending connections to."""

    def __init__(self, config):
        self._handed_over: list[socket.socket] = []
        self._first = reuse_port_socket(config.host, config.port, config.backlog)  # fails early if taken
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
