"""A built site served by a local nginx with the repository's deploy/nginx.conf, for the
deploy tests (tests/test_deploy.py) and the Lighthouse script (scripts/lighthouse.py).

deploy/nginx.conf is a `server` block for a Debian host (`listen 80;`,
`root /srv/dangjian/current;`); here it gets a free port on 127.0.0.1, the given root, and a
throw-away main config around it: temp paths and pid in ``work``, Debian's mime types, and
workers running as www-data as on a server (when started as root). Not used by the site
build itself.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NGINX = Path("/usr/sbin/nginx")
LISTEN = "listen 80;"
ROOT = "root /srv/dangjian/current;"


class NginxError(RuntimeError):
    """nginx refused the config or did not start (the message holds its error log)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main_config(server: str, work: Path, port: int, root: Path) -> str:
    """The test-only main config: ``server`` (deploy/nginx.conf's text) listening on
    127.0.0.1:``port`` with ``root``, every path nginx writes inside ``work``."""
    if LISTEN not in server or ROOT not in server:
        raise NginxError(f"the server config lacks `{LISTEN}` or `{ROOT}`")
    server = server.replace(LISTEN, f"listen 127.0.0.1:{port};").replace(ROOT, f"root {root};")
    temp = work / "temp"
    user = "user www-data;" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server}
}}
"""


@contextmanager
def local_nginx(
    server_conf: Path, root: Path, work: Path, nginx: Path = NGINX, timeout: float = 20
) -> Iterator[str]:
    """nginx serving ``root`` with the server block in ``server_conf``; yields its base URL
    (``http://127.0.0.1:PORT``). ``work`` (an existing directory) holds the main config,
    pid, temp files and error log. The config is checked (`nginx -t`) first."""
    port = free_port()
    (work / "temp").mkdir(exist_ok=True)
    conf = work / "nginx.conf"
    conf.write_text(
        main_config(server_conf.read_text(encoding="utf-8"), work, port, root), encoding="utf-8"
    )
    args = [str(nginx), "-c", str(conf), "-p", str(work), "-e", str(work / "error.log")]
    test = subprocess.run([*args, "-t"], capture_output=True, text=True)
    if test.returncode != 0:
        raise NginxError(test.stderr)
    proc = subprocess.Popen(args)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    log = work / "error.log"
                    raise NginxError(
                        "nginx did not start: " + (log.read_text() if log.exists() else "")
                    ) from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
