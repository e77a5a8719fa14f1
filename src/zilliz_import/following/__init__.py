"""Following jobs to their end, over either plane.

Decisions without I/O (`Waiter`, `OneJob`, `PerJobWaits`, `Tracker`), and the one loop, sync and
async, that drives any of them (`loop`).
"""
