package agritrace.labels;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The lot (AI 10) a batch's units carry in their Digital Links: the batch's lot code when it is
 * 1-20 characters of GS1's set 82, else a shorter form, 16 characters of Crockford base32 made
 * from the first 80 bits of the SHA-256 of the batch id. The table gs1_lots maps either back to
 * the batch.
 */
final class Gs1Lot {

  private Gs1Lot() {
  }

  static String of(String lotCode, UUID batchId) {
    try {
      return Set82.check(lotCode, "lot");
    } catch (ParseFailure tooLongOrNotSet82) {
      return shortForm(batchId);
    }
  }

  static String shortForm(UUID batchId) {
    try {
      byte[] id = ByteBuffer.allocate(16).putLong(batchId.getMostSignificantBits())
          .putLong(batchId.getLeastSignificantBits()).array();
      return UnitCode.of(MessageDigest.getInstance("SHA-256").digest(id)).value();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
