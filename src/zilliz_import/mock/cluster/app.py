"""The cluster endpoint's ASGI app: the import routes as a Milvus proxy answers them, to `user:password` or keys."""

from __future__ import annotations

from zilliz_import.mock.app import BaseApp, RouteTable
from zilliz_import.mock.asgi import Scope, header
from zilliz_import.mock.cluster.handlers import Handlers
from zilliz_import.mock.replies import CODE_UNAUTHENTICATED, ApiError
from zilliz_import.mock.store import decimal_job_id


class MockApp(BaseApp):
    """An ASGI app modelling the import-job routes of a Milvus proxy, with jobs, auth and faults."""

    new_job_id = staticmethod(decimal_job_id)  # (rng, previous ID) -> the next job's ID

    def route_table(self) -> RouteTable:
        """The import routes of the configured release."""
        return Handlers(self.config, self.jobs)

    def _authenticate(self, scope: Scope) -> str:
        scheme, _, token = (header(scope, b"authorization") or "").partition(" ")
        user = self.config.user_of(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise ApiError(CODE_UNAUTHENTICATED, "user hasn't authenticated", 401)
        return user
