package agritrace.http;

import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a request comes from, as the login throttle counts it. {@code X-Forwarded-For} is
 * believed only from a trusted proxy: the client is the right-most address in it that is not itself
 * a trusted proxy, so what a client writes there itself is never taken. An IPv6 client stands for
 * its /64, the block one household or one phone is given, so a guesser cannot hop addresses in it.
 */
public final class ClientAddress {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

  private final List<Network> trusted;

  /** {@code trustedProxies}: addresses and CIDR blocks, e.g. {@code 10.0.0.0/8}, {@code ::1}. */
  public ClientAddress(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(Network::parse).toList();
  }

  public String of(RoutingContext ctx) {
    return of(ctx.request().remoteAddress().hostAddress(), ctx.request().headers().getAll("X-Forwarded-For"));
  }

  /** The client's key, from the peer's address and the X-Forwarded-For headers as received. */
  String of(String peer, List<String> forwardedFor) {
    InetAddress client = literal(peer);
    if (client == null) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    forwardedFor.forEach(header -> Arrays.stream(header.split(",")).map(String::strip).forEach(hops::add));
    for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
      InetAddress hop = literal(hops.get(i));
      if (hop == null) {
        break; // a trusted proxy writes addresses; what it did not write is not believed
      }
      client = hop;
    }
    return group(client);
  }

  private boolean isTrusted(InetAddress address) {
    return trusted.stream().anyMatch(network -> network.contains(address));
  }

  private static String group(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] prefix = Arrays.copyOf(Arrays.copyOf(address.getAddress(), 8), 16);
    return Network.address(prefix).getHostAddress() + "/64";
  }

  /** An address literal, bracketed or with a port as some proxies write it; null for anything else. */
  private static InetAddress literal(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.indexOf(']') > 0) {
      s = s.substring(1, s.indexOf(']'));
    } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.contains(".")) {
      s = s.substring(0, s.indexOf(':'));
    }
    try {
      // InetAddress would look up anything that is not a literal; with a colon it only parses IPv6.
      if (s.length() <= 45 && IPV6.matcher(s).matches()) {
        return InetAddress.getByName(s);
      }
      if (!IPV4.matcher(s).matches()) {
        return null;
      }
      byte[] bytes = new byte[4];
      String[] octets = s.split("\\.");
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(octets[i]);
        if (octet > 255) {
          return null;
        }
        bytes[i] = (byte) octet;
      }
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An address block: the first {@code bits} bits of {@code prefix}. */
  private record Network(byte[] prefix, int bits) {

    static Network parse(String cidr) {
      String[] parts = cidr.strip().split("/", 2);
      InetAddress address = literal(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException("AGRITRACE_TRUSTED_PROXIES: '" + cidr + "' is not an address or CIDR block");
      }
      int max = address.getAddress().length * 8;
      int bits = max;
      if (parts.length == 2) {
        try {
          bits = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > max) {
          throw new IllegalArgumentException("AGRITRACE_TRUSTED_PROXIES: '" + cidr + "' has a bad prefix length");
        }
      }
      return new Network(address.getAddress(), bits);
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    static InetAddress address(byte[] bytes) {
      try {
        return InetAddress.getByAddress(bytes);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(e);
      }
    }
  }
}
