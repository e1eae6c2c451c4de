package agritrace.db;

import io.vertx.pgclient.PgException;

/** Reading PostgreSQL errors by their SQLSTATE, never by message text. */
public final class Sql {

  private Sql() {
  }

  /** Whether the failure is a unique-key violation (23505) of the named constraint or index. */
  public static boolean uniqueViolation(Throwable failure, String constraint) {
    return failure instanceof PgException pg
        && "23505".equals(pg.getSqlState())
        && constraint.equals(pg.getConstraint());
  }
}
