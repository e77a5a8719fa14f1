"""Hand-written layer over the generated `zilliz_import_client`: typed errors, retries, waiting and a CLI.

The facades return the generated models; the mock server lives in `zilliz_import.mock`.
"""

from zilliz_import.errors import (
    ApiError,
    AuthenticationError,
    BackPressureError,
    ClientTimeoutError,
    ConfigurationError,
    InvalidArgumentError,
    InvalidRequestError,
    JobFailedError,
    JobNotFoundError,
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
from zilliz_import.jobs_async import AsyncImportJobs
from zilliz_import.jobs_sync import ImportJobs
from zilliz_import.options import CreateOptions
from zilliz_import.retry import RetryPolicy
from zilliz_import.waiting import TERMINAL_STATES, Ending, ProgressEvent, ending

__all__ = [
    "TERMINAL_STATES",
    "ApiError",
    "AsyncImportJobs",
    "AuthenticationError",
    "BackPressureError",
    "ClientTimeoutError",
    "ConfigurationError",
    "CreateOptions",
    "Ending",
    "ImportJobs",
    "InvalidArgumentError",
    "InvalidRequestError",
    "JobFailedError",
    "JobNotFoundError",
    "PermissionDeniedError",
    "ProgressEvent",
    "RateLimitedError",
    "RetryPolicy",
    "ServerError",
    "ServerTimeoutError",
    "TransportError",
    "UnexpectedResponseError",
    "WaitManyTimeoutError",
    "WaitTimeoutError",
    "ZillizImportError",
    "ending",
]
