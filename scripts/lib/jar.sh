# Sourced, from the project's root, by the scripts that run agritrace's jar (run, backup, restore):
# builds target/agritrace.jar when it is missing or a source is newer, and names it in $jar.
jar=target/agritrace.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main mobile-api -newer "$jar" -print -quit)" ]; then
  echo "Building agritrace..." >&2
  mvn -B -q -Dstyle.color=never -DskipTests clean package
fi
