package dev.backprop.benchmarks;

import dev.backprop.Differentiable;
import dev.backprop.processor.DifferentiableProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the processor adds to javac's time: one source file of {@link #methods} annotated methods
 * ({@link CompileTimeSource}), compiled in-process by {@link InMemoryJavac} without the processor
 * ({@code -proc:none}) and with it (read, check, differentiate, write the gradient class, then
 * compile that too). The difference of the two is the processor's cost.
 *
 * <p>One javac run is one single shot. javac is itself Java code that the JIT compiles as it
 * runs, and it takes many runs to get there: the first shot of a fork is several times (up to
 * ten) slower than the last ones. That first shot, the first warm-up iteration in JMH's output,
 * is what a one-off build in a fresh JVM pays; the warm-up shots stand for what a long-lived
 * compiler (a Gradle or Maven daemon, an IDE) has behind it. A run of {@link #javacAlone} is
 * short, so it gets more warm-up shots (50) than {@link #javacWithProcessor} (20), which runs the
 * processor and javac on the source and on the generated class, about eight times the source's
 * size: either way several seconds of warm-up. Then 15 measured shots, in 2 forks: one to two
 * minutes for both benchmarks on the project's 2-core machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 15)
@Fork(2)
public class CompileTimeBenchmark {

  /** The project's own compiler settings (the parent POM's), the same for both benchmarks. */
  static final List<String> OPTIONS = List.of("--release", "17", "-Xlint:all", "-Werror");

  /** The same, and no annotation processing. */
  static final List<String> OPTIONS_PROC_NONE =
      List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none");

  /** Annotated methods in the source file. */
  @Param({"200"})
  public int methods;

  String source;
  InMemoryJavac javac;

  /**
   * The source, and a compiler whose class path holds the runtime's {@code Differentiable}:
   * {@code runtime}'s classes in a test, the whole benchmarks jar when run from it (the same
   * for both benchmarks; javac loads only the classes the source refers to).
   */
  @Setup
  public void setUp() {
    source = CompileTimeSource.generate(methods);
    javac = new InMemoryJavac(List.of(InMemoryJavac.locationOf(Differentiable.class)));
  }

  /** javac alone: {@code -proc:none}. */
  @Benchmark
  @Warmup(iterations = 50)
  public InMemoryJavac.Result javacAlone() {
    return javac.compile(CompileTimeSource.QUALIFIED_NAME, source,
        OPTIONS_PROC_NONE, List.of()).requireClean();
  }

  /**
   * javac with the processor, a new instance per compilation as in a build. It is handed to
   * javac directly, so javac does not look for processors on the class path: the time measured
   * is the processor's, not the service lookup's.
   */
  @Benchmark
  public InMemoryJavac.Result javacWithProcessor() {
    return javac.compile(CompileTimeSource.QUALIFIED_NAME, source,
        OPTIONS, List.of(new DifferentiableProcessor())).requireClean();
  }
}
