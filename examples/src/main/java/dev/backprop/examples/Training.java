package dev.backprop.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The stochastic gradient descent loop of chapter 2, shared by {@link SupportVectorMachine} and
 * {@link TwoLayerNet}, with what it records: the training accuracy every few iterations, the
 * first iteration after which every point was classified correctly, and the final accuracy.
 *
 * <p>With the article's step size and regularization, both classifiers do not settle: the springs
 * keep pulling the weights back until a point sits on the decision boundary, so the accuracy
 * keeps flipping between 5/6 and 6/6. Whether a run <em>ends</em> at 100% depends on the random
 * sequence; {@link #survey} counts, over many seeds, how many runs reach 100% and how many end
 * there.
 */
public final class Training {

  private Training() {}

  /** A classifier trained one point at a time. */
  public interface Classifier {
    /** One step of stochastic gradient descent on the labelled point {@code (x, y)}. */
    void learnFrom(double x, double y, int label);

    /** The fraction of the six training points classified correctly. */
    double trainingAccuracy();
  }

  /**
   * What a training run did.
   *
   * @param every the checkpoint interval
   * @param checkpoints training accuracy after iterations {@code 0, every, 2*every, ...}
   * @param firstPerfectIteration the first iteration after which the training accuracy was 1.0,
   *     or -1 if it never was
   * @param finalAccuracy the training accuracy after the last iteration
   */
  public record Log(
      int every, List<Double> checkpoints, int firstPerfectIteration, double finalAccuracy) {

    /** Whether the accuracy was 1.0 after some iteration. */
    public boolean reachedPerfect() {
      return firstPerfectIteration >= 0;
    }
  }

  /**
   * How runs with seeds {@code 0 .. seeds-1} went.
   *
   * @param seeds the number of seeds tried
   * @param iterations the iterations of each run
   * @param reached runs whose accuracy was 1.0 after some iteration
   * @param ended runs whose accuracy was 1.0 after the last iteration
   */
  public record Survey(int seeds, int iterations, int reached, int ended) {}

  /**
   * The article's learning loop: {@code iterations} times, pick a random data point with
   * {@code random.nextInt(6)} and learn from it.
   */
  public static Log run(Classifier classifier, Random random, int iterations, int every) {
    List<Double> checkpoints = new ArrayList<>();
    int firstPerfect = -1;
    for (int iter = 0; iter < iterations; iter++) {
      int i = random.nextInt(TrainingData.size()); // pick a random data point
      classifier.learnFrom(TrainingData.x(i), TrainingData.y(i), TrainingData.label(i));
      double accuracy = classifier.trainingAccuracy();
      if (accuracy == 1.0 && firstPerfect < 0) {
        firstPerfect = iter;
      }
      if (iter % every == 0) {
        checkpoints.add(accuracy);
      }
    }
    return new Log(every, List.copyOf(checkpoints), firstPerfect,
        classifier.trainingAccuracy());
  }

  /**
   * Trains one classifier per seed {@code 0 .. seeds-1}, each with its own
   * {@code new Random(seed)} (handed to {@code factory} first, for random initial parameters),
   * and counts how many reached and how many ended at 100% training accuracy.
   */
  public static Survey survey(
      int seeds, int iterations, Function<Random, ? extends Classifier> factory) {
    int reached = 0;
    int ended = 0;
    for (long seed = 0; seed < seeds; seed++) {
      Random random = new Random(seed);
      Log log = run(factory.apply(random), random, iterations, iterations);
      reached += log.reachedPerfect() ? 1 : 0;
      ended += log.finalAccuracy() == 1.0 ? 1 : 0;
    }
    return new Survey(seeds, iterations, reached, ended);
  }
}
