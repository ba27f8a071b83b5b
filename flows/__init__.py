"""Prefect flows: thin orchestration over plain functions in states/ and notifiers/.

Importing this package does not import Prefect; the flow modules do.
"""
