"""The plane-neutral core: settings, retries, the transport and what answers mean.

Nothing here imports a generated package or the following logic; each plane is a `Plane` descriptor.
"""
