package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;

import agritrace.Api;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/** A test's own small commodity tree (names made unique with a suffix) and CSV uploads of it. */
final class Reference {

  static final String LIMIT_HEADER = "analyte_zh,analyte_en,cas,commodity,limit_mg_kg,standard\n";

  final Api api;
  final String admin;
  /** Makes this test's codes, names and analytes its own: tests share one catalogue. */
  final String s = UUID.randomUUID().toString().substring(0, 8);
  final String vegetables = "veg_" + s;
  final String leafy = "leafy_" + s;
  final String qingcai = "qingcai_" + s;
  final String cabbage = "cabbage_" + s;
  final String apple = "apple_" + s;

  Reference(Api api) {
    this.api = api;
    this.admin = api.adminToken();
  }

  /** 蔬菜 › 叶菜类 › 青菜 and 大白菜, and 苹果 on its own. */
  String catalogue() {
    return "code,parent,name_zh,name_en,aliases\n"
        + vegetables + ",,蔬菜" + s + ",Vegetables " + s + ",\n"
        + leafy + "," + vegetables + ",叶菜类" + s + ",Leafy vegetables " + s + ",\n"
        + qingcai + "," + leafy + ",青菜" + s + ",Pak choi " + s + ",小白菜" + s + "|上海青" + s + "\n"
        + cabbage + "," + leafy + ",大白菜" + s + ",Chinese cabbage " + s + ",\n"
        + apple + ",,苹果" + s + ",Apple " + s + ",\n";
  }

  Reference loaded() {
    assertStatus(upload(ReferenceRoutes.COMMODITIES, admin, catalogue()), 200);
    return this;
  }

  String analyte(String name) {
    return name + s;
  }

  /** Limits for this test's analytes: 毒死蜱 on 叶菜类 and 大白菜, 吡虫啉 on 青菜 itself. */
  String limits() {
    return LIMIT_HEADER
        + analyte("毒死蜱") + ",chlorpyrifos " + s + ",2921-88-2," + leafy + ",0.10,GB 2763-2026\n"
        + analyte("毒死蜱") + ",chlorpyrifos " + s + ",2921-88-2," + cabbage + ",0.05,GB 2763-2026\n"
        + analyte("吡虫啉") + ",imidacloprid " + s + ",138261-41-3," + qingcai + ",0.5,GB 2763-2026\n"
        + analyte("吡虫啉") + ",imidacloprid " + s + ",138261-41-3," + leafy + ",1,GB 2763-2026\n";
  }

  Api.Response upload(String path, String token, String csv) {
    return api.postRaw(path, token, "text/csv", Buffer.buffer(csv));
  }
}
