"""Shared test setup: the default pipeline with the knowledge base on (``nlp``) and off (``nlp_nokb``),
built once per test module; pytester runs the pytest plugin in a scratch directory
(tests/test_pytest_plugin.py)."""
import pytest

import stancelib

pytest_plugins = ["pytester"]


@pytest.fixture(scope="module")
def nlp():
    return stancelib.load()


@pytest.fixture(scope="module")
def nlp_nokb():
    return stancelib.load(kb=None)
