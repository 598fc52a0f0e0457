from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "motcua.backoffice"
    label = "backoffice"
    verbose_name = "Trang cán bộ (back office)"
