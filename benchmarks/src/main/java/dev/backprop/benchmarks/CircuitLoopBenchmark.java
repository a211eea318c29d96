package dev.backprop.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The article's circuits called from a plain training loop, as a user's code calls them: 1 000
 * steps of gradient ascent on the neuron and of the chapter 2 hinge-loss training of the 2-layer
 * net over its six data points, generated against hand-written. Unlike a benchmark that calls the
 * gradient once per operation, the gradient here sits in the loop's body, so whether the JIT
 * inlines it (a hot callee of under 325 bytes of bytecode, {@code FreqInlineSize}) shows in the
 * time: run with {@code -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining"} to
 * see the JIT's decision.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CircuitLoopBenchmark {

  /** Training steps per operation. */
  static final int STEPS = 1_000;

  /** The article's data: {@code x, y, label}, six points. */
  private static final double[][] DATA = {
    {1.2, 0.7, 1}, {-0.3, -0.5, -1}, {3.0, 0.1, 1}, {-0.1, -1.0, -1}, {-1.0, 1.1, -1},
    {2.1, -3, 1}
  };

  double[] neuronStart;
  double[] netStart;
  double[] point = new double[TwoLayerNet.PARAMETERS + 2];
  double[] grad = new double[TwoLayerNet.PARAMETERS];
  double[] neuronPoint = new double[NeuronContenders.INPUTS];
  double[] neuronGrad = new double[NeuronContenders.INPUTS];

  /** The starting points, once per run. */
  @Setup
  public void setUp() {
    neuronStart = NeuronContenders.articlePoint();
    netStart = TwoLayerNetContenders.benchmarkPoint();
  }

  /** The neuron, generated gradient. */
  @Benchmark
  public double neuronGenerated() {
    double[] p = neuronPoint;
    System.arraycopy(neuronStart, 0, p, 0, p.length);
    double sum = 0;
    for (int step = 0; step < STEPS; step++) {
      sum += NeuronContenders.generated(p, neuronGrad);
      for (int j = 0; j < p.length; j++) {
        p[j] += 0.01 * neuronGrad[j];
      }
    }
    return sum;
  }

  /** The neuron, the article's hand-written backward pass. */
  @Benchmark
  public double neuronHandWritten() {
    double[] p = neuronPoint;
    System.arraycopy(neuronStart, 0, p, 0, p.length);
    double sum = 0;
    for (int step = 0; step < STEPS; step++) {
      sum += NeuronContenders.handWritten(p, neuronGrad);
      for (int j = 0; j < p.length; j++) {
        p[j] += 0.01 * neuronGrad[j];
      }
    }
    return sum;
  }

  /** The 2-layer net, generated gradient. */
  @Benchmark
  public double twoLayerNetGenerated() {
    double[] p = point;
    System.arraycopy(netStart, 0, p, 0, p.length);
    double sum = 0;
    for (int step = 0; step < STEPS; step++) {
      double[] example = DATA[step % DATA.length];
      p[0] = example[0];
      p[1] = example[1];
      double score = TwoLayerNetContenders.generated(p, grad);
      sum += update(p, score, example[2]);
    }
    return sum;
  }

  /** The 2-layer net, the article's hand-written backward pass. */
  @Benchmark
  public double twoLayerNetHandWritten() {
    double[] p = point;
    System.arraycopy(netStart, 0, p, 0, p.length);
    double sum = 0;
    for (int step = 0; step < STEPS; step++) {
      double[] example = DATA[step % DATA.length];
      p[0] = example[0];
      p[1] = example[1];
      double score = TwoLayerNetContenders.handWritten(p, grad);
      sum += update(p, score, example[2]);
    }
    return sum;
  }

  /** The article's step: pull by the hinge loss's sign, step size 0.01. */
  private double update(double[] p, double score, double label) {
    double pull = label * score < 1 ? label : 0;
    for (int j = 0; j < grad.length; j++) {
      p[TwoLayerNetContenders.FIRST_PARAMETER + j] += 0.01 * pull * grad[j];
    }
    return score;
  }
}
