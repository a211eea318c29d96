package dev.backprop.examples;

/**
 * Several parameter arrays laid end to end in one flat point, the form {@code GradientCheck}
 * takes: {@code concat} packs them, {@code split} unpacks a point (or a gradient) again.
 */
final class Packed {

  private Packed() {}

  /** The arrays' entries, one after the other. */
  static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] flat = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, flat, at, p.length);
      at += p.length;
    }
    return flat;
  }

  /** Copies of consecutive pieces of {@code flat} of the given lengths (which must add up). */
  static double[][] split(double[] flat, int... lengths) {
    double[][] parts = new double[lengths.length][];
    int at = 0;
    for (int k = 0; k < lengths.length; k++) {
      parts[k] = new double[lengths[k]];
      System.arraycopy(flat, at, parts[k], 0, lengths[k]);
      at += lengths[k];
    }
    if (at != flat.length) {
      throw new IllegalArgumentException("lengths add up to " + at + ", not " + flat.length);
    }
    return parts;
  }

  /** Writes {@code parts}, end to end, into {@code flat}; their lengths must add up. */
  static void into(double[] flat, double[]... parts) {
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, flat, at, p.length);
      at += p.length;
    }
    if (at != flat.length) {
      throw new IllegalArgumentException("lengths add up to " + at + ", not " + flat.length);
    }
  }

  /** {@code n} names {@code prefix[0] .. prefix[n-1]}. */
  static String[] names(String prefix, int n) {
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = prefix + "[" + i + "]";
    }
    return names;
  }

  /** The names of several arrays, end to end. */
  static String[] names(String[]... groups) {
    int n = 0;
    for (String[] g : groups) {
      n += g.length;
    }
    String[] all = new String[n];
    int at = 0;
    for (String[] g : groups) {
      System.arraycopy(g, 0, all, at, g.length);
      at += g.length;
    }
    return all;
  }
}
