package agritrace.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds, written as {@value #NAME} beside its {@code data} folder: facts about it
 * (kind, label, WAL locations), every directory, and every file with its size and SHA-256, so that
 * a restore finds a damaged, truncated or tampered backup before it puts anything in place. One
 * line per item, tab-separated; the last line counts the items, so a cut-off manifest is found too.
 */
public final class Manifest {

  public static final String NAME = "manifest.tsv";
  private static final String HEADER = "# agritrace backup: fact<TAB>name<TAB>value, dir<TAB>path, "
      + "file<TAB>size<TAB>sha256<TAB>path (paths under data/), then end<TAB>number of dirs and files";

  /** A file of the backup: its path under data/ ('/'-separated), size in bytes and SHA-256 (hex). */
  public record Entry(String path, long size, String sha256) {
  }

  /** A backup that cannot be trusted: its manifest is unreadable, or a file differs from it. */
  public static final class Damaged extends IOException {
    Damaged(String message) {
      super(message);
    }
  }

  private final Map<String, String> facts = new LinkedHashMap<>();
  private final List<String> dirs = new ArrayList<>();
  private final List<Entry> files = new ArrayList<>();

  public void fact(String name, String value) {
    facts.put(name, value.replaceAll("[\\t\\r\\n]+", " "));
  }

  public String fact(String name) {
    return facts.get(name);
  }

  public void dir(String path) {
    dirs.add(path);
  }

  public void file(Entry entry) {
    files.add(entry);
  }

  public List<String> dirs() {
    return List.copyOf(dirs);
  }

  public List<Entry> files() {
    return List.copyOf(files);
  }

  public long bytes() {
    return files.stream().mapToLong(Entry::size).sum();
  }

  public void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    facts.forEach((name, value) -> text.append("fact\t").append(name).append('\t').append(value).append('\n'));
    dirs.forEach(dir -> text.append("dir\t").append(dir).append('\n'));
    files.forEach(f -> text.append("file\t").append(f.size()).append('\t').append(f.sha256()).append('\t')
        .append(f.path()).append('\n'));
    text.append("end\t").append(dirs.size() + files.size()).append('\n');
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  public static Manifest read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new Damaged("no " + NAME + " in " + file.getParent() + ": not an agritrace backup, or an unfinished one");
    }
    Manifest manifest = new Manifest();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int items = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      String[] part = line.split("\t", -1);
      try {
        switch (part[0]) {
          case "fact" -> manifest.facts.put(part[1], part[2]);
          case "dir" -> manifest.dirs.add(safe(part[1]));
          case "file" -> manifest.files.add(new Entry(safe(part[3]), Long.parseLong(part[1]), part[2]));
          case "end" -> items = Integer.parseInt(part[1]);
          default -> throw new IllegalArgumentException(part[0]);
        }
      } catch (RuntimeException e) {
        throw new Damaged(file + " line " + (i + 1) + " cannot be read: " + line);
      }
      if (items >= 0 && i != lastLine(lines)) {
        throw new Damaged(file + ": lines after its end line " + (i + 1));
      }
    }
    if (items != manifest.dirs.size() + manifest.files.size()) {
      throw new Damaged(file + " is cut off or changed: it " + (items < 0 ? "has no end line"
          : "counts " + items + " items but lists " + (manifest.dirs.size() + manifest.files.size())));
    }
    return manifest;
  }

  private static int lastLine(List<String> lines) {
    int last = lines.size() - 1;
    while (last > 0 && lines.get(last).isEmpty()) {
      last--;
    }
    return last;
  }

  /** A relative path that stays inside the folder it is resolved against. */
  private static String safe(String path) {
    if (path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
      throw new IllegalArgumentException(path);
    }
    return path;
  }

  /**
   * Copies {@code from} to {@code to} (a new file), hashing the bytes as they are written: the
   * entry describes exactly what the copy holds, even if the source changes meanwhile.
   */
  public static Entry copy(Path from, Path to, String path) throws IOException {
    MessageDigest sha = sha256();
    long size = 0;
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to,
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        sha.update(buffer, 0, n);
        size += n;
      }
    }
    return new Entry(path, size, HexFormat.of().formatHex(sha.digest()));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
