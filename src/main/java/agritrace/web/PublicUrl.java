package agritrace.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address shoppers reach agritrace at (AGRITRACE_PUBLIC_URL, see {@link agritrace.Config}):
 * what a certificate's QR code names. A code printed on paper lives for years, so issuing is
 * refused while the address is one only this machine or its own network can reach, unless
 * {@code allowPrivate} (the development setting) says otherwise.
 *
 * @param base         scheme, host and optional port and path, without a trailing slash
 * @param allowPrivate whether a loopback or private address may be printed anyway
 */
public record PublicUrl(String base, boolean allowPrivate) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** The setting {@code name} as configured: an absolute http(s) URL without query or fragment; null stays null. */
  public static String check(String name, String raw) {
    if (raw == null) {
      return null;
    }
    try {
      URI uri = new URI(raw.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
          || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
        throw new URISyntaxException(raw, "not an http(s) address");
      }
      String text = uri.toString();
      return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " must be an http or https address such as https://trace.example.cn, got '"
          + raw + "'");
    }
  }

  /** The host of the address, lower case, IPv6 without its brackets. */
  public String host() {
    String host = URI.create(base).getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * Whether the host is {@code localhost} (or under it), or an address literal that is loopback,
   * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local or unspecified. Names are not
   * looked up: a public name is taken as public.
   */
  public boolean isPrivate() {
    String host = host();
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    if (!IPV4.matcher(host).matches() && !host.contains(":")) {
      return false;
    }
    try {
      InetAddress address = InetAddress.getByName(host); // a literal: no lookup
      byte[] bytes = address.getAddress();
      return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
          || address.isAnyLocalAddress() || (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc);
    } catch (UnknownHostException e) {
      return true; // not a usable address literal: nobody outside can reach it either
    }
  }

  /** Whether certificates may be issued naming this address. */
  public boolean printable() {
    return allowPrivate || !isPrivate();
  }

  /** The public page of the certificate with {@code code}. */
  public String certificate(String code) {
    return base + "/c/" + code;
  }

  /** The address a packed unit's or case's code names when no GS1 Digital Link does: {@code /t/{code}}. */
  public String trace(String code) {
    return base + "/t/" + code;
  }
}
