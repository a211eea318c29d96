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
 * Value and gradient (with respect to the 3 weights) of the article's SVM cost over a dataset of
 * {@code n} examples, by every contender of {@link SvmContenders}: how each one's cost grows with
 * the data.
 *
 * <p>The same settings as the other workloads. The slowest call, the object autograd over
 * 100 000 examples, builds and sorts a graph of 1.2 million wires (objects, closures, child
 * arrays, a hash set of them all, most of it still reachable when the young generation fills up)
 * and can take longer than an iteration's 1 s. JMH then ends each iteration after that one call,
 * so the row rests on 2 x 5 measured calls, after 5 warm-up calls per fork: enough to place a
 * contender that far behind the others, and no reason to give it settings of its own.
 *
 * <p>The dataset and the weights live in the state (the JIT cannot fold them), each call writes
 * the gradient into the state's {@code grad} array and the cost is returned to JMH's blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SvmBenchmark {

  /** The number of examples in the dataset. */
  @Param({"10", "1000", "100000"})
  public int n;

  SvmContenders.Dataset data;
  double[] w;
  double[] grad;

  /** The seeded dataset, the article's weights and the gradient buffer, once per run. */
  @Setup
  public void setUp() {
    data = SvmContenders.Dataset.random(n, SvmContenders.SEED);
    w = SvmContenders.benchmarkWeights();
    grad = new double[SvmContenders.WEIGHTS];
  }

  /** (d) The forward function alone. */
  @Benchmark
  public double function() {
    return SvmContenders.function(data, w);
  }

  /** (a) The generated gradient, plain form. */
  @Benchmark
  public double generated() {
    return SvmContenders.generated(data, w, grad);
  }

  /** (b) The generated pullback (value from the function, zeroed grad, seed 1). */
  @Benchmark
  public double pullback() {
    return SvmContenders.pullback(data, w, grad);
  }

  /** (c) The hand-written backward pass, fused with the forward pass over the data. */
  @Benchmark
  public double handWritten() {
    return SvmContenders.handWritten(data, w, grad);
  }

  /** (e) Central differences. */
  @Benchmark
  public double numerical() {
    return SvmContenders.numerical(data, w, grad);
  }

  /** (f) An object per wire, micrograd style, over the whole dataset. */
  @Benchmark
  public double objectAutograd() {
    return SvmContenders.objectAutograd(data, w, grad);
  }

  /** (g) Hipparchus forward mode. */
  @Benchmark
  public double hipparchus() {
    return SvmContenders.hipparchus(data, w, grad);
  }
}
