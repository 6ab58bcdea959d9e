"""A throw-away PostgreSQL cluster for the register's tests, from Debian's binaries, as an unprivileged user.

Started once per test session under a temporary directory, listening only on
127.0.0.1 at a free port, with trust authentication (so each test connects as
each role by name) and stopped, with its files removed, afterwards. When the
tests run as root the server runs as CONDUCT_PG_USER (default `conduct-ci`),
created here if it is missing, because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LOGINS = {
    "alice": ("conduct_officer",),
    "bob": ("conduct_officer",),
    "dana": ("conduct_officer", "conduct_approver"),
    "mo": ("conduct_officer", "conduct_monitoring_officer"),
}
OWNER = "conduct_owner"


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    bindir: Path
    root: Path
    port: int
    run_as: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = list(args)
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)

    def start(self) -> None:
        done = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                         "--no-sync", "-E", "UTF8", "--locale=C")
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                         str(self.root / "log"), "-w", "-t", "60", "start")
        if done.returncode:
            log = (self.root / "log").read_text(errors="replace") if (self.root / "log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr or done.stdout}\n{log[-2000:]}")

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, user: str = "postgres", database: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statements: str, database: str = "postgres", user: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=user, dbname=database, autocommit=True) as conn:
            conn.execute(statements)


def start_cluster() -> Cluster:
    bindir = binaries()
    if bindir is None:
        raise FileNotFoundError("no PostgreSQL binaries (initdb) under /usr/lib/postgresql/*/bin or on PATH")
    run_as = None
    if os.geteuid() == 0:
        run_as = os.environ.get("CONDUCT_PG_USER", "conduct-ci")
        try:
            pwd.getpwnam(run_as)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", run_as],
                           check=True, capture_output=True)
    root = Path(tempfile.mkdtemp(prefix="conduct-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(bindir, root, _free_port(), run_as)
    try:
        cluster.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster


def prepare_roles(cluster: Cluster) -> None:
    """The council's DBA's part: the group roles (the shipped roles.sql), the owner and one login per person."""
    from importlib import resources

    cluster.sql((resources.files("assistant.register") / "sql" / "roles.sql").read_text(encoding="utf-8"))
    statements = [f"CREATE ROLE {OWNER} LOGIN"]
    for login, groups in LOGINS.items():
        statements.append(f"CREATE ROLE {login} LOGIN IN ROLE {', '.join(groups)}")
    cluster.sql(";\n".join(statements))
