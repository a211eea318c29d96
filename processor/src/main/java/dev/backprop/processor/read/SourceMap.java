package dev.backprop.processor.read;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Reporter;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;

/** Hands out {@link Position}s for source trees and reports errors at them. */
final class SourceMap implements Reporter {

  private final Trees trees;
  private final List<TreePath> paths = new ArrayList<>();

  SourceMap(Trees trees) {
    this.trees = trees;
  }

  /** A new handle on {@code path}. */
  Position positionOf(TreePath path) {
    paths.add(path);
    return new Position(paths.size() - 1);
  }

  @Override
  public void error(Position position, String message) {
    TreePath path = paths.get(position.id());
    trees.printMessage(Diagnostic.Kind.ERROR, message, path.getLeaf(), path.getCompilationUnit());
  }
}
