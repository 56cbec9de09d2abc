"""The synthetic returns are data: one entry per `return` PI of the packaged catalogue, at
the catalogue's frequency, so a new return PI cannot be silently left without figures."""

from __future__ import annotations

import pytest

from jsw.framework.catalogue import load_catalogue
from jsw.synth.returns import return_draws

pytestmark = pytest.mark.once


def test_every_return_pi_of_the_catalogue_is_drawn_at_its_frequency():
    catalogue = {pi.id: pi.frequency for pi in load_catalogue().indicators if pi.kind == "return"}
    drawn = {draw.indicator: draw.frequency for draw in return_draws()}
    assert drawn == catalogue


def test_each_return_has_exactly_one_way_to_draw_its_figure():
    for draw in return_draws():
        ways = [w for w in (draw.poisson, draw.gauss, draw.uniform) if w is not None]
        assert len(ways) == 1, draw.indicator
