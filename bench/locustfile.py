"""The lab's load test: a merged province's busy day (docs/performance.md, "The lab").

Run by `scripts/lab.sh load USERS SECONDS` against the lab's load balancer, with the fixtures the lab
wrote (LAB_FIXTURES, var/lab/fixtures.json). Four kinds of users, weighted like a day at the one-stop
shop: citizens browsing the catalogue and looking up their dossiers (most of the traffic), the desk
submitting and receiving paper dossiers through the API (each task one submission and its receipt),
officers working their lists (worklist, dossier pages, the API worklist), and a leader's tracking book.
Every request is named by its page, so locust's table gives p50/p95/p99 and errors per page.
There is no leaders' dashboard in this release: the tracking book stands in for it."""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

FIXTURES = json.load(open(os.environ.get("LAB_FIXTURES", "var/lab/fixtures.json")))  # noqa: SIM115


class Citizen(HttpUser):
    weight = 12
    wait_time = between(1, 4)

    @task(3)
    def home(self):
        self.client.get("/", name="portal: home")

    @task(4)
    def catalogue(self):
        self.client.get("/thu-tuc/", name="portal: catalogue")
        code = random.choice(FIXTURES["procedures"])
        self.client.get(f"/thu-tuc/{code}/", name="portal: procedure")

    @task(2)
    def search(self):
        word = random.choice(["khai sinh", "đất đai", "chứng thực", "kinh doanh", "hộ tịch"])
        self.client.get("/thu-tuc/", params={"q": word}, name="portal: catalogue search")

    @task(3)
    def lookup(self):
        code, id_number = random.choice(FIXTURES["lookups"])
        self.client.get("/tra-cuu/", params={"ma": code, "cccd": id_number}, name="portal: public lookup")


class Desk(HttpUser):
    """Each task: one dossier submitted on paper at the desk and received (two API calls)."""

    weight = 2
    wait_time = between(0.5, 2)

    def on_start(self):
        self.headers = {"Authorization": f"Bearer {FIXTURES['desk_token']}"}

    @task
    def submit_and_receive(self):
        body = {**FIXTURES["submit"], "applicant_id": random.choice(FIXTURES["applicants"])}
        with self.client.post(
            "/api/v1/dossiers", json=body, headers=self.headers, name="api: submit", catch_response=True
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return
            dossier = response.json()
        self.client.post(
            f"/api/v1/dossiers/{dossier['code']}/actions/receive",
            json={"expected_version": dossier["version"]},
            headers=self.headers,
            name="api: receive",
        )


class Officer(HttpUser):
    weight = 3
    wait_time = between(2, 6)

    def on_start(self):
        self.client.cookies.set("sessionid", FIXTURES["officer_session"])
        self.headers = {"Authorization": f"Bearer {FIXTURES['officer_token']}"}

    @task(3)
    def worklist(self):
        response = self.client.get("/can-bo/", name="back office: worklist")
        if response.ok and FIXTURES["officer_codes"]:
            code = random.choice(FIXTURES["officer_codes"])
            self.client.get(f"/can-bo/ho-so/{code}/", name="back office: dossier")

    @task(2)
    def api_worklist(self):
        self.client.get("/api/v1/dossiers", headers=self.headers, name="api: worklist")


class Leader(HttpUser):
    weight = 1
    wait_time = between(5, 15)

    def on_start(self):
        self.client.cookies.set("sessionid", FIXTURES["leader_session"])

    @task
    def tracking_book(self):
        self.client.get("/can-bo/so-theo-doi/", name="back office: tracking book (leader)")
