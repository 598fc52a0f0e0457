from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    label = "reports"
    verbose_name = "Thống kê, báo cáo"

    def ready(self) -> None:
        from motcua.dossiers import hooks

        from .rollups import on_dossier_changed

        hooks.register("reports", on_dossier_changed)
