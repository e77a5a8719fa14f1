"""Hand-written layer over the generated clients: typed errors, retries, waiting and a CLI.

`ImportJobs` talks to a cluster (`zilliz_import_client`), `CloudImportJobs` to Zilliz Cloud's control
plane (`zilliz_cloud_import_client`).

The facades return the generated models; the mock server lives in `zilliz_import.mock`.
"""

from zilliz_import.cloud_async import AsyncCloudImportJobs
from zilliz_import.cloud_settings import ObjectStorage, Volume
from zilliz_import.cloud_sync import CloudImportJobs
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
    "AsyncCloudImportJobs",
    "AsyncImportJobs",
    "AuthenticationError",
    "BackPressureError",
    "ClientTimeoutError",
    "CloudImportJobs",
    "ConfigurationError",
    "CreateOptions",
    "Ending",
    "ImportJobs",
    "InvalidArgumentError",
    "InvalidRequestError",
    "JobFailedError",
    "JobNotFoundError",
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
