from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account_home, name="home"),
    path("dang-ky/", views.register_choice, name="register"),
    path("dang-ky/cong-dan/", views.register_citizen, name="register_citizen"),
    path("dang-ky/to-chuc/", views.register_organisation, name="register_organisation"),
    path("dang-ky/da-nhan/", views.register_done, name="register_done"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("thong-tin/", views.profile, name="profile"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("sso/<slug:slug>/bat-dau/", views.sso_begin, name="sso_begin"),
    path("sso/<slug:slug>/ve/", views.sso_callback, name="sso_callback"),
]
