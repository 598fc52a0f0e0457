from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "motcua.organizations"
    label = "organizations"
    verbose_name = "Tổ chức, cán bộ và người nộp"
