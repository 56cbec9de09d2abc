"""The demo's targets, rebases and commentary are what a service would set: a target for
every PI with a direction, a whole-year target for each quarterly percentage, none for a PI
without a direction, two rebases with reasons, commentary for the latest quarter."""

from __future__ import annotations

import pytest

from jsw.analysis.models import Commentary, Rebase, Target
from jsw.demo.annotate import annotate
from jsw.framework.catalogue import load_catalogue
from jsw.framework.kinds import kind_of

pytestmark = pytest.mark.django_db

LAST_YEAR = 2025


def test_every_pi_with_a_direction_gets_a_target_for_each_of_the_last_two_years():
    annotate(LAST_YEAR)
    catalogue = load_catalogue()
    directed = {pi.id for pi in catalogue.indicators if pi.direction != "none"}
    for year in ("2024-25", "2025-26"):
        targeted = set(
            Target.objects.filter(period=year, scope="periods").values_list(
                "indicator_id", flat=True
            )
        )
        assert targeted == directed
        whole_year = set(
            Target.objects.filter(period=year, scope="whole-year").values_list(
                "indicator_id", flat=True
            )
        )
        shares = {
            pi.id
            for pi in catalogue.indicators
            if pi.frequency == "Q" and pi.id in directed and kind_of(pi.kind).share
        }
        assert shares <= whole_year


def test_two_rebases_with_reasons_and_commentary_on_the_latest_quarter():
    annotate(LAST_YEAR)
    rebases = list(Rebase.objects.order_by("period"))
    assert len(rebases) == 2 and all(r.reason.strip() for r in rebases)
    quarter = set(
        Commentary.objects.filter(period="2025-26-Q4").values_list("indicator_id", flat=True)
    )
    assert {"cpo-seen-1-day", "sds-successful"} <= quarter
