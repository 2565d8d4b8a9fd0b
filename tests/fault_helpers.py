"""Real server-side faults for tests and the reliability benchmark.

- `read_only_file(path)`: the file (not its folder) bind-mounted read-only, as a file whose
  permissions an operator got wrong looks to SQLite (root ignores permission bits, so a
  mount is the way to make a file read-only for root). Needs root and `mount`.
- `full_disk(folder, size)`: a tiny tmpfs mounted on `folder`, filled up on demand.
- `OwnPostgres`: a PostgreSQL instance of our own (initdb in a temp folder, another port),
  to stop and start under a running app.

Each raises `Unavailable` (tests skip on it) when the machine cannot provide the fault.
"""
from __future__ import annotations

import contextlib
import glob
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class Unavailable(Exception):
    """This machine cannot make the fault (not root, no mount, no PostgreSQL binaries)."""


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)


def _mount(*args: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        raise Unavailable("mounting needs root and mount(8)")
    result = _run(["mount", *args])
    if result.returncode != 0:
        raise Unavailable(f"mount {' '.join(args)}: {result.stderr.strip()}")


def _umount(target: str) -> None:
    for _ in range(50):
        if _run(["umount", target]).returncode == 0:
            return
        time.sleep(0.1)
    _run(["umount", "-l", target])


@contextlib.contextmanager
def read_only_file(path: str | os.PathLike):
    """`path` read-only until the block ends; yields `make_writable()` to end it early."""
    target = str(path)
    _mount("--bind", target, target)
    state = {"read_only": False}

    def set_read_only(read_only: bool) -> None:
        mode = "ro" if read_only else "rw"
        result = _run(["mount", "-o", f"remount,bind,{mode}", target])
        if result.returncode != 0:
            raise AssertionError(f"remount {mode}: {result.stderr.strip()}")
        state["read_only"] = read_only

    try:
        set_read_only(True)
        yield lambda: set_read_only(False)
    finally:
        if state["read_only"]:
            set_read_only(False)
        _umount(target)


@contextlib.contextmanager
def full_disk(folder: str | os.PathLike, size: str = "2m"):
    """A `size` tmpfs on `folder`; yields `fill(on)`: on=True fills it to the last byte."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    filler = folder / "filler"

    def fill(on: bool) -> None:
        if not on:
            filler.unlink(missing_ok=True)
            return
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for chunk in (65536, 4096, 512, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * chunk)
                except OSError:
                    pass
        finally:
            os.close(fd)
        assert os.statvfs(folder).f_bavail == 0

    try:
        yield fill
    finally:
        filler.unlink(missing_ok=True)
        _umount(str(folder))


def _postgres_binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                                                   reverse=True)), None)
    if found is None:
        raise Unavailable(f"no {name}: install PostgreSQL's server binaries")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnPostgres:
    """A throw-away PostgreSQL server in `folder` on a free port (trust auth, user postgres).

    As root, initdb and the server run as the `postgres` user (PostgreSQL refuses root), in a
    folder of their own under the system temp folder (pytest's tmp_path is root's alone)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._pg_ctl = _postgres_binary("pg_ctl")
        self._user = None
        if os.geteuid() == 0:
            try:
                import pwd
                pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root without a postgres user") from None
            self._user = "postgres"
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._user:
            shutil.chown(self.folder, self._user)
        result = self._as_owner([_postgres_binary("initdb"), "-D", str(self.data), "-U",
                                 "postgres", "-A", "trust", "--no-sync"])
        if result.returncode != 0:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise Unavailable(f"initdb failed: {result.stderr.strip()[-300:]}")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres?connect_timeout=3"

    def _as_owner(self, command: list[str]) -> subprocess.CompletedProcess:
        return _run(command, user=self._user, cwd=self.folder)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        result = self._as_owner([self._pg_ctl, "-D", str(self.data), "-o", options, "-w",
                                 "-l", str(self.folder / "log"), "start"])
        if result.returncode != 0:
            raise AssertionError(f"pg_ctl start: {result.stderr.strip()}")

    def stop(self) -> None:
        self._as_owner([self._pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"])

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "OwnPostgres":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.remove()


def api_request(port: int, method: str, path: str, body: dict | None = None, *, token: str,
                timeout: float = 60) -> tuple[int, bytes]:
    """One request to a server on 127.0.0.1:`port` with the bearer `token` and a JSON body:
    (status, body bytes), on a connection of its own."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Authorization": f"Bearer {token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
