"""The cycle collector is paused for the block and left as it was found."""

from __future__ import annotations

import gc

import pytest

from jsw.lib.collector import without_cycle_collection


@pytest.fixture(autouse=True)
def collector_restored():
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_the_collector_is_off_inside_and_on_again_after():
    gc.enable()
    with without_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with without_cycle_collection():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_collector_comes_back_after_an_error():
    gc.enable()
    with pytest.raises(ValueError), without_cycle_collection():
        raise ValueError("stop")
    assert gc.isenabled()
