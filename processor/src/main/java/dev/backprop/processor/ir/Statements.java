package dev.backprop.processor.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Traversals that treat every kind of statement alike: the statements nested in it, the
 * expressions it evaluates, the variables it reads and writes. Each is defined once, by a
 * visitor, so a new kind of statement must say what its parts are before anything compiles.
 */
public final class Statements {

  private Statements() {}

  /**
   * What one statement consists of, not counting what its nested statements do.
   *
   * @param expressions the expressions it evaluates itself, in order
   * @param header statements that belong to it but not to a block: a for loop's init and update
   * @param blocks the statement lists nested in it: a loop's body, an if's two branches
   * @param reads the variables it reads itself
   * @param writes the variables it declares or writes itself (an array for a store into it)
   * @param declares the variables it declares, in the block it stands in
   * @param loop whether its blocks may run many times
   */
  public record Parts(List<Expr> expressions, List<Stmt> header, List<List<Stmt>> blocks,
      Set<String> reads, Set<String> writes, Set<String> declares, boolean loop) {}

  /** The parts of {@code s}. */
  public static Parts parts(Stmt s) {
    return s.accept(StmtParts.PARTS);
  }

  /** Whether {@code s} is a loop: its blocks may run many times. */
  public static boolean isLoop(Stmt s) {
    return parts(s).loop();
  }

  /** Calls {@code action} on every statement of {@code body}, at any depth, parents first. */
  public static void forEach(List<Stmt> body, Consumer<Stmt> action) {
    for (Stmt s : body) {
      forEach(s, action);
    }
  }

  /** Calls {@code action} on {@code s} and every statement nested in it, parents first. */
  public static void forEach(Stmt s, Consumer<Stmt> action) {
    action.accept(s);
    Parts parts = parts(s);
    forEach(parts.header(), action);
    parts.blocks().forEach(block -> forEach(block, action));
  }

  /** Calls {@code action} on every expression of {@code body} and its sub-expressions. */
  public static void forEachExpr(List<Stmt> body, Consumer<Expr> action) {
    forEach(body, s -> parts(s).expressions().forEach(e -> Expressions.forEach(e, action)));
  }

  /** The variables {@code body} reads, at any depth. */
  public static Set<String> reads(List<Stmt> body) {
    Set<String> names = new LinkedHashSet<>();
    forEach(body, s -> names.addAll(parts(s).reads()));
    return names;
  }

  /** The variables {@code s} reads, at any depth. */
  public static Set<String> reads(Stmt s) {
    return reads(List.of(s));
  }

  /** The variables {@code body} declares or writes, at any depth. */
  public static Set<String> writes(List<Stmt> body) {
    Set<String> names = new LinkedHashSet<>();
    forEach(body, s -> names.addAll(parts(s).writes()));
    return names;
  }

  /** The variables {@code s} declares or writes, at any depth. */
  public static Set<String> writes(Stmt s) {
    return writes(List.of(s));
  }

  /** Every variable {@code s} mentions, read or written, at any depth. */
  public static Set<String> names(Stmt s) {
    Set<String> names = reads(s);
    names.addAll(writes(s));
    return names;
  }

  /** Whether {@code s} mentions {@code name} anywhere. */
  public static boolean mentions(Stmt s, String name) {
    return names(s).contains(name);
  }

  /**
   * {@code body} with {@code f} applied to each statement, after the blocks nested in it (not a
   * for loop's header); a null result drops the statement.
   */
  public static List<Stmt> map(List<Stmt> body, UnaryOperator<Stmt> f) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      List<List<Stmt>> blocks = parts(s).blocks();
      if (!blocks.isEmpty()) {
        List<List<Stmt>> mapped = new ArrayList<>();
        blocks.forEach(block -> mapped.add(map(block, f)));
        s = withBlocks(s, mapped);
      }
      Stmt result = f.apply(s);
      if (result != null) {
        out.add(result);
      }
    }
    return out;
  }

  /**
   * {@code body} without its {@link Stmt.Effect}s and the messages built for them, at any depth:
   * what a backward sweep runs again of a forward one, whose asserts and printing ran the first
   * time.
   */
  public static List<Stmt> withoutEffects(List<Stmt> body) {
    return map(body, s -> s instanceof Stmt.Effect
        || s instanceof Stmt.Declare d && d.type() == Type.STRING
        || s instanceof Stmt.Assign a && a.value().type() == Type.STRING ? null : s);
  }

  /**
   * {@code body} with {@code f} applied to every expression each statement evaluates, at any
   * depth (a comment's quote of a forward statement stays as it is).
   */
  public static List<Stmt> mapExpressions(List<Stmt> body, UnaryOperator<Expr> f) {
    ExpressionMap map = new ExpressionMap(f);
    return body.stream().map(s -> s.accept(map)).toList();
  }

  /** {@code s} with its nested blocks replaced: as many as {@link Parts#blocks()}, in order. */
  public static Stmt withBlocks(Stmt s, List<List<Stmt>> blocks) {
    if (blocks.size() != parts(s).blocks().size()) {
      throw new IllegalArgumentException(blocks.size() + " blocks for " + s);
    }
    return s.accept(new StmtParts.Rebuild(blocks));
  }
}
