package agritrace.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who may act on a producer's data, checked by a route handler that runs after authentication
 * and before the body is parsed, so a caller without the right learns nothing from validation:
 * {@code router.post(path).handler(Access.producer("producerId", Right.MANAGE, exists)).handler(work)}.
 * The work handler reads what was checked with {@link #producerId} and never checks again.
 */
public final class Access {

  private static final String PRODUCER = "accessProducer";
  private static final String ACCOUNT = "accessAccount";
  private static final String EVERY_PRODUCER = "accessEveryProducer";

  private Access() {
  }

  /** What a caller wants to do with one producer's data. */
  public enum Right {
    /** Platform admins, inspectors and the producer's own users. */
    READ,
    /** Platform admins and the producer's own admin: accounts, people, rules. */
    MANAGE,
    /** The producer's own users (which roles, {@link Auth#require} says): records and photos. */
    RECORD;

    public boolean allows(Caller caller, UUID producer) {
      return switch (this) {
        case READ -> caller.canRead(producer);
        case MANAGE -> caller.canManage(producer);
        case RECORD -> producer.equals(caller.producerId());
      };
    }
  }

  /** Whose something is: the producer's id, or null when there is no such thing. */
  @FunctionalInterface
  public interface Owner {
    Future<UUID> of(UUID id);
  }

  /**
   * For routes whose path names a producer in {@code param}: 403 for a caller without the right
   * (decided from the id alone, so an outsider cannot tell which producers exist), then 404 when
   * {@code exists} finds no such producer.
   */
  public static Handler<RoutingContext> producer(String param, Right right, Owner exists) {
    return ctx -> {
      UUID id = Fields.pathId(ctx, param, "producer");
      Caller caller = Auth.caller(ctx);
      if (!right.allows(caller, id)) {
        ctx.fail(refusal(caller, id));
        return;
      }
      admit(ctx, exists.of(id), "producer", null);
    };
  }

  /**
   * For routes whose path names a record in {@code param} ({@code thing} is its catalogue word,
   * e.g. {@code batch}): 404 when {@code owner} finds none, 403 when the caller lacks the right to
   * its producer.
   */
  public static Handler<RoutingContext> record(String param, String thing, Right right, Owner owner) {
    return ctx -> admit(ctx, owner.of(Fields.pathId(ctx, param, thing)), thing, right);
  }

  /**
   * For routes whose path names a record by something other than an id (a label's code):
   * {@code owner} reads the path (a 400 for a malformed one) and answers the record's producer,
   * null for none (404); then as {@link #record}.
   */
  public static Handler<RoutingContext> keyed(String thing, Right right, Function<RoutingContext, Future<UUID>> owner) {
    return ctx -> admit(ctx, owner.apply(ctx), thing, right);
  }

  /**
   * For lists that name their producer in the query ({@code ?producerId=}), which a producer's own
   * users may leave out: then as {@link #producer}.
   */
  public static Handler<RoutingContext> listed(String param, Right right, Owner exists) {
    return ctx -> {
      Caller caller = Auth.caller(ctx);
      String raw = ctx.queryParams().get(param);
      UUID id = raw == null ? caller.producerId() : Fields.parseUuid(raw);
      if (id == null) {
        throw ApiError.invalid(param, raw == null ? "access.producer_required" : "field.uuid");
      }
      if (!right.allows(caller, id)) {
        ctx.fail(refusal(caller, id));
        return;
      }
      admit(ctx, exists.of(id), "producer", null);
    };
  }

  /** An account a request acts on: its producer is null for a platform admin's or an inspector's. */
  public record Account(UUID id, Role role, UUID producerId) {
  }

  /** Finds an account by its id: null when there is none. */
  @FunctionalInterface
  public interface Accounts {
    Future<Account> of(UUID id);
  }

  /**
   * For routes that change the account named in {@code param}: 404 when {@code find} finds none;
   * 403 for the caller's own account (changed with its current password instead), for a platform
   * account unless the caller is a platform admin, and for another producer's account; else as
   * {@link Right#MANAGE} on the account's producer.
   */
  public static Handler<RoutingContext> account(String param, Accounts find) {
    return ctx -> {
      Caller caller = Auth.caller(ctx);
      find.of(Fields.pathId(ctx, param, "user")).onComplete(found -> {
        Account account = found.succeeded() ? found.result() : null;
        if (found.failed()) {
          ctx.fail(found.cause());
        } else if (account == null) {
          ctx.fail(ApiError.notFound("user"));
        } else if (account.id().equals(caller.id())) {
          ctx.fail(ApiError.forbidden("access.own_account"));
        } else if (account.producerId() == null ? caller.role() != Role.PLATFORM_ADMIN
            : !caller.canManage(account.producerId())) {
          ctx.fail(account.producerId() == null ? ApiError.forbidden("access.platform_account")
              : refusal(caller, account.producerId()));
        } else {
          ctx.put(ACCOUNT, account);
          if (account.producerId() != null) {
            ctx.put(PRODUCER, account.producerId());
          }
          ctx.next();
        }
      });
    };
  }

  /** The account the {@link #account} handler let this request act on. */
  public static Account account(RoutingContext ctx) {
    Account account = ctx.get(ACCOUNT);
    if (account == null) {
      throw new IllegalStateException("no account access handler ran before " + ctx.request().path());
    }
    return account;
  }

  /**
   * For lists to read ({@link Right#READ}) as {@link #listed}, except that inspectors and platform
   * admins who leave {@code param} out read every producer's: the work handler then reads null
   * from {@link #listedProducer}.
   */
  public static Handler<RoutingContext> listedOrEvery(String param, Owner exists) {
    Handler<RoutingContext> one = listed(param, Right.READ, exists);
    return ctx -> {
      if (ctx.queryParams().get(param) == null && Auth.caller(ctx).readsEveryProducer()) {
        ctx.put(EVERY_PRODUCER, true);
        ctx.next();
      } else {
        one.handle(ctx);
      }
    };
  }

  /** The producer a {@link #listedOrEvery} list is of, or null for every producer's. */
  public static UUID listedProducer(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(EVERY_PRODUCER)) ? null : producerId(ctx);
  }

  /** The producer whose data the access handler let this request act on. */
  public static UUID producerId(RoutingContext ctx) {
    UUID id = ctx.get(PRODUCER);
    if (id == null) {
      throw new IllegalStateException("no access handler ran before " + ctx.request().path());
    }
    return id;
  }

  /** Lets the request on to its work when the producer was found and (unless {@code right} is null) the caller has the right. */
  private static void admit(RoutingContext ctx, Future<UUID> lookup, String thing, Right right) {
    lookup.onComplete(found -> {
      Caller caller = Auth.caller(ctx);
      if (found.failed()) {
        ctx.fail(found.cause());
      } else if (found.result() == null) {
        ctx.fail(ApiError.notFound(thing));
      } else if (right != null && !right.allows(caller, found.result())) {
        ctx.fail(refusal(caller, found.result()));
      } else {
        ctx.put(PRODUCER, found.result());
        ctx.next();
      }
    });
  }

  private static ApiError refusal(Caller caller, UUID producer) {
    return caller.canRead(producer)
        ? ApiError.forbidden("access.manage_only")
        : ApiError.forbidden("access.other_producer");
  }
}
