package dev.backprop.processor.ir;

import java.util.List;

/**
 * A {@code @Differentiable} method as read from source.
 *
 * @param key identifies the method among all differentiable methods (class, name, parameters)
 * @param name the method's simple name
 * @param parameters its parameters, in declaration order
 * @param wrt the annotation's {@code wrt} names, as written (empty = every double)
 * @param wrtPositions where each {@code wrt} name is written (same size as {@code wrt}, or empty)
 * @param returnType its return type, or null if not one of {@link Type}
 * @param returnTypeName the return type as the user wrote it, for messages
 * @param body its statements
 * @param problems method-level problems the read stage found (not static, generic, ...)
 * @param position the method declaration
 * @param visibleOutsidePackage whether the method is public or protected: its gradient methods
 *     are public then, and package-private otherwise, as visible as the method
 * @param names the names the method's variables have, and those the generated code must not use
 *     for a variable; a copy, so the differentiate stage can go on allocating from it
 */
public record Method(
    String key,
    String name,
    List<Parameter> parameters,
    List<String> wrt,
    List<Position> wrtPositions,
    Type returnType,
    String returnTypeName,
    List<Stmt> body,
    List<Problem> problems,
    Position position,
    boolean visibleOutsidePackage,
    Names names) {

  public Method {
    parameters = List.copyOf(parameters);
    wrt = List.copyOf(wrt);
    wrtPositions = List.copyOf(wrtPositions);
    body = List.copyOf(body);
    problems = List.copyOf(problems);
    names = names.copy();
  }

  @Override
  public Names names() {
    return names.copy();
  }

  /**
   * This method with no parameter differentiated: its "gradient" is the method itself, which is
   * how a private helper's copy is made for the gradient classes that call it.
   */
  public Method valueOnly() {
    return new Method(key, name, parameters, List.of(NONE), List.of(), returnType, returnTypeName,
        body, problems, position, visibleOutsidePackage, names);
  }

  /** A wrt name no parameter has (not an identifier). */
  private static final String NONE = "";

  /** Whether parameter {@code p} is differentiated: a double or double[] named by wrt (or all). */
  public boolean differentiates(Parameter p) {
    return (p.type() == Type.DOUBLE || p.type() == Type.DOUBLE_ARRAY)
        && (wrt.isEmpty() || wrt.contains(p.name()));
  }

  /**
   * A parameter.
   *
   * @param name its name (also its name in the generated code)
   * @param type its type, or null if not one of {@link Type}
   * @param typeName its type as written, for messages
   * @param position its declaration
   */
  public record Parameter(String name, Type type, String typeName, Position position) {}

  /** A method-level problem found while reading, reported by the check stage. */
  public enum ProblemKind {
    NOT_STATIC,
    GENERIC,
    VARARGS,
    ABSTRACT
  }

  /**
   * A method-level problem.
   *
   * @param kind what is wrong
   * @param detail a name or type to quote in the message
   * @param position where to report it
   */
  public record Problem(ProblemKind kind, String detail, Position position) {}
}
