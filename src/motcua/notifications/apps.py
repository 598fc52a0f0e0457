from django.apps import AppConfig
from django.core import checks


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    label = "notifications"
    verbose_name = "Thông báo"

    def ready(self):
        from motcua.dossiers import projections

        from . import services
        from .channels import email, registry, sms, zalo

        registry.register("email", email.from_settings)
        registry.register("sms", sms.from_settings)
        registry.register("zalo", zalo.from_settings)
        projections.register("notifications", services.project)
        checks.register(_check_channels)


def _check_channels(app_configs=None, **kwargs):
    from .channels import registry

    return [
        checks.Error(
            f"Cấu hình kênh thông báo sai / bad notification channel settings: {problem}",
            hint="MOTCUA_NOTIFY_CHANNELS, MOTCUA_SMS_*, MOTCUA_ZALO_* (docs/operations.md)",
            id="notifications.E001",
        )
        for problem in registry.problems()
    ]
