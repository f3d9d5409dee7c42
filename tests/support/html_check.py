#!/usr/bin/env python3
"""Open stance's HTML report in headless Chromium (through ChromeDriver, W3C WebDriver over
HTTP, standard library only) and report what a user would see.

Usage: html_check.py REPORT.html [--screenshot OUT.png] [--width 1400 --height 2200]

Prints one JSON object:
  console_errors   SEVERE browser console entries (must be empty)
  rows_total       rows in the findings table
  rows_initial     rows visible with the default filter (status FAIL)
  rows_after_click rows visible after clicking the "critical" severity button
  clicked_all_critical  every visible row after the click is critical
  xss_text         text of the cell holding the hostile instance name (must contain "<script>")
  alert_open       whether any alert dialog opened (must be false)
Exit status 0 on success, 2 when ChromeDriver or Chromium is missing.
"""
import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as e:
            return json.loads(e.read() or b"{}")

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def script(self, source, *args):
        return self.s("POST", "/execute/sync", {"script": source, "args": list(args)})["value"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("--screenshot")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=2200)
    args = ap.parse_args()

    chromedriver = shutil.which("chromedriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromedriver or not chromium:
        print(json.dumps({"error": "chromium and chromedriver are required"}))
        return 2
    port = free_port()
    proc = subprocess.Popen([chromedriver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = tempfile.mkdtemp(prefix="stance-chromium-")
    driver = Driver(port)
    try:
        for _ in range(100):
            try:
                driver.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:loggingPrefs": {"browser": "ALL"},
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": [
                            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={profile}",
                            f"--window-size={args.width},{args.height}",
                        ],
                    },
                }
            }
        }
        created = driver.call("POST", "/session", caps)
        driver.session = created["value"]["sessionId"]
        url = "file://" + os.path.abspath(args.report)
        driver.s("POST", "/url", {"url": url})
        time.sleep(0.5)

        logs = driver.s("POST", "/se/log", {"type": "browser"}).get("value", [])
        errors = [entry for entry in logs if entry.get("level") == "SEVERE"] if isinstance(logs, list) else []

        visible = "return Array.from(document.querySelectorAll('#findings-table tbody tr')).filter(r => r.style.display !== 'none').length;"
        total = driver.script("return document.querySelectorAll('#findings-table tbody tr').length;")
        initial = driver.script(visible)
        button = driver.s("POST", "/element", {"using": "css selector", "value": "#sev-buttons button[data-sev='critical']"})["value"]
        element = next(iter(button.values()))
        driver.s("POST", f"/element/{element}/click", {})
        time.sleep(0.2)
        after = driver.script(visible)
        all_critical = driver.script(
            "return Array.from(document.querySelectorAll('#findings-table tbody tr')).filter(r => r.style.display !== 'none').every(r => r.dataset.sev === 'critical');")
        xss_text = driver.script(
            "const cells = Array.from(document.querySelectorAll('#findings-table td.res')); const c = cells.find(td => td.textContent.includes('stance-xss')); return c ? c.textContent : null;")
        alert = driver.s("GET", "/alert/text")
        alert_open = "value" in alert and isinstance(alert["value"], str)

        if args.screenshot:
            # Reset the filters so the picture shows the default view.
            driver.s("POST", f"/element/{element}/click", {})
            driver.s("POST", "/url", {"url": url})
            time.sleep(0.5)
            png = driver.s("GET", "/screenshot")["value"]
            with open(args.screenshot, "wb") as fh:
                fh.write(base64.b64decode(png))

        print(json.dumps({
            "console_errors": errors,
            "rows_total": total,
            "rows_initial": initial,
            "rows_after_click": after,
            "clicked_all_critical": all_critical,
            "xss_text": xss_text,
            "alert_open": alert_open,
        }))
        return 0
    finally:
        if driver.session:
            driver.call("DELETE", f"/session/{driver.session}")
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
