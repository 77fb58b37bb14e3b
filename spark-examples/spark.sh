#!/usr/bin/env bash
# Runs the Fashion-MNIST example application (nn4j-spark-examples.jar) on local[N] without a Spark
# installation: Spark's jars come from the Maven build (spark-examples/target/spark-classpath.txt, written
# by `mvn package`), and the JVM gets Spark's Java 17 --add-opens list (spark-submit adds it itself).
#   spark-examples/spark.sh --master 'local[2]' --workers 2 --batch 64 --sync parameters --every 16 --epochs 3
# Extra JVM options (e.g. -XX:ActiveProcessorCount=1 to pin the plain backend to one thread) go in JAVA_OPTS.
# Spark logs through log4j2 as configured in spark-examples/log4j2.properties (warnings and errors).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/nn4j-spark-examples.jar"
cp_file="$here/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ]; then
  echo "error: build first: mvn -B -q -DskipTests package" >&2
  exit 2
fi
opens=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"   # one machine: bind Spark to loopback
exec java --add-modules jdk.incubator.vector "${opens[@]}" -Dlog4j2.configurationFile="$here/log4j2.properties" ${JAVA_OPTS:-} \
  -cp "$(cat "$cp_file"):$jar" dev.nn4j.spark.examples.FashionMnistOnSpark "$@"
