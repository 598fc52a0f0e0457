from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("vnpay/ipn/", views.ipn, {"gateway": "vnpay"}, name="vnpay_ipn"),
    path("vnpay/ket-qua/", views.payment_return, {"gateway": "vnpay"}, name="vnpay_return"),
    path("dvcqg/ipn/", views.ipn, {"gateway": "national"}, name="national_ipn"),
    path("dvcqg/ket-qua/", views.payment_return, {"gateway": "national"}, name="national_return"),
    path("ho-so/<str:code>/", views.start, name="start"),
    path("bien-lai/<str:txn_ref>/", views.receipt, name="receipt"),
    path("doi-soat/", views.reconcile_page, name="reconcile"),
    path("hoan-tien/<int:attempt_id>/", views.refund, name="refund"),
]
