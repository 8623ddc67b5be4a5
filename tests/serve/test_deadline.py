"""A connection that never completes a request is closed: idle, or trickling its headers."""

from __future__ import annotations

import socket
import time

import pytest

from serve.conftest import CONFIG, IE6, running_service

DEADLINE = 1.0


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deadline")
    with running_service(folder, CONFIG, "--header-timeout", str(DEADLINE)) as running:
        yield running


def connect(service) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", service.port), timeout=DEADLINE * 5)
    return sock


def closed_after(sock: socket.socket) -> float:
    """Seconds until the service closes ``sock`` (a timeout fails the test)."""
    started = time.monotonic()
    while sock.recv(65536):
        pass
    return time.monotonic() - started


def test_a_connection_that_sends_nothing_is_closed(service):
    with connect(service) as sock:
        assert closed_after(sock) < DEADLINE * 3


def test_headers_trickled_a_byte_at_a_time_do_not_keep_the_connection(service):
    # Each byte would reset uvicorn's keep-alive timer: the deadline is from the start.
    request = b"GET /_jreject/auth/nginx HTTP/1.1\r\nHost: svc\r\nX-Slow: " + b"a" * 100
    with connect(service) as sock:
        started = time.monotonic()
        assert not sent_slowly(sock, request)  # the service hung up while bytes were coming
        assert time.monotonic() - started < DEADLINE * 3


def sent_slowly(sock: socket.socket, request: bytes) -> bool:
    """Send ``request`` a byte every tenth of the deadline; False once the peer is gone."""
    for byte in request:
        try:
            sock.sendall(bytes([byte]))
        except (BrokenPipeError, ConnectionResetError):
            return False
        time.sleep(DEADLINE / 10)
    return True


def test_a_kept_alive_connection_answers_each_request_and_pipelined_ones(service):
    one = f"GET /_jreject/auth/nginx HTTP/1.1\r\nHost: svc\r\nUser-Agent: {IE6}\r\n\r\n".encode()
    with connect(service) as sock:
        for _ in range(3):  # within the deadline each time: it restarts after each answer
            sock.sendall(one)
            assert sock.recv(65536).startswith(b"HTTP/1.1 403")
            time.sleep(DEADLINE * 0.6)
        sock.sendall(one * 3)
        received = b""
        while received.count(b"HTTP/1.1 403") < 3:
            received += sock.recv(65536)
        assert closed_after(sock) < DEADLINE * 3
