package dev.backprop.processor.ir;

import java.util.List;

/**
 * A differentiated method, ready to print: the forward sweep (the user's computation, split
 * where the backward sweep needs intermediate values) and the backward sweep.
 *
 * @param source the method as read
 * @param differentiated indices into the source parameters of the differentiated ones; the
 *     i-th of them is {@code grad[i]}
 * @param gradName name of the {@code double[] grad} parameter (renamed if the user took it)
 * @param seedName name of the pullback's {@code seed} parameter
 * @param forward the forward sweep
 * @param pullbackForward the forward sweep without what only the value needs (the pullback
 *     returns nothing)
 * @param backward the backward sweep, starting with a {@link Stmt.Seed}
 * @param result the local that holds the value at the end of the forward sweep
 */
public record GradientMethod(
    Method source,
    List<Integer> differentiated,
    String gradName,
    String seedName,
    List<Stmt> forward,
    List<Stmt> pullbackForward,
    List<Stmt> backward,
    String result) {

  public GradientMethod {
    differentiated = List.copyOf(differentiated);
    forward = List.copyOf(forward);
    pullbackForward = List.copyOf(pullbackForward);
    backward = List.copyOf(backward);
  }
}
