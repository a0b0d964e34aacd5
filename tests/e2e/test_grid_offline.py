"""The grid worker's report page without a network: installed as a web app (manifest and
service worker), a report made offline (with a photo) waits on the phone, is sent once when
the network is back, and a replay of its key files nothing more."""

import io
import uuid

from PIL import Image


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 64).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


def _events_described(page, server, text):
    response = page.request.get(f"{server}/api/v1/grid/events/")
    assert response.ok
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return [row for row in rows if row["description"] == text]


def test_it_keeps_a_report_offline_and_files_it_once(login, demo_server, shot):
    worker = login("wangge", width=390, own=True)
    context = worker.context
    worker.goto(f"{demo_server}/grid/events/add/")
    assert worker.locator("link[rel=manifest]").count() == 1
    # The service worker is installed and has kept the page and its files.
    assert worker.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")
    worker.wait_for_function("navigator.serviceWorker.controller !== null")
    assert worker.locator("#pending").is_hidden()

    description = f"离线上报 {uuid.uuid4().hex[:8]}"
    context.set_offline(True)
    worker.reload()  # served by the service worker from what it kept
    worker.select_option("#id_grid", index=1)
    worker.select_option("#id_category", index=1)
    worker.fill("#id_description", description)
    worker.fill("#id_latitude", "32.236100")
    worker.fill("#id_longitude", "119.817200")
    worker.set_input_files(
        "#id_photos", {"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    )
    worker.click("#save")
    pending = worker.locator("#pending")
    pending.wait_for(state="visible")
    assert pending.locator("[data-count]").inner_text() == "1"
    assert "条待上报" in pending.inner_text() and "1 照片" in pending.inner_text()
    keys = worker.evaluate("MingzhuQueue.all().then(e => e.map(x => x.uuid))")
    assert len(keys) == 1
    shot(worker, "grid-offline-waiting")
    assert _events_described(worker, demo_server, description) == []

    context.set_offline(False)  # the page sends what waits by itself
    pending.wait_for(state="hidden")
    filed = _events_described(worker, demo_server, description)
    assert len(filed) == 1 and filed[0]["latitude"] == "32.236100"
    event_id = filed[0]["id"]
    worker.goto(f"{demo_server}/grid/events/{event_id}/")
    assert worker.locator("a[href^='/grid/photos/']").count() == 1

    # The same key sent again (a second phone sync, a retry) files nothing.
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    replay = worker.request.post(
        f"{demo_server}/grid/events/sync/",
        headers={"X-CSRFToken": token, "Referer": f"{demo_server}/grid/events/add/"},
        multipart={
            "client_uuid": keys[0],
            "grid": str(filed[0]["grid"]),
            "category": str(filed[0]["category"]),
            "description": description,
        },
    )
    assert replay.status == 200
    assert replay.json() == {"id": event_id, "url": f"/grid/events/{event_id}/", "created": False}
    assert len(_events_described(worker, demo_server, description)) == 1
