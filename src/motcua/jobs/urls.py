from django.urls import path

from motcua.integrations import views as integration_views

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.operations, name="operations"),
    path("gui-lai/<int:pk>/", views.retry, name="retry"),
    path("doi-soat/", integration_views.reconciliation, name="reconciliation"),
]
