package dev.backprop.processor.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.Unit;
import dev.backprop.processor.fuzz.Checker.Failure;
import dev.backprop.processor.fuzz.Checker.Kind;
import dev.backprop.processor.fuzz.Checker.Point;
import dev.backprop.runtime.Tape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the generated gradients. Random classes of {@code @Differentiable}
 * methods (see {@link Generator}) are compiled with the processor, 100 methods a class, five
 * classes a compilation, two compilations at a time; at up to three points per method, away
 * from kinks and poles:
 * <ul>
 *   <li>the generated value must equal the original method's value bit for bit;
 *   <li>the gradient must match Hipparchus' forward-mode derivatives of the same program,
 *       evaluated from the fuzzer's own tree by {@link Oracle}, within 1e-9 of the round-off
 *       scale (the chain rule taken in absolute values);
 *   <li>partials are per differentiated double and per element of each differentiated
 *       {@code double[]}, read from {@code grad} (when a double is differentiated) and the
 *       trailing {@code dw} arrays; the generated methods must not write into the arguments;
 *   <li>the pullback must add seed times the gradient to what grad and the dw arrays held;
 *   <li>and, to check the oracle itself, central differences must agree with Hipparchus
 *       wherever the path does not change within the step and the differences are stable.
 * </ul>
 * A class that does not compile is compiled again without the methods the errors point into.
 * Failures are shrunk (statements dropped, ifs and loops flattened, sub-expressions replaced by
 * an operand, a parameter or a constant, unused parameters dropped) and the smallest failing
 * program is printed with its point, the generated gradient class and the seed.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code fuzz.programs} (3000): how many methods with a usable point to check;
 *   <li>{@code fuzz.seed} (20261125 by default, printed; {@code random} draws one): repeats a run;
 *   <li>{@code fuzz.shrinkCount} (3), {@code fuzz.shrinkSeconds} (60): how many failures to
 *       shrink (different kinds first) and the total time for it; {@code fuzz.shrinkOnly}
 *       shrinks only failures whose "KIND (key)" contains the given text;
 *   <li>{@code fuzz.avoid} (none by default): shapes of open bugs to
 *       leave out ({@link KnownShapes}), to look for others; {@code fuzz.loops=false} generates
 *       no loops;
 *   <li>{@code fuzz.maxSize} (110): the size budget of a generated method (twice that for
 *       the loop flavour);
 *   <li>{@code fuzz.loopPercent} (35): the share of methods with arrays, while, do-while and
 *       for-each loops, general for loops, break, continue and returns inside loops (see
 *       {@link Generator});
 *   <li>{@code fuzz.verbose}: compilation times.
 * </ul>
 */
class GradientFuzzTest {

  static final String PACKAGE = "fz";
  private static final int METHODS_PER_CLASS = 100;
  private static final AtomicInteger CHECKPOINTED =
      new AtomicInteger();
  private static final int CLASSES_PER_COMPILATION = 5;
  private static final int POINTS = 3;
  private static final int SHRINK_AT_MOST = Integer.getInteger("fuzz.shrinkCount", 3);

  @Test
  void generatedGradientsAgreeWithHipparchus() throws Exception {
    // A fixed seed by default, so a build fails only for a change; -Dfuzz.seed=random explores.
    String seedProperty = System.getProperty("fuzz.seed", "20261125");
    long seed = seedProperty.equals("random") ? new Random().nextLong() : Long.parseLong(seedProperty);
    int programs = Integer.getInteger("fuzz.programs", 3000);
    String reproduce = "-Dfuzz.seed=" + seed + " -Dfuzz.programs=" + programs;
    System.out.println("[fuzz] seed " + seed + ", " + programs + " programs (" + reproduce + ")");
    long start = System.nanoTime();

    // 1. Generate classes and points until enough methods have a usable point.
    List<Unit> units = new ArrayList<>();
    Map<String, Map<String, List<Point>>> points = new LinkedHashMap<>();
    int checked = 0;
    int arrays = 0;
    int general = 0;
    int arrayCalls = 0;
    int doWhile = 0;
    int forEach = 0;
    int returnsInLoop = 0;
    int matrices = 0;
    int matrixRows = 0;
    int recomputable = 0;
    int selections = 0;
    int fills = 0;
    int plainCalls = 0;
    int argumentChecks = 0;
    int customCalls = 0;
    int effects = 0;
    int helpers = 0;
    for (int c = 0; checked < programs; c++) {
      long unitSeed = mix(seed, c);
      Unit unit = Generator.unit(PACKAGE, "Fuzz" + c, METHODS_PER_CLASS, unitSeed);
      Random random = new Random(unitSeed ^ 0x5DEECE66DL);
      Map<String, List<Point>> byMethod = new LinkedHashMap<>();
      for (Fn f : unit.methods()) {
        List<Point> ps = checked < programs ? Checker.points(unit, f, random, POINTS, 60) : List.of();
        byMethod.put(f.name(), ps);
        if (!ps.isEmpty()) {
          checked++;
          arrays += Ast.usesArrays(f) ? 1 : 0;
          general += Ast.usesGeneralLoops(f) ? 1 : 0;
          arrayCalls += Ast.callsWithArrays(f) ? 1 : 0;
          doWhile += Ast.usesDoWhile(f) ? 1 : 0;
          forEach += Ast.usesForEach(f) ? 1 : 0;
          returnsInLoop += Ast.returnsInLoop(f) ? 1 : 0;
          matrices += Ast.usesLocalMatrices(f) ? 1 : 0;
          matrixRows += Ast.passesMatrixRows(f) ? 1 : 0;
          recomputable += Ast.hasRecomputableLocals(f) ? 1 : 0;
          selections += Ast.hasRunningSelections(f) ? 1 : 0;
          fills += Ast.fillsArrays(f) ? 1 : 0;
          plainCalls += Ast.callsWithoutGradient(f) ? 1 : 0;
          argumentChecks += Ast.hasArgumentChecks(f) ? 1 : 0;
          customCalls += Ast.callsThroughCustomPullbacks(f) ? 1 : 0;
          effects += Ast.hasEffects(f) ? 1 : 0;
        }
      }
      helpers += Printer.helpers(unit, Ast.customCallees(unit.methods())).size();
      units.add(unit);
      points.put(unit.qualifiedName(), byMethod);
    }
    long generated = System.nanoTime();
    System.out.printf("[fuzz] of these, %d with arrays (%d passing arrays to calls), %d with while"
        + " loops, general for loops, break, continue or a return inside a loop (%d with do-while,"
        + " %d with for-each, %d returning from inside a loop)%n", arrays, arrayCalls, general,
        doWhile, forEach, returnsInLoop);
    System.out.printf("[fuzz] %d with local matrices (%d passing their rows to calls), %d with"
        + " loop-local values a counted loop can recompute, %d with running maxima or minima, %d"
        + " with loops that fill a local array first, %d calling Double.isNaN, Integer.bitCount or"
        + " another function that carries no gradient, %d with argument checks that throw, %d"
        + " calling a function through its @PullbackOf rule, %d with asserts or printing, %d"
        + " private helpers without @Differentiable%n",
        matrices, matrixRows, recomputable, selections, fills, plainCalls, argumentChecks,
        customCalls, effects, helpers);

    // 2. Compile (two compilations at a time) and check.
    List<List<Unit>> groups = new ArrayList<>();
    for (int i = 0; i < units.size(); i += CLASSES_PER_COMPILATION) {
      groups.add(units.subList(i, Math.min(units.size(), i + CLASSES_PER_COMPILATION)));
    }
    List<Found> found = new ArrayList<>();
    int[] checks = {0};
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Found>>> futures = new ArrayList<>();
      for (List<Unit> group : groups) {
        futures.add(pool.submit(() -> checkGroup(group, points, seed, checks)));
      }
      for (Future<List<Found>> f : futures) {
        found.addAll(f.get());
      }
    } finally {
      pool.shutdown();
    }
    long done = System.nanoTime();
    System.out.printf("[fuzz] %d checked methods whose gradient checkpoints a loop (every loop"
        + " past its first %d bytes of saves)%n", CHECKPOINTED.get(),
        Tape.CHECKPOINT_BYTES);
    System.out.printf("[fuzz] %d programs in %d classes, %d point checks (%d partials also"
            + " against central differences, %d skipped): generation %.1f s, compilation and"
            + " checks %.1f s; %d failing programs%n",
        checked, units.size(), checks[0], Checker.CD_COMPARED.get(), Checker.CD_SKIPPED.get(),
        (generated - start) / 1e9, (done - generated) / 1e9, found.size());
    if (found.isEmpty()) {
      return;
    }

    // 3. Shrink a few failures, different kinds first.
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    found.forEach(f -> counts.merge(f.failure.kind(), 1, Integer::sum));
    List<Found> toShrink = pickDistinct(found);
    StringBuilder report = new StringBuilder();
    report.append(found.size()).append(" of ").append(checked).append(" programs fail ")
        .append(counts).append("; reproduce with ").append(reproduce).append('\n');
    for (Found f : found) {
      String detail = f.failure.detail();
      report.append("  ").append(f.program.unit().qualifiedName()).append('.')
          .append(f.program.target()).append(": ").append(f.failure.kind()).append(" (")
          .append(f.failure.key()).append(") ")
          .append(detail.lines().findFirst().orElse("")).append('\n');
    }
    long shrinkUntil = System.currentTimeMillis() + 1000L * Integer.getInteger("fuzz.shrinkSeconds", 60);
    for (int i = 0; i < toShrink.size(); i++) {
      Found f = toShrink.get(i);
      long millis = Math.max(5_000, (shrinkUntil - System.currentTimeMillis()) / (toShrink.size() - i));
      Shrinker.Shrunk s = Shrinker.shrink(f.program, f.failure, seed, 200, millis);
      report.append("\n=== ").append(f.failure.kind()).append(" (").append(f.failure.key())
          .append(") in ").append(f.program.unit().qualifiedName()).append('.')
          .append(f.program.target()).append(", shrunk in ").append(s.steps()).append(" steps / ")
          .append(s.compilations()).append(" compilations\n");
      report.append(describe(s.program(), s.failure(), s.generatedSource()));
    }
    System.out.println(report);
    fail(report.toString());
  }

  /** One failing program with its failure. */
  record Found(Shrinker.Program program, Failure failure) {}

  private static List<Found> checkGroup(List<Unit> group,
      Map<String, Map<String, List<Point>>> points, long seed, int[] checks) {
    List<Found> found = new ArrayList<>();
    long t0 = System.nanoTime();
    FuzzCompiler.Outcome outcome = FuzzCompiler.compile(group);
    if (Boolean.getBoolean("fuzz.verbose")) {
      System.out.printf("[fuzz] compiled %s.. in %.1f s, %d classes with errors%n",
          group.get(0).className(), (System.nanoTime() - t0) / 1e9, outcome.errors.size());
    }
    for (Unit unit : group) {
      Map<String, FuzzCompiler.CompileError> errors =
          outcome.errors.getOrDefault(unit.qualifiedName(), Map.of());
      Map<String, List<Point>> ps = points.get(unit.qualifiedName());
      errors.forEach((method, e) -> {
        Fn f = method.isEmpty() ? unit.methods().get(0) : unit.method(method);
        List<Point> at = ps.getOrDefault(f.name(), List.of());
        found.add(new Found(new Shrinker.Program(unit, f.name(),
            at.isEmpty() ? Checker.sample(f, new Random(seed)) : at.get(0).args()),
            new Failure(Kind.COMPILE, e.key(), e.text())));
      });
      if (!outcome.compiled.containsKey(unit.qualifiedName())) {
        continue;
      }
      Class<?> source = outcome.load(unit.qualifiedName());
      Class<?> grad = outcome.load(unit.gradName());
      for (Fn f : unit.methods()) {
        if (!outcome.compiled(unit, f.name())) {
          continue;
        }
        List<Point> at = ps.getOrDefault(f.name(), List.of());
        if (!at.isEmpty() && checkpoints(outcome.generatedSources.get(unit.qualifiedName()),
            f.name())) {
          CHECKPOINTED.incrementAndGet();
        }
        for (int i = 0; i < at.size(); i++) {
          Failure failure = Checker.check(unit, f, source, grad, at.get(i), mix(seed, i));
          synchronized (checks) {
            checks[0]++;
          }
          if (failure != null) {
            found.add(new Found(new Shrinker.Program(unit, f.name(), at.get(i).args()), failure));
            break;
          }
        }
      }
    }
    return found;
  }

  /** Whether the plain form of {@code method} in {@code generated} checkpoints a loop. */
  private static boolean checkpoints(String generated, String method) {
    if (generated == null) {
      return false;
    }
    int start = generated.indexOf(" " + method + "(");
    int end = generated.indexOf(" " + method + "Pullback(", start);
    return start >= 0 && end > start
        && generated.substring(start, end).contains("each segment starts with a checkpoint");
  }

  private static List<Found> pickDistinct(List<Found> all) {
    // -Dfuzz.shrinkOnly=GRADIENT (a substring of "KIND (key)") shrinks only matching failures
    String only = System.getProperty("fuzz.shrinkOnly", "");
    List<Found> found = new ArrayList<>();
    for (Found f : all) {
      if ((f.failure.kind() + " (" + f.failure.key() + ")").contains(only)) {
        found.add(f);
      }
    }
    List<Found> out = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Found f : found) {
      String key = f.failure.kind() + " " + f.failure.key();
      if (!keys.contains(key) && out.size() < SHRINK_AT_MOST) {
        keys.add(key);
        out.add(f);
      }
    }
    for (Found f : found) {
      if (out.size() >= SHRINK_AT_MOST) {
        break;
      }
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  static String describe(Shrinker.Program p, Failure failure, String generated) {
    StringBuilder out = new StringBuilder();
    out.append(failure.detail()).append('\n');
    out.append("--- minimal program (method ").append(p.target()).append(", point ")
        .append(Checker.describe(p.fn(), p.args())).append(")\n");
    out.append(Printer.unit(p.unit()));
    if (!generated.isEmpty()) {
      out.append("--- generated gradient class\n").append(generated);
    }
    return out.toString();
  }

  static long mix(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
