package dev.backprop.benchmarks;

import java.util.Random;
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
 * Value and gradient (with respect to all 515 parameters) of the MLP's minibatch loss
 * {@link Mlp#loss}, by every contender of {@link MlpContenders}: what a training step costs.
 *
 * <p>The same settings as the other workloads. The slow contenders stay well under a second a
 * call (central differences evaluate the loss 1 031 times, Hipparchus carries 515 partial
 * derivatives through some 30 000 operations), so 1 s iterations hold many calls each and no
 * contender needs its own settings.
 *
 * <p>The batch and the parameters live in the state, each call writes the gradient into the
 * state's {@code grad} arrays and the loss is returned to JMH's blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MlpBenchmark {

  /** Examples per minibatch. */
  @Param({"32"})
  public int batch;

  MlpContenders.Batch data;
  double[][] w;
  double[][] grad;
  MlpContenders.Scratch scratch;

  /** A seeded random batch and parameters, the gradient buffers, once per run. */
  @Setup
  public void setUp() {
    Random random = new Random(MlpContenders.SEED);
    data = MlpContenders.Batch.random(random, batch);
    w = MlpContenders.randomParameters(random);
    grad = MlpContenders.zerosLike(w);
    scratch = new MlpContenders.Scratch();
  }

  /** (d) The loss alone. */
  @Benchmark
  public double function() {
    return MlpContenders.function(data, w);
  }

  /** (a) The generated gradient, plain form. */
  @Benchmark
  public double generated() {
    return MlpContenders.generated(data, w, grad);
  }

  /** (b) The generated pullback (value from the function, zeroed grad, seed 1). */
  @Benchmark
  public double pullback() {
    return MlpContenders.pullback(data, w, grad);
  }

  /** (c) The hand-written backward pass, fused with the forward pass example by example. */
  @Benchmark
  public double handWritten() {
    return MlpContenders.handWritten(data, w, grad, scratch);
  }

  /** (e) Central differences. */
  @Benchmark
  public double numerical() {
    return MlpContenders.numerical(data, w, grad);
  }

  /** (f) An object per wire, micrograd style. */
  @Benchmark
  public double objectAutograd() {
    return MlpContenders.objectAutograd(data, w, grad);
  }

  /** (g) Hipparchus forward mode. */
  @Benchmark
  public double hipparchus() {
    return MlpContenders.hipparchus(data, w, grad);
  }
}
