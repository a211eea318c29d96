package dev.backprop.processor.ir;

/** Prefix operators of the accepted subset. */
public enum UnaryOp {
  NEGATE("-"),
  PLUS("+"),
  NOT("!"),
  COMPLEMENT("~");

  private final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in Java. */
  public String symbol() {
    return symbol;
  }
}
