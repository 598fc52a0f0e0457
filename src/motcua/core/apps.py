from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "motcua.core"
    verbose_name = "Dùng chung"

    def ready(self):
        from . import collation

        collation.connect()
        from . import public_url  # noqa: F401 (registers its deploy check core.E001)
