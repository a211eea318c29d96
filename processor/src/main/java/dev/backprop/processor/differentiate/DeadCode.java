package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pullback's forward sweep: the forward statements something later reads, or that the
 * backward sweep needs; the rest only computed the value, which the pullback does not return.
 * Every expression is pure, so dropping one changes nothing else.
 */
final class DeadCode {

  private DeadCode() {}

  /** The statements of {@code forward} the backward sweep needs, directly or not. */
  static List<Stmt> pullbackForward(List<Stmt> forward, List<Stmt> backward) {
    // what the backward sweep reads, and the arrays it writes (resetting an element of one may
    // be all it does with it)
    Set<String> live = new HashSet<>();
    backward.forEach(s -> live.addAll(Statements.names(s)));
    return withoutDeadCode(forward, live, new HashSet<>());
  }

  /** @param written variables that kept statements assign: their declarations stay */
  private static List<Stmt> withoutDeadCode(
      List<Stmt> forward, Set<String> liveAfter, Set<String> written) {
    Set<String> live = new HashSet<>(liveAfter);
    List<Stmt> kept = new ArrayList<>();
    for (int i = forward.size() - 1; i >= 0; i--) {
      Stmt s = forward.get(i);
      if (s instanceof Stmt.Declare d) {
        if (!live.contains(d.name()) && !written.contains(d.name())) {
          continue;
        }
        live.addAll(Statements.reads(s));
      } else if (s instanceof Stmt.Assign a) {
        if (!live.contains(a.name())) {
          continue;
        }
        written.add(a.name());
        if (!a.isCompound()) {
          live.remove(a.name()); // overwritten: earlier values are dead unless read below
        }
        live.addAll(Statements.reads(s));
      } else if (s instanceof Stmt.If b) {
        List<Stmt> then = withoutDeadCode(b.then(), live, written);
        List<Stmt> otherwise = withoutDeadCode(b.otherwise(), live, written);
        if (then.isEmpty() && otherwise.isEmpty()) {
          continue;
        }
        s = b.withBranches(then, otherwise);
        live.addAll(Statements.names(s)); // conservatively: a branch may not assign on every path
      } else {
        // kept whole: a loop's later iterations read what its earlier ones wrote, and a store or
        // a save onto the tape pairs with the backward sweep
        live.addAll(Statements.names(s));
        written.addAll(Statements.names(s));
      }
      kept.add(0, s);
    }
    return kept;
  }
}
