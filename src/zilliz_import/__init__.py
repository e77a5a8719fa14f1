"""Hand-written layer over the generated clients: typed errors, retries, waiting and a CLI.

`ImportJobs` talks to a cluster (`zilliz_import_client`), `CloudImportJobs` to Zilliz Cloud's control
plane (`zilliz_cloud_import_client`).

The facades return the generated models; the mock server lives in `zilliz_import.mock`. The layers, from
the bottom: `_core` (plane-neutral: settings, retries, transport, what answers mean), `planes` (each
plane as one descriptor), `following` (decisions without I/O and the one loop), `resources` (the
facades), `cli`; `mock` and `contract` stand apart and import nothing of the client.
"""

import logging

from zilliz_import._core.retry import RetryPolicy
from zilliz_import.errors import (
    ApiError,
    AuthenticationError,
    BackPressureError,
    ClientTimeoutError,
    ConfigurationError,
    FileTypeRefusedError,
    InvalidArgumentError,
    InvalidRequestError,
    JobActionRefusedError,
    JobAlreadyEndedError,
    JobFailedError,
    JobNotFoundError,
    JobNotUncommittedError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    ServerTimeoutError,
    TransportError,
    UnexpectedResponseError,
    WaitManyTimeoutError,
    WaitTimeoutError,
    ZillizImportError,
)
from zilliz_import.following.progress import TERMINAL_STATES, Ending, ProgressEvent, ending
from zilliz_import.planes.cluster_options import CreateOptions
from zilliz_import.planes.sources import ObjectStorage, Volume
from zilliz_import.resources.cloud_import_jobs import AsyncCloudImportJobs, CloudImportJobs
from zilliz_import.resources.import_jobs import AsyncImportJobs, ImportJobs

# A library keeps quiet unless its application configures logging (the logging HOWTO's advice to libraries).
logging.getLogger("zilliz_import").addHandler(logging.NullHandler())

__all__ = [
    "TERMINAL_STATES",
    "ApiError",
    "AsyncCloudImportJobs",
    "AsyncImportJobs",
    "AuthenticationError",
    "BackPressureError",
    "ClientTimeoutError",
    "CloudImportJobs",
    "ConfigurationError",
    "CreateOptions",
    "Ending",
    "FileTypeRefusedError",
    "ImportJobs",
    "InvalidArgumentError",
    "InvalidRequestError",
    "JobActionRefusedError",
    "JobAlreadyEndedError",
    "JobFailedError",
    "JobNotFoundError",
    "JobNotUncommittedError",
    "ObjectStorage",
    "PermissionDeniedError",
    "ProgressEvent",
    "RateLimitedError",
    "RetryPolicy",
    "ServerError",
    "ServerTimeoutError",
    "TransportError",
    "UnexpectedResponseError",
    "Volume",
    "WaitManyTimeoutError",
    "WaitTimeoutError",
    "ZillizImportError",
    "ending",
]
