#!/usr/bin/env bash
# Parses every file the export writes with DHIS2's own readers, compiled from a local checkout of
# dhis2/dhis2-core (and of dhis2/json-tree), for the chosen release branches. For developers: not
# in CI, which has no DHIS2 source. Nothing of DHIS2 is copied into the project: its sources are
# read from the checkouts into a temporary folder, compiled there and removed.
#
#   scripts/dhis2-conformance/run.sh --core PATH --json-tree PATH [--branches "2.38 2.39 2.40 2.41 2.42 2.43"] [--keep]
#
# Needs a JDK 17 (Debian: apt-get install default-jdk-headless) and git; for 2.38-2.42's JSON reader,
# Debian's libjackson2-databind-java libjackson2-dataformat-xml-java liblombok-java libcommons-lang3-java.
# See README.md beside this file.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
core=""; jsontree=""; branches="2.38 2.39 2.40 2.41 2.42 2.43"; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --core) core="$2"; shift 2 ;;
    --json-tree) jsontree="$2"; shift 2 ;;
    --branches) branches="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$core" ] || { echo "give --core PATH: a clone of https://github.com/dhis2/dhis2-core (bare or not)" >&2; exit 2; }
command -v javac >/dev/null || { echo "javac not found: apt-get install default-jdk-headless" >&2; exit 2; }

work="$(mktemp -d)"
[ "$keep" = 1 ] && echo "work folder: $work" || trap 'rm -rf "$work"' EXIT

# A branch as the checkout names it: a local branch, or the remote's.
ref_of() { for ref in "$1" "origin/$1" "upstream/$1"; do git -C "$core" rev-parse -q --verify "$ref^{commit}" >/dev/null && { echo "$ref"; return; }; done; }
show() { git -C "$core" show "$1:$2"; }
has() { git -C "$core" cat-file -e "$1:$2" 2>/dev/null; }

# Debian's jars for the Jackson reader of 2.38 to 2.42 (JARS overrides the folder).
JARS="${JARS:-/usr/share/java}"; LOMBOK="$JARS/lombok.jar"
jackson_classpath() {
  local cp="" jar
  for jar in jackson-databind jackson-core jackson-annotations jackson-dataformat-xml commons-lang3 lombok; do
    [ -f "$JARS/$jar.jar" ] || return 1
    cp="$cp${cp:+:}$JARS/$jar.jar"
  done
  echo "$cp"
}

API=dhis-2/dhis-api/src/main/java/org/hisp/dhis
CORE=dhis-2/dhis-services/dhis-service-core/src/main/java/org/hisp/dhis

node --import tsx "$here/write-files.ts" "$work/files" >/dev/null
mkdir -p "$work/results"

for branch in $branches; do
  ref="$(ref_of "$branch")"
  [ -n "$ref" ] || { echo "$branch: no such branch in $core" >&2; continue; }
  out="$work/results/$branch"; classes="$work/classes-$branch"; src="$work/src-$branch"
  mkdir -p "$out" "$classes" "$src"
  readers="stax"; pipeline=""
  # 2.43 and later import through DataEntryInput: CSV by header name (CSV.java), JSON with json-tree.
  if has "$ref" "$CORE/datavalue/DataEntryInput.java" && has "$ref" "$API/csv/CSV.java"; then
    mkdir -p "$src/org/hisp/dhis/csv" "$src/org/hisp/dhis/datavalue"
    show "$ref" "$API/csv/CSV.java" > "$src/org/hisp/dhis/csv/CSV.java"
    show "$ref" "$API/csv/LineBuffer.java" > "$src/org/hisp/dhis/csv/LineBuffer.java"
    {
      echo 'package org.hisp.dhis.datavalue;'
      echo 'import java.util.Map; import java.util.Set; import javax.annotation.CheckForNull; import javax.annotation.Nonnull;'
      echo 'import org.hisp.dhis.common.OpenApi; import org.hisp.dhis.common.UID; import org.hisp.dhis.csv.CSV;'
      echo 'public final class DataEntryValue {'
      show "$ref" "$API/datavalue/DataEntryValue.java" | awk '/public record Input\(/{on=1} on{print} on&&/^  }$/{exit}'
      echo '}'
      # the metadata types its documentation annotations name
      for type in DataElement OrganisationUnit CategoryOptionCombo CategoryCombo CategoryOption; do echo "final class $type {}"; done
    } > "$src/org/hisp/dhis/datavalue/DataEntryValue.java"
    readers="$readers csv"; pipeline="pipeline"
    version="$(show "$ref" dhis-2/pom.xml | sed -n 's:.*<dhis-json-tree.version>\(.*\)</dhis-json-tree.version>.*:\1:p' | head -1)"
    if [ -n "$jsontree" ] && [ -n "$version" ]; then
      git -C "$jsontree" archive "v$version" src/main/java | tar -x -C "$src" --strip-components=3
      rm -f "$src/module-info.java"
      readers="$readers json"
    else
      echo "$branch: JSON not checked: give --json-tree PATH (json-tree ${version:-version unknown})" >&2
    fi
  fi
  # 2.38 to 2.42 bind JSON with Jackson into DHIS2's own dxf2 classes, made with lombok.
  DXF2=dhis-2/dhis-services/dhis-service-dxf2/src/main/java/org/hisp/dhis/dxf2
  if ! has "$ref" "$CORE/datavalue/DataEntryInput.java" && has "$ref" "$DXF2/datavalueset/JsonDataValueSetReader.java"; then
    if jars="$(jackson_classpath)"; then
      jsrc="$work/jackson-src-$branch"; jclasses="$work/jackson-classes-$branch"
      mkdir -p "$jsrc/org/hisp/dhis/dxf2/datavalueset" "$jsrc/org/hisp/dhis/dxf2/datavalue" "$jsrc/org/hisp/dhis/common" "$jclasses"
      for file in datavalueset/DataValueSet.java datavalueset/DataValueEntry.java datavalue/DataValue.java; do
        show "$ref" "$DXF2/$file" > "$jsrc/org/hisp/dhis/dxf2/$file"
      done
      show "$ref" "$API/common/DxfNamespaces.java" > "$jsrc/org/hisp/dhis/common/DxfNamespaces.java"
      javac -nowarn -encoding UTF-8 -cp "$jars" -processorpath "$LOMBOK" -d "$jclasses" \
        $(find "$jsrc" "$here/stubs-jackson" -name '*.java') "$here/harness/Out.java" "$here/harness/ReadJackson.java" 2> "$work/javac-jackson-$branch.log" \
        || { echo "$branch: DHIS2's JSON classes did not compile, see below" >&2; cat "$work/javac-jackson-$branch.log" >&2; exit 1; }
      readers="$readers jackson"
    else
      echo "$branch: JSON not checked: needs Jackson, lombok and commons-lang3 (apt-get install libjackson2-databind-java libjackson2-dataformat-xml-java liblombok-java libcommons-lang3-java)" >&2
    fi
  fi
  harness=("$here/harness/Out.java" "$here/harness/ReadStax.java")
  case " $readers " in *" csv "*) harness+=("$here/harness/ReadCsvByName.java") ;; esac
  case " $readers " in *" json "*) harness+=("$here/harness/ReadJsonTree.java") ;; esac
  find "$src" "$here/stubs" -name '*.java' > "$work/sources-$branch"
  printf '%s\n' "${harness[@]}" >> "$work/sources-$branch"
  javac -nowarn -encoding UTF-8 -proc:none -d "$classes" @"$work/sources-$branch" 2> "$work/javac-$branch.log" \
    || { echo "$branch: DHIS2's readers did not compile, see below" >&2; cat "$work/javac-$branch.log" >&2; exit 1; }
  for file in "$work/files"/*; do
    name="$(basename "$file")"
    case "$name" in
      *.expected.json) continue ;;
      *.adx.xml|*.xml) reader=ReadStax ;;
      *.csv) case " $readers " in *" csv "*) reader=ReadCsvByName ;; *) continue ;; esac ;;
      *.json) case " $readers " in *" json "*) reader=ReadJsonTree ;; *" jackson "*) reader=ReadJackson ;; *) continue ;; esac ;;
    esac
    cp="$classes"; [ "$reader" = ReadJackson ] && cp="$work/jackson-classes-$branch:$jars"
    java -cp "$cp" "$reader" "$file" $pipeline > "$out/$name.read.json"
  done
  echo "$readers" > "$out/readers"
done

node --import tsx "$here/compare.ts" "$work/files" "$work/results"
