#!/usr/bin/env bash
# Packs the NuGet packages into one folder feed: Kiln.Runtime (with libkilnrt.so under runtimes/linux-x64/native)
# and the libraries it is built from (Kiln.Compiler, Kiln.Component, Kiln.Wasm, Kiln.IR, Kiln.Codegen, Kiln.Codegen.X64), and the
# 'kiln' .NET tool. Usage: ./pack.sh [OUTDIR] [dotnet pack options, e.g. --no-build]; OUTDIR defaults to artifacts/packages.
#   dotnet add package Kiln.Runtime --source OUTDIR
#   dotnet tool install --global kiln --add-source OUTDIR
# The tool is a .NET 10 RID-specific tool: 'kiln' only names its platform packages, kiln.linux-x64 (the Native AOT
# executable, as ./kiln runs it) and kiln.any (framework-dependent, for every other platform).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
out="${1:-$root/artifacts/packages}"
[ $# -gt 0 ] && shift
# The solution packs exactly the projects marked IsPackable (Directory.Build.props).
dotnet pack "$root/Compiler.sln" -c Release -o "$out" --nologo -v quiet "-clp:ErrorsOnly;NoSummary" "$@"
# The platform packages are built for their RID here (a --no-build above covers only the RID-less build).
opts=()
for a in "$@"; do [ "$a" = "--no-build" ] || opts+=("$a"); done
rids=(any)
[ "$(uname -m)" = x86_64 ] && rids=(linux-x64 any)
for rid in "${rids[@]}"; do
  dotnet pack "$root/src/Kiln.Cli/Kiln.Cli.csproj" -c Release -r "$rid" -o "$out" --nologo -v quiet "-clp:ErrorsOnly;NoSummary" ${opts[@]+"${opts[@]}"}
done
ls "$out"
