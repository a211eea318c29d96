package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Moves declarations out of blocks to the top of the method, where the backward sweep can still
 * see them: each becomes a declaration at the top (zero to start with) and, where it was, an
 * assignment.
 */
final class Hoisting {

  private final Map<String, Stmt.Declare> hoisted = new LinkedHashMap<>();
  private final Predicate<Stmt.Declare> moves;

  private Hoisting(Predicate<Stmt.Declare> moves) {
    this.moves = moves;
  }

  /**
   * Every local declared in a loop body: the reversed loop runs after the forward loop has ended,
   * and reads what each iteration computed.
   */
  static List<Stmt> loopLocals(List<Stmt> forward) {
    Hoisting hoisting = new Hoisting(d -> true);
    List<Stmt> body = hoisting.outsideLoops(forward);
    return hoisting.declaredFirst(body, null);
  }

  /**
   * Locals declared in a branch that the backward sweep reads, so they are still in scope there.
   * The result, if among them, is declared without a value (Java sees it assigned on every path);
   * any other local the backward sweep reads starts at zero, since it may be read on a path
   * javac cannot prove assigns it.
   */
  static List<Stmt> readBack(List<Stmt> forward, Set<String> readBack, String result) {
    Hoisting hoisting = new Hoisting(d -> readBack.contains(d.name()));
    List<Stmt> body = new ArrayList<>();
    for (Stmt s : forward) {
      s = hoisting.inBlocks(s);
      if (s instanceof Stmt.Declare d && d.init() == null && readBack.contains(d.name())
          && !d.name().equals(result)) {
        s = new Stmt.Declare(d.name(), d.type(), d.type().zero(), d.position());
      }
      body.add(s);
    }
    return hoisting.declaredFirst(body, result);
  }

  /** Statements outside loops stay; every loop gives up its locals. */
  private List<Stmt> outsideLoops(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (Statements.isLoop(s)) {
        out.add(inBlocks(s));
      } else {
        out.add(withBlocks(s, this::outsideLoops));
      }
    }
    return out;
  }

  /** {@code s} with the declarations of its blocks (at any depth) moved out. */
  private Stmt inBlocks(Stmt s) {
    return withBlocks(s, this::moved);
  }

  private List<Stmt> moved(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d && moves.test(d)) {
        hoisted.putIfAbsent(d.name(), d);
        if (d.init() != null) {
          out.add(new Stmt.Assign(d.name(), null, d.init(), d.position()));
        }
      } else {
        out.add(inBlocks(s));
      }
    }
    return out;
  }

  private static Stmt withBlocks(Stmt s, UnaryOperator<List<Stmt>> f) {
    List<List<Stmt>> blocks = Statements.parts(s).blocks();
    return blocks.isEmpty() ? s : Statements.withBlocks(s, blocks.stream().map(f).toList());
  }

  /** The hoisted declarations, then {@code body}; {@code result} is declared without a value. */
  private List<Stmt> declaredFirst(List<Stmt> body, String result) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt.Declare d : hoisted.values()) {
      out.add(new Stmt.Declare(d.name(), d.type(),
          d.name().equals(result) ? null : d.type().zero()));
    }
    out.addAll(body);
    return out;
  }
}
