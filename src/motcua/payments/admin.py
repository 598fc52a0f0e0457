"""Payments in the admin: read-only (attempts change only through the gateway's IPN, refunds through
the back office)."""

from django.contrib import admin

from .models import PaymentAttempt, PaymentCallback, Refund


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(ReadOnly):
    list_display = (
        "txn_ref",
        "dossier",
        "gateway",
        "amount",
        "status",
        "applied",
        "receipt_number",
        "created_at",
    )
    list_filter = ("gateway", "status", "applied")
    search_fields = ("txn_ref", "dossier__code", "receipt_number")


@admin.register(PaymentCallback)
class PaymentCallbackAdmin(ReadOnly):
    list_display = ("received_at", "gateway", "kind", "answer", "attempt", "note")
    list_filter = ("gateway", "kind", "answer")


@admin.register(Refund)
class RefundAdmin(ReadOnly):
    list_display = ("attempt", "amount", "by", "at")
