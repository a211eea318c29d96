package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SupportVectorMachineTest {

  @Test
  void circuitIsDifferentiatedWithRespectToTheParametersOnly() {
    double[] grad = new double[3];
    double score = SupportVectorMachineGrad.circuit(1.2, 0.7, 1, -2, -1, grad);
    assertEquals(-1.2, score, 1e-15); // 1 * 1.2 + (-2) * 0.7 - 1
    assertArrayEquals(new double[] {1.2, 0.7, 1.0}, grad); // [da, db, dc] = [x, y, 1]
    assertThrows(IllegalArgumentException.class,
        () -> SupportVectorMachineGrad.circuit(1.2, 0.7, 1, -2, -1, new double[5]));
  }

  @Test
  void pullbackIsTheArticlesCircuitBackward() {
    double[] grad = {0.5, 0.5, 0.5};
    SupportVectorMachineGrad.circuitPullback(1.2, 0.7, 1, -2, -1, -1.0, grad);
    assertArrayEquals(new double[] {0.5 - 1.2, 0.5 - 0.7, 0.5 - 1.0}, grad, 1e-15);
  }

  @Test
  void articleWorkedExamplesPullAsDescribed() {
    SupportVectorMachine svm = new SupportVectorMachine();
    // [1.2, 0.7], label +1, score -1.2: pull +1, plus springs -1 on a and +2 on b
    assertEquals(-1.2, svm.forward(1.2, 0.7), 1e-15);
    assertArrayEquals(new double[] {1.2 - 1, 0.7 + 2, 1}, svm.backward(1.2, 0.7, 1), 1e-15);
    // [-0.3, 0.5], label -1, score -2.3: no pull, only the springs
    assertEquals(-2.3, svm.forward(-0.3, 0.5), 1e-15);
    assertArrayEquals(new double[] {-1, 2, 0}, svm.backward(-0.3, 0.5, -1), 0.0);
  }

  @Test
  void initialParametersClassifyFourOfSixPoints() {
    assertEquals(4.0 / 6, new SupportVectorMachine().trainingAccuracy());
  }

  @Test
  void walkthroughRunReachesAndEndsAtFullTrainingAccuracy() {
    SupportVectorMachine svm = new SupportVectorMachine();
    Training.Log log = Training.run(svm, new Random(Walkthrough.SVM_SEED),
        Walkthrough.SVM_ITERATIONS, 25);
    assertEquals(16, log.checkpoints().size());
    assertTrue(log.reachedPerfect(), log::toString);
    assertEquals(1.0, log.finalAccuracy(), log::toString);
    assertEquals(1.0, svm.trainingAccuracy());
  }

  /** Not one lucky seed: most runs get every point right at some time within 1000 steps. */
  @Test
  void mostSeedsReachFullTrainingAccuracy() {
    Training.Survey survey = Training.survey(200, 1000, r -> new SupportVectorMachine());
    assertTrue(survey.reached() >= 160, survey::toString);
  }

  /** The article's "simpler code", backward pass written by hand, makes the same updates. */
  @Test
  void generatedPullbackTrainsExactlyLikeTheArticlesSimplerCode() {
    for (long seed = 0; seed < 20; seed++) {
      SupportVectorMachine svm = new SupportVectorMachine();
      Training.run(svm, new Random(seed), 400, 400);

      Random random = new Random(seed);
      double a = 1;
      double b = -2;
      double c = -1;
      for (int iter = 0; iter < 400; iter++) {
        int i = random.nextInt(TrainingData.size());
        double x = TrainingData.x(i);
        double y = TrainingData.y(i);
        int label = TrainingData.label(i);
        double score = a * x + b * y + c;
        double pull = 0.0;
        if (label == 1 && score < 1) {
          pull = 1;
        }
        if (label == -1 && score > -1) {
          pull = -1;
        }
        double stepSize = 0.01;
        a += stepSize * (x * pull - a);
        b += stepSize * (y * pull - b);
        c += stepSize * (1 * pull);
      }
      assertArrayEquals(new double[] {a, b, c}, svm.parameters(), 1e-9, "seed " + seed);
    }
  }

  @Test
  void descendingTheLossIsTheForceSpecification() {
    for (long seed = 0; seed < 20; seed++) {
      SupportVectorMachine svm = new SupportVectorMachine();
      Training.run(svm, new Random(seed), 400, 400);
      assertArrayEquals(svm.parameters(), SupportVectorMachine.trainOnLoss(new Random(seed), 400),
          1e-9, "seed " + seed);
    }
  }

  @Test
  void gradientsMatchCentralDifferencesAtRandomPoints() {
    for (double[] p : RandomPoints.uniform(51, 5)) {
      double x = p[0];
      double y = p[1];
      GradientCheck.of(
              v -> SupportVectorMachine.circuit(x, y, v[0], v[1], v[2]),
              (v, g) -> SupportVectorMachineGrad.circuit(x, y, v[0], v[1], v[2], g))
          .names("a", "b", "c")
          .assertAt(p[2], p[3], p[4]);
    }
    for (int label : new int[] {1, -1}) {
      // away from the hinge's kink, where 1 - label * score = 0
      for (double[] p : RandomPoints.where(52 + label, 5,
          v -> Math.abs(1 - label * (v[2] * v[0] + v[3] * v[1] + v[4])) > 1e-3)) {
        double x = p[0];
        double y = p[1];
        GradientCheck.of(
                v -> SupportVectorMachine.loss(x, y, label, v[0], v[1], v[2]),
                (v, g) -> SupportVectorMachineGrad.loss(x, y, label, v[0], v[1], v[2], g))
            .names("a", "b", "c")
            .assertAt(p[2], p[3], p[4]);
      }
    }
  }
}
