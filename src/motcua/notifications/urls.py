from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("can-bo/van-hanh/thong-bao/", views.message_log, name="log"),
    path("can-bo/van-hanh/thong-bao/<int:pk>/gui-lai/", views.retry, name="retry"),
    path("tai-khoan/thong-bao/", views.preferences, name="preferences"),
]
