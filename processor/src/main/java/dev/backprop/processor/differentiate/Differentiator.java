package dev.backprop.processor.differentiate;

import dev.backprop.processor.analysis.Activity;
import dev.backprop.processor.ir.GeneratedApi;
import dev.backprop.processor.ir.GradientMethod;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a checked method into its gradient, as a list of passes: each takes the program so far
 * (and what the analyses found) and returns a new one. Throws only on a bug of its own, which
 * the processor reports as an internal error on the method.
 */
public final class Differentiator {

  private Differentiator() {}

  /** The gradient of {@code method}, which passed the check stage. */
  public static GradientMethod differentiate(Method method) {
    Names names = method.names();
    GeneratedApi.REFERENCED.forEach(names::reserve);
    Parameters parameters = Parameters.of(method);

    // The forward sweep: one exit, loops in two forms, split where derivatives need values.
    // the result is a double but in a private helper's copy, which may return a boolean
    Type resultType = method.returnType() == null ? Type.DOUBLE : method.returnType();
    SingleExit.Exit exit = SingleExit.of(method.body(), names, resultType);
    String result = exit.result();
    List<Stmt> body = LoopLowering.lower(exit.body(), names);
    Activity activity = parameters.activity(body, result);
    List<Stmt> forward = Linearizer.linearize(body, activity, names,
        Definitions.single(body, method));
    Set<String> single = Definitions.single(forward, method);
    forward = Hoisting.loopLocals(forward);
    activity = parameters.activity(forward, result); // a temporary is active where it is used
    Selections.Found selections = Selections.find(forward, activity, names);
    forward = selections.forward();
    Map<String, Type> types = Definitions.types(method, forward);

    // The backward sweep, and the saves it needs.
    Adjoints adjoints = new Adjoints(names);
    List<String> arrayAdjoints = parameters.arrays().stream().map(adjoints::of).toList();
    forward = ArrayAdjoints.declare(forward, activity, adjoints);
    Set<String> recomputed = Recomputation.of(forward, result);
    forward = Saves.insert(forward, single, recomputed, selections.indices(), types, names);
    List<Stmt> backward = Reverser.backward(forward, result, parameters.scalars(), activity,
        adjoints, names, single, recomputed, types, selections.selections());

    // Tidying, so that it reads like hand-written backprop.
    Set<String> scalarAdjoints = adjoints.of(types, Type.DOUBLE); // arrays' go with the arrays
    backward = DeadRestores.dropped(backward);
    Set<Integer> kept = DeadRestores.kept(backward);
    boolean resultRestored = Tidying.restored(backward).contains(result);
    backward = Tidying.deadResetsDropped(backward, scalarAdjoints);
    backward = Tidying.resetsMerged(backward, scalarAdjoints);
    backward = Tidying.parameterAdjointsInlined(backward);
    backward = AdjointDeclarations.declare(backward, scalarAdjoints);
    backward = Tidying.emptyCommentsDropped(backward);
    forward = Saves.keep(forward, kept);
    // The backward sweep restores the result's earlier values: keep the final one.
    String value = resultRestored ? names.fresh("value") : result;
    forward = Saves.finalValue(forward, result, value, resultType);
    forward = Hoisting.readBack(forward, Statements.reads(backward), result);
    List<Stmt> pullbackForward = DeadCode.pullbackForward(forward, backward);

    // Loops whose iterations are independent run each backward iteration after its forward one.
    Fusion.Sweeps plain = Fusion.fused(forward, SeedFolding.folded(backward), recomputed,
        adjoints.all());
    Fusion.Sweeps pullback = Fusion.fused(pullbackForward, backward, recomputed, adjoints.all());

    // The backward loop of a running maximum runs the iteration that won, alone.
    plain = WinnerOnly.of(plain, selections.indices(), value, adjoints.all());
    pullback = WinnerOnly.of(pullback, selections.indices(), value, adjoints.all());

    // A long loop keeps checkpoints instead of saves after its first iterations.
    Checkpointing checkpointing = new Checkpointing(names, types);
    plain = checkpointing.of(plain);
    pullback = checkpointing.of(pullback);
    if (checkpointing.restores(value)) {
      String last = names.fresh("value");
      plain = new Fusion.Sweeps(Saves.finalValue(plain.forward(), value, last, resultType),
          plain.backward());
      value = last;
    }

    // What a top-level counted loop saves on each iteration goes into an array by iteration.
    IndexedSaves indexed = new IndexedSaves(names);
    plain = indexed.of(plain);
    pullback = indexed.of(pullback);

    // A backward loop runs only when an adjoint it passes on is not zero.
    Set<String> arrayAdjointNames = new HashSet<>(arrayAdjoints);
    adjoints.all().forEach((primal, adjoint) -> {
      if (types.get(primal) == Type.DOUBLE_ARRAY || types.get(primal) == Type.DOUBLE_MATRIX) {
        arrayAdjointNames.add(adjoint);
      }
    });
    plain = Sparsity.guarded(plain, scalarAdjoints, arrayAdjointNames, value);
    pullback = Sparsity.guarded(pullback, scalarAdjoints, arrayAdjointNames, value);

    // Adjoint elements a loop only adds into are summed in locals while it runs.
    Map<String, String> parameterAdjoints = new HashMap<>();
    for (int i = 0; i < arrayAdjoints.size(); i++) {
      parameterAdjoints.put(parameters.arrays().get(i), arrayAdjoints.get(i));
    }
    plain = Accumulators.inLocals(plain, parameterAdjoints, adjoints.all(), names);
    pullback = Accumulators.inLocals(pullback, parameterAdjoints, adjoints.all(), names);

    // Backward loops whose iterations touch disjoint elements count up, as the forward ones do.
    plain = ForwardOrder.of(plain, new HashSet<>(arrayAdjoints));
    pullback = ForwardOrder.of(pullback, new HashSet<>(arrayAdjoints));

    // What only a loop uses is declared in it, where first written.
    plain = LoopLocals.of(plain);
    pullback = LoopLocals.of(pullback);

    // An adjoint known where it is declared (1.0, or c ? 1.0 : 0) is written where it is read.
    plain = ConstantAdjoints.of(plain, scalarAdjoints);
    pullback = ConstantAdjoints.of(pullback, scalarAdjoints);

    return ReadableNames.of(new GradientMethod(method, parameters.names(),
        parameters.scalarIndices(), parameters.arrayIndices(), arrayAdjoints,
        names.fresh("grad"), names.fresh("seed"), names.fresh("tape"), names.fresh("tapeMark"),
        plain.forward(), pullback.forward(), plain.backward(), pullback.backward(), value),
        names, adjoints.all());
  }

  /**
   * The method's parameters, and which are differentiated: the scalars ({@code grad[i]} is the
   * i-th) and the arrays (each with its adjoint array).
   */
  private record Parameters(Method method, List<Integer> scalarIndices,
      List<Integer> arrayIndices) {

    static Parameters of(Method method) {
      List<Integer> scalars = new ArrayList<>();
      List<Integer> arrays = new ArrayList<>();
      for (int i = 0; i < method.parameters().size(); i++) {
        Method.Parameter p = method.parameters().get(i);
        if (method.differentiates(p)) {
          (p.type() == Type.DOUBLE ? scalars : arrays).add(i);
        }
      }
      return new Parameters(method, scalars, arrays);
    }

    List<String> names() {
      return method.parameters().stream().map(Method.Parameter::name).toList();
    }

    List<String> scalars() {
      return scalarIndices.stream().map(i -> method.parameters().get(i).name()).toList();
    }

    List<String> arrays() {
      return arrayIndices.stream().map(i -> method.parameters().get(i).name()).toList();
    }

    Activity activity(List<Stmt> body, String result) {
      Map<String, Type> types = new HashMap<>();
      method.parameters().forEach(p -> types.put(p.name(), p.type()));
      Set<String> differentiated = new HashSet<>(scalars());
      differentiated.addAll(arrays());
      return new Activity(body, types, differentiated, result);
    }
  }
}
