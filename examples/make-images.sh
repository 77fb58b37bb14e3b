#!/usr/bin/env bash
# Regenerates the demo pictures shown in README.md into docs/img/, from the fat jar:
#
#   mvn -B -q -DskipTests package && examples/make-images.sh
#
# Every demo runs on the plain backend with its default seed, so the pictures repeat.
# The digits pictures use MNIST when MNIST_DIR names a directory with its four IDX files;
# otherwise the typed stand-in of the synthetic-digits command (easier than handwriting).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=examples/target/nn4j-examples.jar
[ -f "$JAR" ] || { echo "build the jar first: mvn -B -q -DskipTests package" >&2; exit 2; }
java_() { java --add-modules jdk.incubator.vector -jar "$JAR" "$@" 2>&1 | grep -v "Using incubator modules"; }
run() { java_ "$@" --backend plain; }
IMG=docs/img
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$IMG"

run xor --out "$TMP/xor"
run xor --out "$TMP/xor-gif" --frames 2000 --cell 5
cp "$TMP/xor/xor-surface.png" "$TMP/xor-gif/xor-learning.gif" "$IMG/"

run color --out "$TMP/color"
cp "$TMP/color/color-swatches.png" "$TMP/color/color-cost.png" "$IMG/"

run streetlight --out "$TMP/streetlight"
cp "$TMP/streetlight/streetlight-error.png" "$IMG/"

run neuroevolution --out "$TMP/neuro"
run neuroevolution --out "$TMP/neuro" --replay "$TMP/neuro/neuroevolution-best.json" --seed 7
cp "$TMP/neuro/neuroevolution-fitness.png" "$TMP/neuro/neuroevolution-filmstrip.png" "$IMG/"

DIGITS=${MNIST_DIR:-}
if [ -z "$DIGITS" ]; then
  DIGITS="$TMP/synthetic-digits"
  java_ synthetic-digits --out "$DIGITS" --train 6000 --test 1000
fi
java_ synthetic-digits --out "$TMP/samples" --train 10 --test 10
run digits --data "$DIGITS" --epochs 5 --out "$TMP/digits" --image "$TMP/samples/sample-4.png"
cp "$TMP/samples/sample-4.png" "$TMP/digits/digits-misclassified.png" "$TMP/digits/digits-image.png" \
   "$TMP/digits/digits-curves.png" "$IMG/"
mv "$IMG/sample-4.png" "$IMG/digits-sample-4.png"

ls -l "$IMG"
du -ch "$IMG"/*.png "$IMG"/*.gif | tail -1
