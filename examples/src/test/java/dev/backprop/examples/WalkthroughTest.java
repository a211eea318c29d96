package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WalkthroughTest {

  private static String print() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Walkthrough.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheArticlesNumbers() {
    String text = print();
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
    }) {
      assertTrue(text.contains(expected), () -> "missing \"" + expected + "\" in\n" + text);
    }
    assertFalse(text.contains("FAIL"), text);
  }

  @Test
  void bothTrainingRunsEndAtFullAccuracy() {
    String text = print();
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
    assertEquals(print(), print());
  }
}
