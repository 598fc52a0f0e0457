from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "motcua.jobs"
    label = "jobs"
    verbose_name = "Việc chạy nền"

    def ready(self):
        # the background-task packages' apps, named in Vietnamese in the admin (jobs/admin.py)
        from django.apps import apps

        from .admin import APP_LABELS

        for label, name in APP_LABELS.items():
            if label in apps.app_configs:
                apps.app_configs[label].verbose_name = name
