"""The documented alternatives (Netlify, GitHub Pages) and the daily rebuild agree with the nginx config."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def nginx_security_headers() -> dict[str, str]:
    text = (DEPLOY / "nginx" / "ktan-jember-headers.conf").read_text()
    headers = dict(re.findall(r'^add_header ([\w-]+) "([^"]*)" always;', text, re.M))
    hsts = re.search(r'https\s+"([^"]+)";', (DEPLOY / "nginx" / "ktan-jember.conf").read_text()).group(1)
    headers["Strict-Transport-Security"] = hsts
    return headers


def nginx_cache_control(location_pattern: str) -> str:
    site = (DEPLOY / "nginx" / "ktan-jember-site.conf").read_text()
    block = re.search(re.escape(location_pattern) + r'[^{]*\{(.*?)\n\}', site, re.S).group(1)
    return re.search(r'add_header Cache-Control "([^"]+)"', block).group(1)


@pytest.fixture(scope="module")
def netlify():
    return tomllib.loads((ROOT / "netlify.toml").read_text())


def test_nginx_headers_are_parsed():
    headers = nginx_security_headers()
    assert len(headers) == 7 and "unsafe-inline" not in headers["Content-Security-Policy"]


def test_netlify_sends_the_same_security_headers(netlify):
    rules = {rule["for"]: rule["values"] for rule in netlify["headers"]}
    assert {k: v for k, v in rules["/*"].items() if k != "Cache-Control"} == nginx_security_headers()
    assert "Cache-Control" not in rules["/*"]  # Netlify's default revalidates pages; no second value to merge
    assert rules["/theme/*"]["Cache-Control"] == nginx_cache_control('location ~ "^/theme/')
    assert rules["/images/*"]["Cache-Control"] == nginx_cache_control("location /images/")


def test_netlify_builds_with_publishconf_and_has_the_english_404(netlify):
    assert netlify["build"]["publish"] == "output"
    assert "--settings publishconf.py" in netlify["build"]["command"]
    assert "KTAN_SITEURL" in netlify["build"]["command"]
    assert {"from": "/en/*", "to": "/en/404.html", "status": 404} in netlify["redirects"]


def test_github_workflow_tests_builds_deploys_and_runs_daily():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    triggers = workflow.get("on") or workflow[True]  # YAML 1.1 reads a bare `on` as true
    cron = triggers["schedule"][0]["cron"].split()
    assert cron[2:] == ["*", "*", "*"], "the rebuild must run every day"
    jobs = workflow["jobs"]
    assert any(step.get("run") == ".ci/run" for step in jobs["test"]["steps"])
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    build_steps = " ".join(str(step) for step in jobs["build"]["steps"])
    assert "--settings publishconf.py" in build_steps and "KTAN_SITEURL" in build_steps
    assert any("deploy-pages" in step.get("uses", "") for step in jobs["deploy"]["steps"])


def test_systemd_timer_rebuilds_daily_with_publishconf():
    timer = configparser.ConfigParser(strict=False)
    timer.read(DEPLOY / "systemd" / "ktan-jember-rebuild.timer")
    service = configparser.ConfigParser(strict=False, interpolation=None)
    service.read(DEPLOY / "systemd" / "ktan-jember-rebuild.service")
    calendar = timer["Timer"]["OnCalendar"]
    assert calendar.startswith("*-*-* ") and calendar.endswith("Asia/Jakarta")
    assert timer["Timer"]["Persistent"] == "true"
    exec_start = service["Service"]["ExecStart"]
    assert "-m ktan_build --settings publishconf.py --output /srv/ktan-jember/site" in exec_start
    nginx_root = re.search(r"root (/srv/\S+);", (DEPLOY / "nginx" / "ktan-jember.conf").read_text()).group(1)
    assert exec_start.endswith(nginx_root), "the rebuild must write the folder nginx serves"
    systemd_analyze = shutil.which("systemd-analyze")
    if systemd_analyze:  # optional: not every test machine has systemd
        result = subprocess.run([systemd_analyze, "calendar", calendar], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_cron_example_writes_the_folder_nginx_serves():
    line = next(l for l in (DEPLOY / "cron" / "ktan-jember").read_text().splitlines() if l and not l.startswith("#"))
    minute, hour, dom, month, dow, *_ = line.split()
    assert (dom, month, dow) == ("*", "*", "*")
    assert "--settings publishconf.py --output /srv/ktan-jember/site" in line
