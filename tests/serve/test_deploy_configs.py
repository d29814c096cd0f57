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
    assert netlify["build"]["publish"] == "public"
    assert netlify["build"]["command"].endswith("cp -RL output public"), "a plain copy of the release output/ points at"
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


def edit_env() -> dict[str, str]:
    lines = (DEPLOY / "edit" / "edit.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def unit(name: str) -> configparser.ConfigParser:
    parsed = configparser.ConfigParser(strict=False, interpolation=None)
    parsed.optionxform = str
    assert parsed.read(DEPLOY / "systemd" / name), name
    return parsed


def nginx_root() -> str:
    return re.search(r"root (/srv/\S+);", (DEPLOY / "nginx" / "ktan-jember.conf").read_text()).group(1)


def test_systemd_timer_rebuilds_daily_through_the_publishing_runner():
    timer = unit("ktan-jember-rebuild.timer")
    service = unit("ktan-jember-rebuild.service")
    calendar = timer["Timer"]["OnCalendar"]
    assert calendar.startswith("*-*-* ") and calendar.endswith("Asia/Jakarta")
    assert timer["Timer"]["Persistent"] == "true"
    assert service["Service"]["ExecStart"].endswith("-m ktan_server build --trigger nightly")
    assert service["Service"]["EnvironmentFile"] == "/etc/ktan-jember/edit.env"
    assert edit_env()["KTAN_SERVER_ROOT"] + "/current" == nginx_root(), "the rebuild must switch the link nginx serves"
    systemd_analyze = shutil.which("systemd-analyze")
    if systemd_analyze:  # optional: not every test machine has systemd
        result = subprocess.run([systemd_analyze, "calendar", calendar], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_cron_example_runs_the_same_nightly_build():
    line = next(l for l in (DEPLOY / "cron" / "ktan-jember").read_text().splitlines() if l and not l.startswith("#"))
    minute, hour, dom, month, dow, *_ = line.split()
    assert (dom, month, dow) == ("*", "*", "*")
    assert ". /etc/ktan-jember/edit.env" in line and "-m ktan_server build --trigger nightly" in line


def test_the_edit_services_ports_agree_across_nginx_systemd_and_settings():
    edit = (DEPLOY / "nginx" / "ktan-jember-edit.conf").read_text()
    app_port = re.search(r"--port (\d+)", unit("ktan-jember-edit.service")["Service"]["ExecStart"]).group(1)
    preview_port = re.search(r"--port (\d+)", unit("ktan-jember-preview.service")["Service"]["ExecStart"]).group(1)
    proxied = set(re.findall(r"proxy_pass http://127\.0\.0\.1:(\d+);", edit))
    assert proxied == {app_port, preview_port}
    assert edit_env()["KTAN_PREVIEW_PORT"] == preview_port, "the edit service asks the preview whether it built"
    decap = (DEPLOY / "systemd" / "ktan-jember-decap.service").read_text()
    environment = dict(re.findall(r"^Environment=(\w+)=(\S+)$", decap, re.M))
    assert environment["BIND_HOST"] == "127.0.0.1", "decap-server has no authentication: loopback only"
    assert environment["MODE"] == "fs", "commits are made by the edit service, with the editor as author"
    assert environment["PORT"] == edit_env()["KTAN_DECAP_PORT"]
    assert environment["PORT"] not in proxied, "nginx must never reach decap-server directly"
    assert "auth_basic_user_file /etc/ktan-jember/editors.htpasswd;" in edit
    assert "proxy_set_header X-Ktan-Editor $remote_user;" in edit
    for name in ("edit", "watch", "preview", "rebuild", "backup"):
        service = unit(f"ktan-jember-{name}.service")["Service"]
        assert service["User"] == "ktan" and service["NoNewPrivileges"] == "true"


def test_install_and_backup_scripts_are_valid_bash_and_install_what_exists():
    for script in ("install.sh", "backup.sh"):
        result = subprocess.run(["bash", "-n", str(DEPLOY / "edit" / script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    install = (DEPLOY / "edit" / "install.sh").read_text()
    for path in re.findall(r'"\$repo/(deploy/[^"]+)"', install):
        if "*" not in path:
            assert (ROOT / path).exists(), path
    backup = unit("ktan-jember-backup.service")["Service"]["ExecStart"]
    assert backup.split()[0] == "/srv/ktan-jember/repo/deploy/edit/backup.sh"
