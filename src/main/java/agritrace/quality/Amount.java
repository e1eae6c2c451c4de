package agritrace.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A quantity with its unit (the harvest's {@code quantity_unit} words: kg, g, jin, t, l, ml, box...),
 * and the same amount in a base unit so amounts in different units can be added and compared:
 * weights in kg (1 斤 = 0.5 kg), volumes in l, anything else (heads, boxes) only in its own unit.
 */
public record Amount(BigDecimal quantity, String unit) {

  /** Each convertible unit: its base unit and how many of the base one of it is. */
  private static final Map<String, Base> BASES = Map.of(
      "kg", new Base("kg", BigDecimal.ONE),
      "g", new Base("kg", new BigDecimal("0.001")),
      "jin", new Base("kg", new BigDecimal("0.5")),
      "t", new Base("kg", new BigDecimal("1000")),
      "l", new Base("l", BigDecimal.ONE),
      "ml", new Base("l", new BigDecimal("0.001")));

  private record Base(String unit, BigDecimal factor) {
  }

  private Base base() {
    return BASES.getOrDefault(unit, new Base(unit, BigDecimal.ONE));
  }

  /** The unit amounts of this one are added up in. */
  public String baseUnit() {
    return base().unit();
  }

  /** The amount in {@link #baseUnit()}. */
  public BigDecimal baseQuantity() {
    return quantity.multiply(base().factor());
  }

  /** Whether an amount in {@code other} can be compared with this one. */
  public boolean comparable(String other) {
    return new Amount(BigDecimal.ONE, other).baseUnit().equals(baseUnit());
  }

  /** {@code baseQuantity} (in this amount's base unit) in this amount's unit, to at most 3 decimals. */
  public Amount sameUnit(BigDecimal baseQuantity) {
    return new Amount(baseQuantity.divide(base().factor(), 3, RoundingMode.DOWN).stripTrailingZeros(), unit);
  }

  /** The number as people write it: 12.5, 300. */
  public String plain() {
    return quantity.stripTrailingZeros().toPlainString();
  }
}
