"""The parts of `scripts/bench.py`: each measures one comparison against the mock over loopback."""
