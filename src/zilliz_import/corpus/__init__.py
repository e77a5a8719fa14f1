"""`zilliz-import corpus`: recorded exchanges read back through the client, and replayed against a server."""
