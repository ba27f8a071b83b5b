"""Benchmarks: the project's way against the obvious way, measured in the same run."""
