package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The backward sweep keeps only the restores whose value something reads: liveness over the
 * backward sweep, in the order it runs. A restore of {@code x} is dead when nothing reads
 * {@code x} before it is restored or assigned again ({@code z += e} in an inner loop saves
 * nothing when {@code z = 0} starts each row, since the restore of that puts back what the
 * backward sweep of the row before reads). An element restored into an array keeps the array
 * live until the array itself is no longer read. Dropping a restore may leave another one dead,
 * so this repeats until nothing changes.
 */
final class DeadRestores {

  private boolean dropped;

  private DeadRestores() {}

  static List<Stmt> dropped(List<Stmt> backward) {
    while (true) {
      DeadRestores pass = new DeadRestores();
      List<Stmt> kept = pass.rebuild(backward, new HashSet<>());
      if (!pass.dropped) {
        return kept;
      }
      backward = kept;
    }
  }

  /** The ids of the saves whose restores {@code backward} holds. */
  static Set<Integer> kept(List<Stmt> backward) {
    Set<Integer> ids = new HashSet<>();
    Statements.forEach(backward, s -> {
      if (s instanceof Stmt.Restore r) {
        ids.add(r.id());
      }
    });
    return ids;
  }

  /** {@code body} without its dead restores, given what is live after it; updates {@code live}. */
  private List<Stmt> rebuild(List<Stmt> body, Set<String> live) {
    List<Stmt> kept = new ArrayList<>();
    for (int i = body.size() - 1; i >= 0; i--) {
      Stmt s = transfer(body.get(i), live, true);
      if (s != null) {
        kept.add(0, s);
      }
    }
    return kept;
  }

  /** What is live before {@code body}, given {@code liveAfter}; drops nothing. */
  private Set<String> liveBefore(List<Stmt> body, Set<String> liveAfter) {
    Set<String> live = new HashSet<>(liveAfter);
    for (int i = body.size() - 1; i >= 0; i--) {
      transfer(body.get(i), live, false);
    }
    return live;
  }

  /**
   * Moves {@code live} from after {@code s} to before it; returns {@code s}, rebuilt without its
   * dead restores when {@code rebuild}, or null for a dead restore.
   */
  private Stmt transfer(Stmt s, Set<String> live, boolean rebuild) {
    Statements.Parts parts = Statements.parts(s);
    if (s instanceof Stmt.Restore r) {
      String v = Saves.variable(r.target());
      if (!live.contains(v)) {
        dropped |= rebuild;
        return null;
      }
      if (r.target() instanceof Expr.Ref) {
        live.remove(v);
      }
      live.addAll(parts.reads());
      return s;
    }
    if (s instanceof Stmt.Undo u && !live.contains(u.name())) {
      dropped |= rebuild;
      return null;
    }
    if (Statements.isLoop(s)) {
      return loop(s, parts, live, rebuild);
    }
    if (!parts.blocks().isEmpty()) {
      // a branch: either block may run
      Set<String> after = new HashSet<>(live);
      List<List<Stmt>> blocks = new ArrayList<>();
      for (List<Stmt> block : parts.blocks()) {
        Set<String> in = new HashSet<>(after);
        blocks.add(rebuild ? rebuild(block, in) : block);
        if (!rebuild) {
          in = liveBefore(block, after);
        }
        live.addAll(in);
      }
      live.addAll(parts.reads());
      return rebuild ? Statements.withBlocks(s, blocks) : s;
    }
    live.removeAll(parts.declares());
    if (s instanceof Stmt.Assign a && !a.isCompound()) {
      live.remove(a.name());
    }
    live.addAll(parts.reads());
    return s;
  }

  /** A loop: its header, then its body and update as often as it runs, to a fixpoint. */
  private Stmt loop(Stmt s, Statements.Parts parts, Set<String> live, boolean rebuild) {
    List<Stmt> header = parts.header();
    Stmt init = header.isEmpty() ? null : header.get(0);
    List<Stmt> iteration = new ArrayList<>(parts.blocks().get(0));
    iteration.addAll(header.size() > 1 ? header.subList(1, header.size()) : List.of());
    Set<String> entry = new HashSet<>(live);
    entry.addAll(parts.reads());
    while (true) {
      Set<String> next = liveBefore(iteration, entry);
      next.addAll(entry);
      if (next.equals(entry)) {
        break;
      }
      entry = next;
    }
    Stmt result = s;
    if (rebuild) {
      Set<String> bodyLive = new HashSet<>(entry);
      if (header.size() > 1) {
        for (int i = header.size() - 1; i >= 1; i--) {
          transfer(header.get(i), bodyLive, false);
        }
      }
      result = Statements.withBlocks(s, List.of(rebuild(parts.blocks().get(0), bodyLive)));
    }
    live.clear();
    live.addAll(entry);
    if (init != null) {
      transfer(init, live, false);
    }
    return result;
  }
}
