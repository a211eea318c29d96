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
 * Value and gradient (with respect to the {@code m} coefficients) of GradBench's linear least
 * squares objective, {@link Llsq#objective}, by the contenders of {@link LlsqContenders}, at
 * {@code n = 4 096} points and {@code m = 128} coefficients uniform in {@code [0, 1)}
 * (GradBench's {@code llsq} input of that size, drawn here with its seed from
 * {@code java.util.Random}).
 *
 * <p>The same settings as the other workloads. The coefficients live in the state, each call
 * writes the gradient into the state's {@code grad} array and the value is returned to JMH's
 * blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LlsqBenchmark {

  /** The number of points {@code t_i}. */
  @Param({"4096"})
  public int n;

  double[] x;
  double[] grad;
  LlsqContenders.Scratch scratch;

  /** The seeded coefficients, the gradient buffer and the hand-written pass's scratch, once. */
  @Setup
  public void setUp() {
    x = LlsqContenders.input(LlsqContenders.M, LlsqContenders.SEED);
    grad = new double[x.length];
    scratch = new LlsqContenders.Scratch(x.length);
  }

  /** (d) The function alone. */
  @Benchmark
  public double function() {
    return LlsqContenders.function(x, n);
  }

  /** (a) The generated gradient, plain form. */
  @Benchmark
  public double generated() {
    return LlsqContenders.generated(x, n, grad);
  }

  /** (b) The generated pullback (value from the function, zeroed grad, seed 1). */
  @Benchmark
  public double pullback() {
    return LlsqContenders.pullback(x, n, grad);
  }

  /** (c) The hand-written gradient, fused with the forward pass point by point. */
  @Benchmark
  public double handWritten() {
    return LlsqContenders.handWritten(x, n, grad, scratch);
  }
}
