"""What the tests of the control-plane facades and CLI send: sources and their secrets."""

from __future__ import annotations

from zilliz_import import ObjectStorage, RetryPolicy, Volume

FAST_RETRY = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.05, total_seconds=10)
ACCESS_KEY, SECRET_KEY, SESSION_TOKEN = "AKIAEXAMPLEKEY", "wJalrXUtnFEMI-secret", "FwoGZXIvYXdzE-session"
OBJECTS = ObjectStorage(["s3://bucket/dir/1.parquet"], access_key=ACCESS_KEY, secret_key=SECRET_KEY)
VOLUME = Volume("my_volume", [["cols/id.npy", "cols/vec.npy"], "rows/2.parquet"])
