package agritrace.bench;

import agritrace.labels.DigitalLink;
import agritrace.labels.Gtin;
import agritrace.labels.QrDecoding;
import agritrace.labels.QrImages;
import agritrace.labels.UnitCode;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Benchmark of QR label rendering, at one fixed size (4 pixels a module, 60-character Digital
 * Link URIs, each code a different serial): QR codes per second for our PNG and SVG and for the
 * naive paths (ZXing's encoder, then a full RGB {@link BufferedImage} and ImageIO's PNG writer;
 * ZXing's encoder, then one SVG rect per dark module), on 1 thread and on 2, with each figure's
 * ratio to its naive path; then where the time of one code goes (ZXing's encoder with and without
 * its mask selection, drawing alone). Codes are made in rounds; after each timed round every code
 * it made is decoded once, untimed, with ZXing's reader (PNG through the JDK's PNG reader, SVG
 * rasterized from its path or rects) and must give back its URI. Prints the machine and its load
 * average; exits 1 if any code fails to decode. Settings, from the environment: BENCH_SECONDS of
 * timed work per figure (3), BENCH_ROUND codes per round (1,000).
 */
public final class LabelsBench {

  private static final int PIXELS_PER_MODULE = 4;
  private static final int URI_LENGTH = 60;
  private static final String BASE = "https://trace.example.cn";
  private static final Gtin GTIN = Gtin.parse("09520123456788");

  private final double seconds = Double.parseDouble(System.getenv().getOrDefault("BENCH_SECONDS", "3"));
  private final int round = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUND", "1000"));
  private final Random random = new Random(20261201);
  private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
  private long decoded;
  private long fromGrid;

  /** One way to render a code, and how to read its output back. */
  private record Renderer(String name, Function<String, Object> render, Function<Object, QrDecoding.Read> decode) {
  }

  /** Codes per second of wall time and per second of the rendering threads' CPU time. */
  private record Rate(double wall, double perCpuSecond) {
  }

  public static void main(String[] args) throws Exception {
    ImageIO.setUseCache(false); // the naive PNG path writes to memory, not through a temporary file
    System.exit(new LabelsBench().run() ? 0 : 1);
  }

  private boolean run() throws Exception {
    System.out.println("machine: " + Machine.describe());
    System.out.println("load average at start: " + Machine.load());
    Renderer ourPng = new Renderer("our PNG", uri -> QrImages.png(QrImages.encode(uri), PIXELS_PER_MODULE),
        out -> QrDecoding.decodePng((byte[]) out));
    Renderer naivePng = new Renderer("naive PNG", uri -> naivePng(zxing(uri)),
        out -> QrDecoding.decodePng((byte[]) out));
    Renderer ourSvg = new Renderer("our SVG", uri -> QrImages.svg(QrImages.encode(uri), PIXELS_PER_MODULE,
        QrImages.Unit.PX), out -> QrDecoding.decodeSvg((String) out));
    Renderer naiveSvg = new Renderer("naive SVG", uri -> naiveSvg(zxing(uri)),
        out -> QrDecoding.decodeRectSvg((String) out));
    String sample = uri();
    QRCode qr = QrImages.encode(sample);
    System.out.printf("one code: %s (%d characters), version %d, %d x %d modules + quiet zone, %d x %d px;"
        + " PNG %d bytes, SVG %d bytes; naive PNG %d bytes, naive SVG %d bytes%n", sample, sample.length(),
        qr.getVersion().getVersionNumber(), qr.getMatrix().getWidth(), qr.getMatrix().getWidth(),
        QrImages.size(qr) * PIXELS_PER_MODULE, QrImages.size(qr) * PIXELS_PER_MODULE,
        QrImages.png(qr, PIXELS_PER_MODULE).length, QrImages.svg(qr, PIXELS_PER_MODULE, QrImages.Unit.PX).length(),
        naivePng(qr).length, naiveSvg(qr).length());

    List<Renderer> paths = List.of(ourPng, naivePng, ourSvg, naiveSvg);
    for (Renderer path : paths) {
      measure(path, 1, Math.max(1, seconds / 3), false); // warm-up, not reported
    }
    boolean allDecoded = true;
    for (int threads : new int[] {1, 2}) {
      System.out.printf("%n%d thread%s, %.0f s timed per path:%n", threads, threads == 1 ? "" : "s", seconds);
      Rate[] rates = new Rate[paths.size()];
      for (int i = 0; i < paths.size(); i++) {
        rates[i] = measure(paths.get(i), threads, seconds, true);
        allDecoded &= rates[i] != null;
      }
      if (!allDecoded) {
        break;
      }
      for (int i = 0; i < paths.size(); i++) {
        Rate naive = rates[i % 2 == 0 ? i + 1 : i];
        System.out.printf("  %-10s %,9.0f codes/s (%,9.0f per CPU-second), %5.2fx the naive path%n",
            paths.get(i).name(), rates[i].wall(), rates[i].perCpuSecond(), rates[i].wall() / naive.wall());
      }
      if (threads == 2) {
        double png = rates[0].wall() / rates[1].wall();
        double svg = rates[2].wall() / rates[3].wall();
        System.out.printf("  target on 2 cores, PNG >= 7x naive: %s (%.1fx); SVG >= naive: %s (%.2fx)%n",
            png >= 7 ? "met" : "NOT met", png, svg >= 1 ? "met" : "NOT met", svg);
      }
    }
    System.out.printf("%nwhere one code's time goes (CPU time of 1 thread, the same URIs, nothing decoded):%n");
    breakdown();
    System.out.printf("%ndecoded: %,d codes, %s; %,d of them (%.2f%%) missed by ZXing's detector and read from"
        + " their module grid by ZXing's decoder%n", decoded, allDecoded ? "every one gave back its URI" : "FAILED: a code did not decode to its URI",
        fromGrid, 100.0 * fromGrid / Math.max(1, decoded));
    System.out.println("load average at end: " + Machine.load());
    return allDecoded;
  }

  /**
   * Renders codes in rounds on {@code threads} threads until {@code seconds} of wall time are
   * spent rendering; after each round decodes its codes (if {@code check}). Null if one fails.
   */
  private Rate measure(Renderer path, int threads, double seconds, boolean check) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long wallNanos = 0;
      long cpuNanos = 0;
      long codes = 0;
      while (wallNanos < seconds * 1e9) {
        String[] uris = new String[round];
        for (int i = 0; i < round; i++) {
          uris[i] = uri();
        }
        Object[] outputs = new Object[round];
        List<Callable<Long>> work = slices(threads, (from, to) -> {
          long start = cpu.getCurrentThreadCpuTime();
          for (int i = from; i < to; i++) {
            outputs[i] = path.render().apply(uris[i]);
          }
          return cpu.getCurrentThreadCpuTime() - start;
        });
        long start = System.nanoTime();
        List<Future<Long>> done = pool.invokeAll(work);
        wallNanos += System.nanoTime() - start;
        for (Future<Long> f : done) {
          cpuNanos += f.get();
        }
        codes += round;
        if (check && !decodeAll(pool, threads, uris, outputs, path)) {
          System.out.println("  " + path.name() + ": a code did not decode to its URI");
          return null;
        }
      }
      return new Rate(codes / (wallNanos / 1e9), codes / (cpuNanos / 1e9));
    } finally {
      pool.shutdown();
    }
  }

  private boolean decodeAll(ExecutorService pool, int threads, String[] uris, Object[] outputs, Renderer path)
      throws InterruptedException, ExecutionException {
    long[] gridReads = new long[threads];
    List<Callable<Long>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int slice = t;
      work.add(() -> {
        long good = 0;
        for (int i = round * slice / threads; i < round * (slice + 1) / threads; i++) {
          try {
            QrDecoding.Read read = path.decode().apply(outputs[i]);
            good += uris[i].equals(read.text()) ? 1 : 0;
            gridReads[slice] += read.fromGrid() ? 1 : 0;
          } catch (AssertionError e) {
            System.out.println("  " + path.name() + ": " + uris[i] + " could not be read: " + e.getCause());
          }
        }
        return good;
      });
    }
    long good = 0;
    for (Future<Long> f : pool.invokeAll(work)) {
      good += f.get();
    }
    decoded += good;
    for (long p : gridReads) {
      fromGrid += p;
    }
    return good == uris.length;
  }

  private interface Slice {
    long run(int from, int to) throws Exception;
  }

  private List<Callable<Long>> slices(int threads, Slice slice) {
    List<Callable<Long>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = round * t / threads;
      int to = round * (t + 1) / threads;
      work.add(() -> slice.run(from, to));
    }
    return work;
  }

  /** ZXing's encoder as it is, level M: the naive paths' encoder. */
  private static QRCode zxing(String uri) {
    try {
      return Encoder.encode(uri, ErrorCorrectionLevel.M);
    } catch (WriterException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * ZXing's encoder alone, the same with its mask given (no mask selection), ours (the same symbol
   * with the mask chosen by {@code MaskSelection}), then each drawing from encoded symbols.
   */
  private void breakdown() throws WriterException {
    int n = Math.max(2000, round);
    String[] uris = new String[n];
    for (int i = 0; i < n; i++) {
      uris[i] = uri();
    }
    QRCode[] symbols = new QRCode[n];
    double encode = time(n, i -> symbols[i] = zxing(uris[i]));
    Map<EncodeHintType, Object> fixedMask = Map.of(EncodeHintType.QR_MASK_PATTERN, 0);
    double fixed = time(n, i -> Encoder.encode(uris[i], ErrorCorrectionLevel.M, fixedMask));
    double ours = time(n, i -> QrImages.encode(uris[i]));
    double png = time(n, i -> QrImages.png(symbols[i], PIXELS_PER_MODULE));
    double svg = time(n, i -> QrImages.svg(symbols[i], PIXELS_PER_MODULE, QrImages.Unit.PX));
    double rgb = time(n, i -> naivePng(symbols[i]));
    double rects = time(n, i -> naiveSvg(symbols[i]));
    System.out.printf("  ZXing Encoder.encode, level M: %6.1f us, of which choosing the mask %5.1f us (%.0f%%;"
        + " the same with mask 0 given: %.1f us)%n", encode, encode - fixed, 100 * (encode - fixed) / encode, fixed);
    System.out.printf("  our encode (ZXing with mask 0, then MaskSelection, the same symbol): %6.1f us, %.1fx faster%n",
        ours, encode / ours);
    System.out.printf("  drawing: our PNG %6.1f us, our SVG %5.1f us, naive PNG %6.1f us, naive SVG %5.1f us%n",
        png, svg, rgb, rects);
  }

  private interface Step {
    void run(int i) throws Exception;
  }

  /** Microseconds of this thread's CPU time per call, after one untimed pass. */
  private double time(int n, Step step) {
    try {
      for (int i = 0; i < n; i++) {
        step.run(i);
      }
      long start = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        step.run(i);
      }
      return (cpu.getCurrentThreadCpuTime() - start) / 1e3 / n;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Digital Link URI of exactly 60 characters: a lot and a random 8-character serial. */
  private String uri() {
    String uri = DigitalLink.ofUnit(GTIN, "L1", UnitCode.random(random).value().substring(0, 8)).uri(BASE);
    if (uri.length() != URI_LENGTH) {
      throw new IllegalStateException(uri);
    }
    return uri;
  }

  /** The naive PNG: a full RGB image, pixel by pixel, through ImageIO's PNG writer. */
  public static byte[] naivePng(QRCode qr) {
    int modules = QrImages.size(qr);
    int side = modules * PIXELS_PER_MODULE;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[side];
    for (int y = 0; y < side; y++) {
      int my = y / PIXELS_PER_MODULE - QrImages.QUIET_ZONE;
      for (int x = 0; x < side; x++) {
        int mx = x / PIXELS_PER_MODULE - QrImages.QUIET_ZONE;
        row[x] = dark(qr, mx, my) ? 0x000000 : 0xFFFFFF;
      }
      image.setRGB(0, y, side, 1, row, 0, side);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The naive SVG: one rect per dark module. */
  static String naiveSvg(QRCode qr) {
    int modules = QrImages.size(qr);
    StringBuilder svg = new StringBuilder(40_000).append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(modules * PIXELS_PER_MODULE).append("px\" height=\"").append(modules * PIXELS_PER_MODULE)
        .append("px\" viewBox=\"0 0 ").append(modules).append(' ').append(modules).append("\">")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
    for (int y = 0; y < qr.getMatrix().getHeight(); y++) {
      for (int x = 0; x < qr.getMatrix().getWidth(); x++) {
        if (qr.getMatrix().get(x, y) == 1) {
          svg.append("<rect x=\"").append(x + QrImages.QUIET_ZONE).append("\" y=\"").append(y + QrImages.QUIET_ZONE)
              .append("\" width=\"1\" height=\"1\"/>");
        }
      }
    }
    return svg.append("</svg>").toString();
  }

  private static boolean dark(QRCode qr, int x, int y) {
    int n = qr.getMatrix().getWidth();
    return x >= 0 && y >= 0 && x < n && y < n && qr.getMatrix().get(x, y) == 1;
  }


}
