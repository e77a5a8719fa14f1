"""The control plane's ASGI app: the shared request loop (faults, timeouts, admin) with its own routes and keys."""

from __future__ import annotations

import random
import string

from zilliz_import.mock.app import BaseApp, RouteTable
from zilliz_import.mock.asgi import Scope, header
from zilliz_import.mock.cloud.handlers import ControlPlaneHandlers
from zilliz_import.mock.replies import ApiError

CODE_ILLEGAL_API_KEY = 21119
ID_ALPHABET = string.ascii_lowercase + string.digits
ID_LENGTH = 21


class ControlPlaneApp(BaseApp):
    """`api.cloud.zilliz.com` as the mock serves it: API keys only, `job-...` IDs, clusters by ID.

    An illegal key is answered HTTP 200 with code 21119: the reference pages show the envelope but
    no status, and the control plane answers its other errors with HTTP 200 (the mock's choice).
    """

    @staticmethod
    def new_job_id(rng: random.Random, previous: str | None) -> str:
        """`job-` and 21 lowercase letters and digits, as the control plane's IDs look."""
        return "job-" + "".join(rng.choices(ID_ALPHABET, k=ID_LENGTH))

    def route_table(self) -> RouteTable:
        """The control plane's routes."""
        return ControlPlaneHandlers(self.config, self.jobs)

    def _authenticate(self, scope: Scope) -> str:
        scheme, _, key = (header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or key.strip() not in self.config.api_keys:
            raise ApiError(CODE_ILLEGAL_API_KEY, "The apikey is illegal.")
        return key.strip()
