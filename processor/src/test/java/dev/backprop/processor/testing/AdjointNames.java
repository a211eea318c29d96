package dev.backprop.processor.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads generated sources as a reader would and lists where their names break the promise that
 * {@code dq} is the adjoint of {@code q}: a name with an invented {@code _} suffix; a variable
 * {@code dq} the backward sweep declares next to no {@code q}; a {@code dq} given a value under a
 * comment ({@code // f = ...}) that does not mention {@code q} (so the gradient it receives is not
 * {@code q}'s).
 */
public final class AdjointNames {

  private static final Pattern METHOD =
      Pattern.compile("\n    public static \\w+ (\\w+)\\(([^)]*)\\) \\{\n");
  private static final Pattern DECLARED = Pattern.compile(
      "(?:^|[(;]\\s*)(?:double|int|long|boolean|double\\[\\]|double\\[\\]\\[\\]|int\\[\\]|Tape)"
          + "\\s+(\\w+)\\s*[=;]");
  private static final Pattern WRITE =
      Pattern.compile("^\\s*(?:double\\s+)?(d\\w+)((?:\\[[^\\]]*\\])*)\\s*([-+*/]?=)\\s*(.*);$");

  private AdjointNames() {}

  /** Every problem in {@code source} (a generated class), one per line; empty if none. */
  public static List<String> problems(String source) {
    List<String> problems = new ArrayList<>();
    Matcher m = METHOD.matcher(source);
    while (m.find()) {
      String method = m.group(1);
      String body = body(source, m.end());
      Set<String> declared = new LinkedHashSet<>();
      Set<String> declaredBackward = new LinkedHashSet<>();
      for (String parameter : m.group(2).split(",")) {
        String[] parts = parameter.trim().split("\\s+");
        declared.add(parts[parts.length - 1]);
      }
      boolean inBackward = false;
      for (String line : body.split("\n")) {
        inBackward |= line.trim().isEmpty();
        Matcher d = DECLARED.matcher(line.trim());
        while (d.find()) {
          declared.add(d.group(1));
          if (inBackward) {
            declaredBackward.add(d.group(1));
          }
        }
      }
      for (String name : declared) {
        if (name.endsWith("_")) {
          problems.add(method + ": invented name " + name);
        }
      }
      for (String name : declaredBackward) {
        // (a user's own dist or dx in the forward sweep is the user's business; and a pullback
        // leaves out what only the value needs, so may hold dq without q)
        if (isAdjointName(name) && !name.endsWith("_") && !declared.contains(name.substring(1))
            && !isElementSum(name, declared) && !method.endsWith("Pullback")) {
          problems.add(method + ": " + name + " but no " + name.substring(1));
        }
      }
      String comment = "";
      boolean backward = false;
      for (String line : body.split("\n")) {
        String text = line.trim();
        if (text.isEmpty()) {
          backward = true; // the backward sweep follows the blank line
        } else if (text.startsWith("//")) {
          comment = text;
        } else if (backward) {
          Matcher w = WRITE.matcher(text);
          if (w.matches() && declared.contains(w.group(1).substring(1))
              && !isStart(w.group(4)) && !Pattern.compile("\\b" + w.group(1).substring(1) + "\\b")
                  .matcher(comment).find()) {
            problems.add(method + ": " + w.group(1) + " written under '" + comment + "'");
          }
        }
      }
    }
    return problems;
  }

  /** {@code d} and a name, but not a word of its own such as {@code diff}. */
  private static boolean isAdjointName(String name) {
    return name.matches("d[A-Za-z]\\w*") && !name.matches("diff\\d*");
  }

  /** {@code dw0}: the sum a loop adds into {@code dw[0]}, kept in a local while it runs. */
  private static boolean isElementSum(String name, Set<String> declared) {
    Matcher m = Pattern.compile("d(\\w*?)(\\d+)").matcher(name);
    return m.matches() && declared.contains(m.group(1));
  }

  /** A value an adjoint starts from: zero, the seed, or 1. */
  private static boolean isStart(String value) {
    return value.equals("0") || value.equals("1") || value.equals("seed");
  }

  private static String body(String source, int start) {
    int depth = 1;
    int i = start;
    while (depth > 0) {
      char c = source.charAt(i++);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    }
    return source.substring(start, i - 1);
  }
}
