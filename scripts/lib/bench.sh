# Sourced, from the project's root, by the benchmarks in scripts/bench: compiles the main and test
# classes when the benchmark's class is missing or a source is newer, writes the test classpath once
# per pom, and names the whole classpath in $classpath. $bench_class: the benchmark's class, e.g.
# agritrace.bench.SyncBench.
classes="target/test-classes/${bench_class//.//}.class"
if [ ! -f "$classes" ] || [ -n "$(find pom.xml src -newer "$classes" -print -quit)" ]; then
  echo "Building agritrace and its tests..." >&2
  mvn -B -q test-compile
fi
if [ ! -f target/bench.classpath ] || [ pom.xml -nt target/bench.classpath ]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
fi
classpath="target/classes:target/test-classes:$(cat target/bench.classpath)"
