from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "motcua.integrations"
    label = "integrations"
    verbose_name = "Kết nối bên ngoài"

    def ready(self):
        from . import registry
        from .national_portal.plugin import from_settings

        registry.register("dvcqg", from_settings)
