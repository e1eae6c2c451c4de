package agritrace.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Config;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AGRITRACE_PUBLIC_URL and the development setting that lets certificates name a private address. */
class PublicUrlTest {

  @Test
  @DisplayName("localhost, loopback, private, link-local and unspecified hosts are private; public names and addresses are not")
  void privateHosts() {
    for (String url : new String[] {"http://localhost:8080", "http://LOCALHOST", "http://app.localhost", "http://127.0.0.1",
        "http://127.8.9.1:9000", "http://10.1.2.3", "http://172.16.0.1", "http://172.31.255.254", "http://192.168.1.20",
        "http://169.254.10.10", "http://0.0.0.0", "http://[::1]:8080", "http://[fd12:3456::1]", "http://[fc00::1]",
        "http://[fe80::1]", "http://[::ffff:192.168.0.1]"}) {
      assertTrue(new PublicUrl(url, false).isPrivate(), url);
      assertFalse(new PublicUrl(url, false).printable(), url);
      assertTrue(new PublicUrl(url, true).printable(), url + " with the development setting");
    }
    for (String url : new String[] {"https://trace.example.cn", "http://172.32.0.1", "http://172.15.0.1",
        "http://8.8.8.8", "https://[2001:db8::1]", "https://localhost.example.cn"}) {
      assertFalse(new PublicUrl(url, false).isPrivate(), url);
      assertTrue(new PublicUrl(url, false).printable(), url);
    }
  }

  @Test
  @DisplayName("the setting is an http(s) address; its default is the server's own address, and the development setting is off")
  void setting() {
    Config defaults = Config.fromEnvironment(Map.of());
    assertNull(defaults.publicUrl());
    assertFalse(defaults.allowPrivatePublicUrl());
    assertEquals("http://localhost:8443/c/ABC", defaults.publicAddress(8443).certificate("ABC"));
    assertFalse(defaults.publicAddress(8443).printable());

    Config set = Config.fromEnvironment(Map.of("AGRITRACE_PUBLIC_URL", "https://trace.example.cn/",
        "AGRITRACE_ALLOW_PRIVATE_PUBLIC_URL", "TRUE"));
    assertEquals("https://trace.example.cn", set.publicUrl());
    assertTrue(set.allowPrivatePublicUrl());
    assertEquals("https://trace.example.cn/c/ABC", set.publicAddress(8080).certificate("ABC"));

    for (String bad : new String[] {"trace.example.cn", "ftp://trace.example.cn", "https://trace.example.cn/?a=1",
        "https://user:pw@trace.example.cn", "https://"}) {
      assertThrows(IllegalArgumentException.class, () -> Config.fromEnvironment(Map.of("AGRITRACE_PUBLIC_URL", bad)), bad);
    }
    assertThrows(IllegalArgumentException.class,
        () -> Config.fromEnvironment(Map.of("AGRITRACE_ALLOW_PRIVATE_PUBLIC_URL", "yes")));
  }
}
