from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    label = "payments"
    verbose_name = "Thanh toán trực tuyến"

    def ready(self):
        from . import registry
        from .national import from_settings as national_from_settings
        from .vnpay import from_settings as vnpay_from_settings

        registry.register("vnpay", vnpay_from_settings)
        registry.register("national", national_from_settings)
