"""The shipped production configuration (`feeds/web/gunicorn_conf.py`) under real gunicorn
on 127.0.0.1 (issue 12, items 6 and 7):

- connections that open and send nothing do not hold up other clients (gunicorn's default
  sync workers gave each idle connection a whole worker for 30 s);
- a malformed chunked body on the paste form or the API is 400 (it was 500);
- gunicorn's own error pages (a request line it cannot parse) carry the security headers.

The idle-connection test waits at most 15 s for each answer: half the 30 s a sync worker held
an idle connection (a liveness bound, not a speed measurement: the answers take milliseconds
when nothing is blocked, see tests/bench/bench_reliability.py).
"""
from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from feeds.web.security import SECURITY_HEADERS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
TOKEN = "gunicorn-test-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn -c python:feeds.web.gunicorn_conf, as the README says to run it."""
    folder = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = {**os.environ, "TIMELINE_DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
           "TIMELINE_API_TOKEN": TOKEN, "TIMELINE_SECRET_KEY": "gunicorn-test",
           "TIMELINE_BIND": f"127.0.0.1:{port}", "PYTHONPATH": str(ROOT)}
    log = open(folder / "gunicorn.log", "wb")
    process = subprocess.Popen([str(GUNICORN), "-c", "python:feeds.web.gunicorn_conf",
                                "--chdir", str(folder), "feeds.web:create_app()"],
                               env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        for _ in range(600):
            if process.poll() is not None:
                raise AssertionError((folder / "gunicorn.log").read_text()[-2000:])
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        assert get(port, "/api/stories")[0] == 200
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def raw(port: int, data: bytes) -> tuple[int, dict, str]:
    """Send bytes as they are; the status, headers and body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.decode("latin-1").partition("\r\n\r\n")
    lines = head.split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


def assert_security_headers(headers: dict) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name.lower()) == value, name


def test_idle_connections_do_not_hold_up_other_clients(server):
    idle = [socket.create_connection(("127.0.0.1", server)) for _ in range(10)]
    try:
        time.sleep(0.5)  # accepted by the workers, sending nothing
        answers = [get(server, "/api/stories", timeout=15)[0] for _ in range(5)]
    finally:
        for sock in idle:
            sock.close()
    assert answers == [200] * 5


CHUNKED = ("POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {type}\r\n"
           "Authorization: Bearer " + TOKEN + "\r\nTransfer-Encoding: chunked\r\n\r\n{body}")


@pytest.mark.parametrize("body", ["ZZ\r\ntext=a\r\n0\r\n\r\n", "5\r\nab\r\n0\r\n\r\n",
                                  "3\r\nabc"], ids=["bad-size", "short-chunk", "cut-off"])
def test_a_malformed_chunked_body_on_the_paste_form_is_400(server, body):
    status, headers, page = raw(server, CHUNKED.format(
        path="/stories/s/paste", type="application/x-www-form-urlencoded", body=body).encode())
    assert status == 400, page[:300]
    assert_security_headers(headers)


def test_a_malformed_chunked_body_on_the_api_is_400_json(server):
    status, headers, body = raw(server, CHUNKED.format(
        path="/api/stories/s/documents", type="application/json",
        body="5\r\nabc\r\n0\r\n\r\n").encode())
    assert status == 400 and headers["content-type"] == "application/json"
    assert "could not be read" in body
    assert_security_headers(headers)


@pytest.mark.parametrize("request_bytes", [
    b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",                         # request line
    b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",               # header without colon
    b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 200 + b"\r\n",  # too many headers
    b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",           # request line too long
], ids=["request-line", "header", "too-many-headers", "long-line"])
def test_gunicorns_own_error_pages_carry_the_security_headers(server, request_bytes):
    status, headers, body = raw(server, request_bytes)
    assert 400 <= status < 500
    assert_security_headers(headers)
    assert re.search(r"<h1>[^<]+</h1>", body)
