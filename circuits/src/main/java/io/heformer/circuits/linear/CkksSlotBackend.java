package io.heformer.circuits.linear;

import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.Encoder;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.PeriodicEncoding;
import io.heformer.ckks.Plaintext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The CKKS backend: {@link SlotBackend} over ciphertexts of {@code slots} slots, holding only the
 * evaluator (public evaluation keys) and an encoder (server side). Masks are encoded at the
 * operand's level and at the scale of its top prime; short-period masks use
 * {@link PeriodicEncoding}; reusable masks are cached per level (weakly, by identity). Counting as in
 * {@link CostCounter}. Not thread-safe (the counter and the cache are unsynchronised).
 */
public final class CkksSlotBackend implements SlotBackend<Ciphertext> {
  private final Evaluator eval;
  private final Encoder encoder;
  private final CkksParameters params;
  private final int slots;
  private final CostCounter counter = new CostCounter();
  private final Map<SlotMask, Plaintext[]> cache = new WeakHashMap<>();
  private Ciphertext scratch;

  public CkksSlotBackend(Evaluator eval, Encoder encoder, int slots) {
    if (Integer.bitCount(slots) != 1 || slots > eval.params().n() / 2) {
      throw new IllegalArgumentException("slots must be a power of two up to N/2=" + eval.params().n() / 2 + ": " + slots);
    }
    this.eval = eval;
    this.encoder = encoder;
    this.params = eval.params();
    this.slots = slots;
  }

  public Evaluator evaluator() {
    return eval;
  }

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public CostCounter counter() {
    return counter;
  }

  @Override
  public int level(Ciphertext v) {
    return v.level();
  }

  @Override
  public double scale(Ciphertext v) {
    return v.scale();
  }

  @Override
  public Ciphertext add(Ciphertext a, Ciphertext b) {
    return eval.addNew(a, b);
  }

  @Override
  public Ciphertext sub(Ciphertext a, Ciphertext b) {
    return eval.subNew(a, b);
  }

  /** The mask encoded at a level and at the scale of q_level (cached if reusable). */
  Plaintext encode(SlotMask mask, int level) {
    if (slots % mask.period() != 0) {
      throw new IllegalArgumentException("mask period " + mask.period() + " does not divide " + slots + " slots");
    }
    if (mask.isReusable()) {
      Plaintext[] byLevel = cache.computeIfAbsent(mask, m -> new Plaintext[params.maxLevel() + 1]);
      if (byLevel[level] == null) {
        byLevel[level] = encodeNow(mask, level);
      }
      return byLevel[level];
    }
    return encodeNow(mask, level);
  }

  private Plaintext encodeNow(SlotMask mask, int level) {
    double scale = (double) params.q(level).q;
    if (mask.period() == slots) {
      return encoder.encode(mask.re(), mask.im(), level, scale, slots);
    }
    return PeriodicEncoding.encode(encoder, mask.re(), mask.im(), level, scale, slots);
  }

  @Override
  public Ciphertext mulPlain(Ciphertext x, SlotMask mask) {
    counter.ptMults++;
    return eval.mulPlainNew(x, encode(mask, x.level()));
  }

  @Override
  public Ciphertext mulPlainAccumulate(Ciphertext acc, Ciphertext x, SlotMask mask) {
    if (acc == null) {
      return mulPlain(x, mask);
    }
    counter.ptMults++;
    if (scratch == null) {
      scratch = eval.blankLike(x);
    }
    eval.mulPlain(x, encode(mask, x.level()), scratch);
    eval.add(acc, scratch, acc);
    return acc;
  }

  @Override
  public Ciphertext accumulate(Ciphertext acc, Ciphertext term) {
    if (acc == null) {
      return term;
    }
    eval.add(acc, term, acc);
    return acc;
  }

  @Override
  public Ciphertext mulConst(Ciphertext x, double c) {
    Ciphertext out = eval.blankLike(x);
    eval.mulConst(x, c, 0, (double) params.q(x.level()).q, out);
    return out;
  }

  @Override
  public Ciphertext mulByI(Ciphertext x) {
    Ciphertext out = eval.blankLike(x);
    eval.mulConst(x, 0, 1, 1.0, out);
    return out;
  }

  @Override
  public Ciphertext halve(Ciphertext x) {
    Ciphertext c = x.copy();
    c.setScale(x.scale() * 2);
    return c;
  }

  @Override
  public Ciphertext mul(Ciphertext a, Ciphertext b) {
    counter.ctMults++;
    return eval.mulNew(a, b);
  }

  @Override
  public Ciphertext relinearize(Ciphertext a) {
    if (a.degree() == 1) {
      return a;
    }
    counter.relinearizations++;
    Ciphertext out = eval.blankLike(a);
    eval.relinearize(a, out);
    return out;
  }

  @Override
  public Ciphertext rescale(Ciphertext a) {
    counter.rescales++;
    return eval.rescaleNew(a);
  }

  @Override
  public Ciphertext dropLevel(Ciphertext a, int level) {
    return level == a.level() ? a : eval.dropLevelNew(a, level);
  }

  @Override
  public Ciphertext rotate(Ciphertext x, int k) {
    int r = Math.floorMod(k, slots);
    if (r == 0) {
      return x;
    }
    counter.rotations++;
    return eval.rotateNew(x, r);
  }

  @Override
  public List<Ciphertext> rotateHoisted(Ciphertext x, int[] amounts) {
    int[] norm = new int[amounts.length];
    int nonZero = 0;
    for (int i = 0; i < amounts.length; i++) {
      norm[i] = Math.floorMod(amounts[i], slots);
      if (norm[i] != 0) {
        nonZero++;
      }
    }
    if (nonZero == 0) {
      List<Ciphertext> same = new ArrayList<>();
      for (int i = 0; i < amounts.length; i++) {
        same.add(x);
      }
      return same;
    }
    counter.rotations += nonZero;
    counter.hoistedDecompositions++;
    return Arrays.asList(eval.rotateHoisted(x, norm));
  }

  @Override
  public Ciphertext conjugate(Ciphertext x) {
    counter.conjugations++;
    return eval.conjugateNew(x);
  }
}
