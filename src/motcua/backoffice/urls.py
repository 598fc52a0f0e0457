from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("tiep-nhan/", views.desk_new, name="desk"),
    path("ho-so/<str:code>/", views.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<slug:action>/", views.dossier_action, name="action"),
    path("ho-so/<str:code>/tep/<int:file_id>/", views.dossier_file, name="file"),
    path("ho-so/<str:code>/ket-qua/<int:result_id>/", views.dossier_result_file, name="result_file"),
    path("ho-so/<str:code>/ket-qua/xem-truoc/", views.dossier_result_preview, name="result_preview"),
    path("ho-so/<str:code>/mau-<str:number>.pdf", views.dossier_form, name="form"),
    path("so-theo-doi/", views.tracking_book, name="tracking_book"),
    path("uy-quyen/", views.delegations, name="delegations"),
    path("uy-quyen/<int:pk>/thu-hoi/", views.delegation_revoke, name="delegation_revoke"),
]
