"""The cluster's server bodies under their old name, for tests/zilliz_import until it imports the new one.

They moved to tests/generated/cluster/server_bodies.py (the tests mirror generated/cluster/); once
nothing imports `tests.generated.server_bodies`, delete this module.
"""

from __future__ import annotations

from tests.generated.cluster.server_bodies import (
    ERROR_BODIES,
    FILE_STATES,
    JOB_STATES_AND_PROGRESS,
    SEED_EXAMPLE,
    STANDARD_STATUS_ERROR_BODIES,
    SUCCESS_PROGRESS_BODIES,
    file_progress,
    job_progress,
    with_extra_fields,
)

__all__ = [
    "ERROR_BODIES",
    "FILE_STATES",
    "JOB_STATES_AND_PROGRESS",
    "SEED_EXAMPLE",
    "STANDARD_STATUS_ERROR_BODIES",
    "SUCCESS_PROGRESS_BODIES",
    "file_progress",
    "job_progress",
    "with_extra_fields",
]
