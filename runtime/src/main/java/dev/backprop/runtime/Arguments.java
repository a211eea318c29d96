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
   * @param gradientName the gradient array's name, {@code dw}, for the message
   * @param matrixName the matrix's name, {@code x}, for the message
   * @throws IllegalArgumentException if {@code gradient} is {@code matrix[i]} for some {@code i}
   */
  public static void notARowOf(
      double[] gradient, double[][] matrix, String gradientName, String matrixName) {
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i] == gradient) {
        throw new IllegalArgumentException(gradientName + " must be another array than "
            + matrixName + "[" + i + "]: the gradient is written into " + gradientName);
      }
    }
  }
}
