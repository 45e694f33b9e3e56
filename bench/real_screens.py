"""Screens of real software this project did not write, rendered here, with element truth from their DOM.

    real_screens(quick=False) -> list[RealScreen]     # each: name, app, image path, truth elements

JupyterLab and the Django admin (both from PyPI) are served on loopback and captured with Debian's
`chromium` through the `playwright` wheel (never `playwright install`). Truth is what the page itself
declares: ARIA roles first (tab, menuitem, button, link, checkbox, switch, combobox, textbox), then
tags (a[href], button, input, select, textarea); an element counts when it is visible and not
covered at its centre (an open menu hides what lies under it). Screens are rebuilt at every run
under bench/out/real/ (ignored by git); nothing here is checked in but this code.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).parent / "out" / "real"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TRUTH_JS = (Path(__file__).parent / "real_truth.js").read_text()


@dataclass(frozen=True)
class Truth:
    type: str  # button, link, input, checkbox, radio, toggle, dropdown, tab, menu_item
    label: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in screenshot pixels


@dataclass(frozen=True)
class RealScreen:
    name: str
    app: str
    image: Path
    elements: list[Truth]


def real_screens(quick: bool = False) -> list[RealScreen]:
    """Render every real-software screen (a few in quick mode) and return them with their truth."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("the real-software screens need Chromium: apt-get install chromium (the Debian package)")
    OUT.mkdir(parents=True, exist_ok=True)
    screens: list[RealScreen] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
        try:
            for app in (_jupyterlab, _django_admin):
                screens.extend(app(browser, quick))
        finally:
            browser.close()
    (OUT / "truth.json").write_text(
        json.dumps(
            [
                {"name": s.name, "app": s.app, "image": str(s.image), "elements": [t.__dict__ for t in s.elements]}
                for s in screens
            ],
            indent=1,
        )
    )
    return screens


# ---------------------------------------------------------------- capture
def _shot(page, app: str, name: str) -> RealScreen:
    page.wait_for_timeout(400)  # let transitions settle
    path = OUT / f"{app}-{name}.png"
    page.screenshot(path=str(path))
    found = page.evaluate(TRUTH_JS)
    return RealScreen(name, app, path, [Truth(t["type"], t["label"], tuple(t["box"])) for t in found])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serve(cmd: list[str], url: str, env: dict[str, str], cwd: Path, log: Path) -> Iterator[None]:
    """Start a loopback server, wait until `url` answers, stop it afterwards."""
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    urllib.request.urlopen(url, timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(f"{cmd[0]} did not start; see {log}") from None
                    time.sleep(0.5)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


# ---------------------------------------------------------------- JupyterLab
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Sales report\n", "Monthly totals by region."]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["north 1204\n", "south 980\n"]}],
            "source": ["totals = {'north': 1204, 'south': 980}\n", "for k, v in totals.items():\n", "    print(k, v)"],
        },
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _jupyterlab(browser, quick: bool) -> list[RealScreen]:
    root = OUT / "jupyter"
    shutil.rmtree(root, ignore_errors=True)  # JupyterLab restores the last session's workspace: start afresh
    work = root / "work"
    work.mkdir(parents=True, exist_ok=True)
    (work / "report.ipynb").write_text(json.dumps(NOTEBOOK))
    (work / "notes.md").write_text("# Notes\n\n- check the totals\n")
    (work / "data").mkdir(exist_ok=True)
    port = _free_port()
    env = {k: str(root / k.lower()) for k in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR")}
    env["IPYTHONDIR"] = str(root / "ipython")
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={work}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--ServerApp.allow_root=True",
    ]
    menus = ["File", "Edit"] if quick else ["File", "Edit", "View", "Run", "Kernel", "Tabs", "Settings", "Help"]
    shots: list[RealScreen] = []
    with _serve(cmd, f"http://127.0.0.1:{port}/lab", env, work, root / "server.log"):
        ctx = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{port}/lab?reset", wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Launcher", timeout=180_000)
        _dismiss_toasts(page)
        shots.append(_shot(page, "jupyterlab", "launcher"))
        for menu in menus:
            page.locator(".lm-MenuBar-item", has_text=menu).first.click()
            page.wait_for_selector(".lm-Menu", timeout=10_000)
            shots.append(_shot(page, "jupyterlab", f"menu-{menu.lower()}"))
            page.keyboard.press("Escape")
        page.locator(".jp-DirListing-item", has_text="report.ipynb").dblclick()
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.wait_for_timeout(1500)
        _dismiss_toasts(page)
        shots.append(_shot(page, "jupyterlab", "notebook"))
        if not quick:
            page.locator(".jp-DirListing-item", has_text="notes.md").click(button="right")
            page.wait_for_selector(".lm-Menu", timeout=10_000)
            shots.append(_shot(page, "jupyterlab", "context-menu"))
            page.keyboard.press("Escape")
        ctx.close()
    return shots


def _dismiss_toasts(page) -> None:
    """JupyterLab asks about news in a toast at first start; answer it as a user would."""
    for label in ("No", "Dismiss"):
        button = page.locator(".jp-toast-button", has_text=label)
        if button.count():
            button.first.click()
            page.wait_for_timeout(300)


# ---------------------------------------------------------------- Django admin
SETTINGS = """
SECRET_KEY = "bench-only"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.common.CommonMiddleware",
              "django.middleware.csrf.CsrfViewMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware",
              "django.contrib.messages.middleware.MessageMiddleware"]
ROOT_URLCONF = "benchsite_urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "OPTIONS": {
    "context_processors": ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth",
                           "django.contrib.messages.context_processors.messages"]}}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
STATIC_URL = "/static/"
USE_TZ = True
"""
URLS = (
    "from django.contrib import admin\nfrom django.urls import path\nurlpatterns = [path('admin/', admin.site.urls)]\n"
)
SAMPLE = """
import django; django.setup()
from django.contrib.auth.models import Group, Permission, User
if not User.objects.filter(username="admin").exists():
    User.objects.create_superuser("admin", "admin@example.org", "bench-pass-1")
    for name in ("Editors", "Reviewers", "Support"):
        g = Group.objects.create(name=name)
        g.permissions.set(Permission.objects.filter(codename__startswith="view_")[:4])
    people = [("ada", "Ada", "Lovelace"), ("alan", "Alan", "Turing"), ("grace", "Grace", "Hopper"),
              ("edsger", "Edsger", "Dijkstra"), ("barbara", "Barbara", "Liskov"), ("ken", "Ken", "Thompson")]
    for i, (u, f, l) in enumerate(people):
        user = User.objects.create_user(u, f"{u}@example.org", "pw-" + u, first_name=f, last_name=l, is_staff=i % 2 == 0)
        user.groups.set(Group.objects.all()[: 1 + i % 3])
"""


def _django_admin(browser, quick: bool) -> list[RealScreen]:
    site = OUT / "django"
    site.mkdir(parents=True, exist_ok=True)
    (site / "benchsite_settings.py").write_text(SETTINGS)
    (site / "benchsite_urls.py").write_text(URLS)
    env = {"DJANGO_SETTINGS_MODULE": "benchsite_settings", "PYTHONPATH": str(site)}
    admin = [sys.executable, "-m", "django"]
    subprocess.run([*admin, "migrate", "-v", "0"], cwd=site, env={**os.environ, **env}, check=True)
    subprocess.run([sys.executable, "-c", SAMPLE], cwd=site, env={**os.environ, **env}, check=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/admin/"
    views = [
        ("index", ""),
        ("users", "auth/user/"),
        ("user-edit", "auth/user/2/change/"),
        ("group-add", "auth/group/add/"),
    ]
    if quick:
        views = views[:2]
    shots: list[RealScreen] = []
    with _serve(
        [*admin, "runserver", f"127.0.0.1:{port}", "--noreload"], base + "login/", env, site, site / "server.log"
    ):
        sizes = [("desktop", {"width": 1280, "height": 800}, 1)]
        if not quick:
            sizes.append(("phone", {"width": 412, "height": 915}, 2.625))
        for size, viewport, dpr in sizes:
            ctx = browser.new_context(viewport=viewport, device_scale_factor=dpr)
            page = ctx.new_page()
            page.goto(base + "login/")
            shots.append(_shot(page, "django", f"{size}-login"))
            page.fill("#id_username", "admin")
            page.fill("#id_password", "bench-pass-1")
            page.click("input[type=submit]")
            page.wait_for_selector("#content", timeout=30_000)
            for name, path in views if size == "desktop" else views[:2]:
                page.goto(base + path)
                shots.append(_shot(page, "django", f"{size}-{name}"))
            ctx.close()
    return shots


if (
    __name__ == "__main__"
):  # python -m bench.real_screens [--quick]: render, score, write bench/results/real_software.json
    from bench.bench_gui import real_software

    real_software(quick="--quick" in sys.argv)
