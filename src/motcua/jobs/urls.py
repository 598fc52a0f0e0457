from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.operations, name="operations"),
    path("gui-lai/<int:pk>/", views.retry, name="retry"),
]
