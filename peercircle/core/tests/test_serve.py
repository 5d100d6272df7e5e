"""`peercircle run --workers N` gives each worker a listening socket of its own (core/serve.py),
so the kernel spreads connections over them; a worker that dies is replaced with a new one."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import uvicorn

from peercircle.core.serve import BalancedMultiprocess, balancing_available, reuse_port_socket

ROOT = Path(__file__).resolve().parents[3]
PEERCIRCLE = Path(sys.executable).parent / "peercircle"
linux_only = pytest.mark.skipif(not balancing_available(2), reason="SO_REUSEPORT balancing is Linux's")


@pytest.fixture(autouse=True)
def signal_handlers_kept():
    """uvicorn's supervisor installs its own signal handlers; give the test process its own back."""
    from uvicorn.supervisors.multiprocess import SIGNALS

    kept = {number: signal.getsignal(number) for number in SIGNALS}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@linux_only
def test_each_worker_gets_a_socket_of_its_own_on_the_same_port():
    port = free_port()
    supervisor = BalancedMultiprocess(uvicorn.Config("config.asgi:application", host="127.0.0.1", port=port,
                                                     workers=2))
    first, second = supervisor.sockets[0], supervisor.sockets[0]
    try:
        assert first is not second
        assert first.getsockname() == second.getsockname() == ("127.0.0.1", port)
    finally:
        # Once the workers have started, the supervisor keeps no copy that could take connections.
        supervisor._close_handed_over()
    assert first.fileno() == -1 and second.fileno() == -1


@linux_only
def test_a_port_in_use_by_someone_else_is_refused_at_once():
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen(1)
        port = other.getsockname()[1]
        with pytest.raises(OSError):
            reuse_port_socket("127.0.0.1", port)


@linux_only
def test_another_balanced_server_on_the_port_is_refused_too():
    """Two servers that both ask for SO_REUSEPORT could share a port and split its connections
    between two installs: the second is refused instead."""
    port = free_port()
    config = uvicorn.Config("config.asgi:application", host="127.0.0.1", port=port, workers=2)
    first = BalancedMultiprocess(config)
    try:
        with pytest.raises(OSError):
            BalancedMultiprocess(config)
    finally:
        first._first.close()


@linux_only
def test_peercircle_run_with_two_workers_serves_and_stops(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(PEERCIRCLE_DATA_DIR=str(tmp_path), PEERCIRCLE_CLOCK="off")
    server = subprocess.Popen([str(PEERCIRCLE), "run", "--port", str(port), "--workers", "2"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        answers = []
        while time.monotonic() < deadline and len(answers) < 10:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    answers.append(response.status)
            except OSError:
                time.sleep(0.5)
        assert answers == [200] * 10
    finally:
        os.killpg(server.pid, signal.SIGINT)
        output = server.communicate(timeout=60)[0].decode()
    assert server.returncode == 0, output
    assert output.count("Started server process") == 2
    # Without Redis, it says what several workers don't share.
    assert "each keeps its own cache" in output
