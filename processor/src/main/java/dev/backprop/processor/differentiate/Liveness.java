package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variables are live after each statement: read later before anything assigns them
 * again. A loop's body is followed by its next iteration, to a fixpoint; either branch of an if
 * may run. A store into an array element leaves the array live (the other elements stay).
 */
final class Liveness {

  private final Map<Stmt, Set<String>> after = new IdentityHashMap<>();

  private Liveness() {}

  /** The variables live after each statement of {@code program} (by identity). */
  static Map<Stmt, Set<String>> after(List<Stmt> program, Set<String> liveAtEnd) {
    Liveness liveness = new Liveness();
    liveness.before(program, new HashSet<>(liveAtEnd));
    return liveness.after;
  }

  /** What is live before {@code block}, given what is live after it. */
  private Set<String> before(List<Stmt> block, Set<String> live) {
    for (int i = block.size() - 1; i >= 0; i--) {
      live = before(block.get(i), live);
    }
    return live;
  }

  private Set<String> before(Stmt s, Set<String> liveAfter) {
    after.put(s, Set.copyOf(liveAfter));
    Statements.Parts parts = Statements.parts(s);
    Set<String> live = new HashSet<>(liveAfter);
    if (parts.loop()) {
      List<Stmt> header = parts.header();
      List<Stmt> iteration = new ArrayList<>(parts.blocks().get(0));
      iteration.addAll(header.size() > 1 ? header.subList(1, header.size()) : List.of());
      Set<String> entry = new HashSet<>(live);
      entry.addAll(parts.reads());
      while (true) {
        Set<String> next = before(iteration, new HashSet<>(entry));
        next.addAll(entry);
        if (next.equals(entry)) {
          break;
        }
        entry = next;
      }
      return header.isEmpty() ? entry : before(header.get(0), entry);
    }
    if (!parts.blocks().isEmpty()) {
      Set<String> in = new HashSet<>();
      for (List<Stmt> block : parts.blocks()) {
        in.addAll(before(block, new HashSet<>(liveAfter)));
      }
      in.addAll(parts.reads());
      return in;
    }
    live.removeAll(parts.declares());
    if (s instanceof Stmt.Assign a && !a.isCompound()) {
      live.remove(a.name());
    }
    if (s instanceof Sweep.Restore r && r.target() instanceof Expr.Ref ref) {
      live.remove(ref.name());
    }
    live.addAll(parts.reads());
    return live;
  }
}
