"""The engine has a tally for every counted kind of the registry, and only for those."""

from jsw.framework.kinds import KINDS
from jsw.indicators.engine import TALLIES


def test_every_counted_kind_has_a_tally_and_a_return_has_none():
    counted = {name for name, kind in KINDS.items() if kind.counted}
    assert set(TALLIES) == counted
