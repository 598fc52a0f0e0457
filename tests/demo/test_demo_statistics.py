"""The demo's dossiers are counted by the statistics: supervisors and the busiest leaders see
non-zero numbers on their dashboard as soon as the demo is loaded."""

from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.demo.loader import load_demo
from motcua.dossiers.models import Dossier
from motcua.organizations.models import User
from motcua.reports.access import stats_scope
from motcua.reports.facts import VN
from motcua.reports.models import DossierStat
from motcua.reports.selectors import Period
from motcua.reports.summary import summary


@pytest.mark.django_db
def test_demo_dossiers_are_counted():
    load_demo()
    assert DossierStat.objects.count() == Dossier.objects.count() > 0
    today = clock.now().astimezone(VN).date()
    period = Period(today - timedelta(days=90), today)
    city = summary(period, stats_scope(User.objects.get(username="giamsat.tinh")))
    assert city["received"]["new"] > 0 and city["processed"]["total"] > 0
    DossierStat.objects.all().delete()  # a database loaded before the statistics existed
    load_demo()
    assert DossierStat.objects.count() == Dossier.objects.count()
