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
}
