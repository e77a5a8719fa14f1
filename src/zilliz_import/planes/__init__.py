"""The two planes, each as one descriptor and its requests: a cluster endpoint and Zilliz Cloud's control plane.

`cluster` imports only the cluster's generated package, `control_plane` only the control plane's.
"""
