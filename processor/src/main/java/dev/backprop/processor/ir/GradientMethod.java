package dev.backprop.processor.ir;

import java.util.List;

/**
 * A differentiated method, ready to print: the forward sweep (the user's computation, split
 * where the backward sweep needs intermediate values) and the backward sweep, with the names
 * the generated code prints.
 *
 * @param source the method as read
 * @param parameterNames the names of the source parameters in the generated methods (the user's,
 *     unless one had to give way to an adjoint: see {@link GeneratedApi})
 * @param differentiated indices into the source parameters of the differentiated scalars; the
 *     i-th of them is {@code grad[i]}
 * @param differentiatedArrays indices of the differentiated {@code double[]} parameters
 * @param arrayAdjoints for each of those, the name of its trailing adjoint array parameter
 * @param gradName name of the {@code double[] grad} parameter
 * @param seedName name of the pullback's {@code seed} parameter
 * @param tapeName name of the local holding the tape, where loops or arrays need one
 * @param tapeMarkName name of the local holding the tape's mark at entry
 * @param forward the forward sweep
 * @param pullbackForward the forward sweep without what only the value needs (the pullback
 *     returns nothing)
 * @param backward the value-and-gradient form's backward sweep, seeded with 1
 * @param pullbackBackward the pullback's backward sweep, starting with a {@link Sweep.Seed}
 * @param result the local that holds the value at the end of the forward sweep
 */
public record GradientMethod(
    Method source,
    List<String> parameterNames,
    List<Integer> differentiated,
    List<Integer> differentiatedArrays,
    List<String> arrayAdjoints,
    String gradName,
    String seedName,
    String tapeName,
    String tapeMarkName,
    List<Stmt> forward,
    List<Stmt> pullbackForward,
    List<Stmt> backward,
    List<Stmt> pullbackBackward,
    String result) {

  public GradientMethod {
    parameterNames = List.copyOf(parameterNames);
    differentiated = List.copyOf(differentiated);
    differentiatedArrays = List.copyOf(differentiatedArrays);
    arrayAdjoints = List.copyOf(arrayAdjoints);
    forward = List.copyOf(forward);
    pullbackForward = List.copyOf(pullbackForward);
    backward = List.copyOf(backward);
    pullbackBackward = List.copyOf(pullbackBackward);
  }

  /** The generated name of the source parameter at {@code index}. */
  public String parameterName(int index) {
    return parameterNames.get(index);
  }
}
