from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    label = "notifications"
    verbose_name = "Thông báo"

    def ready(self):
        from motcua.dossiers import hooks

        from . import services
        from .channels import email, registry, sms, zalo

        registry.register("email", email.from_settings)
        registry.register("sms", sms.from_settings)
        registry.register("zalo", zalo.from_settings)
        hooks.register("notifications", services.on_action)
