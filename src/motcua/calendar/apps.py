from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "motcua.calendar"
    label = "calendar"
    verbose_name = "Lịch làm việc và thời hạn"

    def ready(self):
        from . import signals

        signals.connect()
