#!/usr/bin/env bash
# Product smoke test (releng/org.nnet.studio, integration-test phase; skipped with -DskipTests):
# starts the materialised NNet Studio on a fresh workspace with -Dnnet.studio.selftest (bundles/org.nnet.product's
# StudioStartup writes a report once the workbench is up, having created the example project and opened the .nnet
# editor, the Training and Diagram views and counted the nodes the diagram page drew, then closes the IDE), waits at most NNET_SMOKE_TIMEOUT seconds (default 300),
# and checks the report and the workspace log. Needs an X display: $DISPLAY, or Xvfb started here.
# usage: studio-smoke.sh TARGET_DIR [JAVA]
set -uo pipefail
target="$(cd "${1:?usage: studio-smoke.sh TARGET_DIR [JAVA]}" && pwd)"
java="${2:-java}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
examples="$(cd "$here/../../../../examples" && pwd)"
product="$target/products/org.nnet.studio/linux/gtk/x86_64"
work="$target/studio-smoke"
report="$work/report.txt"
console="$work/console.log"
log="$work/workspace/.metadata/.log"
limit="${NNET_SMOKE_TIMEOUT:-300}"

fail() {
  echo "studio-smoke: FAILED: $*" >&2
  echo "---- report ($report) ----" >&2; cat "$report" >&2 2>/dev/null || echo "(none)" >&2
  echo "---- end of the console ($console) ----" >&2; tail -n 60 "$console" >&2 2>/dev/null
  echo "---- workspace log ($log) ----" >&2; head -n 300 "$log" >&2 2>/dev/null || echo "(none)" >&2
  exit 1
}

launcher=$(ls "$product"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)
[ -n "$launcher" ] || fail "no product at $product (materialize-products did not run)"
rm -rf "$work"
mkdir -p "$work"

xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; true; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  command -v Xvfb >/dev/null || fail "no X display: set DISPLAY or install Xvfb (apt-get install xvfb)"
  exec 3>"$work/display"
  Xvfb -displayfd 3 -screen 0 1600x1000x24 >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || fail "Xvfb did not start"
  export DISPLAY=":$(head -n 1 "$work/display")"
fi

expected_nnet=$(find "$examples" -name '*.nnet' | wc -l)
echo "studio-smoke: starting NNet Studio ($product) on a fresh workspace, DISPLAY=$DISPLAY, at most ${limit}s"
start=$(date +%s)
timeout -k 15 "$limit" "$java" -Xmx1g -Dnnet.studio.selftest="$report" -jar "$launcher" \
    -data "$work/workspace" -consoleLog >"$console" 2>&1
rc=$?
echo "studio-smoke: NNet Studio exited with $rc after $(( $(date +%s) - start ))s"
[ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && fail "NNet Studio did not finish within ${limit}s (killed)"
[ -f "$report" ] || fail "no self-test report: the workbench did not come up (exit code $rc)"
[ "$rc" -eq 0 ] || fail "NNet Studio exited with $rc"

value() { grep -m 1 "^$1=" "$report" | cut -d= -f2-; }
expect() { # key, pattern (grep -E, whole value), what it means
  local v; v="$(value "$1")"
  echo "$v" | grep -qxE "$2" || fail "$3: $1 is '${v}', expected $2"
}
expect done true "the self-test did not finish"
expect workbench running "the workbench is not running"
expect product org.nnet.product.studio "not started as the NNet Studio product"
expect windows '[1-9][0-9]*' "no workbench window"
for b in org.nnet.model org.nnet.core org.nnet.generator org.nnet.lang org.nnet.lang.ide org.nnet.diagram org.nnet.diagram.glsp org.nnet.ui org.nnet.diagram.ui org.nnet.product; do
  expect "bundle.$b" 'ACTIVE|STARTING|RESOLVED' "bundle $b is missing or did not resolve"
done
expect bundles.unresolved 0 "bundles of the product did not resolve ($(grep '^unresolved=' "$report" | tr '\n' ' '))"
expect editor 'org\.eclipse\.ui\.genericeditor\.GenericEditor mlp\.nnet' "mnist/mlp.nnet did not open in the .nnet editor"
expect view.training org.nnet.ui.training.TrainingView "the Training view did not open"
expect view.diagram org.nnet.diagram.ui.view "the Diagram view did not open"
expect diagram.nodes 5 "the Diagram view's page did not draw mnist/mlp.nnet's 5 nodes (GLSP client in the SWT Browser)"
expect wizard.org.nnet.ui.wizards.newFile true "no New NNet File wizard"
expect wizard.org.nnet.ui.wizards.examples true "no NNet Examples wizard"
expect project nnet-examples "the fresh workspace did not get the example project"
expect project.nature true "the example project has no NNet nature"
expect project.nnetFiles "$expected_nnet" "the example project does not hold every example of $examples"
expect project.errorMarkers 0 "the examples have error markers ($(grep '^error.marker=' "$report" | tr '\n' ' '))"
if [ -f "$log" ] && grep -qE '^!ENTRY [^ ]+ 4 ' "$log"; then
  fail "the workspace log has errors: $(grep -A1 -E '^!ENTRY [^ ]+ 4 ' "$log" | grep '^!MESSAGE' | sort -u | tr '\n' ' ')"
fi
warnings=$( [ -f "$log" ] && grep -cE '^!ENTRY [^ ]+ 2 ' "$log" || echo 0)
echo "studio-smoke: OK: workbench up as $(value product), $(value bundles.total) bundles resolved, editor, Training and Diagram views open (diagram: $(value diagram.nodes) nodes drawn),"
echo "studio-smoke:     example project with $(value project.nnetFiles) .nnet files and no error marker; workspace log: no error, ${warnings} warning(s)"
