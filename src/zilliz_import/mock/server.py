"""Serving the mock over real sockets with uvicorn, in a background thread or in the foreground."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn

from zilliz_import.mock.asgi import ASGIApp
from zilliz_import.mock.cluster import MockApp

STARTUP_SECONDS = 10.0


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket; port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP,
    # and without it every answer (headers, then body) waits 40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(1024)
    except OSError:
        sock.close()
        raise
    return sock


def uvicorn_server(app: ASGIApp, *, certfile: str | None = None, keyfile: str | None = None) -> uvicorn.Server:
    """A quiet uvicorn server for the app, over TLS when given a certificate chain and its key.

    It stops within a second even with requests in flight.
    """
    config = uvicorn.Config(
        app, lifespan="on", log_level="warning", access_log=False, timeout_graceful_shutdown=1,
        ssl_certfile=certfile, ssl_keyfile=keyfile,
    )  # fmt: skip
    return uvicorn.Server(config)


class MockServer:
    """The mock on a loopback port in a background thread; a context manager.

    Example:
        with MockServer(MockApp(MockConfig(job_seconds=0.1))) as server:
            print(server.url)

    With `certfile` (PEM chain) and `keyfile` it serves https, for clients that insist on TLS.
    """

    def __init__(
        self,
        app: ASGIApp | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        certfile: str | None = None,
        keyfile: str | None = None,
    ) -> None:
        self.app: ASGIApp = app or MockApp()
        self.host = host
        self.scheme = "https" if certfile else "http"
        self._sock = bind_socket(host, port)
        self.port: int = self._sock.getsockname()[1]
        self._server = uvicorn_server(self.app, certfile=certfile, keyfile=keyfile)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="zilliz-import-mock", daemon=True
        )

    @property
    def url(self) -> str:
        """Base URL of the server, to use as the cluster endpoint."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def start(self) -> MockServer:
        """Start serving and wait until the server accepts connections.

        Raises:
            RuntimeError: The server did not start within 10 seconds.
        """
        self._thread.start()
        deadline = time.monotonic() + STARTUP_SECONDS
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the mock server did not start on {self.url}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=STARTUP_SECONDS)
        self._sock.close()

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
