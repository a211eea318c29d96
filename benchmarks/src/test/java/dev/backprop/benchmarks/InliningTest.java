package dev.backprop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated gradients of the article's circuits stay small enough for the JIT to inline them
 * into a training loop: a hot method is inlined only below {@code -XX:FreqInlineSize} (325 bytes
 * of bytecode by default), and a gradient that is not inlined costs a call and the loss of
 * everything the JIT could have done across it.
 */
class InliningTest {

  /** HotSpot's default {@code FreqInlineSize}. */
  private static final int FREQ_INLINE_SIZE = 325;

  @Test
  void articleCircuitsFitTheInliningBudget() {
    assertInlinable(NeuronGrad.class, "neuron");
    assertInlinable(NeuronGrad.class, "neuronPullback");
    assertInlinable(TwoLayerNetGrad.class, "score");
    assertInlinable(TwoLayerNetGrad.class, "scorePullback");
  }

  private static void assertInlinable(Class<?> type, String method) {
    int size = bytecodeSize(type, method);
    assertTrue(size <= FREQ_INLINE_SIZE,
        type.getSimpleName() + "." + method + " has " + size + " bytes of bytecode");
  }

  /** The length of {@code method}'s code, from {@code javap -c}: its last instruction's offset + 1. */
  static int bytecodeSize(Class<?> type, String method) {
    StringWriter out = new StringWriter();
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    String classPath = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-cp", classPath, type.getName());
    String text = out.toString();
    Matcher start = Pattern.compile("\\s" + method + "\\(").matcher(text);
    assertTrue(start.find(), "no " + method + " in\n" + text);
    int end = text.indexOf("\n\n", start.end());
    String code = text.substring(start.end(), end < 0 ? text.length() : end);
    Matcher last = Pattern.compile("\\n\\s+(\\d+): [a-z]*return").matcher(code);
    int size = -1;
    while (last.find()) {
      size = Integer.parseInt(last.group(1)) + 1;
    }
    assertTrue(size > 0, "no return in\n" + code);
    return size;
  }
}
