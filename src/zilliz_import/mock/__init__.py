"""A faithful, stateful mock of the Milvus / Zilliz Cloud import-job API.

It models the server from its documented behaviour, independently of the OpenAPI spec and the
generated client, so that contract tests compare two separate descriptions of one server.
"""

from zilliz_import.mock.cloud import ControlPlaneApp
from zilliz_import.mock.cluster import MockApp
from zilliz_import.mock.config import DEFAULT_API_KEY, DEFAULT_CLUSTER, DEFAULT_TOKEN, READ_ONLY_TOKEN, MockConfig
from zilliz_import.mock.faults import Fault
from zilliz_import.mock.server import MockServer

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_CLUSTER",
    "DEFAULT_TOKEN",
    "READ_ONLY_TOKEN",
    "ControlPlaneApp",
    "Fault",
    "MockApp",
    "MockConfig",
    "MockServer",
]
