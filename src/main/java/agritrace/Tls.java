package agritrace;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The server's certificate and key (AGRITRACE_TLS_CERT, AGRITRACE_TLS_KEY), checked once at start-up
 * so that a missing, unreadable or mismatched file stops the server with one clear sentence.
 */
public final class Tls {

  private Tls() {
  }

  /** The key and certificate options the HTTP server listens with. */
  public static PemKeyCertOptions keyCert(Config config) {
    return new PemKeyCertOptions()
        .setCertPath(config.tlsCert().toString())
        .setKeyPath(config.tlsKey().toString());
  }

  /** Throws IllegalArgumentException naming the setting at fault when the files cannot serve HTTPS. */
  public static void check(Config config) {
    if (!config.tls()) {
      return;
    }
    Buffer cert = read("AGRITRACE_TLS_CERT", config.tlsCert());
    Buffer key = read("AGRITRACE_TLS_KEY", config.tlsKey());
    try {
      if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(cert.getBytes())).isEmpty()) {
        throw new CertificateException("no certificate in it");
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("AGRITRACE_TLS_CERT " + config.tlsCert() + " is not a PEM certificate chain", e);
    }
    X509KeyManager keys;
    try {
      KeyManager[] managers = new PemKeyCertOptions().setCertValue(cert).setKeyValue(key)
          .getKeyManagerFactory(null).getKeyManagers();
      keys = (X509KeyManager) managers[0];
    } catch (Exception e) {
      throw new IllegalArgumentException("AGRITRACE_TLS_KEY " + config.tlsKey() + " is not a PEM private key", e);
    }
    for (String keyType : new String[] {"RSA", "EC"}) {
      String[] aliases = keys.getServerAliases(keyType, null);
      for (String alias : aliases == null ? new String[0] : aliases) {
        X509Certificate[] chain = keys.getCertificateChain(alias);
        if (chain != null && chain.length > 0 && !belongTogether(keys.getPrivateKey(alias), chain[0].getPublicKey())) {
          throw new IllegalArgumentException("AGRITRACE_TLS_KEY " + config.tlsKey()
              + " is not the private key of the first certificate in AGRITRACE_TLS_CERT " + config.tlsCert());
        }
      }
    }
  }

  private static Buffer read(String setting, Path file) {
    try {
      return Buffer.buffer(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(setting + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Signs a few bytes with the key and verifies them with the certificate; unknown key kinds pass. */
  private static boolean belongTogether(PrivateKey key, PublicKey certified) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> null;
    };
    if (algorithm == null) {
      return true;
    }
    try {
      byte[] probe = "agritrace".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certified);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }
}
