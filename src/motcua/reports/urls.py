from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.stats_dashboard, name="dashboard"),
    path("bao-cao/", views.period_report, name="report"),
    path("ho-so/", views.dossiers_behind, name="dossiers"),
]
