"""Notices in the browser: the administrator sets up the lead unit's 企业微信 group robot
(a stand-in on 127.0.0.1), the supervision office returns a task and the group receives
the message through the demo's worker; the grid worker finds the re-check due among their
notifications; the schedule page shows the last supervision run."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Robot:
    """A stand-in 企业微信 group robot: records each message, answers errcode 0."""

    def __init__(self):
        self.messages: list[dict] = []
        self.arrived = threading.Condition()
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with robot.arrived:
                    robot.messages.append(json.loads(body))
                    robot.arrived.notify_all()
                data = b'{"errcode":0,"errmsg":"ok"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/webhook/send?key=e2e"

    def wait_for(self, word: str, limit: float = 120) -> dict:
        """The first message whose text holds ``word``, waiting while the worker polls."""
        end = time.monotonic() + limit
        with self.arrived:
            while True:
                for message in self.messages:
                    if word in message.get("text", {}).get("content", ""):
                        return message
                left = end - time.monotonic()
                if left <= 0:
                    pytest.fail(f"no message with {word!r}: {self.messages!r}")
                self.arrived.wait(left)


@pytest.fixture
def robot():
    stand_in = Robot()
    yield stand_in
    stand_in.server.shutdown()
    stand_in.server.server_close()


def test_a_returned_task_reaches_the_lead_units_group(login, demo_server, robot, shot):
    admin = login("admin")
    admin.goto(f"{demo_server}/notify/channels/add/")
    admin.fill("#id_name", "发改委工作群")
    admin.select_option("#id_kind", "wecom")
    admin.select_option("#id_unit", label="发展和改革委员会")
    admin.fill("#id_url", robot.url)
    admin.click("#save")
    assert "key=e2e" not in admin.content()  # shown masked
    shot(admin, "notify-channel")

    # The department asks for closure; the supervision office returns the task.
    title = "三量齐升"  # a demo task of 发改委, in progress
    clerk = login("fgw")
    clerk.goto(f"{demo_server}/tasks/?q={title}")
    clerk.click("#results tbody tr >> nth=0 >> a")
    clerk.fill("#action-request_closure textarea[name=result]", "审批时限已压缩。")
    clerk.click("#action-request_closure button[type=submit]")
    assert clerk.locator("#status").inner_text() == "申请销号"

    office = login("supervisor")
    office.goto(clerk.url)
    office.fill("#action-return_for_rework [name=comment]", "请补充审批时限对比材料。")
    office.click("#action-return_for_rework button[type=submit]")
    assert office.locator("#status").inner_text() == "已退回"

    message = robot.wait_for("任务已退回")
    content = message["text"]["content"]
    assert message["msgtype"] == "text"
    assert title in content and "发展和改革委员会" in content and "亮灯" in content

    # The worker records the send once the gateway has answered: the group may hold the
    # message a moment before the log says sent.
    deadline = time.monotonic() + 30
    while True:
        admin.goto(f"{demo_server}/notify/deliveries/?status=sent")
        if "任务已退回" in admin.locator("#results").inner_text():
            break
        assert time.monotonic() < deadline, "the delivery log never recorded the send"
        time.sleep(0.5)
    shot(admin, "notify-delivery-log")


def test_the_grid_worker_is_told_of_a_recheck(login, demo_server, shot):
    worker = login("wangge")
    worker.goto(f"{demo_server}/tasks/notifications/")
    notices = worker.locator("#notification-list")
    assert "待您现场核查" in notices.inner_text()
    notices.locator("li", has_text="待您现场核查").first.locator("button").click()
    assert "/grid/" in worker.url
    shot(worker, "notify-recheck")


def test_the_schedule_page_shows_the_last_supervision_run(login, demo_server, shot):
    admin = login("admin")
    admin.goto(f"{demo_server}/notify/jobs/")
    admin.click("#results >> text=每日督查（亮灯与督办单）")
    admin.click("#run-now")
    # The run (the day's lights and sheets over the demo) ends before the page comes back:
    # on a busy machine that is after the click has returned.
    done = admin.locator(".alert", has_text="已完成")
    done.wait_for()
    assert done.count() == 1
    assert "新督办单" in admin.locator("#runs").inner_text()
    admin.goto(f"{demo_server}/notify/jobs/")
    assert "新督办单" in admin.locator("#results").inner_text()
    shot(admin, "notify-jobs")
