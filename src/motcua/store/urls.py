from django.urls import path

from . import views

app_name = "store"

urlpatterns = [
    path("", views.my_store, name="list"),
    path("<int:document_id>/tep/", views.document_file, name="file"),
    path("<int:document_id>/xoa/", views.remove, name="remove"),
]
