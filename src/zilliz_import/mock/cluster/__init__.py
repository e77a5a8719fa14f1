"""A Milvus cluster endpoint's import routes as the mock serves them (what only the cluster has).

Modules:
    app: `MockApp`, the cluster's ASGI app: its route table, `user:password` or key auth, decimal job IDs.
    handlers: the routes create, list, get_progress/describe, commit and abort, in the server's order of checks.
    decoding: the routes' bodies decoded and checked like the proxy's Go handlers, errors included.
"""

from zilliz_import.mock.cluster.app import MockApp

__all__ = ["MockApp"]
