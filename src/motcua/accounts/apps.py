from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = "Tài khoản người nộp hồ sơ"

    def ready(self):
        from . import sso

        sso.load_builtin_providers()
