package io.heformer.nn.model;

import java.util.Random;
import java.util.Set;

/**
 * Initial parameter values, reproducible from a seed.
 *
 * <ul>
 *   <li>Dense weights, embeddings, head and MLM decoder: N(0, 0.02^2) (BERT's; the paper's head is
 *       N(0, 0.02^2) too, §6).
 *   <li>Biases and LayerNorm beta: 0; LayerNorm gamma: 1.
 *   <li>LoRA A (in, r): Kaiming-uniform with a = sqrt 5 over fan-in {@code in}, i.e. U(-1/sqrt in,
 *       1/sqrt in); LoRA B: 0, so an adapted model starts equal to the base model (paper §6).
 * </ul>
 */
public final class Initializer {

  /** Standard deviation of dense weights. */
  public static final double STD = 0.02;

  private Initializer() {}

  /** Initialises every tensor of {@code p} whose group is in {@code groups}. */
  public static void initialize(ParameterSet p, Set<ParameterGroup> groups, long seed) {
    for (ParameterLayout.Entry e : p.layout().entries()) {
      // One generator per tensor, derived from the seed and the name, so that adding a tensor
      // does not change the others' values.
      Random r = new Random(seed * 31 + e.name().hashCode());
      if (!groups.contains(e.group())) {
        continue;
      }
      double[] d = p.data();
      String n = e.name();
      int from = e.offset();
      int to = from + e.size();
      if (n.endsWith(".gamma")) {
        java.util.Arrays.fill(d, from, to, 1.0);
      } else if (n.endsWith(".beta") || n.endsWith(".bias")
          || n.endsWith(ParameterLayout.LORA_B)) {
        java.util.Arrays.fill(d, from, to, 0.0);
      } else if (n.endsWith(ParameterLayout.LORA_A)) {
        double bound = 1.0 / Math.sqrt(e.rows());
        for (int i = from; i < to; i++) {
          d[i] = (2 * r.nextDouble() - 1) * bound;
        }
      } else {
        for (int i = from; i < to; i++) {
          d[i] = STD * r.nextGaussian();
        }
      }
    }
  }
}
