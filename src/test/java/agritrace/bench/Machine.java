package agritrace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a benchmark ran on, as the benchmarks print it: CPU, cores, memory, Java. */
final class Machine {

  private Machine() {
  }

  static String describe() throws IOException {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
    String java = System.getProperty("java.vm.name").split(" ")[0] + " " + System.getProperty("java.version");
    return String.format("%s, %d cores, %d GiB, %s", cpu, Runtime.getRuntime().availableProcessors(),
        Math.round(memKb / 1024.0 / 1024.0), java);
  }

  /** The load average over the last minute, as /proc/loadavg tells it ("unknown" elsewhere). */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
