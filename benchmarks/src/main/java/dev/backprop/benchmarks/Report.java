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
import java.util.Comparator;
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
 * Turns JMH's JSON result ({@code -rf json -rff ...}) into Markdown tables ({@code results.md})
 * and a grouped bar chart with a logarithmic ns/op axis ({@code results.png}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.backprop.benchmarks.Report \
 *     [benchmarks/results/jmh-result.json [benchmarks/results]]
 * </pre>
 *
 * <p>A benchmark {@code p.NeuronBenchmark.generated} is workload {@code Neuron}, contender
 * {@code generated}; a benchmark with {@code @Param}s is one workload per combination of values
 * ({@code SvmBenchmark} with {@code n = 10} is the column "SVM cost N=10"). Contenders this class
 * does not know are reported under their own names, after the known ones. Benchmark classes it
 * does not know are left out of the tables and named at the end; {@code CompileTimeBenchmark}
 * (javac alone and with the processor, single shots in ms) gets a table of its own.
 */
public final class Report {

  /** Contenders in the order of the tables and the chart, with their labels. */
  private static final Map<String, String> CONTENDERS = new LinkedHashMap<>();

  /**
   * The workloads (benchmark classes without the {@code Benchmark} suffix) in the order of the
   * tables and the chart, with their labels; {@code %s} stands for the parameter values.
   */
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
    WORKLOADS.put("Svm", "SVM cost N=%s");
    WORKLOADS.put("Mlp", "MLP 4-64-3, batch %s (515)");
    WORKLOADS.put("Gmm", "GMM (N=1000) DxK=%s");
    WORKLOADS.put("KMeans", "k-means (k=100, d=16) N=%s");
    WORKLOADS.put("Llsq", "LLSQ (m=128) N=%s");
    WORKLOADS.put("Lse", "log-sum-exp N=%s");
  }

  /** The workload measured at several sizes, its size parameter and what one unit of it is. */
  private static final String SCALING_WORKLOAD = "Svm";

  private static final String SCALING_PARAMETER = "n";

  private static final String SCALING_UNIT = "example";

  private static final String SCALING_TITLE = "SVM cost over N examples";

  /**
   * Time per example at the largest N over that at the next smaller one: within these bounds the
   * report calls a contender's cost linear in N.
   */
  private static final double LINEAR_LOW = 0.8;

  private static final double LINEAR_HIGH = 1.25;

  /** The compile-time benchmark (another kind of table) and its two methods. */
  private static final String COMPILE_TIME = "CompileTime";

  private static final String JAVAC_ALONE = "javacAlone";

  private static final String JAVAC_WITH_PROCESSOR = "javacWithProcessor";

  /** Its parameter: how many {@code @Differentiable} methods the compiled sources hold. */
  private static final String METHODS = "methods";

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

  /**
   * A column of the tables: a benchmark class without its {@code Benchmark} suffix and the
   * values of its {@code @Param}s, in JMH's order.
   */
  record Workload(String name, Map<String, String> params) {

    String label() {
      String values = String.join(", ", params.values());
      String known = WORKLOADS.get(name);
      if (known != null) {
        return known.contains("%s") ? String.format(Locale.ROOT, known, values) : known;
      }
      return params.isEmpty() ? name : name + " (" + values + ")";
    }

    /** The value of {@code param} as a number, or NaN. */
    double number(String param) {
      try {
        return Double.parseDouble(params.getOrDefault(param, "NaN"));
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
  }

  /** One benchmark's result: time per call in ns, its error, and bytes allocated per call. */
  record Result(Workload workload, String contender, double ns, double nsError, Double bytes) {}

  /** A run's settings, stated above the tables. */
  record Run(String jmh, String vm, String jvm, List<String> jvmArgs, String mode, int forks,
      int warmups, String warmupTime, int iterations, String iterationTime) {}

  private final Run run;
  private final Map<String, Run> runs;
  private final Map<Workload, Map<String, Result>> byWorkload = new LinkedHashMap<>();
  private final Run compileRun;
  private final Map<Workload, Map<String, Result>> compileTime = new LinkedHashMap<>();
  private final Set<String> skipped;

  private Report(List<Result> results, Map<String, Run> runs, Set<String> skipped) {
    this.skipped = skipped;
    this.runs = runs;
    List<Result> gradients = new ArrayList<>();
    List<Result> compile = new ArrayList<>();
    for (Result r : results) {
      (r.workload().name().equals(COMPILE_TIME) ? compile : gradients).add(r);
    }
    this.run = gradients.isEmpty() ? null : runs.get(gradients.get(0).workload().name());
    this.compileRun = runs.get(COMPILE_TIME);
    group(gradients, byWorkload);
    group(compile, compileTime);
  }

  /** Results by workload (known workloads first, sizes in increasing order), then contender. */
  private static void group(List<Result> results, Map<Workload, Map<String, Result>> into) {
    List<Workload> workloads = new ArrayList<>(new LinkedHashSet<>(
        results.stream().map(Result::workload).toList()));
    List<String> known = new ArrayList<>(WORKLOADS.keySet());
    workloads.sort(Comparator
        .comparingInt((Workload w) -> known.contains(w.name()) ? known.indexOf(w.name())
            : known.size())
        .thenComparing(Workload::name)
        .thenComparingDouble(w -> w.params().size() == 1
            ? w.number(w.params().keySet().iterator().next()) : 0));
    for (Workload w : workloads) {
      Map<String, Result> row = new LinkedHashMap<>();
      for (String c : order(CONTENDERS.keySet(), results, Result::contender)) {
        for (Result r : results) {
          if (r.workload().equals(w) && r.contender().equals(c)) {
            row.put(c, r);
          }
        }
      }
      into.put(w, row);
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
    Path png = md.resolveSibling("results.png");
    System.out.println("wrote " + md + (Files.exists(png) ? " and " + png : ""));
  }

  /**
   * Reads {@code input}, writes {@code results.md} and (when there are gradient benchmarks to
   * draw) {@code results.png} into {@code out}.
   */
  static Path write(Path input, Path out) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Report report = read(Files.readString(input, StandardCharsets.UTF_8));
    Files.createDirectories(out);
    Path md = out.resolve("results.md");
    Files.writeString(md, report.markdown(), StandardCharsets.UTF_8);
    if (!report.byWorkload.isEmpty()) {
      report.chart(out.resolve("results.png"));
    }
    return md;
  }

  /** Parses JMH's JSON result. */
  static Report read(String json) {
    JsonArray benchmarks = JsonParser.parseString(json).getAsJsonArray();
    if (benchmarks.isEmpty()) {
      throw new IllegalArgumentException("the JMH result holds no benchmark");
    }
    List<Result> results = new ArrayList<>();
    Map<String, Run> runs = new LinkedHashMap<>();
    Set<String> skipped = new LinkedHashSet<>();
    for (JsonElement e : benchmarks) {
      JsonObject b = e.getAsJsonObject();
      String name = b.get("benchmark").getAsString();
      int method = name.lastIndexOf('.');
      String simpleClass = name.substring(name.lastIndexOf('.', method - 1) + 1, method);
      String workload = simpleClass.endsWith("Benchmark")
          ? simpleClass.substring(0, simpleClass.length() - "Benchmark".length())
          : simpleClass;
      if (!WORKLOADS.containsKey(workload) && !workload.equals(COMPILE_TIME)) {
        skipped.add(simpleClass + "." + name.substring(method + 1));
        continue;
      }
      runs.computeIfAbsent(workload, w -> run(b));
      Map<String, String> params = new LinkedHashMap<>();
      if (b.get("params") instanceof JsonObject p) {
        p.entrySet().forEach(param -> params.put(param.getKey(), param.getValue().getAsString()));
      }
      JsonObject primary = b.getAsJsonObject("primaryMetric");
      String unit = primary.get("scoreUnit").getAsString();
      double score = primary.get("score").getAsDouble();
      double error = primary.get("scoreError").getAsDouble(); // "NaN" with one iteration
      double ns = nanosPerOp(score, unit);
      double nsError = Math.abs(nanosPerOp(score + error, unit) - ns);
      results.add(new Result(new Workload(workload, params), name.substring(method + 1), ns,
          nsError, allocation(b.getAsJsonObject("secondaryMetrics"))));
    }
    return new Report(results, runs, skipped);
  }

  private static Run run(JsonObject b) {
    List<String> jvmArgs = new ArrayList<>();
    if (b.get("jvmArgs") instanceof JsonArray args) {
      args.forEach(a -> jvmArgs.add(a.getAsString()));
    }
    return new Run(
        string(b, "jmhVersion"), string(b, "vmName") + " " + string(b, "vmVersion"),
        string(b, "jvm"), jvmArgs, string(b, "mode"), b.get("forks").getAsInt(),
        b.get("warmupIterations").getAsInt(), string(b, "warmupTime"),
        b.get("measurementIterations").getAsInt(), string(b, "measurementTime"));
  }

  /**
   * The Markdown tables: time, ratios, allocation (when the run used {@code -prof gc}), the
   * SVM's growth with N, the compile time, and the benchmarks left out.
   */
  String markdown() {
    StringBuilder s = new StringBuilder();
    if (run != null) {
      s.append(settings(run));
      // a class whose annotations (or command-line options) differ says so
      for (Map.Entry<String, Run> other : runs.entrySet()) {
        if (!other.getKey().equals(COMPILE_TIME) && !other.getValue().equals(run)) {
          s.append(String.format(Locale.ROOT,
              " Except %s: %d fork(s), %d warm-up iteration(s) of %s, %d measured of %s.",
              label(WORKLOADS, other.getKey()).replace(" N=%s", "").replace(", batch %s", "")
                  .replace(" DxK=%s", ""),
              other.getValue().forks(), other.getValue().warmups(),
              other.getValue().warmupTime(), other.getValue().iterations(),
              other.getValue().iterationTime()));
        }
      }
      s.append("\n\n");
      gradientTables(s);
      scalingTable(s);
    }
    if (!compileTime.isEmpty()) {
      compileTimeTable(s);
    }
    if (!skipped.isEmpty()) {
      s.append(s.length() == 0 ? "" : "\n")
          .append("Not tabulated (benchmark classes this report does not know): ")
          .append(String.join(", ", skipped)).append(".\n");
    }
    return s.toString();
  }

  private static String settings(Run run) {
    return String.format(Locale.ROOT,
        "JMH %s on %s (`%s`%s); %d fork(s), %d warm-up iteration(s) of %s, %d measured of %s.",
        run.jmh(), run.vm(), run.jvm(),
        run.jvmArgs().isEmpty() ? "" : " " + String.join(" ", run.jvmArgs()),
        run.forks(), run.warmups(), run.warmupTime(), run.iterations(), run.iterationTime());
  }

  private void gradientTables(StringBuilder s) {
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
  }

  /**
   * The SVM at every N: ns/op, ns per example, and the linearity check, ns per example at the
   * largest N over that at the next smaller one (1 is a cost exactly proportional to N).
   */
  private void scalingTable(StringBuilder s) {
    List<Workload> sizes = new ArrayList<>();
    for (Workload w : byWorkload.keySet()) {
      if (w.name().equals(SCALING_WORKLOAD) && w.number(SCALING_PARAMETER) > 0) {
        sizes.add(w);
      }
    }
    if (sizes.size() < 2) {
      return;
    }
    Workload largest = sizes.get(sizes.size() - 1);
    Workload previous = sizes.get(sizes.size() - 2);
    String big = largest.params().get(SCALING_PARAMETER);
    String small = previous.params().get(SCALING_PARAMETER);
    s.append("\n").append(SCALING_TITLE).append(": ns/op and ns per ").append(SCALING_UNIT)
        .append(" (ns/op / N):\n\n| contender |");
    for (Workload w : sizes) {
      s.append(" ns/op N=").append(w.params().get(SCALING_PARAMETER)).append(" |");
    }
    for (Workload w : sizes) {
      s.append(" ns/").append(SCALING_UNIT).append(" N=")
          .append(w.params().get(SCALING_PARAMETER)).append(" |");
    }
    s.append(" ns/").append(SCALING_UNIT).append(" N=").append(big).append(" / N=")
        .append(small).append(" |\n|---|").append("---:|".repeat(2 * sizes.size() + 1))
        .append('\n');
    Map<String, Double> growth = new LinkedHashMap<>();
    for (String c : contenders()) {
      if (sizes.stream().noneMatch(w -> byWorkload.get(w).containsKey(c))) {
        continue;
      }
      s.append("| ").append(label(CONTENDERS, c)).append(" |");
      for (Workload w : sizes) {
        Result r = byWorkload.get(w).get(c);
        s.append(' ').append(r == null ? "" : String.format(Locale.ROOT, "%.1f", r.ns()))
            .append(" |");
      }
      for (Workload w : sizes) {
        Result r = byWorkload.get(w).get(c);
        s.append(' ').append(r == null ? ""
            : String.format(Locale.ROOT, "%.2f", r.ns() / w.number(SCALING_PARAMETER)))
            .append(" |");
      }
      Result atBig = byWorkload.get(largest).get(c);
      Result atSmall = byWorkload.get(previous).get(c);
      if (atBig != null && atSmall != null) {
        double ratio = (atBig.ns() / largest.number(SCALING_PARAMETER))
            / (atSmall.ns() / previous.number(SCALING_PARAMETER));
        growth.put(c, ratio);
        s.append(String.format(Locale.ROOT, " %.2f |", ratio));
      } else {
        s.append("  |");
      }
      s.append('\n');
    }
    if (growth.isEmpty()) {
      return;
    }
    List<String> linear = new ArrayList<>();
    List<String> faster = new ArrayList<>();
    List<String> slower = new ArrayList<>();
    for (Map.Entry<String, Double> g : growth.entrySet()) {
      String item = String.format(Locale.ROOT, "%s %.2f", label(CONTENDERS, g.getKey()),
          g.getValue());
      (g.getValue() < LINEAR_LOW ? slower : g.getValue() > LINEAR_HIGH ? faster : linear)
          .add(item);
    }
    s.append(String.format(Locale.ROOT,
        "\nLinearity from N=%s to N=%s (%sx the %ss), time per %s at N=%s over that at N=%s:"
            + " linear in N (%.2f to %.2f): %s.",
        small, big, format(largest.number(SCALING_PARAMETER)
            / previous.number(SCALING_PARAMETER)), SCALING_UNIT, SCALING_UNIT, big, small,
        LINEAR_LOW, LINEAR_HIGH, linear.isEmpty() ? "none" : String.join(", ", linear)));
    if (!faster.isEmpty()) {
      s.append(String.format(Locale.ROOT, " Faster than linear (above %.2f): %s.", LINEAR_HIGH,
          String.join(", ", faster)));
    }
    if (!slower.isEmpty()) {
      s.append(String.format(Locale.ROOT,
          " Slower than linear (below %.2f: a fixed cost per call still counts at N=%s): %s.",
          LINEAR_LOW, small, String.join(", ", slower)));
    }
    s.append('\n');
  }

  /**
   * {@code CompileTimeBenchmark}: javac alone and javac with the processor, per number of
   * {@code @Differentiable} methods, and what the processor adds.
   */
  private void compileTimeTable(StringBuilder s) {
    s.append(s.length() == 0 ? "" : "\n").append("Compile time");
    if (compileRun != null) {
      s.append(String.format(Locale.ROOT,
          " (JMH %s; %d fork(s), %d warm-up iteration(s), %d measured)",
          compileRun.mode().equals("ss") ? "single shots" : "mode " + compileRun.mode(),
          compileRun.forks(), compileRun.warmups(), compileRun.iterations()));
    }
    s.append(", ms (± is JMH's 99.9% interval):\n\n")
        .append("| @Differentiable methods | javac alone | javac with the processor"
            + " | added by the processor | added per method |\n")
        .append("|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<Workload, Map<String, Result>> row : compileTime.entrySet()) {
      Workload w = row.getKey();
      Result alone = row.getValue().get(JAVAC_ALONE);
      Result with = row.getValue().get(JAVAC_WITH_PROCESSOR);
      String methods = w.params().getOrDefault(METHODS, "?");
      s.append("| ").append(methods).append(" | ").append(alone == null ? "" : millis(alone))
          .append(" | ").append(with == null ? "" : millis(with)).append(" |");
      if (alone != null && with != null) {
        double added = (with.ns() - alone.ns()) / 1e6;
        s.append(String.format(Locale.ROOT, " %.1f |", added));
        double n = w.number(METHODS);
        s.append(n > 0 ? String.format(Locale.ROOT, " %.2f |", added / n) : "  |");
      } else {
        s.append("  |  |");
      }
      s.append('\n');
    }
  }

  /** The grouped bar chart: one group per workload, one bar per contender, log-scale ns/op. */
  void chart(Path png) throws IOException {
    CategoryChart chart = new CategoryChartBuilder()
        .width(1400).height(640)
        .title("Value and full gradient: time per call (log scale, lower is better)")
        .yAxisTitle("ns/op")
        .build();
    chart.getStyler()
        .setYAxisLogarithmic(true)
        .setLegendPosition(Styler.LegendPosition.OutsideE)
        .setChartBackgroundColor(Color.WHITE);
    // upright labels: on a log axis a label's length grows with its bar's height, so it fits
    chart.getStyler().setLabelsVisible(true).setLabelsRotation(90);
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
    for (Workload w : byWorkload.keySet()) {
      workloads.add(w.label());
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
    for (Workload w : byWorkload.keySet()) {
      s.append(' ').append(w.label()).append(" |");
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

  private static String millis(Result r) {
    return Double.isNaN(r.nsError())
        ? String.format(Locale.ROOT, "%.1f", r.ns() / 1e6)
        : String.format(Locale.ROOT, "%.1f ± %.1f", r.ns() / 1e6, r.nsError() / 1e6);
  }

  /** A whole number without decimals, anything else with two. */
  private static String format(double x) {
    return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x)
        : String.format(Locale.ROOT, "%.2f", x);
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
