package dev.backprop.examples;

/**
 * The six labelled 2-d points of chapter 2's training code ("learning a support vector
 * machine"), exactly as the article pushes them.
 */
public final class TrainingData {

  private static final double[][] DATA = {
    {1.2, 0.7}, {-0.3, -0.5}, {3.0, 0.1}, {-0.1, -1.0}, {-1.0, 1.1}, {2.1, -3},
  };
  private static final int[] LABELS = {1, -1, 1, -1, -1, 1};

  private TrainingData() {}

  /** Number of points. */
  public static int size() {
    return DATA.length;
  }

  /** First feature of point {@code i}. */
  public static double x(int i) {
    return DATA[i][0];
  }

  /** Second feature of point {@code i}. */
  public static double y(int i) {
    return DATA[i][1];
  }

  /** Label of point {@code i}, {@code +1} or {@code -1}. */
  public static int label(int i) {
    return LABELS[i];
  }

  /** A classifier's score for a point; its sign is the predicted label. */
  @FunctionalInterface
  public interface Scorer {
    /** The score of the point {@code (x, y)}. */
    double score(double x, double y);
  }

  /**
   * The article's {@code evalTrainingAccuracy}: the fraction of points whose predicted label
   * ({@code score > 0 ? 1 : -1}) matches the given one.
   */
  public static double trainingAccuracy(Scorer scorer) {
    int numCorrect = 0;
    for (int i = 0; i < size(); i++) {
      int predictedLabel = scorer.score(x(i), y(i)) > 0 ? 1 : -1;
      if (predictedLabel == label(i)) {
        numCorrect++;
      }
    }
    return (double) numCorrect / size();
  }
}
