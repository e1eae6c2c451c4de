package agritrace.producer;

/** The six pillars of the 五有一追溯 model, in the order the model names them. */
public enum Pillar {
  MANAGEMENT_RULES("有管理制度", "management rules"),
  RESPONSIBLE_PEOPLE("有管理人员", "responsible people"),
  PRODUCTION_RECORDS("有生产记录", "production records"),
  QUALITY_TESTING("有质量检测", "quality testing"),
  PACKAGING_LABELS("有包装标识", "packaging and labels"),
  TRACEABILITY("可质量追溯", "traceable quality");

  private final String chinese;
  private final String english;

  Pillar(String chinese, String english) {
    this.chinese = chinese;
    this.english = english;
  }

  public String key() {
    return name().toLowerCase();
  }

  public String chinese() {
    return chinese;
  }

  public String english() {
    return english;
  }
}
