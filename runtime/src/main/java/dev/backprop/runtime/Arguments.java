package dev.backprop.runtime;

/**
 * The argument checks of generated gradients, out of line: a generated method calls one in a
 * single line, the JIT inlines the test and leaves the building of the message, which runs only
 * when the test fails, out of the hot path (and out of the method's bytecode, which keeps small
 * gradients under the size the JIT inlines). Not for use from user code.
 */
public final class Arguments {

  private Arguments() {}

  /**
   * Checks that {@code grad} holds one partial per differentiated scalar.
   *
   * @param grad the gradient array of the scalars, as the caller passed it
   * @param expected how many scalars the method differentiates: the length {@code grad} must have
   * @param name the parameter's name in the generated method, for the message
   * @param scalars the differentiated scalars' names, for the message: {@code "a, b, c"}
   * @throws IllegalArgumentException if {@code grad.length != expected}
   */
  public static void gradientLength(double[] grad, int expected, String name, String scalars) {
    if (grad.length != expected) {
      throw new IllegalArgumentException(
          name + ".length is " + grad.length + ", expected " + expected + " (" + scalars + ")");
    }
  }

  /**
   * Checks that {@code adjoint} can hold the partials with respect to the elements of
   * {@code array}: as long, and not the same array.
   *
   * @param adjoint the gradient array the partials with respect to {@code array} go into
   * @param array the differentiated array argument
   * @param adjointName the adjoint array's name, {@code dw}, for the message
   * @param arrayName the array's name, {@code w}, for the message
   * @throws IllegalArgumentException if the lengths differ or the two are one array
   */
  public static void adjointOf(
      double[] adjoint, double[] array, String adjointName, String arrayName) {
    if (adjoint.length != array.length) {
      throw new IllegalArgumentException(adjointName + ".length is " + adjoint.length
          + ", expected " + arrayName + ".length = " + array.length);
    }
    if (adjoint == array) {
      throw new IllegalArgumentException(adjointName + " must be another array than " + arrayName);
    }
  }

  /**
   * Checks that gradient array {@code gradient} is another array than the argument
   * {@code other}: the gradient call writes it, and would change that argument (or add two
   * gradients into one array) without a word.
   *
   * @param gradient the gradient array the call writes
   * @param other another array argument of the same call, a gradient array included
   * @param gradientName the gradient array's name, {@code dw}, for the message
   * @param otherName the other argument's name, {@code x}, for the message
   * @throws IllegalArgumentException if the two are one array
   */
  public static void distinct(
      double[] gradient, double[] other, String gradientName, String otherName) {
    if (gradient == other) {
      throw new IllegalArgumentException(gradientName + " must be another array than "
          + otherName + ": the gradient is written into " + gradientName);
    }
  }

  /**
   * Checks that gradient array {@code gradient} is none of the rows of the argument
   * {@code matrix}, for the same reason as {@link #distinct}.
   *
   * @param gradient the gradient array the call writes
   * @param matrix a {@code double[][]} argument of the same call; its rows are compared, not read
   * @param gradientName the gradient array's name, {@code dw}, for the message
   * @param matrixName the matrix's name, {@code x}, for the message
   * @return {@code true}: generated code calls this in an {@code assert} statement, as the test
   *     takes a pass over the rows (as long as a small gradient's whole loop), so it runs where
   *     assertions are enabled ({@code -ea}, as Maven's and Gradle's test tasks run) and costs
   *     nothing where they are not
   * @throws IllegalArgumentException if {@code gradient} is {@code matrix[i]} for some {@code i}
   */
  public static boolean notARowOf(
      double[] gradient, double[][] matrix, String gradientName, String matrixName) {
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i] == gradient) {
        throw new IllegalArgumentException(gradientName + " must be another array than "
            + matrixName + "[" + i + "]: the gradient is written into " + gradientName);
      }
    }
    return true;
  }

  /**
   * The checks of {@link #distinct(double[], double[], String, String)} for a method with many
   * arrays, in one call: every array of {@code gradients} is another array than every other one
   * and than every array of {@code others} (each gradient array's own array among them, which
   * {@link #adjointOf} checked first).
   *
   * @param gradients the gradient arrays the call writes, in the order of {@code gradientNames}
   * @param gradientNames the gradient arrays' names, {@code "grad, dw, db"}, for the message
   * @param others the call's {@code double[]} arguments other than {@code gradients}, in the
   *     order of {@code otherNames}
   * @param otherNames the other arrays' names, {@code "x, w, b"}, for the message
   * @throws IllegalArgumentException if two of them are one array
   */
  public static void distinct(double[][] gradients, String gradientNames, double[][] others,
      String otherNames) {
    // names are looked up only for the message, when a test fails
    for (int g = 0; g < gradients.length; g++) {
      for (int o = 0; o < others.length; o++) {
        if (gradients[g] == others[o]) {
          distinct(gradients[g], others[o], name(gradientNames, g), name(otherNames, o));
        }
      }
      for (int h = g + 1; h < gradients.length; h++) {
        if (gradients[g] == gradients[h]) {
          distinct(gradients[g], gradients[h], name(gradientNames, g), name(gradientNames, h));
        }
      }
    }
  }

  /**
   * The checks of {@link #notARowOf(double[], double[][], String, String)} for every array of
   * {@code gradients}, in one call.
   *
   * @param gradients the gradient arrays the call writes, in the order of {@code gradientNames}
   * @param gradientNames the gradient arrays' names, {@code "grad, dw, db"}, for the message
   * @param matrix a {@code double[][]} argument of the same call; its rows are compared, not read
   * @param matrixName the matrix's name, {@code x}, for the message
   * @return {@code true}, for an {@code assert} statement, as {@link
   *     #notARowOf(double[], double[][], String, String)}
   * @throws IllegalArgumentException if one of {@code gradients} is a row of {@code matrix}
   */
  public static boolean notARowOf(double[][] gradients, String gradientNames, double[][] matrix,
      String matrixName) {
    for (double[] row : matrix) {
      for (int g = 0; g < gradients.length; g++) {
        if (row == gradients[g]) {
          notARowOf(gradients[g], matrix, name(gradientNames, g), matrixName);
        }
      }
    }
    return true;
  }

  /** The {@code i}th of the comma-separated {@code names}. */
  private static String name(String names, int i) {
    return names.split(", ", -1)[i];
  }
}
