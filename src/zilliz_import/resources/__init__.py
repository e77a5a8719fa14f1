"""The facades users hold, one module per plane with its sync and async classes side by side."""
