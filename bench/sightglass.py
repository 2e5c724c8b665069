#!/usr/bin/env python3
"""Runs Sightglass benchmarks (prebuilt wasm32-wasi programs importing bench.start/bench.end) under
`kiln bench`, under Wasmtime 50.0.1 (bench/Kiln.Bench.Wasmtime, which mirrors kiln bench) and under V8
(node --no-liftoff, bench/node-runner.mjs), checks their output, compares times.

    bench/sightglass.py /path/to/sightglass/benchmarks                   # every entry of all.suite
    bench/sightglass.py DIR --only shootout,bz2 --runs 5 --json out.json

The Sightglass checkout is only read: each program runs from its own directory (it reads default.input
and the like from ".", preopened by both runners). Its stdout and stderr must equal the
<stem>.stdout.expected / benchmark.* / default.* files beside it (once per iteration: kiln bench and the
Wasmtime runner print them once per iteration; their own reports at the end of stderr are cut off before
comparing). A program an engine refuses (for example "SIMD not supported yet") or that traps is listed with the
first line of the error. The engines take turns (Kiln, Wasmtime, V8, Kiln, ...), one process per turn; Kiln and
Wasmtime run 2 iterations per process and both are samples. Each time is the median of the samples of the
bench.start..bench.end region. Kiln runs as a user runs it: no environment variables are set for it.
"""
import argparse
import json
import math
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
ITERATIONS = 2  # per kiln bench / Wasmtime runner process
WASMTIME_PROJECT = os.path.join(REPO, "bench", "Kiln.Bench.Wasmtime")
WASMTIME_DLL = os.path.join(REPO, "artifacts", "bin", "Kiln.Bench.Wasmtime", "release", "Kiln.Bench.Wasmtime.dll")


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


def run_json_bench(cmd, path, report_prefix):
    """One `CMD --iterations N --json PATH FILE` process (kiln bench or the Wasmtime runner) from the program's
    directory: {"status", "runs": [records], "error"}."""
    fd, js = tempfile.mkstemp(prefix="sg-", suffix=".json")
    os.close(fd)
    os.unlink(js)
    try:
        r = subprocess.run(cmd + ["--iterations", str(ITERATIONS), "--json", js, os.path.basename(path)],
                           cwd=os.path.dirname(path), capture_output=True, text=True, errors="replace", timeout=TIMEOUT)
        # The runner's report (and its error line) follows the program's stderr; cut from its first line.
        err = r.stderr
        if err.startswith(report_prefix):
            guest_err = ""
        else:
            cut = err.find("\n" + report_prefix)
            guest_err = err[:cut + 1] if cut >= 0 else err
        report = err[len(guest_err):]
        if r.returncode != 0:
            msg = next((l for l in report.splitlines() if l.startswith(report_prefix.split()[0])),
                       first_line(err) or f"exit status {r.returncode}")
            return {"status": "error", "error": msg.strip()[:300]}
        with open(js) as f:
            recs = json.load(f)
        bad = check_output(path, r.stdout, guest_err, ITERATIONS)
        if bad:
            return {"status": "wrong output", "error": bad}
        return {"status": "ok", "runs": recs}
    except subprocess.TimeoutExpired:
        return {"status": "error", "error": f"timeout after {TIMEOUT} s"}
    finally:
        if os.path.exists(js):
            os.unlink(js)


def run_v8(node, path):
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
    return {"status": "ok", "runs": [{"exec_ms": vals["bench-time-ns"] / 1e6,
                                      "compile_ms": vals.get("v8-compile-ns", 0) / 1e6}]}


def build_wasmtime_runner():
    r = subprocess.run(["dotnet", "build", WASMTIME_PROJECT, "-c", "Release", "-v", "quiet", "-clp:ErrorsOnly", "-nologo"],
                       capture_output=True, text=True)
    if r.returncode != 0 or not os.path.exists(WASMTIME_DLL):
        return None, f"building the Wasmtime runner failed: {first_line(r.stdout + r.stderr)}"
    return ["dotnet", WASMTIME_DLL], None


def median_of(runs, key):
    vals = [x[key] for x in runs if x.get(key) is not None]
    return statistics.median(vals) if vals else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", help="the Sightglass benchmarks directory")
    ap.add_argument("--suite", default="all.suite", help="suite file in ROOT listing the .wasm files (default all.suite)")
    ap.add_argument("--only", help="comma-separated substrings; keep entries containing any of them")
    ap.add_argument("--runs", type=int, default=3, help="turns per engine (default 3)")
    ap.add_argument("--engines", default="kiln,wasmtime,v8", help="subset of kiln,wasmtime,v8")
    ap.add_argument("--kiln", default=os.environ.get("KILN", os.path.join(REPO, "kiln")))
    ap.add_argument("--node", default=os.environ.get("NODE", "node"))
    ap.add_argument("--no-build", action="store_true", help="use the Wasmtime runner as built")
    ap.add_argument("--json", metavar="PATH", help="also write every result as JSON")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    engines = [e for e in ("kiln", "wasmtime", "v8") if e in set(args.engines.split(","))]

    wasmtime_cmd, wasmtime_error = None, None
    if "wasmtime" in engines:
        if args.no_build:
            wasmtime_cmd = ["dotnet", WASMTIME_DLL] if os.path.exists(WASMTIME_DLL) else None
            wasmtime_error = None if wasmtime_cmd else f"{WASMTIME_DLL} missing and --no-build given"
        else:
            wasmtime_cmd, wasmtime_error = build_wasmtime_runner()
    runners = {
        "kiln": lambda p: run_json_bench([args.kiln, "bench"], p, "kiln bench: "),
        "wasmtime": lambda p: run_json_bench(wasmtime_cmd, p, "wasmtime bench: ") if wasmtime_cmd
        else {"status": "error", "error": wasmtime_error},
        "v8": lambda p: run_v8(args.node, p),
    }

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
            for e in engines:
                res[e] = {"status": "missing", "error": "not built in this checkout"}
            log(f"skip   {entry}: not built")
            continue
        samples = {e: [] for e in engines}
        failed = {}
        # Interleaved: a change in machine load hits every engine alike.
        for _ in range(max(1, args.runs)):
            for e in engines:
                if e in failed:
                    continue
                out = runners[e](path)
                if out["status"] != "ok":
                    failed[e] = out
                else:
                    samples[e].extend(out["runs"])
        for e in engines:
            res[e] = failed.get(e) or {"status": "ok", "exec_ms": median_of(samples[e], "exec_ms"),
                                        "compile_ms": median_of(samples[e], "compile_ms"), "runs": samples[e]}
        log("done   " + entry + ": " + ", ".join(
            f"{e} {res[e]['status']} {res[e].get('exec_ms') or ''} {res[e].get('error', '')}".rstrip() for e in engines))

    def ms(r):
        return f"{r['exec_ms']:.2f}" if r.get("status") == "ok" else r.get("status", "-")

    def ratio(r, a, b):
        x, y = r.get(a, {}), r.get(b, {})
        if x.get("status") == "ok" and y.get("status") == "ok" and y["exec_ms"] > 0:
            return x["exec_ms"] / y["exec_ms"]
        return None

    def cms(r):
        return f"{r['compile_ms']:.1f}" if r.get("status") == "ok" and r.get("compile_ms") is not None else ""

    width = max([len(r["benchmark"]) for r in results] + [9])
    pairs = [("kiln", "wasmtime"), ("kiln", "v8"), ("wasmtime", "v8")]
    names = {"kiln": "Kiln", "wasmtime": "Wasmtime", "v8": "V8"}
    print(f"{'benchmark':<{width}}  {'Kiln ms':>10}  {'Wasmtime ms':>11}  {'V8 ms':>10}  {'Kiln/Wasmtime':>13}  {'Kiln/V8':>7}  "
          f"{'Wasmtime/V8':>11}  {'Kiln compile ms':>15}  {'Wasmtime compile ms':>19}")
    geo = {p: [] for p in pairs}
    compile_ratios = []
    for r in results:
        cells = []
        for a, b in pairs:
            x = ratio(r, a, b)
            cells.append("" if x is None else f"{x:.2f}")
            if x and r[a]["exec_ms"] >= 1 and r[b]["exec_ms"] >= 1:
                geo[(a, b)].append(x)
        k, w = r.get("kiln", {}), r.get("wasmtime", {})
        if k.get("status") == "ok" and w.get("status") == "ok" and k.get("compile_ms") and w.get("compile_ms"):
            compile_ratios.append(k["compile_ms"] / w["compile_ms"])
        print(f"{r['benchmark']:<{width}}  {ms(r.get('kiln', {})):>10}  {ms(r.get('wasmtime', {})):>11}  {ms(r.get('v8', {})):>10}  "
              f"{cells[0]:>13}  {cells[1]:>7}  {cells[2]:>11}  {cms(k):>15}  {cms(w):>19}")
    for (a, b), xs in geo.items():
        if xs:
            print(f"geomean {names[a]}/{names[b]} over {len(xs)} benchmarks with both times >= 1 ms: "
                  f"{math.exp(sum(map(math.log, xs)) / len(xs)):.2f}")
    if compile_ratios:
        print(f"geomean Kiln/Wasmtime compile time over {len(compile_ratios)} benchmarks: "
              f"{math.exp(sum(map(math.log, compile_ratios)) / len(compile_ratios)):.2f}")
    for r in results:
        for eng in engines:
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
