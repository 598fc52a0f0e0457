from django.core.management.base import BaseCommand

from motcua.reports.warmup import shared_cache, warm


class Command(BaseCommand):
    help = (
        "Tính trước số liệu trong ngày (xu hướng các tháng đã qua, xếp hạng) cho mọi người xem thống kê. / "
        "Compute the day's kept statistics (the trend's closed months, the ranking) for every reader."
    )

    def handle(self, *args, **options):
        result = warm()
        self.stdout.write(
            f"Đã tính trước số liệu cho {result['scopes']} phạm vi trong {result['seconds']} giây. / "
            f"Warmed {result['scopes']} scopes in {result['seconds']} s."
        )
        if not shared_cache():
            self.stdout.write(
                "Lưu ý: bộ nhớ đệm không dùng chung (MOTCUA_CACHE_URL chưa đặt): "
                "chỉ tiến trình này được lợi. / "
                "Note: the cache is not shared (MOTCUA_CACHE_URL unset): only this process benefits."
            )
