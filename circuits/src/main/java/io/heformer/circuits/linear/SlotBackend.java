package io.heformer.circuits.linear;

import java.util.List;

/**
 * The slot-vector operations that matrix circuits are written against, once, for two
 * implementations: {@link CkksSlotBackend} (V = ciphertext) and {@link PlainSlotBackend} (V = double
 * slots with the same level, scale and rotation-key rules, no noise). Values are treated as
 * immutable: every operation returns a new value and leaves its inputs unchanged.
 *
 * <p>Scale rules (CKKS's): {@link #mulPlain} encodes the mask at the scale of the operand's top prime
 * q_level, so {@code rescale(mulPlain(x, m))} has x's scale at one level less; {@link #mul} multiplies
 * scales; additions require equal scales. Every operation counts itself in {@link #counter()}.
 *
 * @param <V> the vector type
 */
public interface SlotBackend<V> {
  /** Slots per vector. */
  int slots();

  /** The counter every operation increments. */
  CostCounter counter();

  int level(V v);

  double scale(V v);

  V add(V a, V b);

  V sub(V a, V b);

  /** x * mask (no rescale; the mask is encoded at scale q_level(x)). */
  V mulPlain(V x, SlotMask mask);

  /**
   * acc + x * mask, updating {@code acc} in place where the backend can: acc must be null or a value the
   * caller owns exclusively (returned by an earlier operation and not shared); use the returned value.
   */
  V mulPlainAccumulate(V acc, V x, SlotMask mask);

  /**
   * acc + term, in place where the backend can (same ownership rule for acc; term is not modified).
   * With acc null, returns term itself.
   */
  V accumulate(V acc, V term);

  /** x * c for a real constant c, encoded at scale q_level(x) (no rescale). */
  V mulConst(V x, double c);

  /** x * i exactly: no level, no scale change (multiplication by the monomial X^(N/2)). */
  V mulByI(V x);

  /** x / 2 exactly by doubling the recorded scale (no level). */
  V halve(V x);

  /** The tensor product (degree 2, scales multiply); relinearise before rotating. */
  V mul(V a, V b);

  /** Degree 2 back to degree 1 (one key switch). */
  V relinearize(V a);

  /** Divide by the top prime and drop it (one level). */
  V rescale(V a);

  /** Drop primes down to {@code level} without changing the value or the scale. */
  V dropLevel(V a, int level);

  /** Left rotation by k slots (slot s receives slot s + k); k = 0 mod slots returns x. */
  V rotate(V x, int k);

  /** Rotations of one vector by several amounts sharing one decomposition (hoisting). */
  List<V> rotateHoisted(V x, int[] amounts);

  /** Complex conjugation of every slot. */
  V conjugate(V x);
}
