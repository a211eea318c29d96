package dev.backprop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Report} on {@code sample-jmh-result.json}: JMH 1.37's JSON as the benchmarks jar writes
 * it, trimmed to a few benchmarks, with made-up round scores (they are no measurement). One
 * benchmark has no {@code -prof gc} metrics, and one is of a workload and contender the report
 * does not know, measured as throughput.
 */
class ReportTest {

  private static String json;

  @BeforeAll
  static void readSample() throws IOException {
    try (InputStream in = ReportTest.class.getResourceAsStream("/sample-jmh-result.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void timeTableHasAColumnPerWorkloadAndARowPerContender() {
    List<String> lines = Report.read(json).markdown().lines().toList();
    assertTrue(lines.get(0).startsWith("JMH 1.37 on OpenJDK"), lines.get(0));
    assertTrue(lines.get(0).endsWith(
        "2 fork(s), 5 warm-up iteration(s) of 1 s, 5 measured of 1 s."), lines.get(0));
    assertTrue(lines.contains(
        "| contender | sigmoid neuron (5) | 2-layer ReLU net (13) | Loop |"), lines.toString());
    assertTrue(lines.contains("| generated (plain) | 10.0 ± 0.5 | 6.0 ± 0.2 |  |"));
    assertTrue(lines.contains("| hand-written (ninja) | 8.0 ± 0.4 |  |  |"));
    assertTrue(lines.contains("| Hipparchus Gradient |  | 1800.0 ± 90.0 |  |"));
    // 0.05 ops/ns is 20 ns/op; one iteration, so no error
    assertTrue(lines.contains("| tape |  |  | 20.0 |"), lines.toString());
  }

  @Test
  void ratiosAreOfNanosecondsPerCall() {
    List<String> lines = Report.read(json).markdown().lines().toList();
    assertTrue(lines.contains("| generated / hand-written | 1.25 |  |  |"), lines.toString());
    assertTrue(lines.contains("| gradient / function (generated / function) | 2.00 |  |  |"));
    assertTrue(lines.contains("| object autograd / generated | 40.00 |  |  |"));
    assertTrue(lines.contains("| Hipparchus / generated |  | 300.00 |  |"));
  }

  @Test
  void allocationTableReadsGcAllocRateNorm() {
    List<String> lines = Report.read(json).markdown().lines().toList();
    assertTrue(lines.contains("Allocation, gc.alloc.rate.norm in B/op (`-prof gc`):"));
    assertTrue(lines.contains("| generated (plain) | 0.0 |  |  |"), lines.toString());
    assertTrue(lines.contains("| object autograd (micrograd) | 1200.0 |  |  |"));
    assertTrue(lines.contains("| Hipparchus Gradient |  | 4200.0 |  |"));
  }

  @Test
  void writesTheTableAndAPng(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("jmh-result.json");
    Files.writeString(input, json, StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    Report.write(input, out);
    assertEquals(Report.read(json).markdown(),
        Files.readString(out.resolve("results.md"), StandardCharsets.UTF_8));
    byte[] png = Files.readAllBytes(out.resolve("results.png"));
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G'};
    assertArrayEquals(magic, Arrays.copyOf(png, 4));
  }
}
