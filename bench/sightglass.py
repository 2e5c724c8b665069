#!/usr/bin/env python3
"""Runs Sightglass benchmarks (prebuilt wasm32-wasi programs importing bench.start/bench.end) under
`kiln bench` and under V8 (node --no-liftoff, bench/node-runner.mjs), checks their output, compares times.

    bench/sightglass.py /path/to/sightglass/benchmarks                   # every entry of all.suite
    bench/sightglass.py DIR --only shootout,bz2 --runs 5 --json out.json

The Sightglass checkout is only read: each program runs from its own directory (it reads default.input
and the like from ".", preopened by both runners). Its stdout and stderr must equal the
<stem>.stdout.expected / benchmark.* / default.* files beside it (once per run: kiln bench prints them
once per iteration; Kiln's own report at the end of stderr is cut off before comparing). A program Kiln
refuses (for example "SIMD not supported yet") or that traps is listed with the first line of the error.
Each time is the median of --runs runs of the bench.start..bench.end region.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
NODE_FLAGS = ["--no-liftoff", "--no-wasm-lazy-compilation", "--no-warnings"]
V8_LINE = re.compile(r"^(v8-compile-ns|v8-instantiate-ns|bench-time-ns) (\d+)\n", re.M)
TIMEOUT = 600
# As in run.py: no background re-JIT of Kiln's compiler competing with the program being measured.
KILN_ENV = dict(os.environ, DOTNET_TieredCompilation="0")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def suite(root, name):
    entries = []
    with open(os.path.join(root, name)) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append(line)
    return entries


def expected(path, stream):
    d, stem = os.path.dirname(path), os.path.splitext(os.path.basename(path))[0]
    for base in (stem, "benchmark", "default"):
        p = os.path.join(d, f"{base}.{stream}.expected")
        if os.path.exists(p):
            with open(p, encoding="utf-8", errors="replace") as f:
                return f.read()
    return None


def first_line(text):
    return next((l.strip() for l in text.splitlines() if l.strip()), "")


def check_output(path, stdout, stderr, times):
    """None if stdout/stderr are the expected ones repeated `times` times, else what differs."""
    problems = []
    for stream, got in (("stdout", stdout), ("stderr", stderr)):
        want = expected(path, stream)
        if want is None:
            continue
        # Some expected files lack the program's final newline (Sightglass compares leniently there).
        if got != want * times and got.rstrip() != ((want.rstrip() + "\n") * times).rstrip():
            problems.append(f"{stream} differs (got {len(got)} bytes, want {times} x {len(want)})")
    return "; ".join(problems) or None


def run_kiln(kiln, path, runs):
    fd, js = tempfile.mkstemp(prefix="kiln-sg-", suffix=".json")
    os.close(fd)
    os.unlink(js)
    try:
        r = subprocess.run([kiln, "bench", "--iterations", str(runs), "--json", js, os.path.basename(path)],
                           cwd=os.path.dirname(path), capture_output=True, text=True, errors="replace", timeout=TIMEOUT,
                           env=KILN_ENV)
        # Kiln's report (and its error line) follows the program's stderr; cut from the last line starting "kiln".
        err = r.stderr
        cut = err.rfind("\nkiln bench: ")
        guest_err = err[:cut + 1] if cut >= 0 else ("" if err.startswith("kiln bench: ") else err)
        report = err[len(guest_err):]
        if r.returncode != 0:
            msg = next((l for l in report.splitlines() if l.startswith("kiln")), first_line(err) or f"exit status {r.returncode}")
            return {"status": "error", "error": msg.strip()[:300]}
        with open(js) as f:
            recs = json.load(f)
        res = {"status": "ok", "exec_ms": statistics.median(x["exec_ms"] for x in recs),
               "compile_ms": statistics.median(x["compile_ms"] for x in recs),
               "instantiate_ms": statistics.median(x["instantiate_ms"] for x in recs), "runs": recs}
        bad = check_output(path, r.stdout, guest_err, runs)
        if bad:
            res["status"] = "wrong output"
            res["error"] = bad
        return res
    except subprocess.TimeoutExpired:
        return {"status": "error", "error": f"timeout after {TIMEOUT} s"}
    finally:
        if os.path.exists(js):
            os.unlink(js)


def run_v8(node, path, runs):
    times, compiles = [], []
    for _ in range(runs):
        try:
            r = subprocess.run([node] + NODE_FLAGS + [os.path.join(HERE, "node-runner.mjs"), os.path.basename(path)],
                               cwd=os.path.dirname(path), capture_output=True, text=True, errors="replace", timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return {"status": "error", "error": f"timeout after {TIMEOUT} s"}
        vals = dict((k, int(v)) for k, v in V8_LINE.findall(r.stderr))
        guest_err = V8_LINE.sub("", r.stderr)
        if r.returncode != 0 or "bench-time-ns" not in vals:
            return {"status": "error", "error": (first_line(guest_err) or f"exit status {r.returncode}")[:300]}
        bad = check_output(path, r.stdout, guest_err, 1)
        if bad:
            return {"status": "wrong output", "error": bad}
        times.append(vals["bench-time-ns"] / 1e6)
        compiles.append(vals.get("v8-compile-ns", 0) / 1e6)
    return {"status": "ok", "exec_ms": statistics.median(times), "compile_ms": statistics.median(compiles)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", help="the Sightglass benchmarks directory")
    ap.add_argument("--suite", default="all.suite", help="suite file in ROOT listing the .wasm files (default all.suite)")
    ap.add_argument("--only", help="comma-separated substrings; keep entries containing any of them")
    ap.add_argument("--runs", type=int, default=3, help="runs per engine (default 3)")
    ap.add_argument("--engines", default="kiln,v8", help="subset of kiln,v8")
    ap.add_argument("--kiln", default=os.environ.get("KILN", os.path.join(REPO, "kiln")))
    ap.add_argument("--node", default=os.environ.get("NODE", "node"))
    ap.add_argument("--json", metavar="PATH", help="also write every result as JSON")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    engines = set(args.engines.split(","))

    entries = suite(root, args.suite)
    if args.only:
        keys = [k for k in args.only.split(",") if k]
        entries = [e for e in entries if any(k in e for k in keys)]
    results = []
    for entry in entries:
        path = os.path.join(root, entry)
        res = {"benchmark": entry}
        results.append(res)
        if not os.path.exists(path):
            res["kiln"] = res["v8"] = {"status": "missing", "error": "not built in this checkout"}
            log(f"skip   {entry}: not built")
            continue
        if "kiln" in engines:
            res["kiln"] = run_kiln(args.kiln, path, args.runs)
        if "v8" in engines:
            res["v8"] = run_v8(args.node, path, args.runs)
        k, v = res.get("kiln", {}), res.get("v8", {})
        log(f"done   {entry}: Kiln {k.get('status')} {k.get('exec_ms', '')} {k.get('error', '')}| "
            f"V8 {v.get('status')} {v.get('exec_ms', '')} {v.get('error', '')}")

    def ms(r):
        return f"{r['exec_ms']:.2f}" if r.get("status") == "ok" else r.get("status", "-")

    width = max([len(r["benchmark"]) for r in results] + [9])
    print(f"{'benchmark':<{width}}  {'Kiln ms':>12}  {'V8 ms':>12}  {'Kiln/V8':>7}  Kiln compile ms")
    ratios = []
    for r in results:
        k, v = r.get("kiln", {}), r.get("v8", {})
        ratio = k["exec_ms"] / v["exec_ms"] if k.get("status") == "ok" and v.get("status") == "ok" and v["exec_ms"] > 0 else None
        if ratio and k["exec_ms"] >= 1 and v["exec_ms"] >= 1:
            ratios.append(ratio)
        print(f"{r['benchmark']:<{width}}  {ms(k):>12}  {ms(v):>12}  {'' if ratio is None else f'{ratio:.2f}':>7}  "
              f"{k['compile_ms']:.1f}" if k.get("status") == "ok" else
              f"{r['benchmark']:<{width}}  {ms(k):>12}  {ms(v):>12}  {'':>7}")
    if ratios:
        import math
        print(f"geomean Kiln/V8 over {len(ratios)} benchmarks with both times >= 1 ms: "
              f"{math.exp(sum(map(math.log, ratios)) / len(ratios)):.2f}")
    for r in results:
        for eng in ("kiln", "v8"):
            e = r.get(eng, {})
            if e.get("status") not in (None, "ok"):
                print(f"{eng}: {r['benchmark']}: {e['status']}: {e.get('error', '')}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
