package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WalkthroughTest {

  /** The walkthrough's text, printed once for the tests that read it (it takes a second). */
  private static String cached;

  private static synchronized String printed() {
    if (cached == null) {
      cached = print();
    }
    return cached;
  }

  private static String print() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Walkthrough.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheArticlesNumbers() {
    String text = printed();
    for (String expected : new String[] {
      "x_derivative = 3.0, y_derivative = -2.0",
      "x = -1.97, y = 2.98, out_new = -5.87",
      "gradient [dx, dy, dz] = [-4, -4, 3]",
      "x = -2.04, y = 4.96, z = -3.97",
      "q becomes 2.92, output is -11.59",
      "circuit output: 0.8808",
      "[da, db, dc, dx, dy] = [-0.105, 0.315, 0.105, 0.105, 0.210]",
      "(0.88255",
      "Gradient check passed: 5 of 5 parameters ok",
      "pulls on [a, b, c] = [0.2, 2.7, 1]",
      "cost for example 0 is 0.440",
      "cost for example 1 is 1.370",
      "cost for example 2 is 0.000",
      "regularization cost for current model is 0.005",
      "total cost is 1.815",
      "same x, y, w, alpha: total cost is 1.815, [dw0, dw1, dw2] = [-1.48, -0.16, 0]",
      "1.815, 1.596, 1.385, 1.298, 1.164, 1.149, 1.017, 0.945, 0.877, 0.753, 0.743",
      "training accuracy 0.958 (115 of 120)",
      "training accuracy 0.967 (116 of 120)",
      "learned w = [1.7180, -2.8966], b = 0.4651",
      "held-out accuracy 0.967 (29 of 30)",
      "across split seeds 0..19: held-out accuracy mean 0.975, worst 0.900",
      "200 gradient steps give a = 1.5027, e = 0.5987",
    }) {
      assertTrue(text.contains(expected), () -> "missing \"" + expected + "\" in\n" + text);
    }
    assertFalse(text.contains("FAIL"), text);
  }

  @Test
  void printsEverySection() {
    String text = printed();
    for (String heading : new String[] {
      "== Chapter 1 - base case: single gate in the circuit, x * y ",
      "== Chapter 1 - recursive case: circuits with multiple gates, f = (x + y) * z ",
      "== Chapter 1 - example: single neuron, sig(a*x + b*y + c) ",
      "== Chapter 1 - becoming a backprop ninja ",
      "== Chapter 2 - learning a support vector machine ",
      "== Chapter 2 - generalizing the SVM into a neural network ",
      "== Chapter 2 - a more conventional approach: loss functions ",
      "== Chapter 2 - loss functions: the article's cost(X, y, w), one loop over the data ",
      "== Chapter 3 - multiclass: structured SVM and softmax ",
      "== Chapter 3 - regression: least squares with L2 regularization ",
      "== Chapter 3 - a practical neural network classifier: Fisher's Iris, 4-8-3 tanh network ",
      "== Beyond the article - derivatives the processor cannot see: @PullbackOf ",
    }) {
      assertTrue(text.contains(heading), () -> "missing \"" + heading + "\" in\n" + text);
    }
  }

  @Test
  void bothTrainingRunsEndAtFullAccuracy() {
    String text = printed();
    int from = 0;
    int count = 0;
    String line = "training accuracy after the last iteration: 1.0";
    while ((from = text.indexOf(line, from) + 1) > 0) {
      count++;
    }
    assertEquals(2, count, text);
  }

  @Test
  void isDeterministic() {
    assertEquals(printed(), print());
  }
}
