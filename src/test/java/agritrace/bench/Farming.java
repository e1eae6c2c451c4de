package agritrace.bench;

import agritrace.db.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * One cooperative's farming, simulated day by day, as its recorder's phone would send it: every
 * greenhouse or garden goes through crop cycles (seeding or transplanting, then daily work, then
 * one harvest or a season of harvests), fertilizers and pesticides are applied along the way, and
 * the farmers mostly wait out each pesticide's pre-harvest interval; now and then a harvest does
 * not, and its batch is held. The phone syncs what was recorded since its last sync, in the
 * order it happened, and a few records (another member's phone, synced late) come one request
 * later than the rest.
 *
 * <p>Rates per plot and day: irrigation 0.45, fertilizing 0.10, weeding 0.08, pesticide 0.05,
 * harvests every few days in season, nothing between cycles; about three records per plot in four
 * days in all.
 */
final class Farming {

  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  /** Lower bound of records per plot and day, to start the timeline far enough back that it never reaches today. */
  private static final double MIN_RECORDS_PER_PLOT_DAY = 0.6;
  /** Share of harvests inside a pesticide's interval that go ahead anyway. */
  private static final double HARVEST_ANYWAY = 0.05;
  /** Share of records synced one request late. */
  private static final double LATE = 0.02;
  private static final String[] NOTES = {"滴灌两小时", "人工除草，清理沟渠", "追施复合肥后浇水", "傍晚施药，无风",
      "棚内湿度偏高，已通风", "品相良好", "补苗十余株", "雨后排水"};

  /** A crop: days from planting to the end of the cycle, the days it is harvested, and how often. */
  private record Crop(String name, boolean transplanted, int cycleDays, int harvestDays, int harvestEvery) {
  }

  private static final Crop[] CROPS = {
      new Crop("青菜", false, 35, 3, 2), new Crop("生菜", false, 50, 4, 2), new Crop("番茄", true, 120, 50, 3),
      new Crop("黄瓜", true, 90, 45, 2), new Crop("辣椒", true, 120, 60, 4), new Crop("茄子", true, 110, 50, 3),
      new Crop("草莓", true, 150, 80, 3), new Crop("豇豆", true, 80, 35, 2)};

  /** A pesticide as the setup sync records it: its interval in days, longer for 青菜. */
  private record Pesticide(UUID id, String name, String registrationNo, String ingredient, int days) {

    int days(Crop crop) {
      return crop.name().equals("青菜") ? days + 3 : days;
    }
  }

  /** Where one plot stands: its crop, the days of its cycle, its last harvest, and its pre-harvest interval. */
  private static final class Plot {
    final UUID id;
    Crop crop;
    long start;
    long harvestFrom;
    long end;
    long lastHarvest;
    long allowedFrom;

    Plot(UUID id) {
      this.id = id;
    }
  }

  private final Random random;
  private final List<Plot> plots = new ArrayList<>();
  private final List<UUID> fertilizers = new ArrayList<>();
  private final List<Pesticide> pesticides = new ArrayList<>();
  private final LocalDate first;
  private final Deque<JsonObject> recorded = new ArrayDeque<>();
  private List<JsonObject> late = new ArrayList<>();
  private long day;

  /** A cooperative with this many plots whose timeline holds at least {@code records} operations before today. */
  Farming(long seed, int plotCount, long records) {
    this.random = new Random(seed);
    for (int i = 0; i < plotCount; i++) {
      Plot plot = new Plot(Ids.timeOrdered());
      plots.add(plot);
      // Plots are at different points of their cycles when the timeline starts.
      plant(plot, -random.nextInt(60));
    }
    for (int i = 0; i < 3; i++) {
      fertilizers.add(Ids.timeOrdered());
    }
    pesticides.add(new Pesticide(Ids.timeOrdered(), "吡虫啉 10% 可湿性粉剂", "PD20080001", "吡虫啉", 7));
    pesticides.add(new Pesticide(Ids.timeOrdered(), "阿维菌素 1.8% 乳油", "PD20070002", "阿维菌素", 14));
    pesticides.add(new Pesticide(Ids.timeOrdered(), "苦参碱 0.3% 水剂", "PD20130003", "苦参碱", 10));
    long days = (long) Math.ceil(records / (plotCount * MIN_RECORDS_PER_PLOT_DAY)) + 2;
    this.first = LocalDate.now(CHINA).minusDays(days);
  }

  /** The setup sync: the cooperative's plots, fertilizers and pesticides. */
  JsonArray setupRecords() {
    JsonArray records = new JsonArray();
    for (int i = 0; i < plots.size(); i++) {
      Plot plot = plots.get(i);
      records.add(record("plot", new JsonObject().put("id", plot.id.toString()).put("name", (i + 1) + "号大棚")
          .put("kind", i % 5 == 0 ? "vegetable_garden" : "greenhouse").put("size", 1 + random.nextInt(20) / 10.0)
          .put("sizeUnit", "mu").put("lat", 30.25 + random.nextInt(1000) / 1e5)
          .put("lon", 120.12 + random.nextInt(1000) / 1e5).put("crop", plot.crop.name())));
    }
    String[] names = {"复合肥 15-15-15", "尿素", "商品有机肥"};
    for (int i = 0; i < fertilizers.size(); i++) {
      records.add(record("input", new JsonObject().put("id", fertilizers.get(i).toString()).put("name", names[i])
          .put("kind", "fertilizer")));
    }
    for (Pesticide p : pesticides) {
      records.add(record("input", new JsonObject().put("id", p.id().toString()).put("name", p.name())
          .put("kind", "pesticide").put("registrationNo", p.registrationNo())
          .put("activeIngredients", new JsonArray().add(p.ingredient())).put("intervalDays", p.days)
          .put("intervalsByCrop", new JsonObject().put("青菜", p.days + 3))));
    }
    return records;
  }

  /** Days farmed so far. */
  long days() {
    return day;
  }

  List<UUID> plotIds() {
    return plots.stream().map(p -> p.id).toList();
  }

  List<UUID> inputIds() {
    List<UUID> ids = new ArrayList<>(fertilizers);
    pesticides.forEach(p -> ids.add(p.id()));
    return ids;
  }

  /** The next sync: the records held back last time, then the next ones recorded, a few of them held back in turn. */
  JsonArray nextSync(int size) {
    JsonArray records = new JsonArray();
    late.forEach(op -> records.add(record("operation", op)));
    late = new ArrayList<>();
    while (records.size() < size) {
      while (recorded.isEmpty()) {
        work();
      }
      JsonObject op = recorded.poll();
      if (random.nextDouble() < LATE && records.size() + late.size() < size) {
        late.add(op);
      } else {
        records.add(record("operation", op));
      }
    }
    return records;
  }

  /** One day on every plot. */
  private void work() {
    LocalDate date = first.plusDays(day);
    if (date.isAfter(LocalDate.now(CHINA).minusDays(1))) {
      throw new IllegalStateException("the simulated farm ran out of days before today: record fewer operations");
    }
    for (Plot plot : plots) {
      if (day > plot.end) {
        plant(plot, day + 3 + random.nextInt(8));
      }
      if (day == plot.start) {
        operation(plot, date, plot.crop.transplanted() ? "transplanting" : "seeding").put("crop", plot.crop.name());
      }
      if (day < plot.start) {
        continue;
      }
      if (random.nextDouble() < 0.45) {
        operation(plot, date, "irrigation");
      }
      if (random.nextDouble() < 0.10) {
        operation(plot, date, "fertilizing").put("inputId", pick(fertilizers).toString())
            .put("inputLot", "F" + (2_600_000 + random.nextInt(1000))).put("quantity", 5 + random.nextInt(450) / 10.0)
            .put("quantityUnit", "kg");
      }
      if (random.nextDouble() < 0.08) {
        operation(plot, date, "weeding");
      }
      if (random.nextDouble() < 0.05) {
        Pesticide p = pick(pesticides);
        operation(plot, date, "pesticide_application").put("inputId", p.id().toString())
            .put("inputLot", "L" + (240_000 + random.nextInt(1000))).put("quantity", 20 + random.nextInt(200))
            .put("quantityUnit", "ml").put("dose", 10 + random.nextInt(50)).put("doseUnit", "ml_per_mu");
        plot.allowedFrom = Math.max(plot.allowedFrom, day + p.days(plot.crop));
      }
      if (day >= plot.harvestFrom && day - plot.lastHarvest >= plot.crop.harvestEvery()
          && (day >= plot.allowedFrom || random.nextDouble() < HARVEST_ANYWAY)) {
        plot.lastHarvest = day;
        operation(plot, date, "harvest").put("crop", plot.crop.name())
            .put("quantity", 50 + random.nextInt(4000) / 10.0).put("quantityUnit", "kg");
      }
    }
    day++;
  }

  private void plant(Plot plot, long start) {
    plot.crop = pick(List.of(CROPS));
    plot.start = start;
    plot.end = start + plot.crop.cycleDays();
    plot.harvestFrom = plot.end - plot.crop.harvestDays() + 1;
    plot.lastHarvest = Long.MIN_VALUE / 2;
    plot.allowedFrom = Long.MIN_VALUE;
  }

  private JsonObject operation(Plot plot, LocalDate date, String type) {
    OffsetDateTime at = OffsetDateTime.of(date, LocalTime.of(6, 0).plusSeconds(random.nextInt(12 * 3600)), CHINA);
    // The phone makes the id when the farmer records the work, as the API asks: version 7, of that time.
    UUID id = Ids.timeOrdered(at.toInstant().toEpochMilli());
    JsonObject op = new JsonObject().put("id", id.toString()).put("type", type).put("plotId", plot.id.toString())
        .put("occurredAt", RFC3339.format(at));
    if (random.nextInt(3) == 0) {
      op.put("notes", NOTES[random.nextInt(NOTES.length)]);
    }
    recorded.add(op);
    return op;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  static JsonObject record(String type, JsonObject data) {
    return new JsonObject().put("type", type).put("data", data);
  }
}
