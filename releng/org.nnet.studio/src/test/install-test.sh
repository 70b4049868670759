#!/usr/bin/env bash
# Install test (releng/org.nnet.studio, integration-test phase; skipped with -DskipTests).
# 1. copies the bare platform product (target/products/org.nnet.platform/..., made from the target platform without
#    any NNet feature) to TARGET/install-test/platform;
# 2. installs org.nnet.feature into it with the p2 director (tycho-p2-director-plugin:director), the update site
#    (update-site/target/repository) being the only repository, as a user of an Eclipse IDE of the same stream would:
#    a dependency that is neither in the platform nor on the site fails here, named by the director;
# 3. resolves every bundle of the result in Equinox (ResolveCheck.java, with the installation's own framework), which
#    names each requirement that p2's metadata let through but OSGi cannot satisfy.
# usage: install-test.sh TARGET_DIR [JAVA] [offline=true|offline=false]
set -euo pipefail
target="$(cd "${1:?usage: install-test.sh TARGET_DIR [JAVA] [OFFLINE]}" && pwd)"
java="${2:-java}"
offline="${3:-offline=false}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
platform="$target/products/org.nnet.platform/linux/gtk/x86_64"
work="$target/install-test"
install="$work/platform"
site="$root/update-site/target/repository"

[ -d "$platform/plugins" ] || { echo "install-test: no bare platform at $platform (materialize-products did not run)" >&2; exit 1; }
[ -f "$site/content.xml.xz" ] || [ -f "$site/content.jar" ] || [ -f "$site/content.xml" ] \
  || { echo "install-test: no update site at $site: build the update-site module first" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
cp -a "$platform" "$install"
if ls "$install/plugins" | grep -q '^org\.nnet\.'; then
  echo "install-test: the bare platform already holds NNet bundles: it must be made without them" >&2
  exit 1
fi
echo "install-test: installing org.nnet.feature from $site into the bare platform ($(ls "$install/plugins" | wc -l) plugins)"

# the director as a user runs it (a separate Maven call: its failure then names the missing requirement)
mvn_opts=(-B -ntp -q)
[ "$offline" = offline=true ] && mvn_opts+=(-o)
tycho_version=$(sed -n 's:.*<tycho.version>\(.*\)</tycho.version>.*:\1:p' "$root/pom.xml")
if ! (cd "$work" && JAVA_HOME="$(dirname "$(dirname "$java")")" "$root/mvnw" "${mvn_opts[@]}" "org.eclipse.tycho:tycho-p2-director-plugin:$tycho_version:director" \
      -Ddestination="$install" -Dprofile=DefaultProfile -Drepositories="$(cd "$site" && pwd -P | sed 's:^:file\::')" \
      -DinstallIUs=org.nnet.feature.feature.group >"$work/director.log" 2>&1); then
  echo "install-test: FAILED: the p2 director could not install org.nnet.feature from the update site into the platform:" >&2
  grep -o 'Call to p2 director application failed.*Program arguments' "$work/director.log" | head -n 1 \
    | sed 's/; /\n  /g; s/: \[/:\n  /' >&2 || true
  grep -E '^\[ERROR\]' "$work/director.log" | head -n 5 >&2
  echo "install-test: (the whole output: $work/director.log; a dependency missing from the site is added in update-site/category.xml)" >&2
  exit 1
fi
echo "install-test: installed: $(ls "$install/plugins" | grep -c '^org\.nnet\.') NNet bundles, $(ls "$install/plugins" | wc -l) plugins in all"

osgi=$(ls "$install"/plugins/org.eclipse.osgi_*.jar | head -n 1)
expected=(org.nnet.model org.nnet.core org.nnet.generator org.nnet.lang org.nnet.lang.ide org.nnet.diagram org.nnet.diagram.glsp org.nnet.ui org.nnet.diagram.ui)
echo "install-test: resolving every bundle of $install in Equinox"
"$java" -cp "$osgi" "$here/java/ResolveCheck.java" "$install" "${expected[@]}"
