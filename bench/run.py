#!/usr/bin/env python3
"""Kiln benchmark runner: native (gcc -O2) vs V8 (Node.js, TurboFan only) vs Wasmtime 50.0.1 vs Kiln.

    bench/run.py                       # build what is stale, run everything, print the table
    bench/run.py --only lz77,sha256 --runs 7 --json results.json
    bench/run.py --kiln /path/to/other/checkout/kiln

Each program in bench/programs/*.c is built twice: natively with gcc -O2, and to
wasm32-wasi with clang-14 -O2. The measured region is what the program brackets with
bench_start()/bench_end() (wasm imports "bench" "start"/"end"):
  native  the binary itself reads CLOCK_MONOTONIC and prints "bench-time-ns N" to stderr;
  V8      bench/node-runner.mjs provides bench.start/end with process.hrtime.bigint();
  Wasmtime  bench/Kiln.Bench.Wasmtime (NuGet Wasmtime 50.0.1, Cranelift, default settings) mirrors kiln bench;
  Kiln    `kiln bench FILE.wasm --iterations 2 --json PATH` writes
          [{"compile_ms", "instantiate_ms", "exec_ms"}, ...], one record per iteration (so does the Wasmtime runner).
Kiln runs as a user runs it: no environment variables are set for it.
The engines take turns (native, V8, Wasmtime, Kiln, native, ...), one process per turn.
Every run's stdout must print the same "checksum XXXXXXXXXXXXXXXX" line as the native build.
Each figure is the median of --runs runs (Kiln and Wasmtime: of their 2 x --runs iterations).
"""
import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
BUILD = os.path.join(HERE, "build")
REPO = os.path.dirname(HERE)

CLANG = os.environ.get("CLANG", "clang-14")
GCC = os.environ.get("GCC", "gcc")
WASM_FLAGS = ["--target=wasm32-wasi", "-O2", "-Wall", "-Wl,-z,stack-size=1048576"]
NATIVE_FLAGS = ["-O2", "-Wall"]
# --no-liftoff: TurboFan only (no baseline tier, so no tier-up during the run);
# --no-wasm-lazy-compilation: all functions compiled in WebAssembly.compile, outside the timed region.
NODE_FLAGS = ["--no-liftoff", "--no-wasm-lazy-compilation", "--no-warnings"]

CHECKSUM_RE = re.compile(r"^checksum ([0-9a-f]{16})$", re.M)
TIME_RE = re.compile(r"^bench-time-ns (\d+)$", re.M)
V8_COMPILE_RE = re.compile(r"^v8-compile-ns (\d+)$", re.M)
V8_INST_RE = re.compile(r"^v8-instantiate-ns (\d+)$", re.M)
TIMEOUT = 900


class RunError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def discover():
    return sorted(f[:-2] for f in os.listdir(PROGRAMS) if f.endswith(".c"))


def stale(out, deps):
    if not os.path.exists(out):
        return True
    t = os.path.getmtime(out)
    return any(os.path.getmtime(d) > t for d in deps)


def build(name, no_build):
    src = os.path.join(PROGRAMS, name + ".c")
    deps = [src, os.path.join(PROGRAMS, "bench.h"), os.path.abspath(__file__)]
    outs = {"wasm": os.path.join(BUILD, name + ".wasm"), "native": os.path.join(BUILD, name + ".native")}
    cmds = {
        "wasm": [CLANG] + WASM_FLAGS + ["-o", outs["wasm"], src],
        "native": [GCC] + NATIVE_FLAGS + ["-o", outs["native"], src],
    }
    os.makedirs(BUILD, exist_ok=True)
    for kind, out in outs.items():
        if no_build:
            if not os.path.exists(out):
                raise RunError(f"{out} missing and --no-build given")
            continue
        if stale(out, deps):
            log(f"build  {' '.join(cmds[kind])}")
            r = subprocess.run(cmds[kind], capture_output=True, text=True)
            if r.returncode != 0:
                raise RunError(f"build of {name} ({kind}) failed:\n{r.stderr}")
    return outs


def one_checksum(stdout, what):
    sums = set(CHECKSUM_RE.findall(stdout))
    if not sums:
        raise RunError(f"{what}: no checksum line in output:\n{stdout[-2000:]}")
    if len(sums) > 1:
        raise RunError(f"{what}: several different checksums: {sorted(sums)}")
    return sums.pop()


def run_timed(cmd, what):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode != 0:
        raise RunError(f"{what}: exit status {r.returncode}\n{(r.stdout + r.stderr)[-2000:]}")
    times = [int(x) for x in TIME_RE.findall(r.stderr)]
    if len(times) != 1:
        raise RunError(f"{what}: expected one bench-time-ns line, got {len(times)}\n{r.stderr[-2000:]}")
    return r, times[0] / 1e6, one_checksum(r.stdout, what)


def run_native(exe):
    _, ms, ck = run_timed([exe], os.path.basename(exe))
    return {"exec_ms": ms}, ck


def run_v8(node, wasm):
    r, ms, ck = run_timed([node] + NODE_FLAGS + [os.path.join(HERE, "node-runner.mjs"), wasm],
                          "node " + os.path.basename(wasm))
    rec = {"exec_ms": ms}
    m = V8_COMPILE_RE.search(r.stderr)
    if m:
        rec["compile_ms"] = int(m.group(1)) / 1e6
    m = V8_INST_RE.search(r.stderr)
    if m:
        rec["instantiate_ms"] = int(m.group(1)) / 1e6
    return rec, ck


class KilnUnavailable(Exception):
    pass


# Each Kiln turn is one `kiln bench` process with two iterations: both exec times are samples; the
# compile and instantiate times are the second's (the first in a process also JIT-compiles much of Kiln).
KILN_ITERATIONS = 2

# Kiln is measured as a user runs it: whatever makes it fast has to be its default, not an environment
# variable set here (issue 18).
KILN_ENV = dict(os.environ)

WASMTIME_PROJECT = os.path.join(REPO, "bench", "Kiln.Bench.Wasmtime")
WASMTIME_DLL = os.path.join(REPO, "artifacts", "bin", "Kiln.Bench.Wasmtime", "release", "Kiln.Bench.Wasmtime.dll")


def wasmtime_runner(no_build):
    """The command that starts the Wasmtime runner (built here unless --no-build), or raises RunError."""
    if not no_build:
        log(f"build  dotnet build {os.path.relpath(WASMTIME_PROJECT, REPO)} -c Release")
        r = subprocess.run(["dotnet", "build", WASMTIME_PROJECT, "-c", "Release", "-v", "quiet", "-clp:ErrorsOnly", "-nologo"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RunError(f"building the Wasmtime runner failed:\n{(r.stdout + r.stderr)[-2000:]}")
    if not os.path.exists(WASMTIME_DLL):
        raise RunError(f"{WASMTIME_DLL} missing")
    return ["dotnet", WASMTIME_DLL]


def run_json_bench(cmd, wasm, what, iterations, cwd=None, env=None):
    """Runs `CMD FILE --iterations N --json PATH` (kiln bench or the Wasmtime runner); returns (records, result)."""
    fd, path = tempfile.mkstemp(prefix="bench-", suffix=".json")
    os.close(fd)
    os.unlink(path)
    try:
        r = subprocess.run(cmd + ["--iterations", str(iterations), "--json", path, wasm], capture_output=True,
                           text=True, errors="replace", timeout=TIMEOUT, env=env, cwd=cwd)
        if r.returncode != 0:
            return None, r
        if not os.path.exists(path):
            raise RunError(f"{what} {os.path.basename(wasm)}: no JSON written\n{(r.stdout + r.stderr)[-2000:]}")
        with open(path) as f:
            records = json.load(f)
        if not records or not all("exec_ms" in x for x in records):
            raise RunError(f"{what} {os.path.basename(wasm)}: unexpected JSON: {json.dumps(records)[:500]}")
        return records, r
    finally:
        if os.path.exists(path):
            os.unlink(path)


def run_wasmtime(cmd, wasm, iterations):
    records, r = run_json_bench(cmd, wasm, "wasmtime", iterations)
    if records is None:
        raise RunError(f"wasmtime {os.path.basename(wasm)}: exit status {r.returncode}\n{(r.stdout + r.stderr)[-2000:]}")
    return records, one_checksum(r.stdout, "wasmtime " + os.path.basename(wasm))


def kiln_samples(records):
    warm = records[-1]
    return [dict(r, compile_ms=warm.get("compile_ms"), instantiate_ms=warm.get("instantiate_ms")) for r in records]


def run_kiln(kiln, wasm, iterations):
    """Returns (records, checksum or None). Raises KilnUnavailable when `kiln bench` does not exist."""
    fd, path = tempfile.mkstemp(prefix="kiln-bench-", suffix=".json")
    os.close(fd)
    os.unlink(path)
    try:
        cmd = [kiln, "bench", wasm, "--iterations", str(iterations), "--json", path]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=KILN_ENV)
        out = r.stdout + r.stderr
        if r.returncode != 0 and re.search(r"unknown (command|option|argument)|usage", out, re.I):
            first = next((l for l in out.splitlines() if l.strip()), f"exit status {r.returncode}")
            raise KilnUnavailable(f"`kiln bench` not available: {first.strip()}")
        if r.returncode != 0:
            raise RunError(f"kiln bench {os.path.basename(wasm)}: exit status {r.returncode}\n{out[-2000:]}")
        if not os.path.exists(path):
            raise RunError(f"kiln bench {os.path.basename(wasm)}: no JSON written to {path}\n{out[-2000:]}")
        with open(path) as f:
            records = json.load(f)
        if isinstance(records, dict):  # tolerate {"iterations": [...]} or similar
            records = next((v for v in records.values() if isinstance(v, list)), [])
        if not records or not all("exec_ms" in x for x in records):
            raise RunError(f"kiln bench {os.path.basename(wasm)}: unexpected JSON: {json.dumps(records)[:500]}")
        sums = set(CHECKSUM_RE.findall(r.stdout))
        if len(sums) > 1:
            raise RunError(f"kiln bench {os.path.basename(wasm)}: several different checksums: {sorted(sums)}")
        return records, (sums.pop() if sums else None)
    finally:
        if os.path.exists(path):
            os.unlink(path)


def summary(values):
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def fmt(x, nd=1):
    return "n/a" if x is None else f"{x:.{nd}f}"


def ratio(a, b):
    return a / b if a is not None and b else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated program names (default: all in bench/programs)")
    ap.add_argument("--runs", type=int, default=5, help="runs per engine and program; the median is reported (default 5)")
    ap.add_argument("--no-build", action="store_true", help="do not build; use what is in bench/build")
    ap.add_argument("--json", metavar="PATH", help="also write all results as JSON to PATH")
    ap.add_argument("--kiln", default=os.environ.get("KILN", os.path.join(REPO, "kiln")),
                    help="the kiln launcher (default: $KILN or <repo>/kiln)")
    ap.add_argument("--node", default=os.environ.get("NODE", "node"), help="node binary (default: node)")
    ap.add_argument("--engines", default="native,v8,wasmtime,kiln", help="subset of native,v8,wasmtime,kiln (default: all)")
    args = ap.parse_args()

    names = discover()
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            ap.error(f"unknown program(s) {', '.join(unknown)}; known: {', '.join(names)}")
        names = wanted
    engines = set(e.strip() for e in args.engines.split(","))
    runs = max(1, args.runs)

    node = shutil.which(args.node) if "v8" in engines else None
    v8_reason = None if node or "v8" not in engines else f"node not found ({args.node})"
    kiln_reason = None
    if "kiln" not in engines:
        kiln_reason = "not requested"
    elif not os.path.exists(args.kiln):
        kiln_reason = f"{args.kiln} does not exist"
    if "v8" not in engines:
        v8_reason = "not requested"
    wasmtime_cmd, wasmtime_reason = None, None
    if "wasmtime" in engines:
        try:
            wasmtime_cmd = wasmtime_runner(args.no_build)
        except RunError as e:
            wasmtime_reason = str(e).splitlines()[0]
            log(f"wasmtime  {wasmtime_reason}; Wasmtime reported as n/a")
    else:
        wasmtime_reason = "not requested"

    meta = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "host": platform.node(), "machine": platform.machine(), "cpus": os.cpu_count(),
        "loadavg_before": os.getloadavg(), "runs": runs,
        "native_cc": " ".join([GCC] + NATIVE_FLAGS), "wasm_cc": " ".join([CLANG] + WASM_FLAGS),
        "node": subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else None,
        "node_flags": NODE_FLAGS, "kiln": args.kiln,
    }
    results = []
    failures = 0
    for name in names:
        res = {"program": name, "checksum": None, "errors": []}
        results.append(res)
        try:
            outs = build(name, args.no_build)
        except RunError as e:
            res["errors"].append(str(e)); failures += 1; log(f"error  {e}")
            continue
        res["wasm_bytes"] = os.path.getsize(outs["wasm"])
        native_runs, v8_runs, wasmtime_runs, kiln_runs = [], [], [], []
        checks = {}
        # The engines take turns (native, V8, Wasmtime, Kiln, native, ...) so that changes in machine load hit all alike.
        for i in range(runs):
            for engine in ("native", "v8", "wasmtime", "kiln"):
                if engine not in engines or (engine == "v8" and not node) or (engine == "kiln" and kiln_reason) \
                        or (engine == "wasmtime" and not wasmtime_cmd):
                    continue
                try:
                    if engine == "native":
                        rec, ck = run_native(outs["native"])
                        native_runs.append(rec)
                    elif engine == "v8":
                        rec, ck = run_v8(node, outs["wasm"])
                        v8_runs.append(rec)
                    elif engine == "wasmtime":
                        recs, ck = run_wasmtime(wasmtime_cmd, outs["wasm"], KILN_ITERATIONS)
                        wasmtime_runs.extend(kiln_samples(recs))
                    else:
                        recs, ck = run_kiln(args.kiln, outs["wasm"], KILN_ITERATIONS)
                        kiln_runs.extend(kiln_samples(recs))
                        if ck is None:
                            res["kiln_checksum"] = "not printed by kiln bench (unverified)"
                            continue
                    checks.setdefault(engine, set()).add(ck)
                except KilnUnavailable as e:
                    kiln_reason = str(e)
                    log(f"kiln   {kiln_reason}; Kiln reported as n/a")
                except (RunError, subprocess.TimeoutExpired) as e:
                    res["errors"].append(f"{engine}: {e}"); log(f"error  {name} {engine}: {e}")
        all_sums = set().union(*checks.values()) if checks else set()
        if len(all_sums) > 1:
            res["errors"].append(f"checksum mismatch: { {k: sorted(v) for k, v in checks.items()} }")
            log(f"error  {name}: checksum mismatch {checks}")
        elif all_sums:
            res["checksum"] = all_sums.pop()
        res["checksums_verified_for"] = sorted(checks)
        for engine, rs in (("native", native_runs), ("v8", v8_runs), ("wasmtime", wasmtime_runs), ("kiln", kiln_runs)):
            entry = {"exec_ms": summary([r["exec_ms"] for r in rs])}
            for key in ("compile_ms", "instantiate_ms"):
                vals = [r[key] for r in rs if r.get(key)]
                if vals:
                    entry[key] = summary(vals)
            entry["runs"] = rs
            res[engine] = entry
        if res["errors"]:
            failures += 1
        med = lambda e: res[e]["exec_ms"]["median"] if res[e]["exec_ms"] else None
        log(f"done   {name}: native {fmt(med('native'))} ms, V8 {fmt(med('v8'))} ms, Wasmtime {fmt(med('wasmtime'))} ms, "
            f"Kiln {fmt(med('kiln'))} ms"
            f"{'' if not res['errors'] else '  (ERRORS)'}")

    meta["loadavg_after"] = os.getloadavg()
    meta["kiln_status"] = kiln_reason or "measured"
    meta["v8_status"] = v8_reason or "measured"
    meta["wasmtime_status"] = wasmtime_reason or "measured"
    print_table(results, meta)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)
            f.write("\n")
        log(f"wrote {args.json}")
    return 1 if failures else 0


def print_table(results, meta):
    def med(res, e, key="exec_ms"):
        s = res.get(e, {}).get(key)
        return s["median"] if s else None

    def spread(res, e):
        s = res.get(e, {}).get("exec_ms")
        return f"±{100 * (s['max'] - s['min']) / 2 / s['median']:.0f}%" if s and s["n"] > 1 and s["median"] else ""

    hdr = ["program", "wasm KiB", "native ms", "V8 ms", "Wasmtime ms", "Kiln ms", "Kiln/Wasmtime", "Kiln/V8",
           "Kiln/native", "Wasmtime/V8", "checksum"]
    rows, ratios = [], [[] for _ in range(4)]
    for res in results:
        n, v, w, k = med(res, "native"), med(res, "v8"), med(res, "wasmtime"), med(res, "kiln")
        rs = [ratio(k, w), ratio(k, v), ratio(k, n), ratio(w, v)]
        for acc, x in zip(ratios, rs):
            acc.append(x)
        ck = ("MISMATCH" if any("mismatch" in e for e in res["errors"]) else "ERROR") if res["errors"] else res["checksum"] or "?"
        if res.get("kiln_checksum"):
            ck += " (kiln unverified)"
        rows.append([res["program"], fmt(res.get("wasm_bytes", 0) / 1024, 0)]
                    + [f"{fmt(med(res, e))} {spread(res, e)}".strip() for e in ("native", "v8", "wasmtime", "kiln")]
                    + [fmt(x, 2) for x in rs] + [ck])
    rows.append(["geomean", "", "", "", "", ""] + [fmt(geomean(acc), 2) for acc in ratios] + [""])
    widths = [max(len(str(r[i])) for r in rows + [hdr]) for i in range(len(hdr))]
    last = len(hdr) - 1
    line = lambda r: "  ".join(str(c).ljust(w) if i in (0, last) else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    print(f"# {meta['date']}  {meta['machine']}, {meta['cpus']} cpus, load {meta['loadavg_before'][0]:.2f} -> "
          f"{meta['loadavg_after'][0]:.2f}; median of {meta['runs']} runs (± = half the min..max range)")
    print(f"# native: {meta['native_cc']}   wasm: {meta['wasm_cc']}")
    print(f"# V8: node {meta['node']} {' '.join(meta['node_flags'])}: {meta['v8_status']}   "
          f"Wasmtime 50.0.1: {meta['wasmtime_status']}   Kiln: {meta['kiln_status']}")
    print(line(hdr))
    print("  ".join("-" * w for w in widths))
    for r in rows[:-1]:
        print(line(r))
    print("  ".join("-" * w for w in widths))
    print(line(rows[-1]))
    # compile / instantiate, where the engines report them
    extra = [(res["program"],) + tuple(med(res, e, key) for e in ("v8", "wasmtime", "kiln") for key in ("compile_ms", "instantiate_ms"))
             for res in results]
    if any(any(x is not None for x in e[1:]) for e in extra):
        print()
        print("program        V8 compile ms  V8 inst ms  Wasmtime compile ms  Wasmtime inst ms  Kiln compile ms  Kiln inst ms  "
              "Kiln/Wasmtime compile")
        for p, vc, vi, wc, wi, kc, ki in extra:
            print(f"{p:<14} {fmt(vc, 2):>13}  {fmt(vi, 2):>10}  {fmt(wc, 2):>19}  {fmt(wi, 2):>16}  {fmt(kc, 2):>15}  {fmt(ki, 2):>12}  "
                  f"{fmt(ratio(kc, wc), 2):>21}")
        print(f"{'geomean':<14} {'':>13}  {'':>10}  {'':>19}  {'':>16}  {'':>15}  {'':>12}  "
              f"{fmt(geomean([ratio(e[5], e[3]) for e in extra]), 2):>21}")
    for res in results:
        for e in res["errors"]:
            print(f"error: {res['program']}: {e.splitlines()[0]}")


if __name__ == "__main__":
    sys.exit(main())
