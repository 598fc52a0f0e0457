from django.urls import path

from . import follow, lookup, submission, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedures"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure"),
    path("thu-tuc/<str:code>/mau/<int:component_id>/", views.component_template, name="component_template"),
    # Online submission (docs/portal.md)
    path("thu-tuc/<str:code>/nop-truc-tuyen/", submission.start, name="submit_start"),
    path("nop-ho-so/<int:draft_id>/tep/<int:file_id>/", submission.draft_file, name="draft_file"),
    path("nop-ho-so/<int:draft_id>/tep/<int:file_id>/xoa/", submission.remove_file, name="draft_file_remove"),
    path("nop-ho-so/<int:draft_id>/<slug:step>/", submission.step, name="submit_step"),
    # Following one's dossiers
    path("ho-so/", follow.my_dossiers, name="my_dossiers"),
    path("ho-so/<str:code>/", follow.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/bien-nhan/", follow.receipt, name="receipt"),
    path("ho-so/<str:code>/bo-sung/", follow.supplement, name="supplement"),
    path("ho-so/<str:code>/rut/", follow.withdraw, name="withdraw"),
    path("ho-so/<str:code>/danh-gia/", follow.rate, name="rate"),
    path("ho-so/<str:code>/tep/<int:file_id>/", follow.dossier_file, name="dossier_file"),
    path("ho-so/<str:code>/ket-qua/<int:result_id>/", follow.result_file, name="result_file"),
    # Public lookup (the QR code on receipts points here)
    path("tra-cuu/", lookup.lookup, name="lookup"),
]
