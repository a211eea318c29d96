package dev.backprop.benchmarks;

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
 * Value and gradient (with respect to {@code alpha}, {@code mu}, {@code q} and {@code l}) of
 * GradBench's GMM log posterior, {@link Gmm#logPosterior}, by the contenders of
 * {@link GmmContenders}, at {@code N = 1 000} observations and {@code (D, K) = (2, 5), (10, 25),
 * (20, 50), (64, 10)} (GradBench's {@code gmm} inputs of those sizes, drawn here with its seed
 * from {@code java.util.Random}): 30, 1 650, 11 550 and 21 450 parameters.
 *
 * <p>The same settings as the other workloads. {@code -p dk=64x200} runs another size, such as
 * ADBench's {@code (64, 200)} (429 000 parameters), which is not among the defaults.
 *
 * <p>The observations and the parameters live in the state, each call writes the gradient into
 * the state's {@code grad} arrays and the value is returned to JMH's blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GmmBenchmark {

  /** The dimension {@code D} and the number of components {@code K}, as {@code DxK}. */
  @Param({"2x5", "10x25", "20x50", "64x10"})
  public String dk;

  GmmContenders.Input data;
  double[][] p;
  double[][] grad;
  GmmContenders.Scratch scratch;

  /** The seeded input, the gradient buffers and the hand-written pass's scratch, once per run. */
  @Setup
  public void setUp() {
    data = GmmContenders.Input.parse(dk);
    p = data.parameters();
    grad = data.zeros();
    scratch = new GmmContenders.Scratch(data.d, data.k);
  }

  /** (d) The function alone. */
  @Benchmark
  public double function() {
    return GmmContenders.function(data, p);
  }

  /** (a) The generated gradient, plain form. */
  @Benchmark
  public double generated() {
    return GmmContenders.generated(data, p, grad);
  }

  /** (b) The generated pullback (value from the function, zeroed grad, seed 1). */
  @Benchmark
  public double pullback() {
    return GmmContenders.pullback(data, p, grad);
  }

  /** (c) The hand-written gradient: one pass over the observations, weighted sums, no tape. */
  @Benchmark
  public double handWritten() {
    return GmmContenders.handWritten(data, p, grad, scratch);
  }
}
