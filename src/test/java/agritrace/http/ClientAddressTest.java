package agritrace.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.0/8", "2001:db8:ff::1"));

  @Test
  @DisplayName("X-Forwarded-For from a peer that is not a trusted proxy is ignored")
  void spoofedHeaderIgnored() {
    assertEquals("198.51.100.9", behindProxy.of("198.51.100.9", List.of("203.0.113.5")));
    assertEquals("198.51.100.9", new ClientAddress(List.of()).of("198.51.100.9", List.of("10.0.0.1")));
    assertEquals("10.0.0.1", new ClientAddress(List.of()).of("10.0.0.1", List.of("203.0.113.5")));
  }

  @Test
  @DisplayName("behind trusted proxies the client is the right-most address that is not one of them")
  void rightMostUntrusted() {
    assertEquals("203.0.113.5", behindProxy.of("10.0.0.1", List.of("6.6.6.6, 203.0.113.5")));
    assertEquals("203.0.113.5", behindProxy.of("10.0.0.1", List.of("6.6.6.6, 203.0.113.5, 10.1.2.3")));
    assertEquals("203.0.113.5", behindProxy.of("2001:db8:ff::1", List.of("6.6.6.6", "203.0.113.5:4711")));
    assertEquals("10.0.0.2", behindProxy.of("10.0.0.1", List.of("10.0.0.2")));
    assertEquals("10.0.0.1", behindProxy.of("10.0.0.1", List.of("203.0.113.5, not-an-address")));
    assertEquals("10.0.0.1", behindProxy.of("10.0.0.1", List.of()));
  }

  @Test
  @DisplayName("an IPv6 client stands for its /64")
  void ipv6Grouped() {
    assertEquals("2001:db8:1:2:0:0:0:0/64", behindProxy.of("2001:db8:1:2:3:4:5:6", List.of()));
    assertEquals("2001:db8:1:2:0:0:0:0/64", behindProxy.of("10.0.0.1", List.of("[2001:db8:1:2::99]:443")));
    assertEquals("203.0.113.5", behindProxy.of("::ffff:203.0.113.5", List.of()));
  }

  @Test
  @DisplayName("a trusted proxy that is not an address or block stops the server from starting")
  void badSetting() {
    assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("proxy.internal")));
    assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("10.0.0.0/33")));
    assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("10.0.0.0/x")));
  }
}
