from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ"

    def ready(self):
        # registers the `recompute_due` lifecycle action (holiday notices that move due dates)
        from . import calendar_change  # noqa: F401
