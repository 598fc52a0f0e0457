"""A fake VNPay 2.1.0 gateway on loopback HTTP, for tests and the demo (`MOTCUA_VNPAY_FAKE=1`).

It speaks the protocol of `payments/vnpay.py`: the payer's browser opens the signed payment URL
(`GET /paymentv2/vpcpay.html?…`; a bad signature is answered with an error page, as the real gateway
does) and sees a page with three buttons — approve, decline, let it time out. The choice (`POST
/paymentv2/decide`) sends the signed IPN to the merchant's IPN URL (set in the merchant's account on a
real gateway: `ipn_url` here) and redirects the browser to `vnp_ReturnUrl` with the same signed result.
`querydr` (`POST /merchant_webapi/api/transaction`) answers the gateway's record of an order.

How the IPN is sent is set per test (`ipn_mode`): "once", "twice" (the same IPN two times),
"concurrent" (N copies at once, threads), "late" (not sent with the redirect: `send_late_ipns()` sends
it afterwards), "none", "bad_signature" (signed with another secret), "tampered_amount" (amount
changed after signing). Answers to every IPN are kept in `ipn_answers`.

    with FakeVnpay(ipn_url="http://127.0.0.1:8000/thanh-toan/vnpay/ipn/") as gw:
        gw.settings()  # MOTCUA_VNPAY_* pointing at it
"""

from __future__ import annotations

import html
import json
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

from . import vnpay

DECLINED = "51"  # insufficient balance
TIMED_OUT = "11"  # the payment's time ran out


@dataclass
class Order:
    params: dict
    status: str = "01"  # 01 not finished, 00 paid, 02 failed
    response_code: str = ""
    transaction_no: str = ""
    pay_date: str = ""


@dataclass
class FakeVnpayState:
    tmn_code: str = "MOTCUA01"
    hash_secret: str = field(default_factory=lambda: secrets.token_hex(16).upper())
    ipn_url: str = ""
    ipn_mode: str = "once"
    concurrent_ipns: int = 4
    orders: dict[str, Order] = field(default_factory=dict)
    ipn_answers: list[dict] = field(default_factory=list)
    late: list[dict] = field(default_factory=list)  # IPNs held back by "late"
    next_transaction: int = 14000000


class FakeVnpay:
    def __init__(self, *, ipn_url: str = "", port: int = 0):
        self.state = FakeVnpayState(ipn_url=ipn_url)
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-vnpay", daemon=True)

    def start(self) -> FakeVnpay:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeVnpay:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def settings(self) -> dict:
        return {
            "MOTCUA_VNPAY_TMN_CODE": self.state.tmn_code,
            "MOTCUA_VNPAY_HASH_SECRET": self.state.hash_secret,
            "MOTCUA_VNPAY_PAY_URL": f"{self.url}/paymentv2/vpcpay.html",
            "MOTCUA_VNPAY_API_URL": f"{self.url}/merchant_webapi/api/transaction",
        }

    # ----- the protocol -----
    def result_params(self, txn_ref: str, outcome: str) -> dict:
        """The signed result of an order: outcome "approve", "decline" or "timeout"."""
        with self.lock:
            order = self.state.orders[txn_ref]
            self.state.next_transaction += 1
            code = {"approve": vnpay.SUCCESS, "decline": DECLINED, "timeout": TIMED_OUT}[outcome]
            order.status = "00" if code == vnpay.SUCCESS else "02"
            order.response_code = code
            order.transaction_no = str(self.state.next_transaction)
            order.pay_date = datetime.now(vnpay.VN).strftime("%Y%m%d%H%M%S")
            p = order.params
            result = {
                "vnp_Amount": p["vnp_Amount"],
                "vnp_BankCode": "NCB",
                "vnp_CardType": "ATM",
                "vnp_OrderInfo": p.get("vnp_OrderInfo", ""),
                "vnp_PayDate": order.pay_date,
                "vnp_ResponseCode": code,
                "vnp_TmnCode": self.state.tmn_code,
                "vnp_TransactionNo": order.transaction_no if code == vnpay.SUCCESS else "0",
                "vnp_TransactionStatus": code if code != TIMED_OUT else "02",
                "vnp_TxnRef": txn_ref,
            }
            if code == vnpay.SUCCESS:
                result["vnp_BankTranNo"] = f"VNP{order.transaction_no}"
            result["vnp_SecureHash"] = vnpay.sign(result, self.state.hash_secret)
            return result

    def send_ipn(self, params: dict) -> dict:
        """GET the merchant's IPN URL with `params`; returns its JSON answer (kept in ipn_answers)."""
        try:
            answer = httpx.get(self.state.ipn_url, params=params, timeout=30).json()
        except (httpx.HTTPError, ValueError) as exc:
            answer = {"RspCode": "", "Message": f"no answer: {exc}"}
        with self.lock:
            self.state.ipn_answers.append(answer)
        return answer

    def deliver(self, result: dict) -> None:
        mode = self.state.ipn_mode
        if mode == "none":
            return
        if mode == "late":
            with self.lock:
                self.state.late.append(result)
            return
        if mode == "bad_signature":
            forged = {**result, "vnp_SecureHash": vnpay.sign(result, "not-the-secret")}
            self.send_ipn(forged)
            return
        if mode == "tampered_amount":
            self.send_ipn({**result, "vnp_Amount": str(int(result["vnp_Amount"]) // 2)})
            return
        if mode == "concurrent":
            barrier = threading.Barrier(self.state.concurrent_ipns)

            def one():
                barrier.wait()
                self.send_ipn(result)

            threads = [threading.Thread(target=one) for _ in range(self.state.concurrent_ipns)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return
        self.send_ipn(result)
        if mode == "twice":
            self.send_ipn(result)

    def send_late_ipns(self) -> list[dict]:
        with self.lock:
            held, self.state.late = self.state.late, []
        return [self.send_ipn(r) for r in held]

    def decide(self, txn_ref: str, outcome: str) -> str:
        """The payer's choice on the payment page: sends the IPN, returns the browser's return URL."""
        result = self.result_params(txn_ref, outcome)
        self.deliver(result)
        return_url = self.state.orders[txn_ref].params["vnp_ReturnUrl"]
        return f"{return_url}{'&' if '?' in return_url else '?'}{urlencode(result)}"

    def open_payment(self, query: dict) -> tuple[int, str]:
        s = self.state
        if not vnpay.verify(query, s.hash_secret) or query.get("vnp_TmnCode") != s.tmn_code:
            return 400, "<h1>Sai chữ ký / Invalid signature</h1><p>Mã lỗi 70</p>"
        ref = query.get("vnp_TxnRef", "")
        with self.lock:
            if ref not in s.orders:
                s.orders[ref] = Order(params=dict(query))
        amount = vnpay.amount_dong(query.get("vnp_Amount")) or 0
        shown = f"{amount:,}".replace(",", ".")
        ref_html = html.escape(ref)
        buttons = "".join(
            f'<button type="submit" name="outcome" value="{v}" id="{v}">{label}</button> '
            for v, label in (
                ("approve", "Xác nhận thanh toán"),
                ("decline", "Từ chối"),
                ("timeout", "Hết thời gian"),
            )
        )
        info = html.escape(query.get("vnp_OrderInfo", ""))
        body = (
            '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            "<title>Cổng thanh toán giả lập</title></head>"
            f"<body><h1>Cổng thanh toán VNPay (giả lập)</h1><p>Đơn hàng <b>{ref_html}</b></p>"
            f'<p>Số tiền: <b id="amount">{shown} VND</b></p><p>{info}</p>'
            '<form method="post" action="/paymentv2/decide">'
            f'<input type="hidden" name="txn_ref" value="{ref_html}">'
            f"{buttons}</form></body></html>"
        )
        return 200, body

    def querydr(self, body: dict) -> dict:
        s = self.state
        expected = vnpay.hmac512(s.hash_secret, "|".join(str(body.get(f, "")) for f in vnpay.QUERY_FIELDS))
        with self.lock:
            order = s.orders.get(str(body.get("vnp_TxnRef")))
        answer = {
            "vnp_ResponseId": secrets.token_hex(8),
            "vnp_Command": "querydr",
            "vnp_TmnCode": s.tmn_code,
            "vnp_TxnRef": str(body.get("vnp_TxnRef", "")),
            "vnp_Amount": "",
            "vnp_BankCode": "",
            "vnp_PayDate": "",
            "vnp_TransactionNo": "",
            "vnp_TransactionType": "01",
            "vnp_TransactionStatus": "",
            "vnp_OrderInfo": "",
            "vnp_PromotionCode": "",
            "vnp_PromotionAmount": "",
        }
        if str(body.get("vnp_SecureHash", "")).lower() != expected:
            answer.update(vnp_ResponseCode="97", vnp_Message="Invalid Checksum")
        elif order is None:
            answer.update(vnp_ResponseCode="91", vnp_Message="Not found")
        else:
            answer.update(
                vnp_ResponseCode="00",
                vnp_Message="QueryDR Success",
                vnp_Amount=order.params["vnp_Amount"],
                vnp_BankCode="NCB",
                vnp_PayDate=order.pay_date,
                vnp_TransactionNo=order.transaction_no,
                vnp_TransactionStatus=order.status,
                vnp_OrderInfo=order.params.get("vnp_OrderInfo", ""),
            )
        answer["vnp_SecureHash"] = vnpay.hmac512(
            s.hash_secret, "|".join(str(answer.get(f, "")) for f in vnpay.QUERY_ANSWER_FIELDS)
        )
        return answer


def _handler(gw: FakeVnpay):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _send(self, status: int, body: str, content_type="text/html; charset=utf-8", location=None):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            if location:
                self.send_header("Location", location)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            parts = urlsplit(self.path)
            if parts.path == "/paymentv2/vpcpay.html":
                status, body = gw.open_payment(dict(parse_qsl(parts.query, keep_blank_values=True)))
                self._send(status, body)
            else:
                self._send(404, "not found")

        def do_POST(self):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            if parts.path == "/paymentv2/decide":
                form = dict(parse_qsl(raw))
                ref, outcome = form.get("txn_ref", ""), form.get("outcome", "")
                if ref not in gw.state.orders or outcome not in ("approve", "decline", "timeout"):
                    self._send(400, "bad request")
                    return
                self._send(302, "", location=gw.decide(ref, outcome))
            elif parts.path == "/merchant_webapi/api/transaction":
                try:
                    body = json.loads(raw or "{}")
                except ValueError:
                    body = {}
                self._send(200, json.dumps(gw.querydr(body)), "application/json")
            else:
                self._send(404, "not found")

    return Handler
