from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "motcua.store"
    label = "store"
    verbose_name = "Kho dữ liệu điện tử của tổ chức, cá nhân"
