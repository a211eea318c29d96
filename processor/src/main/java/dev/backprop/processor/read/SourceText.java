package dev.backprop.processor.read;

import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;

/**
 * Source text of trees, for literals (kept as written) and for messages. The file's text is
 * read once per method.
 */
final class SourceText {

  private static final int DESCRIBED_LENGTH = 60;

  private final Trees trees;
  private CharSequence source;

  SourceText(Trees trees) {
    this.trees = trees;
  }

  /** A literal exactly as written ({@code 1e-3} stays {@code 1e-3}), else its value. */
  String literal(TreePath path, LiteralTree tree) {
    String text = of(path);
    return text.isEmpty() ? String.valueOf(tree.getValue()) : text;
  }

  /** The tree exactly as the user wrote it, or "" if the source cannot be read. */
  String of(TreePath path) {
    Tree tree = path.getLeaf();
    CharSequence text = source(path);
    long start = trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), tree);
    long end = trees.getSourcePositions().getEndPosition(path.getCompilationUnit(), tree);
    if (text != null && start >= 0 && end > start && end <= text.length()) {
      return text.subSequence((int) start, (int) end).toString();
    }
    return "";
  }

  /** {@code tree} on one line, cut to a length a message can quote. */
  static String describe(Tree tree) {
    String text = tree.toString().replaceAll("\\s+", " ");
    return text.length() > DESCRIBED_LENGTH
        ? text.substring(0, DESCRIBED_LENGTH - 3) + "..."
        : text;
  }

  private CharSequence source(TreePath path) {
    if (source == null) {
      try {
        source = path.getCompilationUnit().getSourceFile().getCharContent(true);
      } catch (IOException | RuntimeException unreadable) {
        source = "";
      }
    }
    return source;
  }
}
