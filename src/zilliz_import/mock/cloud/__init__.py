"""The Zilliz Cloud control plane (`api.cloud.zilliz.com`) as the mock serves it: the same jobs, other routes.

What only the control plane has:
    app: `ControlPlaneApp`: the shared request loop with API keys only (21119), `job-...` IDs, its routes.
    handlers: create from object storage or a volume, the paged list, progress by job and cluster.
    answers: the control plane's answers rendered from the cluster's progress: other fields, other states.
"""

from zilliz_import.mock.cloud.app import ControlPlaneApp
from zilliz_import.mock.config import DEFAULT_CLUSTER

__all__ = ["DEFAULT_CLUSTER", "ControlPlaneApp"]
