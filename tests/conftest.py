"""Shared test setup: pytester runs the pytest plugin in a scratch directory (tests/test_pytest_plugin.py)."""
pytest_plugins = ["pytester"]
