/**
 * JMH benchmarks of the generated gradients, and the contenders they are measured against.
 *
 * <p>Each workload is a {@code @Differentiable} source class ({@link Neuron}, {@link TwoLayerNet},
 * {@link Svm}, {@link Mlp}, and four objectives of the GradBench suite: {@link Gmm},
 * {@link KMeans}, {@link Llsq}, {@link Lse}) and a contenders class ({@link NeuronContenders},
 * {@link TwoLayerNetContenders}, {@link SvmContenders}, {@link MlpContenders},
 * {@link GmmContenders}, {@link KMeansContenders}, {@link LlsqContenders},
 * {@link LseContenders}) holding every way of computing its value and full gradient, all with one
 * signature per workload. The JMH classes ({@link NeuronBenchmark}, {@link TwoLayerNetBenchmark},
 * {@link SvmBenchmark}, {@link MlpBenchmark}, {@link GmmBenchmark}, {@link KMeansBenchmark},
 * {@link LlsqBenchmark}, {@link LseBenchmark}) and the agreement tests call those same methods,
 * so what is timed is what is checked. {@link Report} turns JMH's JSON result into Markdown
 * tables and a chart.
 */
package dev.backprop.benchmarks;
