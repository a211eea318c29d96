package dev.backprop.processor.ir;

/** Infix operators of the accepted subset, with Java's precedence (higher binds tighter). */
public enum BinaryOp {
  TIMES("*", 12),
  DIVIDE("/", 12),
  REMAINDER("%", 12),
  PLUS("+", 11),
  MINUS("-", 11),
  SHIFT_LEFT("<<", 10),
  SHIFT_RIGHT(">>", 10),
  UNSIGNED_SHIFT_RIGHT(">>>", 10),
  LESS("<", 9),
  LESS_EQUAL("<=", 9),
  GREATER(">", 9),
  GREATER_EQUAL(">=", 9),
  EQUAL("==", 8),
  NOT_EQUAL("!=", 8),
  AND("&", 7),
  XOR("^", 6),
  OR("|", 5),
  CONDITIONAL_AND("&&", 4),
  CONDITIONAL_OR("||", 3);

  private final String symbol;
  private final int precedence;

  BinaryOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  /** The operator as written in Java. */
  public String symbol() {
    return symbol;
  }

  /** Java's precedence level: 3 for {@code ||} up to 12 for {@code * / %}. */
  public int precedence() {
    return precedence;
  }

  /** Whether {@code op} (null for a plain assignment) adds to what it assigns: {@code +=, -=}. */
  public static boolean adds(BinaryOp op) {
    return op == PLUS || op == MINUS;
  }
}
