package dev.backprop.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Turns JMH's JSON result ({@code -rf json -rff ...}) into a Markdown table ({@code results.md})
 * and a grouped bar chart with a logarithmic ns/op axis ({@code results.png}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.backprop.benchmarks.Report \
 *     [benchmarks/results/jmh-result.json [benchmarks/results]]
 * </pre>
 *
 * <p>A benchmark {@code p.NeuronBenchmark.generated} is workload {@code Neuron}, contender
 * {@code generated}; workloads and contenders this class does not know are reported under their
 * own names, after the known ones.
 */
public final class Report {

  /** Contenders in the order of the tables and the chart, with their labels. */
  private static final Map<String, String> CONTENDERS = new LinkedHashMap<>();

  /** Workloads in the order of the tables and the chart, with their labels. */
  private static final Map<String, String> WORKLOADS = new LinkedHashMap<>();

  static {
    CONTENDERS.put("generated", "generated (plain)");
    CONTENDERS.put("pullback", "generated (pullback)");
    CONTENDERS.put("handWritten", "hand-written (ninja)");
    CONTENDERS.put("function", "function alone");
    CONTENDERS.put("numerical", "central differences");
    CONTENDERS.put("objectAutograd", "object autograd (micrograd)");
    CONTENDERS.put("hipparchus", "Hipparchus Gradient");
    WORKLOADS.put("Neuron", "sigmoid neuron (5)");
    WORKLOADS.put("TwoLayerNet", "2-layer ReLU net (13)");
  }

  /** The ratios of the second table: label, numerator, denominator. */
  private static final String[][] RATIOS = {
    {"generated / hand-written", "generated", "handWritten"},
    {"pullback / hand-written", "pullback", "handWritten"},
    {"gradient / function (generated / function)", "generated", "function"},
    {"object autograd / generated", "objectAutograd", "generated"},
    {"Hipparchus / generated", "hipparchus", "generated"},
    {"central differences / generated", "numerical", "generated"},
  };

  private static final String ALLOCATION = "gc.alloc.rate.norm";

  /**
   * Bar colours in the order of {@link #CONTENDERS} (ours in blues, the hand-written reference in
   * purple), then for contenders the report does not know.
   */
  private static final Color[] COLORS = {
    new Color(0x1f4e9c), // generated (plain)
    new Color(0x6fa8dc), // generated (pullback)
    new Color(0x8e44ad), // hand-written
    new Color(0x7f8c8d), // function alone
    new Color(0xc0392b), // central differences
    new Color(0xe67e22), // object autograd
    new Color(0x27ae60), // Hipparchus
    new Color(0xf1c40f), // anything else
    new Color(0x16a085),
    new Color(0xd35400),
  };

  /** One benchmark's result: time per call in ns, its error, and bytes allocated per call. */
  record Result(String workload, String contender, double ns, double nsError, Double bytes) {}

  /** The run's settings, stated above the tables. */
  record Run(String jmh, String vm, String jvm, List<String> jvmArgs, int forks, int warmups,
      String warmupTime, int iterations, String iterationTime) {}

  private final Run run;
  private final Map<String, Map<String, Result>> byWorkload = new LinkedHashMap<>();

  private Report(Run run, List<Result> results) {
    this.run = run;
    for (String w : order(WORKLOADS.keySet(), results, Result::workload)) {
      Map<String, Result> row = new LinkedHashMap<>();
      for (String c : order(CONTENDERS.keySet(), results, Result::contender)) {
        for (Result r : results) {
          if (r.workload().equals(w) && r.contender().equals(c)) {
            row.put(c, r);
          }
        }
      }
      byWorkload.put(w, row);
    }
  }

  /**
   * Reads {@code args[0]} (default {@code benchmarks/results/jmh-result.json}) and writes
   * {@code results.md} and {@code results.png} into {@code args[1]} (default: the input's
   * folder).
   */
  public static void main(String[] args) throws IOException {
    Path input = Path.of(args.length > 0 ? args[0] : "benchmarks/results/jmh-result.json");
    Path out = args.length > 1 ? Path.of(args[1]) : input.toAbsolutePath().getParent();
    Path md = write(input, out);
    System.out.println("wrote " + md + " and " + md.resolveSibling("results.png"));
  }

  /** Reads {@code input}, writes {@code results.md} and {@code results.png} into {@code out}. */
  static Path write(Path input, Path out) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Report report = read(Files.readString(input, StandardCharsets.UTF_8));
    Files.createDirectories(out);
    Path md = out.resolve("results.md");
    Files.writeString(md, report.markdown(), StandardCharsets.UTF_8);
    report.chart(out.resolve("results.png"));
    return md;
  }

  /** Parses JMH's JSON result. */
  static Report read(String json) {
    JsonArray benchmarks = JsonParser.parseString(json).getAsJsonArray();
    if (benchmarks.isEmpty()) {
      throw new IllegalArgumentException("the JMH result holds no benchmark");
    }
    List<Result> results = new ArrayList<>();
    Run run = null;
    for (JsonElement e : benchmarks) {
      JsonObject b = e.getAsJsonObject();
      if (run == null) {
        List<String> jvmArgs = new ArrayList<>();
        if (b.get("jvmArgs") instanceof JsonArray args) {
          args.forEach(a -> jvmArgs.add(a.getAsString()));
        }
        run = new Run(
            string(b, "jmhVersion"), string(b, "vmName") + " " + string(b, "vmVersion"),
            string(b, "jvm"), jvmArgs, b.get("forks").getAsInt(),
            b.get("warmupIterations").getAsInt(), string(b, "warmupTime"),
            b.get("measurementIterations").getAsInt(), string(b, "measurementTime"));
      }
      String name = b.get("benchmark").getAsString();
      int method = name.lastIndexOf('.');
      String simpleClass = name.substring(name.lastIndexOf('.', method - 1) + 1, method);
      String workload = simpleClass.endsWith("Benchmark")
          ? simpleClass.substring(0, simpleClass.length() - "Benchmark".length())
          : simpleClass;
      JsonObject primary = b.getAsJsonObject("primaryMetric");
      String unit = primary.get("scoreUnit").getAsString();
      double score = primary.get("score").getAsDouble();
      double error = primary.get("scoreError").getAsDouble(); // "NaN" with one iteration
      double ns = nanosPerOp(score, unit);
      double nsError = Math.abs(nanosPerOp(score + error, unit) - ns);
      results.add(new Result(workload, name.substring(method + 1), ns, nsError,
          allocation(b.getAsJsonObject("secondaryMetrics"))));
    }
    return new Report(run, results);
  }

  /** The Markdown tables: time, ratios, allocation (when the run used {@code -prof gc}). */
  String markdown() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "JMH %s on %s (`%s`%s); %d fork(s), %d warm-up iteration(s) of %s, %d measured of %s."
            + "\n\n",
        run.jmh(), run.vm(), run.jvm(),
        run.jvmArgs().isEmpty() ? "" : " " + String.join(" ", run.jvmArgs()),
        run.forks(), run.warmups(), run.warmupTime(), run.iterations(), run.iterationTime()));

    s.append("Value and full gradient, ns/op (lower is better; ± is JMH's 99.9% interval):\n\n");
    header(s, "contender");
    for (String c : contenders()) {
      s.append("| ").append(label(CONTENDERS, c)).append(" |");
      for (Map<String, Result> row : byWorkload.values()) {
        Result r = row.get(c);
        s.append(' ').append(r == null ? "" : time(r)).append(" |");
      }
      s.append('\n');
    }

    s.append("\nRatios of ns/op:\n\n");
    header(s, "ratio");
    for (String[] ratio : RATIOS) {
      s.append("| ").append(ratio[0]).append(" |");
      for (Map<String, Result> row : byWorkload.values()) {
        Result num = row.get(ratio[1]);
        Result den = row.get(ratio[2]);
        s.append(' ').append(num == null || den == null ? ""
            : String.format(Locale.ROOT, "%.2f", num.ns() / den.ns())).append(" |");
      }
      s.append('\n');
    }

    if (byWorkload.values().stream()
        .anyMatch(row -> row.values().stream().anyMatch(r -> r.bytes() != null))) {
      s.append("\nAllocation, ").append(ALLOCATION).append(" in B/op (`-prof gc`):\n\n");
      header(s, "contender");
      for (String c : contenders()) {
        s.append("| ").append(label(CONTENDERS, c)).append(" |");
        for (Map<String, Result> row : byWorkload.values()) {
          Result r = row.get(c);
          s.append(' ').append(r == null || r.bytes() == null ? ""
              : String.format(Locale.ROOT, "%.1f", r.bytes())).append(" |");
        }
        s.append('\n');
      }
    }
    return s.toString();
  }

  /** The grouped bar chart: one group per workload, one bar per contender, log-scale ns/op. */
  void chart(Path png) throws IOException {
    CategoryChart chart = new CategoryChartBuilder()
        .width(1000).height(560)
        .title("Value and full gradient: time per call (log scale, lower is better)")
        .yAxisTitle("ns/op")
        .build();
    chart.getStyler()
        .setYAxisLogarithmic(true)
        .setLegendPosition(Styler.LegendPosition.OutsideE)
        .setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("#,##0.#");
    chart.getStyler().setYAxisDecimalPattern("#,##0.#");
    // bars are anchored at 0 unless told otherwise, which a log axis refuses: start and end at
    // the decades around the data
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (Map<String, Result> row : byWorkload.values()) {
      for (Result r : row.values()) {
        min = Math.min(min, r.ns());
        max = Math.max(max, r.ns());
      }
    }
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
    List<String> workloads = new ArrayList<>();
    for (String w : byWorkload.keySet()) {
      workloads.add(label(WORKLOADS, w));
    }
    List<String> known = new ArrayList<>(CONTENDERS.keySet());
    int unknown = 0;
    for (String c : contenders()) {
      int colour = known.contains(c) ? known.indexOf(c) : known.size() + unknown++;
      List<Double> ns = new ArrayList<>();
      for (Map<String, Result> row : byWorkload.values()) {
        Result r = row.get(c);
        // a missing bar: XChart draws nothing for a null value
        ns.add(r == null ? null : r.ns());
      }
      chart.addSeries(label(CONTENDERS, c), workloads, ns)
          .setFillColor(COLORS[colour % COLORS.length]);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private Set<String> contenders() {
    Set<String> all = new LinkedHashSet<>();
    byWorkload.values().forEach(row -> all.addAll(row.keySet()));
    return all;
  }

  private void header(StringBuilder s, String first) {
    s.append("| ").append(first).append(" |");
    for (String w : byWorkload.keySet()) {
      s.append(' ').append(label(WORKLOADS, w)).append(" |");
    }
    s.append("\n|---|");
    s.append("---:|".repeat(byWorkload.size()));
    s.append('\n');
  }

  private static String time(Result r) {
    return Double.isNaN(r.nsError())
        ? String.format(Locale.ROOT, "%.1f", r.ns())
        : String.format(Locale.ROOT, "%.1f ± %.1f", r.ns(), r.nsError());
  }

  private static String label(Map<String, String> labels, String key) {
    return labels.getOrDefault(key, key);
  }

  /** Known names first, in their order, then the others in order of appearance. */
  private static List<String> order(
      Set<String> known, List<Result> results, Function<Result, String> name) {
    Set<String> present = new LinkedHashSet<>();
    results.forEach(r -> present.add(name.apply(r)));
    List<String> ordered = new ArrayList<>();
    for (String k : known) {
      if (present.remove(k)) {
        ordered.add(k);
      }
    }
    ordered.addAll(present);
    return ordered;
  }

  private static double nanosPerOp(double score, String unit) {
    return switch (unit) {
      case "ns/op" -> score;
      case "us/op" -> score * 1e3;
      case "ms/op" -> score * 1e6;
      case "s/op" -> score * 1e9;
      case "ops/ns" -> 1 / score;
      case "ops/us" -> 1e3 / score;
      case "ops/ms" -> 1e6 / score;
      case "ops/s" -> 1e9 / score;
      default -> throw new IllegalArgumentException("unknown JMH score unit " + unit);
    };
  }

  /** {@code gc.alloc.rate.norm} (older JMH: {@code \u00b7gc.alloc.rate.norm}), or null. */
  private static Double allocation(JsonObject secondary) {
    if (secondary == null) {
      return null;
    }
    for (Map.Entry<String, JsonElement> m : secondary.entrySet()) {
      if (m.getKey().replace("\u00b7", "").equals(ALLOCATION)) {
        return m.getValue().getAsJsonObject().get("score").getAsDouble();
      }
    }
    return null;
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? "?" : e.getAsString();
  }
}
