"""The production front, run here: deploy/nginx.conf in front of two gunicorns.

`front()` starts what docs/deploy.md describes — nginx with the repository's
own site file, a gunicorn for pages and one for search, the assets exported
to disk, a self-signed certificate — with only its paths and ports moved into
a scratch folder, so the tests (tests/deploy/) check the real configuration.

Run as a script it is the benchmark of the front (make bench): in interleaved
rounds, an article through the front against nginx sending the same bytes as
a file (target: at least 0.8), both over TLS and compressed as browsers ask
(brotli, the encoding the front picks for them); and a
cold start, process start to the first page, with a built index.

    python bench/front.py --rounds 3 --seconds 5

Needs nginx (Debian's nginx-light), libnginx-mod-http-brotli-static and wrk.
Nothing here asserts a time: it prints.
"""

from __future__ import annotations

import http.client
import os
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from serve import ROOT, free_port, gunicorn, read_wrk, wrk_arguments

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "koulupolku.example"  # the site file's server_name
RELEASE = "/srv/koulupolku/current"
BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
ACCEPT = "gzip, deflate, br"  # what browsers send


@dataclass(frozen=True)
class Front:
    port: int  # https, as the site file's "listen 443"
    plain_port: int  # http, as its "listen 80"
    reference_port: int  # https, nginx sending files from `reference`
    reference: Path
    logs: Path  # every log of nginx and both gunicorns
    cache: Path  # nginx's proxy cache
    conf: Path  # the main file nginx runs
    pages: Path  # the content pages as files (`flask pages export`), if exported
    pages_port: int = 0  # the pages' gunicorn

    def reload(self) -> None:
        """nginx reads its files again (the reference's headers, say)."""
        subprocess.run([NGINX, "-p", str(self.conf.parent), "-c", str(self.conf), "-s",
                        "reload"], check=True, capture_output=True)
        time.sleep(1)  # old workers finish, new ones take the port

    def request(self, path: str, headers: dict[str, str] | None = None, *,
                method: str = "GET", port: int | None = None,
                tls: bool = True) -> http.client.HTTPResponse:
        """One request with Host: koulupolku.example; the body is read."""
        port = port or (self.port if tls else self.plain_port)
        if tls:
            conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=30,
                                               context=ssl._create_unverified_context())
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(method, path, headers={"Host": HOST, **(headers or {})})
        response = conn.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        conn.close()
        return response

    def log_text(self) -> str:
        return "".join(p.read_text(errors="replace") for p in sorted(self.logs.iterdir())
                       if p.is_file())


def site_file(scratch: Path, pages: int, search: int, port: int, plain_port: int) -> str:
    """deploy/nginx.conf with its paths and ports moved into `scratch`; nothing else."""
    text = (ROOT / "deploy/nginx.conf").read_text()
    moves = {
        f"{RELEASE}/instance/pages;": f"{scratch / 'srv' / 'pages'};",
        f"{RELEASE}/": f"{ROOT}/",
        "root /srv/koulupolku;": f"root {scratch / 'srv'};",
        "/var/cache/nginx/koulupolku": str(scratch / "cache"),
        "/var/log/nginx/": f"{scratch / 'logs'}/",
        "/etc/ssl/koulupolku/": f"{scratch / 'tls'}/",
        "127.0.0.1:8000": f"127.0.0.1:{pages}",
        "127.0.0.1:8001": f"127.0.0.1:{search}",
        "listen 443 ssl http2 default_server;": f"listen 127.0.0.1:{port} ssl http2;",
        "listen [::]:443 ssl http2 default_server;": "",
        "listen 80 default_server;": f"listen 127.0.0.1:{plain_port};",
        "listen [::]:80 default_server;": "",
    }
    for old, new in moves.items():
        if old not in text:
            raise SystemExit(f"deploy/nginx.conf no longer has {old!r}: update bench/front.py")
        text = text.replace(old, new)
    return text


def main_file(scratch: Path, site: str, reference_port: int) -> str:
    """The http-level frame Debian's nginx.conf gives, plus the reference server."""
    modules = f"load_module {BROTLI};\n" if Path(BROTLI).exists() else ""
    tls = scratch / "tls"
    return f"""{modules}
user root;
worker_processes auto;
pid {scratch / 'nginx.pid'};
error_log {scratch / 'logs' / 'nginx-main.error.log'} crit;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {scratch / 'tmp'};
    proxy_temp_path {scratch / 'tmp'};
    access_log off;
{site}
    # The reference: the same bytes as plain files, precompressed, nothing else.
    server {{
        listen 127.0.0.1:{reference_port} ssl http2;
        ssl_certificate {tls / 'fullchain.pem'};
        ssl_certificate_key {tls / 'privkey.pem'};
        ssl_session_cache shared:reference_tls:1m;
        access_log off;
        root {scratch / 'reference'};
        open_file_cache max=2000 inactive=60s;
        gzip_static on;
        brotli_static on;
        default_type "text/html; charset=utf-8";
        include {scratch / 'reference-headers.conf'};
    }}
}}
"""


def _certificate(folder: Path) -> None:
    folder.mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={HOST}", "-keyout", str(folder / "privkey.pem"),
                    "-out", str(folder / "fullchain.pem")], check=True, capture_output=True)


@contextmanager
def front(env: dict[str, str] | None = None, *, pages: bool = True) -> Iterator[Front]:
    """nginx + a pages gunicorn + a search gunicorn, until the block ends; with
    the release's content pages exported as files unless `pages` is False."""
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="front-")))
        for name in ("logs", "tmp", "cache", "reference"):
            (scratch / name).mkdir()
        _certificate(scratch / "tls")
        settings = {"KOULUPOLKU_BASE_URL": f"https://{HOST}", **(env or {})}
        subprocess.run([sys.executable, "-m", "flask", "assets", "export",
                        str(scratch / "srv" / "assets")], cwd=ROOT, check=True,
                       capture_output=True)
        if pages:
            exported = subprocess.run(
                [sys.executable, "-m", "flask", "pages", "export", str(scratch / "srv" / "pages")],
                cwd=ROOT, env={**os.environ, **settings}, capture_output=True, text=True)
            if exported.returncode:
                raise SystemExit("flask pages export failed:\n" + exported.stderr[-2000:])
        logs = scratch / "logs"
        pools = {}
        for pool, workers in (("pages", "3"), ("search", "2")):
            pools[pool] = stack.enter_context(gunicorn("koulupolku.wsgi:app", {
                **settings, "WEB_CONCURRENCY": workers,
                "KOULUPOLKU_ACCESS_LOG": str(logs / f"gunicorn-{pool}.access.log"),
                "GUNICORN_CMD_ARGS": f"--error-logfile {logs / f'gunicorn-{pool}.error.log'}",
            }))
        port, plain_port, reference_port = free_port(), free_port(), free_port()
        site = site_file(scratch, int(pools["pages"].rsplit(":", 1)[1]),
                         int(pools["search"].rsplit(":", 1)[1]), port, plain_port)
        conf = scratch / "nginx.conf"
        (scratch / "reference-headers.conf").write_text("")
        conf.write_text(main_file(scratch, site, reference_port))
        checked = subprocess.run([NGINX, "-t", "-q", "-p", str(scratch), "-c", str(conf)],
                                 capture_output=True, text=True)
        if checked.returncode:
            raise SystemExit("nginx refused the site file:\n" + checked.stderr)
        nginx = subprocess.Popen([NGINX, "-p", str(scratch), "-c", str(conf),
                                  "-g", "daemon off;"], stderr=subprocess.PIPE)
        stack.callback(nginx.wait, 30)
        stack.callback(nginx.terminate)
        result = Front(port, plain_port, reference_port, scratch / "reference", logs,
                       scratch / "cache", conf, scratch / "srv" / "pages",
                       int(pools["pages"].rsplit(":", 1)[1]))
        deadline = time.monotonic() + 30
        while True:
            try:
                result.request("/healthz")
                break
            except OSError:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("nginx did not start:\n"
                                     + nginx.stderr.read().decode()) from None
                time.sleep(0.1)
        yield result


def cold_start(env: dict[str, str] | None = None) -> float:
    """Seconds from starting gunicorn to its first 200 for /fi/ (index already built)."""
    started = time.monotonic()
    with gunicorn("koulupolku.wsgi:app", {"KOULUPOLKU_BASE_URL": f"https://{HOST}",
                                          **(env or {})}) as base:
        conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
        conn.request("GET", "/fi/", headers={"Host": HOST})
        status = conn.getresponse().status
        took = time.monotonic() - started
        if status != 200:
            raise SystemExit(f"cold start: /fi/ answered {status}")
    return took


# what nginx writes itself for a file; every other header of the page is copied
OWN_HEADERS = {"server", "date", "content-length", "content-type", "connection",
               "content-encoding", "etag", "last-modified", "accept-ranges",
               "transfer-encoding"}


def same_headers(response: http.client.HTTPResponse) -> str:
    """add_header lines giving the reference the front's headers: the same bytes
    on the wire, not only the same body (the security headers alone are ~1 KB)."""
    lines = []
    for name, value in response.getheaders():
        if name.lower() not in OWN_HEADERS:
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'add_header {name} "{quoted}" always;\n')
    return "".join(lines)


def _wrk(url: str, seconds: int, connections: int, threads: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-H", f"Host: {HOST}", "-H", f"Accept-Encoding: {ACCEPT}", url],
        capture_output=True, text=True, check=True).stdout
    return read_wrk(out)


def main() -> None:
    args = wrk_arguments(__doc__.splitlines()[0], seconds=5, connections=32)
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    path = "/fi/vanhemmat/aamut-kun-lapsi-ei-lahde/"
    rows: dict[str, list[dict[str, float]]] = {"front": [], "file": []}
    with front() as f:
        page = f.request(path, {"Accept-Encoding": ACCEPT})
        if page.status != 200:
            raise SystemExit(f"{path} answered {page.status}")
        # the reference sends exactly these bytes, in the encoding the front chose
        target = f.reference / path.strip("/")
        target.mkdir(parents=True)
        coding = page.getheader("Content-Encoding")
        suffix = {"br": ".br", "gzip": ".gz"}.get(coding or "")
        if suffix is None:
            raise SystemExit(f"{path} came back without brotli or gzip ({coding!r})")
        (target / f"index.html{suffix}").write_bytes(page.body)  # type: ignore[attr-defined]
        (target / "index.html").write_bytes(b"")  # *_static need the plain name
        (f.conf.parent / "reference-headers.conf").write_text(same_headers(page))
        f.reload()
        copy = f.request(path, {"Accept-Encoding": ACCEPT}, port=f.reference_port)
        if copy.body != page.body:  # type: ignore[attr-defined]
            raise SystemExit("the reference does not send the front's bytes")
        sizes = {name: sum(len(k) + len(v) + 4 for k, v in r.getheaders()) + len(r.body)
                 for name, r in (("front", page), ("file", copy))}
        print(f"one answer, headers and body: front {sizes['front']} B, "
              f"file {sizes['file']} B")
        print(f"article {path}: {len(page.body)} B {coding}"  # type: ignore[attr-defined]
              f", {args.connections} connections, {args.seconds} s × {rounds} rounds")
        for _ in range(rounds):  # interleaved: the machine is shared and noisy
            rows["front"].append(_wrk(f"https://127.0.0.1:{f.port}{path}", args.seconds,
                                      args.connections, args.threads))
            rows["file"].append(_wrk(f"https://127.0.0.1:{f.reference_port}{path}",
                                     args.seconds, args.connections, args.threads))
    print(f"{'':22} {'req/s':>9} {'spread':>15} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for name, label in (("front", "article via the front"), ("file", "nginx, same file")):
        rps = [r["rps"] for r in rows[name]]
        print(f"{label:22} {statistics.median(rps):9.0f} "
              f"{min(rps):7.0f}–{max(rps):<7.0f} "
              f"{statistics.median(r['p50'] for r in rows[name]):7.2f} "
              f"{statistics.median(r['p99'] for r in rows[name]):7.2f} "
              f"{sum(r['errors'] for r in rows[name]):6.0f}")
    ratios = [a["rps"] / b["rps"] for a, b in zip(rows["front"], rows["file"], strict=True)]
    print(f"ratio front / file: median {statistics.median(ratios):.2f} "
          f"(rounds {', '.join(f'{r:.2f}' for r in ratios)}; target 0.80)")
    starts = [cold_start() for _ in range(rounds)]
    print(f"cold start, process to first page: median {statistics.median(starts):.2f} s "
          f"(rounds {', '.join(f'{s:.2f}' for s in starts)})")


if __name__ == "__main__":
    main()
