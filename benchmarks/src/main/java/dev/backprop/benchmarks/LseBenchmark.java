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
 * Value and gradient (with respect to all {@code n} inputs) of GradBench's log-sum-exp,
 * {@link Lse#logSumExp}, by the contenders of {@link LseContenders}, at {@code n = 160 000}
 * numbers uniform in {@code [0, 1)} (GradBench's {@code lse} input of that size, drawn here with
 * its seed from {@code java.util.Random}).
 *
 * <p>The same settings as the other workloads. The vector lives in the state (the JIT cannot fold
 * it), each call writes the gradient into the state's {@code grad} array and the value is
 * returned to JMH's blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LseBenchmark {

  /** The length of the vector. */
  @Param({"160000"})
  public int n;

  double[] x;
  double[] grad;

  /** The seeded vector and the gradient buffer, once per run. */
  @Setup
  public void setUp() {
    x = LseContenders.input(n, LseContenders.SEED);
    grad = new double[n];
  }

  /** (d) The function alone. */
  @Benchmark
  public double function() {
    return LseContenders.function(x);
  }

  /** (a) The generated gradient, plain form. */
  @Benchmark
  public double generated() {
    return LseContenders.generated(x, grad);
  }

  /** (b) The generated pullback (value from the function, zeroed grad, seed 1). */
  @Benchmark
  public double pullback() {
    return LseContenders.pullback(x, grad);
  }

  /** (c) The hand-written gradient: maximum, exponentials kept in grad, then scaled. */
  @Benchmark
  public double handWritten() {
    return LseContenders.handWritten(x, grad);
  }
}
