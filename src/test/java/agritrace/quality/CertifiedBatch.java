package agritrace.quality;

import agritrace.Farm;
import io.vertx.core.Vertx;

/**
 * The quality fixtures' way in for tests of other packages (the browser's): a farm with its own
 * commodity catalogue and a released batch of 300 kg of its 青菜 that has a 100 kg certificate,
 * ready to be packed. Built by {@link Packing}.
 */
public final class CertifiedBatch {

  public final Farm farm;
  public final String batchId;
  /** The catalogue's commodity of the batch: its code and its Chinese name (what a search finds). */
  public final String commodityCode;
  public final String commodityName;
  private final Packing packing;

  public CertifiedBatch(Vertx vertx) {
    packing = new Packing(vertx);
    farm = packing.c.lab.farm;
    batchId = packing.certified();
    commodityCode = packing.c.lab.ref.qingcai;
    commodityName = "青菜" + packing.c.lab.ref.s;
  }

  /** Packs {@code units} units of 100 g of the batch, without a GTIN, as the farm's recorder; answers the run's id. */
  public String packed(int units) {
    return packing.packed(batchId, Packing.run(packing.product(batchId, null), units, 100, "g")).getString("id");
  }

  /** Another batch of the farm, released by a negative rapid test but with no certificate yet. */
  public String releasedUncertified() {
    return packing.c.released();
  }

  /** Another batch of the farm, harvested and not tested. */
  public String harvested() {
    return packing.c.lab.qingcai();
  }
}
