package agritrace.ops;

import agritrace.db.Postmaster;
import agritrace.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/backup [--cold] [DEST]}: a backup of the embedded database into a new folder
 * {@code DEST/agritrace-<UTC time>} (DEST defaults to ./backups) holding {@code data/} and the
 * {@link Manifest}. While the server runs (found by its data directory's postmaster.pid), a hot
 * base backup, PostgreSQL's low-level API: in one session {@code pg_backup_start} (a checkpoint,
 * done at once), a copy of the data directory, {@code pg_backup_stop}, whose label file is written
 * as {@code backup_label}, then the WAL from the start's segment to the stop's, kept from being
 * recycled meanwhile by a temporary physical replication slot; a restore replays that WAL to a
 * consistent state. With {@code --cold}, a copy of the stopped server's directory, its WAL too,
 * holding the embedded library's lock so that no server starts on it meanwhile. The folder is
 * written under a hidden name and renamed when complete, so a backup that did not finish never
 * looks like one.
 */
public final class Backup {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final Pattern START_WAL = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");
  private static final Pattern WAL_FILE = Pattern.compile("[0-9A-F]{24}");

  /** A backup that is not made, with the reason for the operator and the exit status. */
  public static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** What a backup wrote: its folder, files, bytes and WAL segments. */
  public record Made(Path folder, int files, long bytes, int walSegments) {
  }

  private Backup() {
  }

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  /** The command: its arguments and environment; prints what it did or why not; answers the exit status. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(args);
    boolean cold = rest.remove("--cold");
    if (rest.size() > 1 || rest.stream().anyMatch(a -> a.startsWith("-"))) {
      err.println("usage: scripts/backup [--cold] [DEST]   (DEST: the folder backups go into, default ./backups)");
      return 2;
    }
    Path dest = Path.of(rest.isEmpty() ? "backups" : rest.get(0)).toAbsolutePath();
    try {
      Config config = Config.fromEnvironment(env);
      if (config.databaseUrl() != null) {
        throw new Refused(2, "DATABASE_URL is set: agritrace runs on your own PostgreSQL server, which this script"
            + " does not back up. Use that server's own tools, of a version matching it: pg_dump -Fc (a logical"
            + " backup of the database) or pg_basebackup (the whole server, with its WAL), and keep the files"
            + " on another machine.");
      }
      Path pgdata = config.dataDir().resolve("postgres");
      long started = System.nanoTime();
      Made made = cold ? cold(pgdata, dest) : hot(pgdata, dest);
      out.printf("Backed up %s%s into %s: %d files, %.1f MB%s, in %.1f s%n", pgdata, cold ? " (stopped)" : " while it serves",
          made.folder(), made.files(), made.bytes() / 1e6,
          made.walSegments() > 0 ? ", " + made.walSegments() + " WAL segments" : "", (System.nanoTime() - started) / 1e9);
      out.println("Restore it with: scripts/restore " + made.folder() + " NEW_DATA_DIR");
      return 0;
    } catch (Refused e) {
      err.println(e.getMessage());
      return e.status;
    } catch (IllegalArgumentException | IOException | SQLException e) {
      err.println("The backup failed: " + e.getMessage());
      return 1;
    }
  }

  /** A hot backup of the server running on {@code pgdata} into a new folder under {@code dest}. */
  public static Made hot(Path pgdata, Path dest) throws Refused, IOException, SQLException {
    Postmaster server = Postmaster.running(pgdata).orElseThrow(() -> new Refused(3, "No agritrace database is running on "
        + pgdata + " (no live postmaster.pid), so there is nothing to back up while it serves. A copy of the"
        + " stopped data directory is a valid backup too: with agritrace stopped, run scripts/backup --cold"
        + " (or start agritrace and run scripts/backup again)."));
    String stamp = STAMP.format(Instant.now());
    Path partial = startFolder(dest, stamp);
    try (Connection session = DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres")) {
      Manifest manifest = new Manifest();
      manifest.fact("kind", "hot");
      manifest.fact("server_version", text(session, "SHOW server_version"));
      long segmentSize = Long.parseLong(text(session, "SELECT pg_size_bytes(current_setting('wal_segment_size'))"));
      String slot = "agritrace_backup_" + stamp.toLowerCase();
      // Temporary: dropped with the session, also when this process dies mid-way.
      text(session, "SELECT slot_name FROM pg_create_physical_replication_slot(?, true, true)", slot);
      String label = "agritrace " + stamp;
      String startLsn = text(session, "SELECT pg_backup_start(?, true)::text", label);
      Path data = partial.resolve("data");
      int files = DataCopy.copy(pgdata, data, false, manifest);
      String stopLsn;
      String labelFile;
      String mapFile;
      String stopWal;
      try (PreparedStatement stop = session.prepareStatement(
          "SELECT lsn::text, labelfile, spcmapfile, pg_walfile_name(lsn) FROM pg_backup_stop(false)");
          ResultSet row = stop.executeQuery()) {
        row.next();
        stopLsn = row.getString(1);
        labelFile = row.getString(2);
        mapFile = row.getString(3);
        stopWal = row.getString(4);
      }
      manifest.file(write(data, "backup_label", labelFile));
      files++;
      if (mapFile != null && !mapFile.isEmpty()) {
        manifest.file(write(data, "tablespace_map", mapFile));
        files++;
      }
      Matcher start = START_WAL.matcher(labelFile);
      if (!start.find()) {
        throw new IOException("pg_backup_stop's label names no start WAL file: " + labelFile);
      }
      List<String> segments = segments(start.group(1), stopWal, segmentSize);
      for (String segment : segments) {
        copyWal(pgdata, data, segment, segmentSize, manifest);
      }
      files += segments.size();
      files += copyHistories(pgdata, data, manifest);
      text(session, "SELECT pg_drop_replication_slot(?)::text", slot);
      manifest.fact("label", label);
      manifest.fact("start_lsn", startLsn);
      manifest.fact("stop_lsn", stopLsn);
      manifest.fact("wal", segments.get(0) + ".." + segments.get(segments.size() - 1));
      return finish(partial, dest, stamp, manifest, files, segments.size());
    } catch (SQLException | IOException | RuntimeException e) {
      delete(partial);
      throw e;
    }
  }

  /** A copy of the stopped server's directory {@code pgdata}, its WAL with it, into a new folder under {@code dest}. */
  public static Made cold(Path pgdata, Path dest) throws Refused, IOException {
    if (!Files.isRegularFile(pgdata.resolve("PG_VERSION"))) {
      throw new Refused(1, pgdata + " holds no database to back up (no PG_VERSION)");
    }
    // The embedded library takes this lock before it starts a server: held, none starts meanwhile.
    try (FileChannel lockFile = FileChannel.open(pgdata.resolve("epg-lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
      if (lock == null || Postmaster.running(pgdata).isPresent()) {
        throw new Refused(1, "agritrace is running on " + pgdata + ": back it up while it serves, with scripts/backup"
            + " (no --cold)");
      }
      String stamp = STAMP.format(Instant.now());
      Path partial = startFolder(dest, stamp);
      try {
        Manifest manifest = new Manifest();
        manifest.fact("kind", "cold");
        manifest.fact("server_version", Files.readString(pgdata.resolve("PG_VERSION")).strip());
        int files = DataCopy.copy(pgdata, partial.resolve("data"), true, manifest);
        return finish(partial, dest, stamp, manifest, files, 0);
      } catch (IOException | RuntimeException e) {
        delete(partial);
        throw e;
      }
    }
  }

  /** The WAL segment names from {@code first} to {@code last}, both included, on one timeline. */
  static List<String> segments(String first, String last, long segmentSize) throws IOException {
    if (!WAL_FILE.matcher(first).matches() || !WAL_FILE.matcher(last).matches()
        || !first.substring(0, 8).equals(last.substring(0, 8))) {
      throw new IOException("the backup's WAL runs from " + first + " to " + last + ": not one timeline");
    }
    long perLog = 0x1_0000_0000L / segmentSize;
    long from = segmentNumber(first, perLog);
    long to = segmentNumber(last, perLog);
    List<String> names = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      names.add(first.substring(0, 8) + String.format("%08X%08X", n / perLog, n % perLog));
    }
    if (names.isEmpty()) {
      throw new IOException("the backup's WAL ends (" + last + ") before it starts (" + first + ")");
    }
    return names;
  }

  private static long segmentNumber(String name, long perLog) {
    return Long.parseLong(name.substring(8, 16), 16) * perLog + Long.parseLong(name.substring(16, 24), 16);
  }

  /** Copies one WAL segment the backup needs; one that is gone or cut short makes the backup fail. */
  private static void copyWal(Path pgdata, Path data, String segment, long segmentSize, Manifest manifest)
      throws IOException {
    String path = "pg_wal/" + segment;
    Manifest.Entry copied;
    try {
      copied = Manifest.copy(pgdata.resolve(path), data.resolve(path), path);
    } catch (NoSuchFileException e) {
      throw new IOException("WAL segment " + segment + ", which the backup needs, is not in " + pgdata.resolve("pg_wal")
          + ": the backup is incomplete and was not kept");
    }
    if (copied.size() != segmentSize) {
      throw new IOException("WAL segment " + segment + " holds " + copied.size() + " bytes, not " + segmentSize
          + ": the backup is incomplete and was not kept");
    }
    manifest.file(copied);
  }

  /** The timelines' history files, which recovery reads when the server has been restored before. */
  private static int copyHistories(Path pgdata, Path data, Manifest manifest) throws IOException {
    int copied = 0;
    try (var wal = Files.list(pgdata.resolve("pg_wal"))) {
      for (Path history : (Iterable<Path>) wal.filter(p -> p.getFileName().toString().endsWith(".history"))::iterator) {
        String path = "pg_wal/" + history.getFileName();
        manifest.file(Manifest.copy(history, data.resolve(path), path));
        copied++;
      }
    }
    return copied;
  }

  private static Path startFolder(Path dest, String stamp) throws IOException {
    Files.createDirectories(dest);
    Path partial = dest.resolve(".agritrace-" + stamp + ".partial");
    Files.createDirectory(partial);
    Files.createDirectory(partial.resolve("data"));
    return partial;
  }

  private static Made finish(Path partial, Path dest, String stamp, Manifest manifest, int files, int segments)
      throws IOException {
    manifest.fact("created", stamp);
    manifest.write(partial.resolve(Manifest.NAME));
    Path done = dest.resolve("agritrace-" + stamp);
    Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
    return new Made(done, files, manifest.bytes(), segments);
  }

  private static Manifest.Entry write(Path data, String name, String content) throws IOException {
    Path file = data.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new Manifest.Entry(name, bytes.length,
        java.util.HexFormat.of().formatHex(Manifest.sha256().digest(bytes)));
  }

  private static String text(Connection session, String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = session.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  static void delete(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (var paths = Files.walk(folder)) {
        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }
}
