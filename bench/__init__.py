"""Benchmarks: each prints figures; tests import only what is deterministic (bytes)."""
