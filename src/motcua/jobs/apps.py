from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "motcua.jobs"
    label = "jobs"
    verbose_name = "Việc chạy nền"
