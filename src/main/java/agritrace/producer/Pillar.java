package agritrace.producer;

import agritrace.http.Message;

/** The six pillars of the 五有一追溯 model, in the order the model names them. */
public enum Pillar {
  MANAGEMENT_RULES, RESPONSIBLE_PEOPLE, PRODUCTION_RECORDS, QUALITY_TESTING, PACKAGING_LABELS, TRACEABILITY;

  public String key() {
    return name().toLowerCase();
  }

  /** The pillar's name in the catalogue ({@code pillar.management_rules}: 有管理制度). */
  public Message title() {
    return Message.of("pillar." + key());
  }
}
