package agritrace.ops;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Copies a PostgreSQL data directory into a backup's {@code data} folder, entering each directory
 * and file in the manifest. Left out, as PostgreSQL's documentation of base backups says: the
 * server's lock and options files (and the embedded library's lock), the contents of the folders
 * the server empties or rebuilds on start, temporary files, and relation cache files. A file that
 * vanishes while it is copied (a dropped table, a temporary file) is left out too: the WAL replayed
 * on restore accounts for it.
 */
final class DataCopy {

  /** Files of the data directory's top level that a backup never holds. */
  private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
      "backup_label", "tablespace_map", "backup_label.old", "tablespace_map.old");
  /** Folders of the top level kept empty; pg_wal keeps its sub-folders (archive_status, summaries). */
  private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
      "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

  private DataCopy() {
  }

  /**
   * Copies {@code from} into {@code to} (an existing empty folder); with {@code withWal} the
   * contents of pg_wal too (a stopped server's: all it needs for its crash recovery). Returns the
   * number of files copied.
   */
  static int copy(Path from, Path to, boolean withWal, Manifest manifest) throws IOException {
    try (var tablespaces = Files.list(from.resolve("pg_tblspc"))) {
      if (tablespaces.findAny().isPresent()) {
        throw new IOException(from.resolve("pg_tblspc") + " holds tablespaces: agritrace makes none and its backup"
            + " does not copy them; back this server up with pg_basebackup");
      }
    } catch (NoSuchFileException e) {
      throw new IOException(from + " is not a PostgreSQL data directory (it has no pg_tblspc)");
    }
    int[] files = {0};
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path rel = from.relativize(dir);
        if (!rel.toString().isEmpty()) {
          Files.createDirectory(to.resolve(rel));
          manifest.dir(name(rel));
        }
        if (rel.getNameCount() == 1 && EMPTIED.contains(rel.toString()) && !(withWal && rel.toString().equals("pg_wal"))) {
          if (rel.toString().equals("pg_wal")) {
            try (var subs = Files.list(dir)) {
              for (Path sub : (Iterable<Path>) subs.filter(Files::isDirectory)::iterator) {
                Files.createDirectory(to.resolve(from.relativize(sub)));
                manifest.dir(name(from.relativize(sub)));
              }
            }
          }
          return FileVisitResult.SKIP_SUBTREE;
        }
        return dir.getFileName().toString().startsWith("pgsql_tmp") ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path rel = from.relativize(file);
        String fileName = file.getFileName().toString();
        if ((rel.getNameCount() == 1 && SKIPPED_FILES.contains(fileName)) || fileName.startsWith("pgsql_tmp")
            || fileName.equals("pg_internal.init") || !attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        try {
          manifest.file(Manifest.copy(file, to.resolve(rel), name(rel)));
          files[0]++;
        } catch (NoSuchFileException gone) {
          Files.deleteIfExists(to.resolve(rel));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return files[0];
  }

  /** A relative path as the manifest writes it, '/'-separated. */
  static String name(Path rel) {
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }
}
