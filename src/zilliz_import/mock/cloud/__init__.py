"""The Zilliz Cloud control plane (`api.cloud.zilliz.com`) as the mock serves it: the same jobs, other routes."""

from zilliz_import.mock.cloud.app import ControlPlaneApp
from zilliz_import.mock.config import DEFAULT_CLUSTER

__all__ = ["DEFAULT_CLUSTER", "ControlPlaneApp"]
